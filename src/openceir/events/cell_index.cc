#include "openceir/events/cell_index.h"

#include <fmt/format.h>

namespace openceir::events {

Result<CellIndex> CellIndex::Load(store::ObservationStore& observations) {
  CellIndex index;
  OPENCEIR_ASSIGN_OR_RETURN(std::int64_t count, observations.CountCells());
  index.cells_.reserve(static_cast<std::size_t>(count));
  index.index_.reserve(static_cast<std::size_t>(count));
  OPENCEIR_RETURN_IF_ERROR(observations.ScanCells([&](const store::Cell& cell) -> Status {
    std::optional<CellKey> key = ParseCellId(cell.cell_id);
    if (!key) {
      return InvalidInputError(
          fmt::format("the store holds a cell with a bad cell_id '{}'", cell.cell_id));
    }
    index.Put(*key, CellInfo{cell.lat, cell.lon, cell.range_m / 1000.0, cell.cell_id});
    return Status::Ok();
  }));
  return index;
}

void CellIndex::Put(const CellKey& key, CellInfo info) {
  auto [it, inserted] = index_.emplace(key, static_cast<std::uint32_t>(cells_.size()));
  if (inserted) {
    cells_.push_back(std::move(info));
  } else {
    cells_[it->second] = std::move(info);
  }
}

}  // namespace openceir::events
