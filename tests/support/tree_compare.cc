#include "tests/support/tree_compare.h"

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <iterator>

#include "tests/support/run_process.h"

namespace openceir::testing {

std::vector<std::string> FilesUnder(const std::string& root) {
  namespace fs = std::filesystem;
  std::vector<std::string> files;
  std::error_code ec;
  for (auto it = fs::recursive_directory_iterator(root, ec); !ec && it != fs::end(it);
       it.increment(ec)) {
    if (it->is_regular_file()) files.push_back(fs::relative(it->path(), root).string());
  }
  std::sort(files.begin(), files.end());
  return files;
}

std::vector<std::string> CompareTrees(const std::string& left, const std::string& right,
                                      const std::set<std::string>& ignore) {
  std::vector<std::string> differences;
  std::vector<std::string> left_files = FilesUnder(left);
  std::vector<std::string> right_files = FilesUnder(right);
  std::vector<std::string> only_left;
  std::vector<std::string> only_right;
  std::set_difference(left_files.begin(), left_files.end(), right_files.begin(), right_files.end(),
                      std::back_inserter(only_left));
  std::set_difference(right_files.begin(), right_files.end(), left_files.begin(), left_files.end(),
                      std::back_inserter(only_right));
  for (const std::string& file : only_left) differences.push_back("only in " + left + ": " + file);
  for (const std::string& file : only_right) {
    differences.push_back("only in " + right + ": " + file);
  }
  for (const std::string& file : left_files) {
    if (ignore.count(file) > 0 ||
        !std::binary_search(right_files.begin(), right_files.end(), file)) {
      continue;
    }
    std::string a = ReadFile(left + "/" + file);
    std::string b = ReadFile(right + "/" + file);
    if (a == b) continue;
    auto mismatch = std::mismatch(a.begin(), a.end(), b.begin(), b.end());
    std::size_t at = static_cast<std::size_t>(mismatch.first - a.begin());
    std::size_t from = at > 40 ? at - 40 : 0;
    differences.push_back(file + ": differs at byte " + std::to_string(at) + " (sizes " +
                          std::to_string(a.size()) + " and " + std::to_string(b.size()) + "): ..." +
                          a.substr(from, 80) + "... vs ..." + b.substr(from, 80) + "...");
  }
  return differences;
}

}  // namespace openceir::testing
