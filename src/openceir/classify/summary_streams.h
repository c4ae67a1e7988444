// SummaryStreams: the per-IMEI summaries of several windows side by side, in imei_norm order,
// from one ObservationStore::ScanWindowSummaries (the month is read once for every window). The
// scan runs on its own thread and hands over batches through a bounded queue, so memory holds a
// few batches (never every IMEI) and scanning overlaps with classification: on two cores, one
// reads and folds, the other evaluates and stages.
//
// Not thread-safe: one consumer thread calls Next().
#pragma once

#include <memory>
#include <string_view>
#include <vector>

#include "openceir/base/status.h"
#include "openceir/store/observation_store.h"

namespace openceir::classify {

class SummaryStreams {
 public:
  // Starts the scan of `windows` on `reader` (used only by the scan's thread until the streams
  // are destroyed). Until the first Next() the scan may read up to `read_ahead` IMEIs ahead (so
  // that it can start while the caller still prepares), after it a few thousand.
  SummaryStreams(std::vector<store::DateWindow> windows, store::ObservationStore* reader,
                 std::size_t read_ahead = 0);
  ~SummaryStreams();  // stops the scan if still running and waits for it
  SummaryStreams(const SummaryStreams&) = delete;
  SummaryStreams& operator=(const SummaryStreams&) = delete;

  // Moves to the next IMEI seen in any window. Returns false at the end. Errors: the scan's,
  // unchanged (the streams are finished).
  Result<bool> Next();

  // The current IMEI and its summary for window i (nullptr when not seen in it). Valid until
  // the next Next().
  std::string_view imei_norm() const { return imei_norm_; }
  const store::ImeiSummary* summary(std::size_t window) const { return current_[window]; }

 private:
  struct Scan;
  std::unique_ptr<Scan> scan_;
  std::vector<const store::ImeiSummary*> current_;
  std::string_view imei_norm_;
  // The current IMEI's summaries, unpacked from its batch into the same buffers every time.
  std::vector<store::ImeiSummary> unpacked_;
  std::unique_ptr<bool[]> present_;
  std::vector<store::ImsiSeen> spare_imsis_;
};

}  // namespace openceir::classify
