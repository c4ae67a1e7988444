#include "openceir/api/api_service.h"

#include <fmt/format.h>

#include <cctype>
#include <charconv>
#include <chrono>
#include <limits>
#include <nlohmann/json.hpp>
#include <optional>

#include "openceir/api/api_key.h"
#include "openceir/api/imei_status.h"
#include "openceir/api/router.h"

namespace openceir::api {
namespace {

using nlohmann::json;

constexpr int kDefaultAuditLimit = 100;
constexpr int kMaxAuditLimit = 1000;

ApiResponse JsonResponse(int status, const json& body) {
  ApiResponse response;
  response.status = status;
  response.body = body.dump();
  return response;
}

// A store failure: the client cannot fix it; the detail stays in the server (not leaked).
ApiResponse StoreProblem(const Status& status) {
  if (status.code() == StatusCode::kUnavailable) {
    return ProblemResponse(503, "Service Unavailable", "the registry cannot be reached");
  }
  return ProblemResponse(500, "Internal Server Error", "the registry could not answer");
}

// The key the request carries: "" when none; nullopt when a header is there but malformed.
std::optional<std::string> PresentedKey(const ApiRequest& request) {
  if (!request.api_key.empty()) return request.api_key;
  if (request.authorization.empty()) return std::string();
  constexpr std::string_view kBearer = "Bearer ";
  std::string_view value = request.authorization;
  if (value.size() <= kBearer.size() ||
      !std::equal(kBearer.begin(), kBearer.end(), value.begin(), [](char a, char b) {
        return std::tolower(static_cast<unsigned char>(a)) ==
               std::tolower(static_cast<unsigned char>(b));
      })) {
    return std::nullopt;
  }
  return std::string(value.substr(kBearer.size()));
}

ApiResponse Unauthorized(std::string_view detail) {
  ApiResponse response = ProblemResponse(401, "Unauthorized", detail);
  response.headers.emplace_back("WWW-Authenticate", "Bearer");
  return response;
}

Result<int> QueryInt(const RequestTarget& target, const std::string& name, int fallback, int min,
                     int max) {
  auto it = target.query.find(name);
  if (it == target.query.end()) return fallback;
  int value = 0;
  const std::string& text = it->second;
  const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (text.empty() || error != std::errc() || end != text.data() + text.size() || value < min ||
      value > max) {
    return InvalidInputError(fmt::format("{} must be an integer from {} to {}", name, min, max));
  }
  return value;
}

}  // namespace

ApiResponse ProblemResponse(int status, std::string_view title, std::string_view detail) {
  ApiResponse response;
  response.status = status;
  response.content_type = "application/problem+json";
  response.body = json{{"type", "about:blank"},
                       {"title", std::string(title)},
                       {"status", status},
                       {"detail", std::string(detail)}}
                      .dump();
  return response;
}

struct ApiService::Caller {
  store::ApiRole role = store::ApiRole::kPublic;
  std::optional<store::ApiKeyId> key_id;  // nullopt: no key
};

ApiService::ApiService(StorePool& stores, ApiMetrics& metrics, RateLimiter& public_limiter,
                       const Clock& clock, std::function<double()> monotonic_seconds)
    : stores_(stores),
      metrics_(metrics),
      public_limiter_(public_limiter),
      clock_(clock),
      monotonic_seconds_(std::move(monotonic_seconds)) {}

ApiResponse ApiService::Handle(const ApiRequest& request) {
  const auto started = std::chrono::steady_clock::now();
  std::string route_label = "unmatched";
  ApiResponse response = Dispatch(request, &route_label);
  const std::chrono::duration<double> elapsed = std::chrono::steady_clock::now() - started;
  metrics_.Record(route_label, response.status, elapsed.count());
  return response;
}

ApiResponse ApiService::Dispatch(const ApiRequest& request, std::string* route_label) {
  auto target = ParseRequestTarget(request.target);
  if (!target.ok()) return ProblemResponse(400, "Bad Request", target.status().message());
  RouteMatch match = MatchRoute(request.method, *target);
  if (match.outcome == RouteMatch::Outcome::kNotFound) {
    return ProblemResponse(404, "Not Found", "no such resource");
  }
  if (match.outcome == RouteMatch::Outcome::kMethodNotAllowed) {
    ApiResponse response = ProblemResponse(405, "Method Not Allowed",
                                           fmt::format("{} is not allowed here", request.method));
    response.headers.emplace_back("Allow", match.allow);
    return response;
  }
  *route_label = std::string(RoutePattern(match.route));

  switch (match.route) {
    case Route::kHealth: return JsonResponse(200, json{{"status", "ok"}});
    case Route::kOpenApi:
      return ApiResponse{200, "application/json", std::string(OpenApiDocument()), {}};
    case Route::kMetrics:
      return ApiResponse{200, "text/plain; version=0.0.4", metrics_.PrometheusText(), {}};
    default: break;
  }

  auto lease = stores_.Acquire();
  if (!lease.ok()) return StoreProblem(lease.status());
  store::RegistryStore& registry = **lease;
  // A store whose connection is gone is not given to the next request.
  auto store_problem = [&lease](const Status& status) {
    if (status.code() == StatusCode::kUnavailable) lease->Discard();
    return StoreProblem(status);
  };

  // Who is asking.
  Caller caller;
  std::optional<std::string> key = PresentedKey(request);
  if (!key) return Unauthorized("the Authorization header is not \"Bearer <key>\"");
  if (!key->empty()) {
    auto found = registry.FindActiveApiKey(ApiKeyHash(*key));
    if (!found.ok()) return store_problem(found.status());
    if (!found->has_value()) return Unauthorized("the API key is unknown or revoked");
    caller.role = (*found)->role;
    caller.key_id = (*found)->id;
  }

  // What the role may do.
  if (match.route == Route::kAudit && caller.role != store::ApiRole::kRegulator) {
    if (!caller.key_id) return Unauthorized("the audit trail needs a regulator key");
    return ProblemResponse(
        403, "Forbidden",
        fmt::format("the {} role may not read the audit trail", store::ApiRoleName(caller.role)));
  }

  // Parse the batch before charging for it.
  std::vector<std::string> batch;
  if (match.route == Route::kImeiBatch) {
    json body = json::parse(request.body, nullptr, /*allow_exceptions=*/false);
    if (!body.is_object() || !body.contains("imeis") || !body["imeis"].is_array()) {
      return ProblemResponse(400, "Bad Request",
                             "the body must be a JSON object {\"imeis\": [\"...\", ...]}");
    }
    if (body["imeis"].size() > kMaxBatchImeis) {
      return ProblemResponse(413, "Content Too Large",
                             fmt::format("a batch holds at most {} IMEIs, not {}", kMaxBatchImeis,
                                         body["imeis"].size()));
    }
    for (const json& item : body["imeis"]) {
      if (!item.is_string()) {
        return ProblemResponse(400, "Bad Request", "every IMEI in the batch must be a string");
      }
      batch.push_back(item.get<std::string>());
    }
  }

  if (caller.role == store::ApiRole::kPublic) {
    const std::string bucket =
        caller.key_id ? fmt::format("apikey:{}", *caller.key_id) : request.client_address;
    const int cost =
        match.route == Route::kImeiBatch ? std::max<int>(1, static_cast<int>(batch.size())) : 1;
    RateDecision decision = public_limiter_.Take(bucket, monotonic_seconds_(), cost);
    if (!decision.allowed) {
      metrics_.CountRateLimited();
      ApiResponse response =
          ProblemResponse(429, "Too Many Requests",
                          fmt::format("the public rate limit is reached; retry in {} s",
                                      decision.retry_after_seconds));
      response.headers.emplace_back("Retry-After", std::to_string(decision.retry_after_seconds));
      return response;
    }
  }

  const Date today = DateFromUnixSeconds(clock_.Now());
  switch (match.route) {
    case Route::kImeiStatus: {
      auto status = ImeiStatusJson(registry, match.params.at("imei"), caller.role, today);
      if (!status.ok()) return store_problem(status.status());
      return JsonResponse(200, *status);
    }
    case Route::kImeiBatch: {
      json results = json::array();
      for (const std::string& imei : batch) {
        auto status = ImeiStatusJson(registry, imei, caller.role, today);
        if (!status.ok()) return store_problem(status.status());
        results.push_back(std::move(*status));
      }
      return JsonResponse(200, json{{"results", std::move(results)}});
    }
    case Route::kTacInfo: {
      auto info = TacInfoJson(registry, match.params.at("tac"));
      if (!info.ok()) {
        if (info.status().code() == StatusCode::kInvalidInput) {
          return ProblemResponse(400, "Bad Request", info.status().message());
        }
        if (info.status().code() == StatusCode::kNotFound) {
          return ProblemResponse(404, "Not Found", info.status().message());
        }
        return store_problem(info.status());
      }
      return JsonResponse(200, *info);
    }
    case Route::kAudit: {
      auto from = QueryInt(*target, "from", 1, 1, std::numeric_limits<int>::max());
      if (!from.ok()) return ProblemResponse(400, "Bad Request", from.status().message());
      auto limit = QueryInt(*target, "limit", kDefaultAuditLimit, 1, kMaxAuditLimit);
      if (!limit.ok()) return ProblemResponse(400, "Bad Request", limit.status().message());
      json entries = json::array();
      const Status stop = AbortedError("enough entries");
      Status scanned = registry.ScanAuditLog([&](const store::AuditEntry& entry) -> Status {
        if (entry.seq < *from) return Status::Ok();
        if (static_cast<int>(entries.size()) >= *limit) return stop;
        entries.push_back({{"seq", entry.seq},
                           {"at", FormatIso8601Utc(entry.at)},
                           {"actor", entry.actor},
                           {"action", entry.action},
                           {"subject", entry.subject},
                           {"detail", json::parse(entry.detail_json, nullptr, false)},
                           {"prev_hash", entry.prev_hash},
                           {"hash", entry.hash}});
        return Status::Ok();
      });
      if (!scanned.ok() && scanned != stop) return store_problem(scanned);
      auto head = registry.GetAuditHead();
      if (!head.ok()) return store_problem(head.status());
      return JsonResponse(200, json{{"entries", std::move(entries)},
                                    {"head", {{"seq", head->seq}, {"hash", head->hash}}}});
    }
    default: return ProblemResponse(500, "Internal Server Error", "unrouted request");
  }
}

}  // namespace openceir::api
