// The S13 node of scripts/bench-s13.sh: builds a snapshot of --listed synthetic IMEIs (one in
// ten notified, the rest blacklisted), writes --requests request lines for the s13_peer
// extension (a quarter listed, the rest unlisted), serves S13 with S13Server until SIGINT or
// SIGTERM, then prints the answers its metrics counted.
//
//   s13_node_benchmark --work-dir DIR --port N --cert PEM --key PEM --allow PATTERN
//       [--identity eir.localdomain] [--realm localdomain] [--listed 1000000]
//       [--requests-file FILE --requests 200000] [--threads 4]
#include <fmt/format.h>
#include <signal.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <map>
#include <string>

#include "openceir/eir/snapshot_builder.h"
#include "openceir/s13/s13_server.h"

namespace {

using openceir::eir::Answer;
using openceir::eir::Interface;

// The i-th listed IMEI: TACs 35000000.. with 1 M serials each.
std::string ListedImei(std::uint64_t i) {
  return fmt::format("{:08d}{:06d}", 35000000 + i / 1000000, i % 1000000);
}

int Fail(const std::string& message) {
  std::fprintf(stderr, "s13_node_benchmark: %s\n", message.c_str());
  return 1;
}

}  // namespace

int main(int argc, char** argv) {
  std::map<std::string, std::string> args = {{"--identity", "eir.localdomain"},
                                             {"--realm", "localdomain"},
                                             {"--listed", "1000000"},
                                             {"--requests", "200000"},
                                             {"--threads", "4"}};
  for (int i = 1; i + 1 < argc; i += 2) args[argv[i]] = argv[i + 1];
  for (const char* required : {"--work-dir", "--port", "--cert", "--key", "--allow"}) {
    if (!args.count(required)) return Fail(fmt::format("{} is required", required));
  }
  const std::uint64_t listed = std::stoull(args["--listed"]);

  const auto build_started = std::chrono::steady_clock::now();
  openceir::eir::SnapshotBuilder builder;
  for (std::uint64_t i = 0; i < listed; ++i) {
    const std::string imei = ListedImei(i);
    const openceir::Status status = i % 10 == 9 ? builder.AddNotified(imei, 20240101, "duplicate")
                                                : builder.AddBlacklisted(imei, 20240101, "stolen");
    if (!status.ok()) return Fail(status.ToString());
  }
  auto snapshot = std::move(builder).Build(1, 1700000000);
  if (!snapshot.ok()) return Fail(snapshot.status().ToString());
  std::fprintf(
      stderr, "snapshot: %llu listed IMEIs, %zu bytes, built in %.1f s\n",
      static_cast<unsigned long long>(listed), (*snapshot)->MemoryBytes(),
      std::chrono::duration<double>(std::chrono::steady_clock::now() - build_started).count());

  if (args.count("--requests-file")) {
    std::ofstream out(args["--requests-file"]);
    std::uint64_t state = 12345;
    const std::uint64_t requests = std::stoull(args["--requests"]);
    for (std::uint64_t i = 0; i < requests; ++i) {
      state = state * 6364136223846793005ULL + 1442695040888963407ULL;
      const std::uint64_t draw = state >> 33;
      const std::string imei = (listed > 0 && draw % 4 == 0)
                                   ? ListedImei((draw / 4) % listed)
                                   : fmt::format("{:08d}{:06d}", 86000000, draw % 1000000);
      out << "imei=" << imei << ",sv=01,imsi=41001" << fmt::format("{:010d}", draw % 10000000000)
          << '\n';
    }
    if (!out) return Fail("cannot write " + args["--requests-file"]);
  }

  openceir::s13::S13ServerConfig config;
  config.identity = args["--identity"];
  config.realm = args["--realm"];
  config.listen_address = "127.0.0.1";
  config.port = static_cast<std::uint16_t>(std::stoi(args["--port"]));
  config.tls_cert_file = args["--cert"];
  config.tls_key_file = args["--key"];
  config.tls_ca_file = args["--cert"];
  config.allowed_peers = {args["--allow"]};
  config.dispatch_threads = std::stoi(args["--threads"]);
  config.work_dir = args["--work-dir"];

  // Block the signals before freeDiameter starts its threads, so only sigwait sees them.
  sigset_t signals;
  sigemptyset(&signals);
  sigaddset(&signals, SIGINT);
  sigaddset(&signals, SIGTERM);
  pthread_sigmask(SIG_BLOCK, &signals, nullptr);

  openceir::eir::SnapshotHolder holder(std::move(snapshot).value());
  openceir::eir::EirMetrics metrics;
  openceir::s13::S13Server server(config);
  if (const openceir::Status status = server.Start(holder, metrics); !status.ok()) {
    return Fail(status.ToString());
  }
  std::printf("ready port=%u\n", config.port);
  std::fflush(stdout);
  int signal_number = 0;
  sigwait(&signals, &signal_number);
  server.Stop();
  for (Answer answer : {Answer::kWhitelisted, Answer::kBlacklisted, Answer::kGreylisted,
                        Answer::kUnknown, Answer::kBadRequest, Answer::kError}) {
    std::printf("answers_%s=%llu\n", std::string(openceir::eir::AnswerName(answer)).c_str(),
                static_cast<unsigned long long>(metrics.AnswerCount(Interface::kS13, answer)));
  }
  return 0;
}
