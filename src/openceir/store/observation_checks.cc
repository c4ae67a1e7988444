// Input checks and the daily-counts merge shared by the observation store backends (see
// observation_checks.h).
#include "openceir/store/observation_checks.h"

#include <fmt/format.h>

#include <algorithm>

namespace openceir::store {
namespace {

Status CheckTriplet(const TripletMonth& t, std::size_t index) {
  auto bad = [&](std::string_view rule) {
    return InvalidInputError(fmt::format("triplet {} (operator '{}', month {}, IMEI '{}'): {}",
                                         index, t.operator_id, FormatMonth(t.month), t.imei_norm,
                                         rule));
  };
  if (t.operator_id.empty()) return bad("operator_id is empty (country rows are derived)");
  if (t.imei_norm.empty()) return bad("imei_norm is empty");
  if (t.day_mask == 0) return bad("day_mask has no day");
  if ((t.day_mask >> DaysIn(t.month)) != 0) return bad("day_mask has a day past the month's end");
  const Date first = FirstDayOf(t.month);
  const Date last{first.days + DaysIn(t.month) - 1};
  if (t.first_seen < first || t.last_seen > last || t.first_seen > t.last_seen) {
    return bad("first_seen..last_seen is not a range inside the month");
  }
  return Status::Ok();
}

}  // namespace

Status CheckTriplets(std::span<const TripletMonth> triplets) {
  for (std::size_t i = 0; i < triplets.size(); ++i) {
    OPENCEIR_RETURN_IF_ERROR(CheckTriplet(triplets[i], i));
  }
  return Status::Ok();
}

Status CheckDailyCounts(std::span<const DailyCounts> counts,
                        std::vector<std::optional<DailySketches>>* sketches) {
  sketches->assign(counts.size(), std::nullopt);
  for (std::size_t i = 0; i < counts.size(); ++i) {
    const DailyCounts& c = counts[i];
    if (c.operator_id.empty() || c.rows < 0) {
      return InvalidInputError(fmt::format("daily counts {} ({}): {}", i, FormatIsoDate(c.day),
                                           c.rows < 0 ? "negative rows" : "operator_id is empty"));
    }
    if (c.sketches.empty()) continue;
    auto parsed = DailySketches::Deserialize(c.sketches);
    if (!parsed.ok()) {
      return InvalidInputError(fmt::format("daily counts of operator '{}' on {}: {}", c.operator_id,
                                           FormatIsoDate(c.day), parsed.status().message()));
    }
    (*sketches)[i] = std::move(parsed).value();
  }
  return Status::Ok();
}

Status CheckCells(std::span<const Cell> cells) {
  for (std::size_t i = 0; i < cells.size(); ++i) {
    if (cells[i].cell_id.empty()) {
      return InvalidInputError(fmt::format("cell {}: cell_id is empty", i));
    }
  }
  return Status::Ok();
}

Status CheckTravelStates(std::span<const TravelState> states) {
  for (std::size_t i = 0; i < states.size(); ++i) {
    if (states[i].imei_norm.empty()) {
      return InvalidInputError(fmt::format("travel state {}: imei_norm is empty", i));
    }
    if (states[i].points.size() > TravelState::kMaxTravelPoints) {
      return InvalidInputError(fmt::format("travel state of IMEI '{}': {} points, at most {}",
                                           states[i].imei_norm, states[i].points.size(),
                                           TravelState::kMaxTravelPoints));
    }
  }
  return Status::Ok();
}

Status CheckTravelEvidence(std::span<const TravelEvidence> evidence) {
  for (std::size_t i = 0; i < evidence.size(); ++i) {
    if (evidence[i].imei_norm.empty()) {
      return InvalidInputError(fmt::format("travel evidence {}: imei_norm is empty", i));
    }
  }
  return Status::Ok();
}

Status CheckImport(const ObservationImport& import) {
  if (import.file_sha256.empty()) return InvalidInputError("the import has no file_sha256");
  if (import.kind != ObservationImportKind::kCells && import.operator_id.empty()) {
    return InvalidInputError(
        fmt::format("a {} import needs an operator_id", ObservationImportKindName(import.kind)));
  }
  return Status::Ok();
}

Status MergeStoredDailyCounts(const StoredDailyCounts& stored,
                              std::optional<DailySketches>* sketches, DailyCounts* merged) {
  merged->rows += stored.rows;
  if (sketches->has_value() && !stored.sketches.empty()) {
    // Both sides have sketches: the union's estimates come from the merged sketches.
    OPENCEIR_ASSIGN_OR_RETURN(DailySketches old, DailySketches::Deserialize(stored.sketches));
    (*sketches)->Merge(old);
    (*sketches)->FillCounts(merged);
    return Status::Ok();
  }
  // Without both sketches the best bound on the union is the larger count.
  merged->imeis = std::max(merged->imeis, stored.imeis);
  merged->imsis = std::max(merged->imsis, stored.imsis);
  merged->msisdns = std::max(merged->msisdns, stored.msisdns);
  merged->triplets = std::max(merged->triplets, stored.triplets);
  if (merged->sketches.empty()) merged->sketches = std::string(stored.sketches);
  return Status::Ok();
}

Result<ObservationImportKind> ObservationImportKindFromName(std::string_view name) {
  for (auto kind : {ObservationImportKind::kOperatorData, ObservationImportKind::kEvents,
                    ObservationImportKind::kCells}) {
    if (ObservationImportKindName(kind) == name) return kind;
  }
  return InternalError(
      fmt::format("the observation store holds an unknown import kind '{}'", name));
}

}  // namespace openceir::store
