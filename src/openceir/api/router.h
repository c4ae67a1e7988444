// The API's routes and the parsing of a request target ("/v1/imeis/3520...?limit=5") into its
// route, path parameters and query. Pure and thread-safe; fuzzed (request_target_fuzz.cc).
//
//   GET  /healthz            GET /openapi.json        GET /metrics
//   GET  /v1/imeis/{imei}    POST /v1/imeis:batch     GET /v1/tacs/{tac}
//   GET  /v1/audit
#pragma once

#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "openceir/base/status.h"

namespace openceir::api {

enum class Route { kHealth, kOpenApi, kMetrics, kImeiStatus, kImeiBatch, kTacInfo, kAudit };

// The route's path pattern, as in the OpenAPI document and the metrics' route label.
std::string_view RoutePattern(Route route);

struct RequestTarget {
  std::vector<std::string> segments;         // percent-decoded path segments
  std::map<std::string, std::string> query;  // percent-decoded; a repeated name keeps the last
};

// Splits and decodes `target` (origin form: starts with '/'). Errors: kInvalidInput for a target
// that is not origin form, a raw space or control character, a bad or NUL percent escape, an empty
// segment ("//"), or a segment that is "." or "..".
Result<RequestTarget> ParseRequestTarget(std::string_view target);

struct RouteMatch {
  enum class Outcome { kMatched, kNotFound, kMethodNotAllowed } outcome = Outcome::kNotFound;
  Route route = Route::kHealth;
  std::map<std::string, std::string> params;  // {imei}, {tac}
  std::string allow;                          // kMethodNotAllowed: the methods the path has
};

// The route `method` and `target` name (method in upper case, as sent).
RouteMatch MatchRoute(std::string_view method, const RequestTarget& target);

}  // namespace openceir::api
