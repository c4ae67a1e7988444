// The input checks and merge rules every ObservationStore backend applies in the same words:
// what a batch refuses (kInvalidInput naming the row, before anything is written) and how two
// daily counts of one (operator, day) merge. Backends call these instead of keeping copies.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>
#include <string_view>
#include <vector>

#include "openceir/base/status.h"
#include "openceir/store/daily_sketches.h"
#include "openceir/store/observation_types.h"

namespace openceir::store {

// Every triplet: operator_id and imei_norm set, a day_mask with a day and none past the month's
// end, first_seen..last_seen a range inside the month. The message names the first bad one.
Status CheckTriplets(std::span<const TripletMonth> triplets);

// Every count has an operator and rows >= 0, and its sketches (when any) parse; on success
// (*sketches)[i] holds counts[i]'s parsed sketches (nullopt when it has none).
Status CheckDailyCounts(std::span<const DailyCounts> counts,
                        std::vector<std::optional<DailySketches>>* sketches);

Status CheckCells(std::span<const Cell> cells);
Status CheckTravelStates(std::span<const TravelState> states);
Status CheckTravelEvidence(std::span<const TravelEvidence> evidence);
// What Commit requires of the import record.
Status CheckImport(const ObservationImport& import);

// The stored counts of one (operator, day), as read back before a merge.
struct StoredDailyCounts {
  std::int64_t rows = 0, imeis = 0, imsis = 0, msisdns = 0, triplets = 0;
  std::string_view sketches;  // serialised DailySketches, or empty
};

// Merges `stored` into `*merged` (the new counts, whose parsed sketches are `*sketches`): rows
// added; with sketches on both sides the estimates come from the merged sketches, otherwise the
// larger count of each kind is kept (the best bound on the union) with whichever sketch exists.
// Errors: the stored sketch does not parse (kInvalidInput).
Status MergeStoredDailyCounts(const StoredDailyCounts& stored,
                              std::optional<DailySketches>* sketches, DailyCounts* merged);

// The ObservationImportKind named `name` (ObservationImportKindName); kInternal otherwise (the
// store wrote it).
Result<ObservationImportKind> ObservationImportKindFromName(std::string_view name);

}  // namespace openceir::store
