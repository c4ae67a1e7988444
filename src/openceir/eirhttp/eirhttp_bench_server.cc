// The N5g-eir server of scripts/bench-n5g.sh: serves a snapshot of --blacklisted synthetic
// IMEIs over h2c, optionally swapping it for an equal one every --swap-ms milliseconds (the
// "swap under load" run), until SIGINT/SIGTERM; then stops gracefully and prints the swaps
// done and its peak RSS. Writes --urls FILE: h2load input, alternating listed and unlisted IMEIs.
//
//   eirhttp_bench_server --listen 127.0.0.1:0 --threads 2 --threading per-thread
//       --blacklisted 1000000 --urls urls.txt [--swap-ms 100] [--bundle-dir DIR]
#include <signal.h>

#include <atomic>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <iostream>
#include <string>
#include <thread>

#include "openceir/eir/snapshot_builder.h"
#include "openceir/eirhttp/server.h"

namespace {

using namespace openceir;  // NOLINT(google-build-using-namespace)

// The i-th listed IMEI's 14 digits: even serials from 35000000 000000 up; odd ones are unlisted.
std::string Imei14(std::uint64_t i) { return std::to_string(35'000'000'000'000ULL + i); }

std::shared_ptr<const eir::DecisionSnapshot> Build(std::uint64_t count, std::uint64_t version) {
  eir::SnapshotBuilder builder;
  for (std::uint64_t i = 0; i < count; ++i) {
    const Status status = builder.AddBlacklisted(Imei14(2 * i), 20240101, "stolen");
    if (!status.ok()) {
      std::cerr << status.ToString() << "\n";
      std::exit(1);
    }
  }
  auto snapshot = std::move(builder).Build(version, 1'700'000'000);
  if (!snapshot.ok()) {
    std::cerr << snapshot.status().ToString() << "\n";
    std::exit(1);
  }
  return std::move(snapshot).value();
}

long PeakRssKib() {
  std::ifstream status("/proc/self/status");
  for (std::string line; std::getline(status, line);) {
    if (line.rfind("VmHWM:", 0) == 0) return std::atol(line.c_str() + 6);
  }
  return -1;
}

}  // namespace

int main(int argc, char** argv) {
  eirhttp::ServerConfig config;
  std::uint64_t blacklisted = 1'000'000;
  long swap_ms = 0;
  std::string urls_path;
  std::string listen = "127.0.0.1:0";
  for (int i = 1; i + 1 < argc; i += 2) {
    const std::string flag = argv[i];
    const std::string value = argv[i + 1];
    if (flag == "--listen") {
      listen = value;
    } else if (flag == "--threads") {
      config.worker_threads = std::atoi(value.c_str());
    } else if (flag == "--threading") {
      config.threading = value == "shared" ? eirhttp::ThreadingModel::kSharedContext
                                           : eirhttp::ThreadingModel::kContextPerThread;
    } else if (flag == "--blacklisted") {
      blacklisted = std::strtoull(value.c_str(), nullptr, 10);
    } else if (flag == "--swap-ms") {
      swap_ms = std::atol(value.c_str());
    } else if (flag == "--urls") {
      urls_path = value;
    } else if (flag == "--bundle-dir") {
      config.bundle_dir = value;
    } else {
      std::cerr << "unknown flag " << flag << "\n";
      return 2;
    }
  }
  config.h2c_listen = {listen};

  // Signals are taken by sigwait below, not by a handler, so block them in every thread.
  sigset_t signals;
  sigemptyset(&signals);
  sigaddset(&signals, SIGINT);
  sigaddset(&signals, SIGTERM);
  pthread_sigmask(SIG_BLOCK, &signals, nullptr);

  const auto build_start = std::chrono::steady_clock::now();
  auto first = Build(blacklisted, 1);
  auto second = swap_ms > 0 ? Build(blacklisted, 2) : first;
  const double build_seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - build_start).count();

  eir::SnapshotHolder holder(first);
  eir::EirMetrics metrics;
  eirhttp::Server server(config, holder, metrics);
  if (const Status status = server.Start(); !status.ok()) {
    std::cerr << status.ToString() << "\n";
    return 1;
  }
  const std::uint16_t port = server.h2c_ports().front();
  if (!urls_path.empty()) {
    std::ofstream urls(urls_path);
    // 1000 distinct URLs spread over the list: listed and unlisted alternate.
    const std::uint64_t step = blacklisted > 500 ? blacklisted / 500 : 1;
    for (std::uint64_t i = 0; i < 500; ++i) {
      const std::uint64_t listed = 2 * ((i * step) % (blacklisted == 0 ? 1 : blacklisted));
      for (const std::uint64_t serial : {listed, listed + 1}) {
        urls << "http://127.0.0.1:" << port << "/n5g-eir-eic/v1/equipment-status?pei=imei-"
             << Imei14(serial) << "0\n";
      }
    }
  }
  std::printf("listening h2c %u (snapshots built in %.2f s)\n", port, build_seconds);
  std::fflush(stdout);

  std::atomic<bool> stop{false};
  std::atomic<std::uint64_t> swaps{0};
  std::thread swapper;
  if (swap_ms > 0) {
    swapper = std::thread([&] {
      bool use_second = true;
      while (!stop.load()) {
        std::this_thread::sleep_for(std::chrono::milliseconds(swap_ms));
        holder.Replace(use_second ? second : first);
        use_second = !use_second;
        swaps.fetch_add(1);
      }
    });
  }

  int signal_number = 0;
  sigwait(&signals, &signal_number);
  stop.store(true);
  if (swapper.joinable()) swapper.join();
  server.Stop();
  std::uint64_t answers = 0;
  for (const auto answer : {eir::Answer::kWhitelisted, eir::Answer::kBlacklisted}) {
    answers += metrics.AnswerCount(eir::Interface::kN5g, answer);
  }
  std::printf("answers %llu swaps %llu peak_rss_kib %ld\n",
              static_cast<unsigned long long>(answers),
              static_cast<unsigned long long>(swaps.load()), PeakRssKib());
  return 0;
}
