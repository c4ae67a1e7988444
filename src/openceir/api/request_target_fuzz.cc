// Fuzz target: request target parsing and routing never crash, and what they accept is
// consistent (every decoded segment is non-empty and has no NUL).
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "openceir/api/router.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  auto target = openceir::api::ParseRequestTarget(text);
  if (!target.ok()) return 0;
  for (const std::string& segment : target->segments) {
    if (segment.empty() || segment.find('\0') != std::string::npos) std::abort();
  }
  for (std::string_view method : {"GET", "POST", "HEAD", "PUT"}) {
    openceir::api::RouteMatch match = openceir::api::MatchRoute(method, *target);
    if (match.outcome == openceir::api::RouteMatch::Outcome::kMethodNotAllowed &&
        match.allow.empty()) {
      std::abort();
    }
  }
  return 0;
}
