// The API itself, independent of HTTP: routes a request (router.h), finds the caller's role from
// its key, refuses what the role may not do, rate-limits the public role, answers from the
// registry store, and records every answer in the metrics. http_server.h puts it on sockets.
//
// Roles: a request without a key is the public role, limited per client address (429 with
// Retry-After); a key ("Authorization: Bearer oc_..." or "X-API-Key: oc_...") gives its role; an
// unknown or revoked key is refused (401), never treated as public. Per route:
//   /healthz /openapi.json /metrics      anyone, not rate-limited
//   GET /v1/imeis/{imei}, /v1/tacs/{tac} every role (public: rate-limited, no subscriber data)
//   POST /v1/imeis:batch                 every role; at most 1000 IMEIs (413 beyond); the public
//                                        role pays one token per IMEI
//   GET /v1/audit                        regulator only (401 without a key, 403 other roles)
#pragma once

#include <functional>
#include <string>

#include "openceir/api/api_metrics.h"
#include "openceir/api/api_types.h"
#include "openceir/api/rate_limiter.h"
#include "openceir/api/store_pool.h"
#include "openceir/base/clock.h"

namespace openceir::api {

inline constexpr std::size_t kMaxBatchImeis = 1000;

class ApiService {
 public:
  // All references must outlive the service. `clock` gives "today" for block dates;
  // `monotonic_seconds` the rate limiter's time.
  ApiService(StorePool& stores, ApiMetrics& metrics, RateLimiter& public_limiter,
             const Clock& clock, std::function<double()> monotonic_seconds);

  // Thread-safe: any number of threads at once.
  ApiResponse Handle(const ApiRequest& request);

 private:
  struct Caller;
  ApiResponse Dispatch(const ApiRequest& request, std::string* route_label);

  StorePool& stores_;
  ApiMetrics& metrics_;
  RateLimiter& public_limiter_;
  const Clock& clock_;
  std::function<double()> monotonic_seconds_;
};

// The text of the OpenAPI 3 document (openapi.json, embedded at build time).
std::string_view OpenApiDocument();

}  // namespace openceir::api
