// What every store backend does with the rows of a list commit before writing them: check their
// value counts, sort them by key, and name a key in messages.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "openceir/base/status.h"
#include "openceir/store/list_schema.h"

namespace openceir::store {

// The key values of `row`, comma-joined ("350000000000001,20260101"), for messages.
std::string ListKeyText(const ListSchema& schema, const ListRow& row);

// kInvalidInput naming the first of `rows` (`what`: "added", "removed", ...) whose value count
// is outside [min_size, max_size].
Status CheckListRowSizes(const ListSchema& schema, const std::vector<ListRow>& rows,
                         std::string_view what, std::size_t min_size, std::size_t max_size);

// Pointers to `rows` in key order, byte-wise (SQLite's BINARY collation, PostgreSQL's "C"), equal
// keys in their given order. Writing in key order appends to key indexes instead of inserting at
// random places in them, which makes a large commit several times faster.
std::vector<const ListRow*> SortedByListKey(const ListSchema& schema,
                                            const std::vector<ListRow>& rows);

}  // namespace openceir::store
