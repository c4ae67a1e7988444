// A token bucket per client address, for the public role: each address may make `burst`
// requests at once and then `rate` per second. Time is passed in (seconds on a monotonic
// clock), so tests need no sleeps.
#pragma once

#include <cstddef>
#include <mutex>
#include <string>
#include <unordered_map>

namespace openceir::api {

struct RateDecision {
  bool allowed = false;
  int retry_after_seconds = 0;  // when refused: whole seconds until `cost` tokens are there
};

class RateLimiter {
 public:
  // rate > 0 tokens per second, burst >= 1. At most `max_clients` addresses are tracked: when
  // full, buckets that have refilled completely (clients that went quiet) are dropped first.
  RateLimiter(double rate, int burst, std::size_t max_clients = 100'000);

  // Takes `cost` tokens from `client`'s bucket at time `now_seconds`. A cost above the burst
  // can never be paid and is refused with the time a full bucket would need. Thread-safe.
  RateDecision Take(const std::string& client, double now_seconds, int cost = 1);

  std::size_t tracked_clients() const;

 private:
  struct Bucket {
    double tokens = 0;
    double updated = 0;
  };
  void DropFullBuckets(double now_seconds);

  const double rate_;
  const double burst_;
  const std::size_t max_clients_;
  mutable std::mutex mutex_;
  std::unordered_map<std::string, Bucket> buckets_;
};

}  // namespace openceir::api
