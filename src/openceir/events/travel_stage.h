// TravelStage: the travel part of the events import, one IMEI partition at a time. For the
// IMEIs of a partition (in chunks) it loads their remembered travel state from the observation
// store, runs the TravelDetector over state + the file's events, and writes the new state and
// the evidence to the import's batch (so they commit, or vanish, with the rest of the import).
#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <vector>

#include "openceir/base/status.h"
#include "openceir/events/cell_index.h"
#include "openceir/events/travel_buffer.h"
#include "openceir/events/travel_detector.h"
#include "openceir/store/observation_store.h"

namespace openceir::events {

class TravelStage {
 public:
  // Not owned; all must outlive the stage. `interned`: the imei_norms of interned keys
  // (kInternedImei | index).
  TravelStage(const TravelDetectorOptions& options, const CellIndex* cells,
              const std::vector<std::string>* interned, std::string operator_id,
              store::ObservationStore* observations, store::ObservationBatch* batch)
      : detector_(options),
        cells_(cells),
        interned_(interned),
        operator_id_(std::move(operator_id)),
        observations_(observations),
        batch_(batch) {}

  // `records`: sorted by (imei_key, time), every record of an IMEI in this call.
  Status ProcessPartition(std::span<const TravelRecord> records);

  std::int64_t imeis() const { return imeis_; }
  std::int64_t evidence() const { return evidence_; }

 private:
  Status ProcessChunk(std::span<const TravelRecord> records);
  std::string ImeiNorm(std::uint64_t key) const;
  store::TravelPoint PointOf(const TravelRecord& record) const;

  TravelDetector detector_;
  const CellIndex* cells_;
  const std::vector<std::string>* interned_;
  std::string operator_id_;
  store::ObservationStore* observations_;
  store::ObservationBatch* batch_;
  std::int64_t imeis_ = 0;
  std::int64_t evidence_ = 0;
  // Scratch, reused across chunks.
  std::vector<std::string> imei_norms_;
  std::vector<TravelFix> fixes_;
  std::vector<TravelFix> state_fixes_;
  std::vector<TravelPair> pairs_;
  std::vector<store::TravelState> states_;
  std::vector<store::TravelEvidence> evidence_rows_;
};

}  // namespace openceir::events
