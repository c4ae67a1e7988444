// Time as an injected dependency, so grace periods, block dates and job records are testable.
#pragma once

#include <chrono>
#include <cstdint>
#include <string>

namespace openceir {

// Seconds since the Unix epoch, UTC.
using UnixSeconds = std::int64_t;

class Clock {
 public:
  virtual ~Clock() = default;
  virtual UnixSeconds Now() const = 0;
};

// The real wall clock. Thread-safe.
class SystemClock final : public Clock {
 public:
  UnixSeconds Now() const override;
};

// A clock that shows whatever a test sets. Not thread-safe.
class ManualClock final : public Clock {
 public:
  explicit ManualClock(UnixSeconds now) : now_(now) {}
  UnixSeconds Now() const override { return now_; }
  void Set(UnixSeconds now) { now_ = now; }
  void Advance(UnixSeconds seconds) { now_ += seconds; }

 private:
  UnixSeconds now_;
};

// "2026-11-28T17:41:04Z".
std::string FormatIso8601Utc(UnixSeconds t);

}  // namespace openceir
