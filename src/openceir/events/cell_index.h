// CellIndex: the cell table in memory for the events import: cell key -> position, range and
// canonical cell_id. A national table (hundreds of thousands of cells) takes tens of MB.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#include "openceir/base/status.h"
#include "openceir/events/cell_id.h"
#include "openceir/store/observation_store.h"

namespace openceir::events {

struct CellInfo {
  double lat = 0;
  double lon = 0;
  double range_km = 0;
  std::string cell_id;
};

class CellIndex {
 public:
  // Every cell of the store. Errors: the store's; kInvalidInput for a stored cell_id that is
  // not MCC-MNC-LAC-CI (the cells import never writes one).
  static Result<CellIndex> Load(store::ObservationStore& observations);

  // Adds or replaces one cell (for tests and Load).
  void Put(const CellKey& key, CellInfo info);

  // Index of the cell, or nullopt.
  std::optional<std::uint32_t> Find(const CellKey& key) const {
    auto it = index_.find(key);
    if (it == index_.end()) return std::nullopt;
    return it->second;
  }
  const CellInfo& at(std::uint32_t index) const { return cells_[index]; }
  std::size_t size() const { return cells_.size(); }

 private:
  std::unordered_map<CellKey, std::uint32_t, CellKeyHash> index_;
  std::vector<CellInfo> cells_;
};

}  // namespace openceir::events
