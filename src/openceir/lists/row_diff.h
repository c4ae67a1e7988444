// Comparing two sorted row files by key: what a delta list is made of.
#pragma once

#include <functional>
#include <string>
#include <vector>

#include "openceir/base/status.h"

namespace openceir::lists {

using RowCallback = std::function<Status(const std::vector<std::string>& row)>;

// Merges `old_path` and `new_path` (both sorted by their first `key_size` fields, keys unique)
// and calls `added` for a key only in the new file, `removed` (with the old row) for a key only
// in the old one, and `changed` (with the new row) for a key in both whose other fields differ.
// An empty old path stands for an empty file. Callbacks come in key order. Errors: IoError, or
// the first non-OK status a callback returns.
Status DiffRowFiles(const std::string& old_path, const std::string& new_path, std::size_t key_size,
                    const RowCallback& added, const RowCallback& removed,
                    const RowCallback& changed);

}  // namespace openceir::lists
