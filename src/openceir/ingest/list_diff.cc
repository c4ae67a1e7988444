// CollapseDuplicateKeys and DiffAgainstCurrent.
#include "openceir/ingest/list_diff.h"

#include <fmt/format.h>

#include <optional>

namespace openceir::ingest {
namespace {

int CompareKeys(const store::ListRow& a, const store::ListRow& b, std::size_t key_size) {
  for (std::size_t c = 0; c < key_size; ++c) {
    int r = a[c].compare(b[c]);
    if (r != 0) return r;
  }
  return 0;
}

std::string RowKeyText(const store::ListRow& row, std::size_t key_size) {
  std::string text;
  for (std::size_t c = 0; c < key_size && c < row.size(); ++c) {
    if (c > 0) text.push_back('/');
    text += row[c];
  }
  return text;
}

// Applies one file row that has no current row with its key.
void FileRowOnly(const StagedRows& rows, std::size_t i, bool delta, ListDiff* diff,
                 ErrorSink* errors) {
  ChangeType change = rows.change(i);
  if (!delta || change == ChangeType::kAdd) {
    diff->changes.added.push_back(rows.Row(i));
    ++diff->added;
    return;
  }
  bool remove = change == ChangeType::kRemove;
  errors->Add(rows.line(i), 0, "", remove ? "delta_remove_missing" : "delta_update_missing",
              fmt::format("{} of key {}, which is not on the list", remove ? "remove" : "update",
                          rows.KeyText(i)));
}

// Applies one file row whose key has the current row `current`.
void BothRows(const StagedRows& rows, std::size_t i, const store::ListRow& current, bool delta,
              ListDiff* diff, ErrorSink* errors) {
  ChangeType change = rows.change(i);
  if (delta && change == ChangeType::kAdd) {
    errors->Add(rows.line(i), 0, "", "delta_add_existing",
                fmt::format("add of key {}, which is already on the list", rows.KeyText(i)));
    return;
  }
  if (delta && change == ChangeType::kRemove) {
    diff->changes.removed.push_back(current);
    ++diff->removed;
    return;
  }
  if (rows.SameValuesAs(i, current)) {
    ++diff->unchanged;
  } else {
    diff->changes.updated.push_back(rows.Row(i));
    ++diff->changed;
  }
}

}  // namespace

std::vector<std::size_t> CollapseDuplicateKeys(const StagedRows& rows, bool delta,
                                               ErrorSink* errors, std::int64_t* collapsed) {
  std::vector<std::size_t> unique;
  unique.reserve(rows.size());
  std::size_t first = 0;
  for (std::size_t i = 0; i < rows.size(); ++i) {
    if (!unique.empty() && rows.CompareKey(first, i) == 0) {
      if (rows.SameRow(first, i)) {
        ++*collapsed;
      } else if (delta) {
        errors->Add(rows.line(i), 0, "", "delta_repeated_key",
                    fmt::format("key {} is changed twice in one file (lines {} and {})",
                                rows.KeyText(i), rows.line(first), rows.line(i)));
      } else {
        errors->Add(rows.line(i), 0, "", "duplicate_key_conflict",
                    fmt::format("key {} has different values on lines {} and {}", rows.KeyText(i),
                                rows.line(first), rows.line(i)));
      }
      continue;
    }
    first = i;
    unique.push_back(i);
  }
  return unique;
}

Result<ListDiff> DiffAgainstCurrent(store::RegistryStore& store, store::ListKind kind,
                                    const StagedRows& rows, const std::vector<std::size_t>& unique,
                                    bool delta, ErrorSink* errors) {
  const std::size_t key_size = rows.key_size();
  ListDiff diff;
  std::size_t next = 0;  // index into `unique`
  std::optional<store::ListRow> previous;
  Status scanned = store.ScanCurrentList(kind, [&](const store::ListRow& current) -> Status {
    if (current.size() != rows.column_count()) {
      return InternalError(fmt::format("store returned a {}-column row for a {}-column list",
                                       current.size(), rows.column_count()));
    }
    if (previous && CompareKeys(*previous, current, key_size) >= 0) {
      return InternalError(fmt::format(
          "store scan of list {} is not in key order: {} came after {}", store::SchemaOf(kind).name,
          RowKeyText(current, key_size), RowKeyText(*previous, key_size)));
    }
    ++diff.current_count;
    while (next < unique.size() && rows.CompareKeyWith(unique[next], current) < 0) {
      FileRowOnly(rows, unique[next++], delta, &diff, errors);
    }
    if (next < unique.size() && rows.CompareKeyWith(unique[next], current) == 0) {
      BothRows(rows, unique[next++], current, delta, &diff, errors);
    } else if (delta) {
      ++diff.unchanged;
    } else {
      diff.changes.removed.push_back(current);
      ++diff.removed;
    }
    if (!previous) previous.emplace(key_size);
    for (std::size_t c = 0; c < key_size; ++c) (*previous)[c] = current[c];  // reuses capacity
    return Status::Ok();
  });
  OPENCEIR_RETURN_IF_ERROR(scanned);
  while (next < unique.size()) FileRowOnly(rows, unique[next++], delta, &diff, errors);
  return diff;
}

}  // namespace openceir::ingest
