// End-to-end benchmark of the events import: generates a cell table and an events file of
// --rows rows (default 10 M) for --imeis devices (default 1 M; 0.1% of them cloned: a second
// IMSI in another city), imports both into a fresh SQLite store and prints rows/s. Run it under
// /usr/bin/time -v for the peak RSS:
//   /usr/bin/time -v build/events-release/src/openceir/events/events_import_benchmark
//       --rows 10000000 --dir /tmp/events_bench   (one line)
// Not a Google Benchmark: one import of a large file is the measurement.
#include <fmt/format.h>

#include <chrono>
#include <cstdio>
#include <cstring>
#include <ctime>
#include <filesystem>
#include <random>
#include <string>

#include "openceir/base/clock.h"
#include "openceir/events/cells_import.h"
#include "openceir/events/events_import.h"
#include "openceir/store/sqlite/sqlite_observation_store.h"
#include "openceir/store/sqlite/sqlite_registry_store.h"

namespace {

using openceir::Status;
namespace events = openceir::events;
namespace fs = std::filesystem;

constexpr int kCellsPerSide = 100;  // 10 000 cells on a grid over Spain-sized land
constexpr double kLat0 = 36.5, kLat1 = 43.5, kLon0 = -9.0, kLon1 = 3.0;

double Seconds(std::chrono::steady_clock::time_point since) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - since).count();
}

void WriteCells(const std::string& path) {
  std::FILE* f = std::fopen(path.c_str(), "wb");
  std::fputs(
      "radio,mcc,net,area,cell,unit,lon,lat,range,samples,changeable,created,updated,"
      "averageSignal\n",
      f);
  for (int y = 0; y < kCellsPerSide; ++y) {
    for (int x = 0; x < kCellsPerSide; ++x) {
      double lat = kLat0 + (kLat1 - kLat0) * y / (kCellsPerSide - 1);
      double lon = kLon0 + (kLon1 - kLon0) * x / (kCellsPerSide - 1);
      fmt::print(f, "LTE,999,01,{},{},,{:.5f},{:.5f},2000,10,1,1600000000,1700000000,\n", y, x, lon,
                 lat);
    }
  }
  std::fclose(f);
}

// Events of one day in time order: each device mostly at its home cell or a neighbour; a cloned
// device's second IMSI lives in a cell far away.
void WriteEvents(const std::string& path, std::int64_t rows, std::int64_t imeis) {
  std::FILE* f = std::fopen(path.c_str(), "wb");
  std::fputs("timestamp,imei,imsi,msisdn,rat,cell_id\n", f);
  std::mt19937_64 random(42);
  std::string buffer;
  buffer.reserve(1 << 22);
  const std::int64_t day_start = 1767571200;  // 2026-01-05T00:00:00Z
  for (std::int64_t i = 0; i < rows; ++i) {
    std::int64_t t = day_start + i * 86400 / rows;
    std::uint64_t device = random() % static_cast<std::uint64_t>(imeis);
    bool clone = device % 1000 == 7 && (random() & 1) != 0;
    std::uint64_t home = (device * 2654435761u) % (kCellsPerSide * kCellsPerSide);
    int y = static_cast<int>(home / kCellsPerSide), x = static_cast<int>(home % kCellsPerSide);
    if (clone) {
      y = (y + kCellsPerSide / 2) % kCellsPerSide;
      x = (x + kCellsPerSide / 2) % kCellsPerSide;
    }
    x = std::min(kCellsPerSide - 1, x + static_cast<int>(random() % 2));
    std::uint64_t subscriber = device * 2 + (clone ? 1 : 0);
    std::int64_t s = t % 86400;
    fmt::format_to(std::back_inserter(buffer),
                   "2026-01-05T{:02}:{:02}:{:02}Z,35{:012},99901{:010},999{:09},006,999-01-{}-{}\n",
                   s / 3600, s / 60 % 60, s % 60, device, subscriber, subscriber, y, x);
    if (buffer.size() > (1 << 22) - 256) {
      std::fwrite(buffer.data(), 1, buffer.size(), f);
      buffer.clear();
    }
  }
  std::fwrite(buffer.data(), 1, buffer.size(), f);
  std::fclose(f);
}

}  // namespace

int main(int argc, char** argv) {
  std::int64_t rows = 10'000'000;
  std::int64_t imeis = 1'000'000;
  std::string dir = (fs::temp_directory_path() / "openceir_events_bench").string();
  for (int i = 1; i + 1 < argc; i += 2) {
    if (std::strcmp(argv[i], "--rows") == 0) rows = std::stoll(argv[i + 1]);
    if (std::strcmp(argv[i], "--imeis") == 0) imeis = std::stoll(argv[i + 1]);
    if (std::strcmp(argv[i], "--dir") == 0) dir = argv[i + 1];
  }
  fs::remove_all(dir);
  fs::create_directories(dir);
  const std::string cells_path = dir + "/cells.csv";
  const std::string events_path = dir + "/op1_20260105_20260105.events.csv";
  auto start = std::chrono::steady_clock::now();
  WriteCells(cells_path);
  WriteEvents(events_path, rows, imeis);
  fmt::print("generated {} rows ({:.0f} MB) in {:.1f} s\n", rows,
             static_cast<double>(fs::file_size(events_path)) / 1e6, Seconds(start));

  openceir::SystemClock clock;
  const std::string store_path = dir + "/store.db";
  auto registry = openceir::store::OpenSqliteRegistryStore(store_path, &clock);
  auto observations = openceir::store::OpenSqliteObservationStore(store_path, &clock);
  if (!registry.ok() || !observations.ok() || !(*registry)->Migrate().ok() ||
      !(*observations)->Migrate().ok()) {
    fmt::print(stderr, "cannot open the store in {}\n", dir);
    return 1;
  }
  openceir::config::Config config;
  config.region.mccs = {"999"};
  config.region.country_codes = {"999"};
  config.region.operators = {{"op1", "Bench", {"99901"}}};

  auto cells = events::ImportCells(**registry, **observations, config, cells_path, {});
  if (!cells.ok() || !cells->accepted) {
    fmt::print(stderr, "cells import failed\n");
    return 1;
  }
  events::EventsImportOptions options;
  options.temp_dir = dir;
  start = std::chrono::steady_clock::now();
  std::clock_t cpu_start = std::clock();
  auto report =
      events::ImportEvents(**registry, **observations, config, "op1", events_path, options);
  double seconds = Seconds(start);
  // CPU seconds of all threads: on a shared machine the wall time also measures the neighbours.
  double cpu = static_cast<double>(std::clock() - cpu_start) / CLOCKS_PER_SEC;
  if (!report.ok()) {
    fmt::print(stderr, "{}\n", report.status().ToString());
    return 1;
  }
  fmt::print("{}\n", report->summary);
  for (const auto& error : report->errors) fmt::print("{}\n", error.ToString());
  fmt::print(
      "events import: {} rows in {:.2f} s wall = {:.2f} M rows/s; {:.2f} CPU s; store {:.0f} MB\n",
      report->rows, seconds, static_cast<double>(report->rows) / seconds / 1e6, cpu,
      static_cast<double>(fs::file_size(store_path)) / 1e6);
  return report->accepted ? 0 : 1;
}
