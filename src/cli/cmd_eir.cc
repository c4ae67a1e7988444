// `openceir eir`: the EIR node (issue 5 items 5, 6). Serves N5g-eir, REST, /metrics (and, on the
// central node, the bundle folder) over HTTP/2, and S13 when configured; answers from the last
// good local bundle at once; polls the central node for new bundles and swaps the snapshot
// without a pause; logs every sync as one structured line; stops cleanly on SIGTERM/SIGINT.
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <spdlog/sinks/stdout_sinks.h>
#include <spdlog/spdlog.h>
#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <ctime>
#include <filesystem>
#include <memory>
#include <optional>

#include "cli/eir_commands.h"
#include "openceir/bundle/bundle_applier.h"
#include "openceir/bundle/bundle_sync.h"
#include "openceir/bundle/signing_key.h"
#include "openceir/eir/metrics.h"
#include "openceir/eir/snapshot_holder.h"
#include "openceir/eirhttp/server.h"
#include "openceir/s13/s13_server.h"

namespace openceir::cli {
namespace {

// One logfmt line per event on stderr: "2026-11-29T12:00:00.123Z info event=sync ...".
std::shared_ptr<spdlog::logger> NodeLogger() {
  auto logger =
      std::make_shared<spdlog::logger>("eir", std::make_shared<spdlog::sinks::stderr_sink_mt>());
  logger->set_pattern("%Y-%m-%dT%H:%M:%S.%eZ level=%l %v", spdlog::pattern_time_type::utc);
  logger->flush_on(spdlog::level::info);
  return logger;
}

// Values with spaces or quotes are quoted (logfmt).
std::string Quoted(std::string_view text) {
  std::string out = "\"";
  for (char c : text) {
    if (c == '"' || c == '\\') out += '\\';
    out += c == '\n' ? ' ' : c;
  }
  return out + "\"";
}

// The node's settings: the configuration's eir section with the flags applied.
struct NodeSettings {
  config::EirConfig eir;
  eir::DecisionPolicies policies;
  std::string bundle_dir;
  bool diameter = false;
};

Result<NodeSettings> Settle(const config::EirConfig& configured, const EirOptions& options) {
  NodeSettings settings;
  settings.eir = configured;
  config::EirSyncConfig& sync = settings.eir.sync;
  if (!options.sync_url.empty()) sync.url = options.sync_url;
  if (!options.trust_file.empty()) sync.trusted_public_key_file = options.trust_file;
  if (!options.state_dir.empty()) sync.state_dir = options.state_dir;
  if (options.poll_interval_seconds > 0) sync.poll_interval_seconds = options.poll_interval_seconds;
  if (options.sync_http1) sync.http2_prior_knowledge = false;
  if (!sync.url.empty() && sync.trusted_public_key_file.empty()) {
    return InvalidInputError("--sync needs --trust PUBKEY (or eir.sync.trusted_public_key_file)");
  }
  if (!options.listen.empty()) settings.eir.http.listen = options.listen;
  settings.bundle_dir = options.bundle_dir;
  settings.diameter = settings.eir.diameter.enabled && !options.no_diameter;
  OPENCEIR_ASSIGN_OR_RETURN(settings.policies, PoliciesOf(settings.eir.policies));
  return settings;
}

s13::S13ServerConfig S13ConfigOf(const config::EirDiameterConfig& d) {
  s13::S13ServerConfig config;
  config.identity = d.identity;
  config.realm = d.realm;
  config.listen_address = d.listen_address;
  config.port = static_cast<std::uint16_t>(d.port);
  config.tls_port = static_cast<std::uint16_t>(d.tls_port);
  config.tls_cert_file = d.tls_certificate_file;
  config.tls_key_file = d.tls_private_key_file;
  config.tls_ca_file = d.tls_ca_file;
  config.allowed_peers = d.allowed_peers;
  for (const config::EirDiameterPeerConfig& peer : d.peers) {
    config.peers.push_back({peer.identity, peer.address, static_cast<std::uint16_t>(peer.port)});
  }
  config.dispatch_threads = d.dispatch_threads;
  config.work_dir = d.work_dir;
  return config;
}

// The bundle sync loop's state: applier, HTTP client, and logging of each poll.
class NodeSync {
 public:
  NodeSync(const NodeSettings& settings, bundle::PublicKey key, eir::SnapshotHolder& holder,
           eir::EirMetrics& metrics, spdlog::logger& log)
      : applier_({key, settings.eir.sync.state_dir, settings.policies}),
        sync_(settings.eir.sync.url, HttpOptionsOf(settings.eir.sync), applier_, holder, &metrics),
        holder_(holder),
        metrics_(metrics),
        log_(log) {}

