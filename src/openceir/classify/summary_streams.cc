#include "openceir/classify/summary_streams.h"

#include <atomic>
#include <condition_variable>
#include <deque>
#include <mutex>
#include <thread>

namespace openceir::classify {
namespace {

constexpr std::size_t kBatchSize = 1024;
constexpr std::size_t kQueuedBatches = 4;

}  // namespace

// A batch of summaries. Batches go back to the producer once read, and summaries are
// copy-assigned into them, so strings and vectors keep their capacity: no allocation per IMEI
// once warm.
struct Batch {
  std::vector<store::ImeiSummary> items;
  std::size_t size = 0;
};

// One window's scan: a producer thread filling batches, and the consumer's read position.
struct SummaryStreams::Scan {
  std::mutex mutex;
  std::condition_variable changed;
  std::deque<Batch> queue;  // full batches; guarded by mutex
  std::deque<Batch> spare;  // read batches, for reuse; guarded by mutex
  bool done = false;        // guarded by mutex
  Status status;            // guarded by mutex; valid when done
  std::atomic<bool> stop{false};
  std::thread thread;

  Batch batch;  // consumer side
  std::size_t position = 0;
  bool finished = false;

  void Produce(store::ObservationStore* reader, store::DateWindow window) {
    Batch filling;
    filling.items.resize(kBatchSize);
    auto hand_over = [&]() -> bool {
      std::unique_lock lock(mutex);
      changed.wait(lock, [&] { return queue.size() < kQueuedBatches || stop.load(); });
      if (stop.load()) return false;
      queue.push_back(std::move(filling));
      if (!spare.empty()) {
        filling = std::move(spare.front());
        spare.pop_front();
      } else {
        filling = Batch{};
        filling.items.resize(kBatchSize);
      }
      filling.size = 0;
      changed.notify_all();
      return true;
    };
    Status scanned = reader->ScanImeiSummaries(window, [&](const store::ImeiSummary& summary) {
      filling.items[filling.size++] = summary;
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

  // Makes `batch` hold unread summaries; false at the end. Errors: the scan's.
  Result<bool> Refill() {
    while (position >= batch.size) {
      std::unique_lock lock(mutex);
      changed.wait(lock, [&] { return !queue.empty() || done; });
      if (queue.empty()) {
        if (!status.ok()) return status;
        return false;
      }
      if (!batch.items.empty()) spare.push_back(std::move(batch));
      batch = std::move(queue.front());
      queue.pop_front();
      position = 0;
      changed.notify_all();
    }
    return true;
  }
};

SummaryStreams::SummaryStreams(std::vector<store::DateWindow> windows,
                               std::vector<store::ObservationStore*> readers)
    : current_(windows.size(), nullptr) {
  for (std::size_t i = 0; i < windows.size(); ++i) {
    auto scan = std::make_unique<Scan>();
    Scan* raw = scan.get();
    scan->thread = std::thread(
        [raw, reader = readers[i], window = windows[i]] { raw->Produce(reader, window); });
    scans_.push_back(std::move(scan));
  }
}

SummaryStreams::~SummaryStreams() {
  for (auto& scan : scans_) {
    {
      std::lock_guard lock(scan->mutex);
      scan->stop = true;
    }
    scan->changed.notify_all();
  }
  for (auto& scan : scans_) scan->thread.join();
}

Result<bool> SummaryStreams::Next() {
  // Step past the IMEI returned last.
  for (std::size_t i = 0; i < scans_.size(); ++i) {
    if (current_[i] != nullptr) ++scans_[i]->position;
    current_[i] = nullptr;
  }
  const store::ImeiSummary* smallest = nullptr;
  for (auto& scan : scans_) {
    if (scan->finished) continue;
    OPENCEIR_ASSIGN_OR_RETURN(bool more, scan->Refill());
    if (!more) {
      scan->finished = true;
      continue;
    }
    const store::ImeiSummary& head = scan->batch.items[scan->position];
    if (smallest == nullptr || head.imei_norm < smallest->imei_norm) smallest = &head;
  }
  if (smallest == nullptr) return false;
  imei_norm_ = smallest->imei_norm;
  for (std::size_t i = 0; i < scans_.size(); ++i) {
    Scan& scan = *scans_[i];
    if (!scan.finished && scan.batch.items[scan.position].imei_norm == imei_norm_) {
      current_[i] = &scan.batch.items[scan.position];
    }
  }
  return true;
}

}  // namespace openceir::classify
