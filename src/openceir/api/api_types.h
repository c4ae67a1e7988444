// A request and response of the API as the service sees them: plain values, independent of the
// HTTP library (http_server.cc converts Beast's), so the whole API is testable without sockets.
#pragma once

#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace openceir::api {

struct ApiRequest {
  std::string method;          // "GET", "POST", ...
  std::string target;          // origin form, "/v1/imeis/35...?x=y"
  std::string client_address;  // the peer's IP address: the public role's rate-limit key
  std::string authorization;   // the Authorization header, if any
  std::string api_key;         // the X-API-Key header, if any
  std::string body;
};

struct ApiResponse {
  int status = 200;
  std::string content_type = "application/json";
  std::string body;
  std::vector<std::pair<std::string, std::string>> headers;  // besides Content-Type
};

// An RFC 9457 problem+json response: {"type":"about:blank","title":...,"status":...,
// "detail":...}.
ApiResponse ProblemResponse(int status, std::string_view title, std::string_view detail);

}  // namespace openceir::api
