// The snapshot an EIR node answers from, replaced RCU-style (issue 5 item 1): a sync thread
// builds the next snapshot aside and Replace()s it; request threads keep answering from the
// one they hold, and the old one is freed when its last reader lets go.
//
// Current() is an atomic load of a shared_ptr: it never waits for a build (the build happens
// before Replace) and never blocks on Replace for longer than a pointer swap. GCC 12's
// std::atomic<std::shared_ptr> guards the swap with a spin bit in the pointer word, so every
// Current() writes the shared cache line twice (lock bit, reference count); request threads that
// want no shared write at all use a Reader, which re-reads the snapshot only when the holder's
// generation counter moved (docs/PERFORMANCE.md has the measurements).
#pragma once

#include <atomic>
#include <cstdint>
#include <memory>

#include "openceir/eir/snapshot.h"

namespace openceir::eir {

class SnapshotHolder {
 public:
  // Starts with `initial` (DecisionSnapshot::Empty(...) before the first bundle). Not null.
  explicit SnapshotHolder(std::shared_ptr<const DecisionSnapshot> initial);

  // The current snapshot. Thread-safe; never null.
  std::shared_ptr<const DecisionSnapshot> Current() const noexcept;

  // Makes `next` current (ignored when null). Thread-safe; requests in flight finish on the
  // snapshot they hold.
  void Replace(std::shared_ptr<const DecisionSnapshot> next) noexcept;

  // Bumped by every Replace.
  std::uint64_t generation() const noexcept { return generation_.load(std::memory_order_acquire); }

  // A request thread's view: holds a snapshot and reloads it when the generation moved. One
  // Reader per thread (not thread-safe itself); it keeps its snapshot alive until its next
  // Get(), so an idle Reader delays freeing a replaced snapshot.
  class Reader {
   public:
    explicit Reader(const SnapshotHolder& holder);
    const DecisionSnapshot& Get() noexcept;

   private:
    const SnapshotHolder* holder_;
    std::uint64_t generation_;
    std::shared_ptr<const DecisionSnapshot> snapshot_;
  };

 private:
  std::atomic<std::shared_ptr<const DecisionSnapshot>> current_;
  std::atomic<std::uint64_t> generation_{0};
};

}  // namespace openceir::eir
