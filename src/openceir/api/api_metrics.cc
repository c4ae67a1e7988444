#include "openceir/api/api_metrics.h"

#include <fmt/format.h>

namespace openceir::api {

void ApiMetrics::Record(const std::string& route, int status, double seconds) {
  std::lock_guard<std::mutex> lock(mutex_);
  ++requests_[{route, status}];
  Histogram& histogram = latency_[route];
  ++histogram.count;
  histogram.sum += seconds;
  for (std::size_t i = 0; i < kBuckets.size(); ++i) {
    if (seconds <= kBuckets[i]) {
      ++histogram.counts[i];
      break;
    }
  }
}

void ApiMetrics::CountRateLimited() {
  std::lock_guard<std::mutex> lock(mutex_);
  ++rate_limited_;
}

std::string ApiMetrics::PrometheusText() const {
  std::lock_guard<std::mutex> lock(mutex_);
  std::string out;
  out += "# HELP openceir_api_requests_total Requests answered, by route and HTTP status.\n";
  out += "# TYPE openceir_api_requests_total counter\n";
  for (const auto& [key, count] : requests_) {
    out += fmt::format("openceir_api_requests_total{{route=\"{}\",status=\"{}\"}} {}\n", key.first,
                       key.second, count);
  }
  out += "# HELP openceir_api_request_duration_seconds Time from a request read to its answer.\n";
  out += "# TYPE openceir_api_request_duration_seconds histogram\n";
  for (const auto& [route, histogram] : latency_) {
    std::uint64_t cumulative = 0;
    for (std::size_t i = 0; i < kBuckets.size(); ++i) {
      cumulative += histogram.counts[i];
      out +=
          fmt::format("openceir_api_request_duration_seconds_bucket{{route=\"{}\",le=\"{}\"}} {}\n",
                      route, kBuckets[i], cumulative);
    }
    out +=
        fmt::format("openceir_api_request_duration_seconds_bucket{{route=\"{}\",le=\"+Inf\"}} {}\n",
                    route, histogram.count);
    out += fmt::format("openceir_api_request_duration_seconds_sum{{route=\"{}\"}} {}\n", route,
                       histogram.sum);
    out += fmt::format("openceir_api_request_duration_seconds_count{{route=\"{}\"}} {}\n", route,
                       histogram.count);
  }
  out += "# HELP openceir_api_rate_limited_total Public requests refused by the rate limit.\n";
  out += "# TYPE openceir_api_rate_limited_total counter\n";
  out += fmt::format("openceir_api_rate_limited_total {}\n", rate_limited_);
  return out;
}

}  // namespace openceir::api
