// The Diameter S13 EIR (3GPP TS 29.272, issue 5 item 3): a freeDiameter node that answers
// ME-Identity-Check-Requests from the decision snapshot. freeDiameter does the transport,
// capabilities exchange (advertising S13, application 16777252, vendor 10415), watchdogs,
// reconnects and routing; this class writes its configuration, adds S13 to its dictionary and
// registers the handler that maps each ECR to a decision and the decision to an answer.
//
// freeDiameter's core is a process-wide singleton that cannot be initialised twice (1.2.1
// refuses a second fd_core_initialize even after shutdown). So a process runs at most one
// S13Server, once: a second Start in the same process, even after Stop, is refused with
// kFailedPrecondition. Tests that need several nodes run them in separate processes.
#pragma once

#include <memory>

#include "openceir/base/status.h"
#include "openceir/eir/metrics.h"
#include "openceir/eir/snapshot_holder.h"
#include "openceir/s13/s13_server_config.h"

namespace openceir::s13 {

class S13Server {
 public:
  explicit S13Server(S13ServerConfig config);
  ~S13Server();  // Stop()s
  S13Server(const S13Server&) = delete;
  S13Server& operator=(const S13Server&) = delete;

  // Writes the freeDiameter configuration into config.work_dir, starts the core and listens.
  // Returns once the listening socket is open; peers connect (and are connected to) from then
  // on. Answers come from holder.Current() at each request (so Replace takes effect at once) and
  // are counted in `metrics` (interface s13, with the time spent in the handler). `holder` and
  // `metrics` must outlive Stop(). kInvalidInput for a bad config (nothing started);
  // kFailedPrecondition when this process already started freeDiameter; kUnavailable when
  // freeDiameter fails to start (its log lines went to stderr).
  Status Start(const eir::SnapshotHolder& holder, eir::EirMetrics& metrics);

  // Closes the connections (DPR to connected peers), stops freeDiameter's threads and waits for
  // them. Requests being answered finish first. Idempotent.
  void Stop();

  bool running() const { return running_; }

 private:
  struct Handler;
  S13ServerConfig config_;
  std::unique_ptr<Handler> handler_;
  bool running_ = false;
};

}  // namespace openceir::s13
