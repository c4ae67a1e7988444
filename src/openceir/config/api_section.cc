// The `api` section: the people-facing API server (`openceir serve`).
#include <fmt/format.h>

#include "openceir/config/config_sections.h"

namespace openceir::config::internal {

void ParseApi(ProblemSink& sink, const YAML::Node& node, ApiConfig* api) {
  MapReader map(sink, node, "api",
                {"listen", "threads", "public_requests_per_second", "public_burst",
                 "max_body_bytes", "idle_timeout_seconds"});
  if (map.NonEmptyString("listen", &api->listen)) {
    // Port 0 binds an ephemeral port (tests, several servers on one machine).
    if (std::string problem = ListenAddressProblem(api->listen, 0); !problem.empty()) {
      map.Problem("listen", fmt::format("\"{}\" {}", api->listen, problem));
    }
  }
  if (map.Has("threads") && map.IntAtLeast("threads", 1, &api->threads) && api->threads > 64) {
    map.Problem("threads", fmt::format("{} threads is more than 64", api->threads));
  }
  if (map.Real("public_requests_per_second", &api->public_requests_per_second) &&
      !(api->public_requests_per_second > 0)) {
    map.Problem("public_requests_per_second", "must be more than 0");
  }
  if (map.Has("public_burst")) map.IntAtLeast("public_burst", 1, &api->public_burst);
  if (map.Has("max_body_bytes")) map.IntAtLeast("max_body_bytes", 1024, &api->max_body_bytes);
  if (map.Has("idle_timeout_seconds")) {
    map.IntAtLeast("idle_timeout_seconds", 1, &api->idle_timeout_seconds);
  }
}

}  // namespace openceir::config::internal