  // Serves the last good bundle of the state folder, if any.
  void LoadLocal() {
    auto local = applier_.LoadLocal();
    if (local.ok()) {
      holder_.Replace(local->snapshot);
      metrics_.SetSnapshot(local->snapshot->version(), local->snapshot->built_unix_seconds());
      log_.info("event=load_local outcome=applied sequence={} blacklisted={} notified={}",
                local->sequence, local->snapshot->blacklisted_count(),
                local->snapshot->notified_count());
    } else if (local.status().code() == StatusCode::kNotFound) {
      log_.info("event=load_local outcome=none");
    } else {
      log_.warn("event=load_local outcome=refused reason={}", Quoted(local.status().message()));
    }
  }

  // Logs applied and refused bundles at once; "not modified" once after each change of state
  // (the node polls every few seconds: the metrics count every poll).
  void Poll() {
    auto result = sync_.SyncOnce(std::time(nullptr));
    if (!result.ok()) {
      // Once per distinct reason in a row, so a central node that is down for an hour does not
      // fill the log.
      const std::string reason = result.status().message();
      if (reason != last_logged_) {
        log_.warn("event=sync outcome=refused sequence_held={} reason={}", applier_.sequence(),
                  Quoted(reason));
        last_logged_ = reason;
      }
      return;
    }
    if (result->changed) {
      const auto snapshot = holder_.Current();
      log_.info(
          "event=sync outcome=applied sequence={} from_delta={} blacklisted={} notified={} "
          "exception_pairs={}{}",
          result->sequence, result->from_delta, snapshot->blacklisted_count(),
          snapshot->notified_count(), snapshot->exception_pair_count(),
          result->note.empty() ? "" : " note=" + Quoted(result->note));
      last_logged_.clear();
    } else if (last_logged_ != kNotModified) {
      log_.info("event=sync outcome=not_modified sequence={}", result->sequence);
      last_logged_ = kNotModified;
    }
  }

 private:
  static bundle::HttpOptions HttpOptionsOf(const config::EirSyncConfig& sync) {
    bundle::HttpOptions http;
    http.http2_prior_knowledge = sync.http2_prior_knowledge;
    return http;
  }

