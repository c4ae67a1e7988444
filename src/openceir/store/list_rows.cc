// Row checks and key order shared by the registry store backends.
#include "openceir/store/list_rows.h"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <algorithm>

namespace openceir::store {

namespace {

Status CheckListRowSizes(const ListSchema& schema, const std::vector<ListRow>& rows,
                         std::string_view what, std::size_t min_size, std::size_t max_size) {
  for (std::size_t i = 0; i < rows.size(); ++i) {
    if (rows[i].size() < min_size || rows[i].size() > max_size) {
      return InvalidInputError(fmt::format(
          "list {}: {} row {} has {} values, expected {}", schema.name, what, i, rows[i].size(),
          min_size == max_size ? fmt::format("{}", min_size)
                               : fmt::format("{} to {}", min_size, max_size)));
    }
  }
  return Status::Ok();
}

}  // namespace

std::string ListKeyText(const ListSchema& schema, const ListRow& row) {
  const std::size_t key_size = std::min(schema.key_size, row.size());
  return fmt::format(
      "{}", fmt::join(row.begin(), row.begin() + static_cast<std::ptrdiff_t>(key_size), ","));
}

Status CheckListChanges(const ListSchema& schema, const ListChanges& changes) {
  const std::size_t columns = schema.columns.size();
  OPENCEIR_RETURN_IF_ERROR(CheckListRowSizes(schema, changes.added, "added", columns, columns));
  OPENCEIR_RETURN_IF_ERROR(CheckListRowSizes(schema, changes.updated, "updated", columns, columns));
  OPENCEIR_RETURN_IF_ERROR(
      CheckListRowSizes(schema, changes.removed, "removed", schema.key_size, columns));
  if (!changes.updated.empty() && !schema.supports_update) {
    return InvalidInputError(fmt::format("list {} does not support updates", schema.name));
  }
  return Status::Ok();
}

std::vector<const ListRow*> SortedByListKey(const ListSchema& schema,
                                            const std::vector<ListRow>& rows) {
  std::vector<const ListRow*> sorted;
  sorted.reserve(rows.size());
  for (const ListRow& row : rows) sorted.push_back(&row);
  auto key_less = [key_size = schema.key_size](const ListRow* a, const ListRow* b) {
    for (std::size_t i = 0; i < key_size; ++i) {
      const int order = (*a)[i].compare((*b)[i]);  // byte-wise
      if (order != 0) return order < 0;
    }
    return false;
  };
  if (!std::is_sorted(sorted.begin(), sorted.end(), key_less)) {
    std::stable_sort(sorted.begin(), sorted.end(), key_less);
  }
  return sorted;
}

}  // namespace openceir::store
