// Whole-file rules and the change an import makes: duplicate keys in one file (collapsed when
// identical, an error when they conflict), the delta rules against the current list, and the
// full-mode difference between the file and the current list (computed by merging the sorted
// file with the store's key-ordered scan, so neither side is held twice in memory).
#pragma once

#include <cstdint>
#include <vector>

#include "openceir/base/status.h"
#include "openceir/ingest/error_sink.h"
#include "openceir/ingest/staged_rows.h"
#include "openceir/store/registry_store.h"

namespace openceir::ingest {

// Requires `rows` sorted by key (StagedRows::SortByKey). Returns the indices of the rows that
// stand for their key: the first of each run of equal keys. Rows identical to that first one
// are dropped and counted in *collapsed; rows with other values (or, in delta mode, another
// change) are errors: duplicate_key_conflict (full mode) or delta_repeated_key (delta mode),
// naming both lines.
std::vector<std::size_t> CollapseDuplicateKeys(const StagedRows& rows, bool delta,
                                               ErrorSink* errors, std::int64_t* collapsed);

struct ListDiff {
  store::ListChanges changes;
  std::int64_t added = 0;
  std::int64_t removed = 0;
  std::int64_t changed = 0;
  std::int64_t unchanged = 0;      // current rows left as they were
  std::int64_t current_count = 0;  // rows on the list before the import
};

// Merges the rows `unique` (from CollapseDuplicateKeys, in key order) with the current list of
// `kind`. Full mode: keys only in the file are added, only in the list removed, in both with
// other values updated. Delta mode: applies each row's change, adding delta_add_existing,
// delta_remove_missing and delta_update_missing errors to `errors`; an update that changes
// nothing counts as unchanged. Errors: the store's scan status; Internal when the store does
// not scan in key order.
Result<ListDiff> DiffAgainstCurrent(store::RegistryStore& store, store::ListKind kind,
                                    const StagedRows& rows, const std::vector<std::size_t>& unique,
                                    bool delta, ErrorSink* errors);

}  // namespace openceir::ingest
