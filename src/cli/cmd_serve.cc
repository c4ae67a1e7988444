// `openceir serve [--listen HOST:PORT]`: the people-facing REST API (src/openceir/api) over
// HTTP/1.1, configured by the `api` section. Logs one logfmt line on stderr when listening (with
// the port bound, so --listen 127.0.0.1:0 can be used) and one when stopping; stops cleanly on
// SIGTERM/SIGINT.
#include <fmt/format.h>
#include <signal.h>

#include <chrono>

#include "cli/api_commands.h"
#include "openceir/api/api_service.h"
#include "openceir/api/http_server.h"

namespace openceir::cli {
namespace {

double MonotonicSeconds() {
  const std::chrono::duration<double> since = std::chrono::steady_clock::now().time_since_epoch();
  return since.count();
}

}  // namespace

int RunServe(const GlobalOptions& global, const ServeOptions& options) {
  auto context = LoadContext(global);
  if (!context.ok()) return ReportError(context.status());
  SystemClock clock;
  // Open once now, so a missing or old store fails at start, not on the first request.
  auto first = OpenStore(*context, OpenMode::kExistingLatest, &clock);
  if (!first.ok()) return ReportError(first.status());
  first->reset();

  const config::ApiConfig& settings = context->config.api;
  const Context& opened_context = *context;
  api::StorePool stores([&opened_context, &clock] {
    return OpenStore(opened_context, OpenMode::kExistingLatest, &clock);
  });
  api::ApiMetrics metrics;
  api::RateLimiter limiter(settings.public_requests_per_second, settings.public_burst);
  api::ApiService service(stores, metrics, limiter, clock, MonotonicSeconds);

  api::HttpServerOptions server_options;
  server_options.listen = options.listen.empty() ? settings.listen : options.listen;
  server_options.threads = settings.threads;
  server_options.max_body_bytes = static_cast<std::size_t>(settings.max_body_bytes);
  server_options.idle_timeout_seconds = settings.idle_timeout_seconds;

  // SIGTERM/SIGINT are blocked before the server's threads start (they inherit the mask), so
  // only this thread receives them, through sigwait.
  sigset_t stop_signals;
  sigemptyset(&stop_signals);
  sigaddset(&stop_signals, SIGTERM);
  sigaddset(&stop_signals, SIGINT);
  if (pthread_sigmask(SIG_BLOCK, &stop_signals, nullptr) != 0) {
    return ReportError(IoError("cannot block SIGTERM/SIGINT"));
  }
  api::HttpServer server(server_options, service);
  if (Status started = server.Start(); !started.ok()) return ReportError(started);
  fmt::print(stderr, "event=listening listen={} port={} threads={}\n", server_options.listen,
             server.port(), server_options.threads);
  std::fflush(stderr);

  int signal = 0;
  if (sigwait(&stop_signals, &signal) != 0) {
    server.Stop();
    return ReportError(IoError("sigwait failed"));
  }
  server.Stop();
  fmt::print(stderr, "event=stopped signal={}\n", signal == SIGTERM ? "SIGTERM" : "SIGINT");
  return kExitOk;
}

}  // namespace openceir::cli
