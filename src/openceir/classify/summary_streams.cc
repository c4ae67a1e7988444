#include "openceir/classify/summary_streams.h"

#include <algorithm>
#include <atomic>
#include <condition_variable>
#include <deque>
#include <mutex>
#include <thread>
#include <utility>

namespace openceir::classify {
namespace {

constexpr std::size_t kBatchSize = 1024;
constexpr std::size_t kQueuedBatches = 4;

// One IMEI: its summary for each window, and which of them it has.
struct Entry {
  std::vector<store::ImeiSummary> summaries;
  std::vector<char> present;
};

// A batch of IMEIs. Batches go back to the producer once read, and the scan's summaries are
// swapped into them (the scan gets the old ones back to refill), so strings and vectors keep
// their capacity: no allocation and no copy per IMEI once warm.
struct Batch {
  std::vector<Entry> items;
  std::size_t size = 0;
};

Batch NewBatch(std::size_t windows) {
  Batch batch;
  batch.items.resize(kBatchSize);
  for (Entry& entry : batch.items) {
    entry.summaries.resize(windows);
    entry.present.assign(windows, 0);
  }
  return batch;
}

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
    Batch filling = NewBatch(windows.size());
    auto hand_over = [&]() -> bool {
      std::unique_lock lock(mutex);
      changed.wait(lock, [&] {
        return queue.size() < (reading ? kQueuedBatches : read_ahead) || stop.load();
      });
      if (stop.load()) return false;
      queue.push_back(std::move(filling));
      if (!spare.empty()) {
        // The batch read last: the likeliest still in cache.
        filling = std::move(spare.back());
        spare.pop_back();
      } else {
        lock.unlock();
        filling = NewBatch(windows.size());
        lock.lock();
      }
      filling.size = 0;
      changed.notify_all();
      return true;
    };
    Status scanned = reader->ScanWindowSummaries(
        windows, [&](std::span<store::ImeiSummary* const> summaries) -> Status {
          Entry& entry = filling.items[filling.size++];
          for (std::size_t w = 0; w < summaries.size(); ++w) {
            entry.present[w] = summaries[w] != nullptr;
            if (summaries[w] != nullptr) std::swap(entry.summaries[w], *summaries[w]);
          }
          if (filling.size == kBatchSize && !hand_over()) {
            return AbortedError("classification stopped");
          }
          return Status::Ok();
        });
    if (scanned.ok() && filling.size > 0) hand_over();
    std::lock_guard lock(mutex);
    done = true;
    status = std::move(scanned);
    changed.notify_all();
  }

  // Makes `batch` hold unread IMEIs; false at the end. Errors: the scan's.
  Result<bool> Refill() {
    while (position >= batch.size) {
      std::unique_lock lock(mutex);
      reading = true;
      changed.wait(lock, [&] { return !queue.empty() || done; });
      if (queue.empty()) {
        if (!status.ok()) return status;
        return false;
      }
      // Past the read-ahead, a few spare batches are enough: the others are freed.
      Batch read = std::move(batch);
      if (!read.items.empty() && spare.size() <= kQueuedBatches) spare.push_back(std::move(read));
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
    : scan_(std::make_unique<Scan>()), current_(windows.size(), nullptr) {
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
  const Entry& entry = scan.batch.items[scan.position];
  for (std::size_t w = 0; w < current_.size(); ++w) {
    if (entry.present[w]) {
      current_[w] = &entry.summaries[w];
      imei_norm_ = entry.summaries[w].imei_norm;
    }
  }
  return true;
}

}  // namespace openceir::classify
