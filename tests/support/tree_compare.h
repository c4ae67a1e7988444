// Comparing two folders file by file, byte for byte: the parity tests require the same lists,
// reports and dumps from every store backend.
#pragma once

#include <set>
#include <string>
#include <vector>

namespace openceir::testing {

// The differences between the trees under `left` and `right`: files only on one side, and
// files whose bytes differ (with the first differing offset). Paths in `ignore` (relative,
// e.g. "dump/manifest.json") are not compared. Empty when the trees are identical.
std::vector<std::string> CompareTrees(const std::string& left, const std::string& right,
                                      const std::set<std::string>& ignore = {});

// The relative paths of every regular file under `root`, sorted.
std::vector<std::string> FilesUnder(const std::string& root);

}  // namespace openceir::testing
