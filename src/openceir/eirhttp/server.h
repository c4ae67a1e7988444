// The EIR node's HTTP/2 server (issue 5 items 2, 4, 6): N5g-eir, the plain REST check,
// /metrics, /healthz and the bundle files, over h2c (prior knowledge) and TLS (ALPN h2), on
// nghttp2's session API with Boost.Asio sockets and a pool of worker threads.
//
//   eirhttp::ServerConfig config;
//   config.h2c_listen = {"0.0.0.0:8080"};
//   eirhttp::Server server(config, holder, metrics);
//   if (Status s = server.Start(); !s.ok()) ...   // binds, starts the threads
//   ...
//   server.Stop();   // stop accepting, finish in-flight streams (GOAWAY), join the threads
#pragma once

#include <chrono>
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "openceir/base/clock.h"
#include "openceir/base/status.h"
#include "openceir/eir/metrics.h"
#include "openceir/eir/snapshot_holder.h"
#include "openceir/eirhttp/http2_session.h"

namespace openceir::eirhttp {

enum class ThreadingModel {
  // One io_context per worker thread; connections are spread over them round-robin and stay
  // on their thread (no locking, no strand). The default: faster on this 2-core box
  // (docs/PERFORMANCE.md).
  kContextPerThread,
  // One io_context run by every worker thread; each connection on its own strand.
  kSharedContext,
};

struct ServerConfig {
  // "host:port" or "[v6 address]:port"; host may be a name ("localhost"). Port 0 binds an
  // ephemeral port (see h2c_ports()/tls_ports()).
  std::vector<std::string> h2c_listen;
  std::vector<std::string> tls_listen;
  std::string tls_certificate_file;  // PEM chain; needed when tls_listen is not empty
  std::string tls_private_key_file;  // PEM
  int worker_threads = 2;
  ThreadingModel threading = ThreadingModel::kContextPerThread;
  std::string bundle_dir;  // served under /bundles/; empty: none
  SessionLimits limits;
  // Stop(): how long clients get between the GOAWAY notice and the final GOAWAY, and how long
  // in-flight streams get to finish before their connections are closed anyway.
  std::chrono::milliseconds goaway_grace{100};
  std::chrono::milliseconds drain_timeout{10'000};
};

class Server {
 public:
  // `snapshots`, `metrics` and `clock` (the clock gives /metrics the snapshot's age) must
  // outlive the server. nullptr clock: the system clock.
  Server(ServerConfig config, const eir::SnapshotHolder& snapshots, eir::EirMetrics& metrics,
         const Clock* clock = nullptr);
  ~Server();  // Stop()s
  Server(const Server&) = delete;
  Server& operator=(const Server&) = delete;

  // Binds every listen address, loads the TLS files and the bundle folder, starts the worker
  // threads. kInvalidInput for a malformed address or no address at all, kIoError for a
  // port that cannot be bound or unreadable TLS files, kNotFound for a missing bundle folder.
  // On error nothing keeps running. Call once.
  Status Start();

  // Stops accepting, sends GOAWAY on every connection, lets in-flight streams finish (up to
  // drain_timeout), then closes what is left and joins the threads. Idempotent; blocks.
  void Stop();

  // The ports bound, in the order of h2c_listen / tls_listen (after Start).
  std::vector<std::uint16_t> h2c_ports() const;
  std::vector<std::uint16_t> tls_ports() const;
  // Connections open now (tests, logs).
  std::size_t open_connections() const;

 private:
  class Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace openceir::eirhttp
