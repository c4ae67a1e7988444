#include "openceir/api/router.h"

#include <array>

namespace openceir::api {
namespace {

struct RouteSpec {
  Route route;
  std::string_view method;
  std::string_view pattern;
};

constexpr std::array<RouteSpec, 7> kRoutes = {{
    {Route::kHealth, "GET", "/healthz"},
    {Route::kOpenApi, "GET", "/openapi.json"},
    {Route::kMetrics, "GET", "/metrics"},
    {Route::kImeiStatus, "GET", "/v1/imeis/{imei}"},
    {Route::kImeiBatch, "POST", "/v1/imeis:batch"},
    {Route::kTacInfo, "GET", "/v1/tacs/{tac}"},
    {Route::kAudit, "GET", "/v1/audit"},
}};

int HexValue(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

// Percent-decodes `text`; '+' is a space in the query only.
Result<std::string> Decode(std::string_view text, bool plus_is_space) {
  std::string out;
  out.reserve(text.size());
  for (std::size_t i = 0; i < text.size(); ++i) {
    char c = text[i];
    if (c == '%') {
      if (i + 2 >= text.size()) {
        return InvalidInputError("a percent escape is cut short");
      }
      const int high = HexValue(text[i + 1]);
      const int low = HexValue(text[i + 2]);
      if (high < 0 || low < 0) return InvalidInputError("a percent escape is not two hex digits");
      c = static_cast<char>(high * 16 + low);
      if (c == '\0') return InvalidInputError("the target holds an escaped NUL");
      i += 2;
    } else if (c == '+' && plus_is_space) {
      c = ' ';
    }
    out += c;
  }
  return out;
}

std::vector<std::string_view> Split(std::string_view text, char separator) {
  std::vector<std::string_view> parts;
  std::size_t start = 0;
  for (;;) {
    const std::size_t end = text.find(separator, start);
    parts.push_back(text.substr(start, end == std::string_view::npos ? end : end - start));
    if (end == std::string_view::npos) break;
    start = end + 1;
  }
  return parts;
}

// True when `segments` fit `pattern`; fills `params` from its {name} segments.
bool Fits(std::string_view pattern, const std::vector<std::string>& segments,
          std::map<std::string, std::string>* params) {
  std::vector<std::string_view> parts = Split(pattern.substr(1), '/');
  if (parts.size() != segments.size()) return false;
  std::map<std::string, std::string> found;
  for (std::size_t i = 0; i < parts.size(); ++i) {
    if (parts[i].starts_with('{')) {
      found[std::string(parts[i].substr(1, parts[i].size() - 2))] = segments[i];
    } else if (parts[i] != segments[i]) {
      return false;
    }
  }
  *params = std::move(found);
  return true;
}

}  // namespace

std::string_view RoutePattern(Route route) {
  for (const RouteSpec& spec : kRoutes) {
    if (spec.route == route) return spec.pattern;
  }
  return "";
}

Result<RequestTarget> ParseRequestTarget(std::string_view target) {
  if (!target.starts_with('/')) return InvalidInputError("the request target must start with /");
  for (char c : target) {
    const auto byte = static_cast<unsigned char>(c);
    if (byte < 0x21 || byte == 0x7f) {
      return InvalidInputError("the request target holds a space or a control character");
    }
  }
  RequestTarget out;
  const std::size_t question = target.find('?');
  const std::string_view path = target.substr(0, question);
  if (path != "/") {
    for (std::string_view raw : Split(path.substr(1), '/')) {
      if (raw.empty()) return InvalidInputError("the path has an empty segment");
      OPENCEIR_ASSIGN_OR_RETURN(std::string segment, Decode(raw, /*plus_is_space=*/false));
      if (segment == "." || segment == "..") {
        return InvalidInputError("the path has a . or .. segment");
      }
      out.segments.push_back(std::move(segment));
    }
  }
  if (question != std::string_view::npos) {
    for (std::string_view pair : Split(target.substr(question + 1), '&')) {
      if (pair.empty()) continue;
      const std::size_t equals = pair.find('=');
      OPENCEIR_ASSIGN_OR_RETURN(std::string name, Decode(pair.substr(0, equals), true));
      std::string value;
      if (equals != std::string_view::npos) {
        OPENCEIR_ASSIGN_OR_RETURN(value, Decode(pair.substr(equals + 1), true));
      }
      out.query[std::move(name)] = std::move(value);
    }
  }
  return out;
}

RouteMatch MatchRoute(std::string_view method, const RequestTarget& target) {
  RouteMatch match;
  for (const RouteSpec& spec : kRoutes) {
    std::map<std::string, std::string> params;
    if (!Fits(spec.pattern, target.segments, &params)) continue;
    if (spec.method == method || (method == "HEAD" && spec.method == "GET")) {
      match.outcome = RouteMatch::Outcome::kMatched;
      match.route = spec.route;
      match.params = std::move(params);
      return match;
    }
    match.outcome = RouteMatch::Outcome::kMethodNotAllowed;
    if (!match.allow.empty()) match.allow += ", ";
    match.allow += spec.method;
    if (spec.method == "GET") match.allow += ", HEAD";
  }
  return match;
}

}  // namespace openceir::api
