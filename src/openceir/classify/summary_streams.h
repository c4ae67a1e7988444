// SummaryStreams: the per-IMEI summaries of several windows side by side, in imei_norm order,
// one ObservationStore::ScanImeiSummaries per window. Each scan runs on its own thread with its
// own store object and hands over batches through a bounded queue, so memory holds a few
// batches per window (never every IMEI), and scanning overlaps with classification.
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
  // Starts one scan per window, window i on readers[i] (readers.size() == windows.size(); each
  // reader is used only by its scan's thread until the streams are destroyed).
  SummaryStreams(std::vector<store::DateWindow> windows,
                 std::vector<store::ObservationStore*> readers);
  ~SummaryStreams();  // stops the scans still running and waits for them
  SummaryStreams(const SummaryStreams&) = delete;
  SummaryStreams& operator=(const SummaryStreams&) = delete;

  // Moves to the next IMEI seen in any window (the smallest imei_norm not yet returned).
  // Returns false at the end. Errors: a scan's error, unchanged (the streams are finished).
  Result<bool> Next();

  // The current IMEI and its summary for window i (nullptr when not seen in it). Valid until
  // the next Next().
  std::string_view imei_norm() const { return imei_norm_; }
  const store::ImeiSummary* summary(std::size_t window) const { return current_[window]; }

 private:
  struct Scan;
  std::vector<std::unique_ptr<Scan>> scans_;
  std::vector<const store::ImeiSummary*> current_;
  std::string_view imei_norm_;
};

}  // namespace openceir::classify
