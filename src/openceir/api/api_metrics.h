// The API server's Prometheus metrics: requests by route and status, and a latency histogram
// by route. Thread-safe.
#pragma once

#include <array>
#include <cstdint>
#include <map>
#include <mutex>
#include <string>
#include <utility>

namespace openceir::api {

class ApiMetrics {
 public:
  // Records one answered request: `route` is the route pattern ("/v1/imeis/{imei}"), or
  // "unmatched" for targets no route has.
  void Record(const std::string& route, int status, double seconds);

  // Prometheus text exposition (version 0.0.4):
  //   openceir_api_requests_total{route,status}
  //   openceir_api_request_duration_seconds{route} histogram
  //   openceir_api_rate_limited_total
  std::string PrometheusText() const;

  void CountRateLimited();

  // Upper bounds of the histogram's buckets, in seconds (+Inf added in the text).
  static constexpr std::array<double, 10> kBuckets = {0.0005, 0.001, 0.0025, 0.005, 0.01,
                                                      0.025,  0.05,  0.1,    0.25,  1.0};

 private:
  struct Histogram {
    std::array<std::uint64_t, kBuckets.size()> counts{};  // per bucket, not cumulative
    std::uint64_t count = 0;
    double sum = 0;
  };
  mutable std::mutex mutex_;
  std::map<std::pair<std::string, int>, std::uint64_t> requests_;
  std::map<std::string, Histogram> latency_;
  std::uint64_t rate_limited_ = 0;
};

}  // namespace openceir::api
