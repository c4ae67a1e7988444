// RegistryStore's default implementations.
#include "openceir/store/registry_store.h"

#include <fmt/format.h>

namespace openceir::store {

Result<std::vector<std::size_t>> ColumnIndexes(const ListSchema& schema,
                                               std::span<const std::string_view> columns) {
  std::vector<std::size_t> indexes;
  for (std::string_view column : columns) {
    std::size_t i = 0;
    while (i < schema.columns.size() && schema.columns[i] != column) ++i;
    if (i == schema.columns.size()) {
      return InvalidInputError(fmt::format("list {} has no column '{}'", schema.name, column));
    }
    indexes.push_back(i);
  }
  return indexes;
}

Status RegistryStore::ScanCurrentListColumns(ListKind kind,
                                             std::span<const std::string_view> columns,
                                             const ListRowVisitor& visit) {
  OPENCEIR_ASSIGN_OR_RETURN(std::vector<std::size_t> indexes,
                            ColumnIndexes(SchemaOf(kind), columns));
  ListRow projected(indexes.size());
  return ScanCurrentList(kind, [&](const ListRow& row) {
    for (std::size_t i = 0; i < indexes.size(); ++i) {
      projected[i] = indexes[i] < row.size() ? row[indexes[i]] : std::string();
    }
    return visit(projected);
  });
}

}  // namespace openceir::store
