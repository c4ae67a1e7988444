// What every store backend does with the rows of a list commit before writing them: check them,
// sort them by key, and name a key in messages.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "openceir/base/status.h"
#include "openceir/store/list_schema.h"
#include "openceir/store/registry_store.h"

namespace openceir::store {

// The key values of `row`, comma-joined ("350000000000001,20260101"), for messages.
std::string ListKeyText(const ListSchema& schema, const ListRow& row);

// kInvalidInput when a commit's changes cannot apply to the list whatever it holds: an added or
// updated row without every column, a removed row without its key (or with too many values),
// updates to a list that has none. Names the first such row.
Status CheckListChanges(const ListSchema& schema, const ListChanges& changes);

// Pointers to `rows` in key order, byte-wise (SQLite's BINARY collation, PostgreSQL's "C"), equal
// keys in their given order. Writing in key order appends to key indexes instead of inserting at
// random places in them, which makes a large commit several times faster.
std::vector<const ListRow*> SortedByListKey(const ListSchema& schema,
                                            const std::vector<ListRow>& rows);

}  // namespace openceir::store
