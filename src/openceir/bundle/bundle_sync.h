// An EIR node's bundle sync (issue 5 item 5, `openceir eir --sync URL --trust PUBKEY`): polls
// the central node's bundle directory over HTTP (any server of static files), applies new
// bundles and swaps the snapshot. `latest` is fetched with If-None-Match when the server gave an
// ETag, so an unchanged directory costs one 304; servers without ETags just send `latest` again
// (a few bytes) and the sequence tells that nothing changed.
#pragma once

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>

#include "openceir/base/status.h"
#include "openceir/bundle/bundle_applier.h"
#include "openceir/eir/metrics.h"
#include "openceir/eir/snapshot_holder.h"

namespace openceir::bundle {

struct HttpOptions {
  long connect_timeout_ms = 3000;
  long total_timeout_ms = 60000;  // per file; a 50 M-IMEI full file is a few hundred MB
  // http:// URLs: HTTP/2 without the HTTP/1.1 upgrade (h2c prior knowledge), as an openceir
  // central node (`openceir eir --bundle-dir`, HTTP/2 only) needs; false for HTTP/1.1 servers.
  // https:// negotiates by ALPN either way.
  bool http2_prior_knowledge = false;
};

// Fetches files below a base URL with libcurl (HTTP/1.1 or HTTP/2; https verifies peers).
// kNotFound for 404, kUnavailable for connection failures, timeouts and other statuses.
class HttpSource : public BundleSource {
 public:
  HttpSource(std::string base_url, HttpOptions options);
  ~HttpSource() override;
  HttpSource(const HttpSource&) = delete;
  HttpSource& operator=(const HttpSource&) = delete;

  Result<std::string> Fetch(const std::string& path) override;

  // GET with If-None-Match: `*etag` (when not empty). Returns nullopt on 304; otherwise the
  // body, and *etag becomes the response's ETag (empty when it sent none).
  Result<std::optional<std::string>> FetchIfChanged(const std::string& path, std::string* etag);

 private:
  Result<std::optional<std::string>> Get(const std::string& path, std::string* etag);
  std::string base_url_;
  HttpOptions options_;
  void* curl_;  // CURL*, reused so connections are kept alive
};

struct SyncResult {
  bool changed = false;       // a new snapshot was swapped in
  bool not_modified = false;  // the server answered 304 for `latest`
  std::uint64_t sequence = 0;
  bool from_delta = false;
  std::string note;
};

class BundleSync {
 public:
  // `holder` receives new snapshots; `metrics` (may be null) counts failures and successes.
  BundleSync(std::string base_url, HttpOptions http, BundleApplier& applier,
             eir::SnapshotHolder& holder, eir::EirMetrics* metrics);

  // One poll. On a refused bundle returns the error (its reason counted in metrics); the
  // holder keeps its snapshot. `now_unix_seconds` stamps the success metric.
  Result<SyncResult> SyncOnce(std::int64_t now_unix_seconds);

 private:
  HttpSource source_;
  BundleApplier& applier_;
  eir::SnapshotHolder& holder_;
  eir::EirMetrics* metrics_;
  std::string latest_etag_;
};

}  // namespace openceir::bundle
