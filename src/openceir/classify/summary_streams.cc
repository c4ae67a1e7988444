#include "openceir/classify/summary_streams.h"

#include <algorithm>
#include <atomic>
#include <condition_variable>
#include <deque>
#include <mutex>
#include <thread>
#include <utility>

#include "openceir/classify/packed_summaries.h"

namespace openceir::classify {
namespace {

constexpr std::size_t kBatchSize = 1024;
constexpr std::size_t kQueuedBatches = 4;

// A batch: kBatchSize IMEIs' summaries packed into one buffer (packed_summaries.h). Batches go
// back to the producer once read, keeping their buffers: no allocation per IMEI once warm.
using Batch = PackedSummaries;

}  // namespace

// The scan: a producer thread filling batches, and the consumer's read position.
struct SummaryStreams::Scan {
  std::mutex mutex;
  std::condition_variable changed;
  std::deque<Batch> queue;                  // full batches; guarded by mutex
  std::deque<Batch> spare;                  // read batches, for reuse; guarded by mutex
  std::size_t read_ahead = kQueuedBatches;  // guarded by mutex; the limit until the first read
  bool reading = false;                     // guarded by mutex; set by the first read
  bool done = false;                        // guarded by mutex
  Status status;                            // guarded by mutex; valid when done
  std::atomic<bool> stop{false};
  std::thread thread;

  Batch batch;  // consumer side
  std::size_t position = 0;
  bool started = false;

  void Produce(store::ObservationStore* reader, std::vector<store::DateWindow> windows) {
    Batch filling;
    auto hand_over = [&]() -> bool {
      std::unique_lock lock(mutex);
      changed.wait(lock, [&] {
        return queue.size() < (reading ? kQueuedBatches : read_ahead) || stop.load();
      });
      if (stop.load()) return false;
      queue.push_back(std::move(filling));
      if (!spare.empty()) {
        filling = std::move(spare.back());
        spare.pop_back();
      } else {
        filling = Batch();
      }
      filling.Clear();
      changed.notify_all();
      return true;
    };
    Status scanned = reader->ScanWindowSummaries(
        windows, [&](std::span<store::ImeiSummary* const> summaries) -> Status {
          filling.Append(
              std::span<const store::ImeiSummary* const>(summaries.data(), summaries.size()));
          if (filling.size() == kBatchSize && !hand_over()) {
            return AbortedError("classification stopped");
          }
          return Status::Ok();
        });
    if (scanned.ok() && filling.size() > 0) hand_over();
    std::lock_guard lock(mutex);
    done = true;
    status = std::move(scanned);
    changed.notify_all();
  }

  // Makes `batch` hold unread IMEIs; false at the end. Errors: the scan's.
  Result<bool> Refill() {
    while (position >= batch.size()) {
      std::unique_lock lock(mutex);
      reading = true;
      changed.wait(lock, [&] { return !queue.empty() || done; });
      if (queue.empty()) {
        if (!status.ok()) return status;
        return false;
      }
      // Past the read-ahead, a few spare batches are enough: the others are freed.
      Batch read = std::move(batch);
      if (read.capacity_bytes() != 0 && spare.size() <= kQueuedBatches) {
        spare.push_back(std::move(read));
      }
      batch = std::move(queue.front());
      queue.pop_front();
      position = 0;
      changed.notify_all();
      lock.unlock();
    }
    return true;
  }
};

SummaryStreams::SummaryStreams(std::vector<store::DateWindow> windows,
                               store::ObservationStore* reader, std::size_t read_ahead)
    : scan_(std::make_unique<Scan>()),
      current_(windows.size(), nullptr),
      unpacked_(windows.size()),
      present_(std::make_unique<bool[]>(windows.size())) {
  scan_->read_ahead = std::max(read_ahead / kBatchSize, kQueuedBatches);
  Scan* raw = scan_.get();
  scan_->thread =
      std::thread([raw, reader, windows = std::move(windows)] { raw->Produce(reader, windows); });
}

SummaryStreams::~SummaryStreams() {
  {
    std::lock_guard lock(scan_->mutex);
    scan_->stop = true;
  }
  scan_->changed.notify_all();
  scan_->thread.join();
}

Result<bool> SummaryStreams::Next() {
  Scan& scan = *scan_;
  if (scan.started) ++scan.position;
  scan.started = true;
  OPENCEIR_ASSIGN_OR_RETURN(bool more, scan.Refill());
  for (auto& current : current_) current = nullptr;
  if (!more) return false;
  const std::span<bool> present(present_.get(), current_.size());
  imei_norm_ = scan.batch.Unpack(scan.position, unpacked_, present, &spare_imsis_);
  for (std::size_t w = 0; w < current_.size(); ++w) {
    if (present[w]) current_[w] = &unpacked_[w];
  }
  return true;
}

}  // namespace openceir::classify
