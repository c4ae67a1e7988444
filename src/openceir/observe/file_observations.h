// What the rows of one network-data file (operator data, events) add to the observation store:
// their daily identifier sketches (DailyCounter) and their monthly triplets (TripletAggregator,
// which spills past its memory budget). Rows come in parsed batches; rows with a 14-digit IMEI
// go through the aggregator's packed, prefetching path, the others by their imei_norm.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "openceir/base/status.h"
#include "openceir/observe/daily_counter.h"
#include "openceir/observe/triplet_aggregator.h"
#include "openceir/store/observation_store.h"

namespace openceir::observe {

class FileObservations {
 public:
  // `spill_dir`: for the triplet spill files; empty = the system's temporary folder.
  FileObservations(const std::string& operator_id, std::size_t memory_budget_bytes,
                   const std::string& spill_dir);

  // Adds the rows of one parsed batch: ParsedRow or events::ParsedEvent (imei_key, imsi_key,
  // msisdn_key, day, rat_mask, imsi_class, arena_offset/length, hashes, and the kNullImei and
  // kArenaImei keys). `arena`: the batch's. A row without an IMEI counts for its day only.
  // Errors: as TripletAggregator::Add and AddPackedBatch.
  template <typename Row>
  Status AddBatch(const std::vector<Row>& rows, std::string_view arena) {
    packed_.clear();
    for (const Row& row : rows) {
      daily_.Add(row.day, row.hashes);
      if (row.imei_key == Row::kNullImei) continue;  // no triplet without an IMEI
      if (row.imei_key == Row::kArenaImei) {
        OPENCEIR_RETURN_IF_ERROR(
            aggregator_.Add(arena.substr(row.arena_offset, row.arena_length),
                            row.imsi_key == 0 ? "" : UnpackSubscriberId(row.imsi_key),
                            row.msisdn_key == 0 ? "" : UnpackSubscriberId(row.msisdn_key), row.day,
                            row.rat_mask, row.imsi_class));
      } else {
        packed_.push_back(PackedObservation{row.imei_key, row.imsi_key, row.msisdn_key, row.day,
                                            row.rat_mask, row.imsi_class});
      }
    }
    return aggregator_.AddPackedBatch(packed_);
  }

  std::size_t days() const { return daily_.days(); }  // days with rows
  std::int64_t spilled_bytes() const { return aggregator_.spilled_bytes(); }

  // One row per day seen (DailyCounter::Finish).
  std::vector<store::DailyCounts> DailyCounts() const { return daily_.Finish(); }
  // Merges every monthly triplet into `batch` and empties the aggregator; returns how many.
  Result<std::int64_t> MergeTriplets(store::ObservationBatch& batch);

 private:
  TripletAggregator aggregator_;
  DailyCounter daily_;
  std::vector<PackedObservation> packed_;  // scratch, reused across batches
};

}  // namespace openceir::observe