  bundle::BundleApplier applier_;
  bundle::BundleSync sync_;
  eir::SnapshotHolder& holder_;
  eir::EirMetrics& metrics_;
  spdlog::logger& log_;
  static constexpr std::string_view kNotModified = "\n";  // no failure message is a lone newline
  std::string last_logged_;
};

// SIGTERM/SIGINT arrive through a self-pipe: the handler runs on whichever thread the kernel
// picks (freeDiameter's threads do not keep a blocked mask), and only writes the signal number.
int g_signal_pipe[2] = {-1, -1};

void OnStopSignal(int signal) {
  const auto byte = static_cast<unsigned char>(signal);
  [[maybe_unused]] const ssize_t written = ::write(g_signal_pipe[1], &byte, 1);
}

Status InstallStopSignals() {
  if (::pipe2(g_signal_pipe, O_CLOEXEC | O_NONBLOCK) != 0) {
    return IoError("cannot create the signal pipe");
  }
  struct sigaction action {};
  action.sa_handler = OnStopSignal;
  sigemptyset(&action.sa_mask);
  action.sa_flags = SA_RESTART;
  if (::sigaction(SIGTERM, &action, nullptr) != 0 || ::sigaction(SIGINT, &action, nullptr) != 0) {
    return IoError("cannot install the SIGTERM/SIGINT handlers");
  }
  return Status::Ok();
}

// Waits up to `timeout` for SIGTERM or SIGINT; the signal, or 0.
int WaitForSignal(std::chrono::duration<double> timeout) {
  pollfd wait{g_signal_pipe[0], POLLIN, 0};
  const auto timeout_ms = static_cast<int>(timeout.count() * 1000);
  if (::poll(&wait, 1, timeout_ms) <= 0) return 0;
  unsigned char byte = 0;
  return ::read(g_signal_pipe[0], &byte, 1) == 1 ? byte : 0;
}

}  // namespace

int RunEir(const GlobalOptions& global, const EirOptions& options) {
  auto context = LoadContext(global);
  if (!context.ok()) return ReportError(context.status());
  auto settings = Settle(context->config.eir, options);
  if (!settings.ok()) return ReportError(settings.status());
  auto log = NodeLogger();

  if (Status status = InstallStopSignals(); !status.ok()) return ReportError(status);

  eir::EirMetrics metrics;
  eir::SnapshotHolder holder(eir::DecisionSnapshot::Empty(settings->policies));
  std::optional<NodeSync> sync;
  if (!settings->eir.sync.url.empty()) {
    auto key = bundle::LoadPublicKey(settings->eir.sync.trusted_public_key_file);
    if (!key.ok()) return ReportError(key.status());
    sync.emplace(*settings, *key, holder, metrics, *log);
    sync->LoadLocal();
  }

  eirhttp::ServerConfig http;
  http.h2c_listen = settings->eir.http.listen;
  http.tls_listen = settings->eir.http.tls_listen;
  http.tls_certificate_file = settings->eir.http.tls_certificate_file;
  http.tls_private_key_file = settings->eir.http.tls_private_key_file;
  http.worker_threads = settings->eir.http.worker_threads;
  http.bundle_dir = settings->bundle_dir;
  eirhttp::Server server(http, holder, metrics);
  if (Status status = server.Start(); !status.ok()) return ReportError(status);
  const std::vector<std::uint16_t> h2c_ports = server.h2c_ports();
  for (std::size_t i = 0; i < h2c_ports.size(); ++i) {
    log->info("event=listening interface=http2 tls=false address={} port={}", http.h2c_listen[i],
              h2c_ports[i]);
  }
  const std::vector<std::uint16_t> tls_ports = server.tls_ports();
  for (std::size_t i = 0; i < tls_ports.size(); ++i) {
    log->info("event=listening interface=http2 tls=true address={} port={}", http.tls_listen[i],
              tls_ports[i]);
  }
  if (!http.bundle_dir.empty()) log->info("event=serving_bundles dir={}", Quoted(http.bundle_dir));

  std::optional<s13::S13Server> s13;
  if (settings->diameter) {
    // freeDiameter's generated configuration goes there; S13Server does not create folders.
    std::error_code error;
    std::filesystem::create_directories(settings->eir.diameter.work_dir, error);
    if (error) {
      server.Stop();
      return ReportError(
          IoError(settings->eir.diameter.work_dir + ": cannot create: " + error.message()));
    }
    s13.emplace(S13ConfigOf(settings->eir.diameter));
    if (Status status = s13->Start(holder, metrics); !status.ok()) {
      server.Stop();
      return ReportError(status);
    }
    log->info("event=listening interface=s13 identity={} port={}", settings->eir.diameter.identity,
              settings->eir.diameter.port);
  }
  log->info("event=started snapshot_version={} sync={}", holder.Current()->version(),
            settings->eir.sync.url.empty() ? "none" : Quoted(settings->eir.sync.url));

  const std::chrono::duration<double> interval(settings->eir.sync.poll_interval_seconds);
  int signal = 0;
  if (sync) sync->Poll();
  while (signal == 0) {
    signal = WaitForSignal(sync ? interval : std::chrono::duration<double>(3600));
    if (signal == 0 && sync) sync->Poll();
  }
  log->info("event=stopping signal={}", signal == SIGTERM ? "SIGTERM" : "SIGINT");
  if (s13) s13->Stop();
  server.Stop();  // finishes in-flight streams (GOAWAY) before returning
  log->info("event=stopped");
  return kExitOk;
}

}  // namespace openceir::cli
