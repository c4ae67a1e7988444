// The reference lists the registry keeps, and the columns each stores.
//
// Every list is stored with the same shape: the key columns first, then the value columns,
// all as normalised text (empty string = no value). The schema is static data shared by the
// importers and every store backend, so both agree on column order without talking.
#pragma once

#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace openceir::store {

enum class ListKind {
  kGsmaTac,
  kStolen,
  kRegistration,
  kPairing,
  kGolden,
  kBarred,
  kBarredTac,
  kSubscribers,
  kAssociation,
  kMonitoring,
};

struct ListSchema {
  ListKind kind;
  std::string_view name;   // CLI and job name: "gsma-tac", "stolen", "barred-tac", ...
  std::string_view table;  // SQL table name: "gsma_tac", "stolen_list", ...
  // Stored column names in order; the first `key_size` form the key (unique among current rows).
  std::span<const std::string_view> columns;
  std::size_t key_size;
  // True when the list supports `update` in delta mode (stolen and registration lists).
  bool supports_update;
};

// Every list, in a fixed order.
std::span<const ListSchema> AllListSchemas();
const ListSchema& SchemaOf(ListKind kind);
// Looks a list up by its CLI name ("gsma-tac"); nullopt when there is none.
std::optional<ListKind> ListKindFromName(std::string_view name);

// One stored row: values in ListSchema::columns order. Empty string = no value.
using ListRow = std::vector<std::string>;

}  // namespace openceir::store
