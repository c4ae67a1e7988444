#include "openceir/api/rate_limiter.h"

#include <algorithm>
#include <cmath>

namespace openceir::api {

RateLimiter::RateLimiter(double rate, int burst, std::size_t max_clients)
    : rate_(rate), burst_(static_cast<double>(burst)), max_clients_(max_clients) {}

RateDecision RateLimiter::Take(const std::string& client, double now_seconds, int cost) {
  std::lock_guard<std::mutex> lock(mutex_);
  auto it = buckets_.find(client);
  if (it == buckets_.end()) {
    if (buckets_.size() >= max_clients_) DropFullBuckets(now_seconds);
    it = buckets_.emplace(client, Bucket{burst_, now_seconds}).first;
  }
  Bucket& bucket = it->second;
  const double elapsed = std::max(0.0, now_seconds - bucket.updated);
  bucket.tokens = std::min(burst_, bucket.tokens + elapsed * rate_);
  bucket.updated = std::max(bucket.updated, now_seconds);
  const double need = static_cast<double>(cost);
  if (need <= bucket.tokens) {
    bucket.tokens -= need;
    return RateDecision{true, 0};
  }
  const double missing = std::min(need, burst_) - bucket.tokens;
  const double wait = need > burst_ ? burst_ / rate_ : missing / rate_;
  return RateDecision{false, std::max(1, static_cast<int>(std::ceil(wait)))};
}

std::size_t RateLimiter::tracked_clients() const {
  std::lock_guard<std::mutex> lock(mutex_);
  return buckets_.size();
}

void RateLimiter::DropFullBuckets(double now_seconds) {
  std::erase_if(buckets_, [&](const auto& entry) {
    const Bucket& bucket = entry.second;
    return bucket.tokens + (now_seconds - bucket.updated) * rate_ >= burst_;
  });
  // Every tracked client is still active: drop the emptiest-refill-oldest one so memory stays
  // bounded (it starts again with a full bucket, a small leniency under attack).
  if (buckets_.size() >= max_clients_) {
    auto oldest = std::min_element(
        buckets_.begin(), buckets_.end(),
        [](const auto& a, const auto& b) { return a.second.updated < b.second.updated; });
    buckets_.erase(oldest);
  }
}

}  // namespace openceir::api
