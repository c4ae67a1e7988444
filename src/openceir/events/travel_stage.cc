#include "openceir/events/travel_stage.h"

#include <algorithm>
#include <unordered_map>

#include "openceir/identifiers/imei.h"
#include "openceir/observe/triplet_aggregator.h"

namespace openceir::events {
namespace {

// IMEIs whose state is read from the store in one call.
constexpr std::size_t kImeisPerChunk = 8192;
// TravelFix::ref flag for a remembered (stored) point; the rest is its index in the state.
constexpr std::uint32_t kStateRef = 0x80000000U;

}  // namespace

std::string TravelStage::ImeiNorm(std::uint64_t key) const {
  if (key & kInternedImei) return (*interned_)[static_cast<std::size_t>(key & ~kInternedImei)];
  return identifiers::UnpackImei(key);
}

store::TravelPoint TravelStage::PointOf(const TravelRecord& record) const {
  const CellInfo& cell = cells_->at(record.cell);
  store::TravelPoint point;
  point.time = record.time;
  point.imsi = observe::UnpackSubscriberId(record.subscriber);
  point.operator_id = operator_id_;
  point.cell_id = cell.cell_id;
  point.lat = cell.lat;
  point.lon = cell.lon;
  return point;
}

Status TravelStage::ProcessPartition(std::span<const TravelRecord> records) {
  std::size_t start = 0;
  while (start < records.size()) {
    // Whole IMEIs, about kImeisPerChunk of them.
    std::size_t end = start;
    std::size_t imeis = 0;
    while (end < records.size() && imeis < kImeisPerChunk) {
      std::uint64_t key = records[end].imei_key;
      while (end < records.size() && records[end].imei_key == key) ++end;
      ++imeis;
    }
    OPENCEIR_RETURN_IF_ERROR(ProcessChunk(records.subspan(start, end - start)));
    start = end;
  }
  return Status::Ok();
}

Status TravelStage::ProcessChunk(std::span<const TravelRecord> records) {
  imei_norms_.clear();
  for (std::size_t i = 0; i < records.size(); ++i) {
    if (i == 0 || records[i].imei_key != records[i - 1].imei_key) {
      imei_norms_.push_back(ImeiNorm(records[i].imei_key));
    }
  }
  std::unordered_map<std::string, store::TravelState> remembered;
  remembered.reserve(imei_norms_.size());
  OPENCEIR_RETURN_IF_ERROR(
      observations_->GetTravelState(imei_norms_, [&](const store::TravelState& state) -> Status {
        remembered[state.imei_norm] = state;
        return Status::Ok();
      }));

  states_.clear();
  evidence_rows_.clear();
  std::size_t imei_index = 0;
  std::size_t start = 0;
  while (start < records.size()) {
    std::size_t end = start;
    while (end < records.size() && records[end].imei_key == records[start].imei_key) ++end;
    const std::string& imei_norm = imei_norms_[imei_index++];

    // The remembered points, as fixes (ranges from today's cell table when the cell is known).
    static const store::TravelState kNone;
    auto found = remembered.find(imei_norm);
    const store::TravelState& before = found == remembered.end() ? kNone : found->second;
    state_fixes_.clear();
    for (std::size_t i = 0; i < before.points.size(); ++i) {
      const store::TravelPoint& point = before.points[i];
      std::optional<std::uint64_t> subscriber = observe::PackSubscriberId(point.imsi);
      if (!subscriber || *subscriber == 0) continue;  // nothing to compare by
      double range_km = 0;
      if (std::optional<CellKey> key = ParseCellId(point.cell_id)) {
        if (std::optional<std::uint32_t> cell = cells_->Find(*key)) {
          range_km = cells_->at(*cell).range_km;
        }
      }
      state_fixes_.push_back(TravelFix{point.time, *subscriber, point.lat, point.lon, range_km,
                                       kStateRef | static_cast<std::uint32_t>(i)});
    }
    // The state is newest first; ties keep the stored order.
    std::stable_sort(state_fixes_.begin(), state_fixes_.end(),
                     [](const TravelFix& a, const TravelFix& b) { return a.time > b.time; });

    fixes_.clear();
    for (std::size_t i = start; i < end; ++i) {
      const TravelRecord& record = records[i];
      const CellInfo& cell = cells_->at(record.cell);
      fixes_.push_back(TravelFix{record.time, record.subscriber, cell.lat, cell.lon, cell.range_km,
                                 static_cast<std::uint32_t>(i - start)});
    }
    pairs_.clear();
    detector_.Run(&state_fixes_, fixes_, &pairs_);

    auto point_of = [&](std::uint32_t ref) {
      if (ref & kStateRef) return before.points[ref & ~kStateRef];
      return PointOf(records[start + ref]);
    };
    for (const TravelPair& pair : pairs_) {
      store::TravelEvidence row;
      row.imei_norm = imei_norm;
      row.first = point_of(pair.first_ref);
      row.second = point_of(pair.second_ref);
      row.distance_km = pair.distance_km;
      row.speed_kmh = pair.speed_kmh;
      evidence_rows_.push_back(std::move(row));
    }
    store::TravelState after;
    after.imei_norm = imei_norm;
    for (const TravelFix& fix : state_fixes_) after.points.push_back(point_of(fix.ref));
    states_.push_back(std::move(after));
    start = end;
  }
  imeis_ += static_cast<std::int64_t>(states_.size());
  evidence_ += static_cast<std::int64_t>(evidence_rows_.size());
  OPENCEIR_RETURN_IF_ERROR(batch_->PutTravelState(states_));
  if (!evidence_rows_.empty()) OPENCEIR_RETURN_IF_ERROR(batch_->AddTravelEvidence(evidence_rows_));
  return Status::Ok();
}

}  // namespace openceir::events
