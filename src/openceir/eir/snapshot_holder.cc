// SnapshotHolder: an atomic shared_ptr plus a generation counter for Readers.
#include "openceir/eir/snapshot_holder.h"

#include <cassert>
#include <utility>

namespace openceir::eir {

SnapshotHolder::SnapshotHolder(std::shared_ptr<const DecisionSnapshot> initial)
    : current_(std::move(initial)) {
  assert(current_.load() != nullptr);
}

std::shared_ptr<const DecisionSnapshot> SnapshotHolder::Current() const noexcept {
  return current_.load(std::memory_order_acquire);
}

void SnapshotHolder::Replace(std::shared_ptr<const DecisionSnapshot> next) noexcept {
  if (next == nullptr) return;
  // The old snapshot is released here when no request holds it, else by its last reader.
  current_.store(std::move(next), std::memory_order_release);
  generation_.fetch_add(1, std::memory_order_release);
}

SnapshotHolder::Reader::Reader(const SnapshotHolder& holder)
    : holder_(&holder), generation_(holder.generation()), snapshot_(holder.Current()) {}

const DecisionSnapshot& SnapshotHolder::Reader::Get() noexcept {
  const std::uint64_t generation = holder_->generation();
  if (generation != generation_) {
    // Load after reading the generation: the snapshot is at least as new as `generation`.
    snapshot_ = holder_->Current();
    generation_ = generation;
  }
  return *snapshot_;
}

}  // namespace openceir::eir
