// Which resource answers a request, and the bookkeeping around it: the snapshot it is
// answered from, and the metrics every N5g-eir and REST answer is recorded in (with its
// latency from the first HEADERS byte to the response being queued).
//
//   GET  /n5g-eir-eic/v1/equipment-status   N5g-eir (n5g_resource.h)
//   GET  /v1/eir/check                      plain REST (rest_resource.h)
//   GET  /metrics                           Prometheus text (eir::EirMetrics)
//   GET  /healthz                           {"status":"ok","snapshot_version":N,...}
//   GET|HEAD /bundles/<name>                bundle files (bundle_files.h)
// Another method on a known path is a 405 with "allow"; an unknown path a 404 ProblemDetails.
#pragma once

#include "openceir/base/clock.h"
#include "openceir/eir/metrics.h"
#include "openceir/eir/snapshot_holder.h"
#include "openceir/eirhttp/bundle_files.h"
#include "openceir/eirhttp/exchange.h"

namespace openceir::eirhttp {

class Router final : public RequestHandler {
 public:
  // All references must outlive the router. `bundles` may be closed (then /bundles/ is 404).
  Router(const eir::SnapshotHolder& snapshots, eir::EirMetrics& metrics, const BundleFiles& bundles,
         const Clock& clock);

  // Thread-safe: any number of connections and threads.
  void Handle(const Request& request, Response* response) override;

 private:
  const eir::SnapshotHolder& snapshots_;
  eir::EirMetrics& metrics_;
  const BundleFiles& bundles_;
  const Clock& clock_;
};

}  // namespace openceir::eirhttp
