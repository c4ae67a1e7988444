// End-to-end operator import benchmark: generates an operator data file of N rows (30 days,
// each subscriber seen on ~80% of days with one IMEI, as real dumps look), imports it into a
// fresh SQLite store (registry + observations in one file), or with --store URI into an empty
// PostgreSQL database, and prints rows/s and peak RSS.
//
// Usage: operator_import_benchmark [--rows N] [--dir DIR] [--budget-mb M] [--keep]
//                                  [--store postgresql://...]
// For the peak memory of the whole process: /usr/bin/time -v operator_import_benchmark ...
#include <fmt/format.h>
#include <sys/resource.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <string>

#include "openceir/base/clock.h"
#include "openceir/observe/operator_import.h"
#include "openceir/store/postgresql/pg_dsn.h"
#include "openceir/store/postgresql/pg_observation_store.h"
#include "openceir/store/postgresql/pg_registry_store.h"
#include "openceir/store/sqlite/sqlite_observation_store.h"
#include "openceir/store/sqlite/sqlite_registry_store.h"

namespace {

using openceir::Date;

std::uint64_t Hash(std::uint64_t x) {
  x ^= x >> 33;
  x *= 0xff51afd7ed558ccdULL;
  x ^= x >> 33;
  return x;
}

// Writes the file; returns the number of data rows.
std::int64_t Generate(const std::string& path, std::int64_t target_rows) {
  constexpr int kDays = 30;
  const std::int64_t subscribers = std::max<std::int64_t>(1, target_rows * 10 / (kDays * 8));
  std::FILE* out = std::fopen(path.c_str(), "wb");
  if (out == nullptr) {
    std::perror(path.c_str());
    std::exit(2);
  }
  fmt::memory_buffer buffer;
  fmt::format_to(std::back_inserter(buffer), "date,imei,imsi,msisdn,rat\n");
  std::int64_t rows = 0;
  for (int day = 1; day <= kDays && rows < target_rows; ++day) {
    for (std::int64_t s = 0; s < subscribers && rows < target_rows; ++s) {
      std::uint64_t h = Hash(static_cast<std::uint64_t>(s) * 31 + static_cast<std::uint64_t>(day));
      if (h % 10 >= 8) continue;  // not seen that day
      // 2% of subscribers switch to a second device mid-month.
      const auto sub = static_cast<std::uint64_t>(s);
      std::uint64_t device = sub * 2 + ((day > 15 && Hash(sub) % 50 == 0) ? 1 : 0);
      // One of 2000 TACs, and a serial.
      std::uint64_t imei = (35000000 + Hash(device) % 2000) * 1000000ULL + device % 1000000;
      fmt::format_to(std::back_inserter(buffer), "202610{:02},{:014},99901{:010},999{:09},{}\n",
                     day, imei, s, s, (h & 16) ? "006" : "001|006");
      ++rows;
      if (buffer.size() > (1 << 20)) {
        std::fwrite(buffer.data(), 1, buffer.size(), out);
        buffer.clear();
      }
    }
  }
  std::fwrite(buffer.data(), 1, buffer.size(), out);
  std::fclose(out);
  return rows;
}

}  // namespace

int main(int argc, char** argv) {
  std::int64_t rows = 20'000'000;
  std::string dir = "/tmp/openceir-operator-bench";
  std::size_t budget_mb = 512;
  bool keep = false;
  std::string pg_store;  // a postgresql:// URI, or empty for SQLite
  for (int i = 1; i < argc; ++i) {
    std::string arg = argv[i];
    if (arg == "--rows" && i + 1 < argc) rows = std::atoll(argv[++i]);
    if (arg == "--dir" && i + 1 < argc) dir = argv[++i];
    if (arg == "--budget-mb" && i + 1 < argc) budget_mb = std::strtoull(argv[++i], nullptr, 10);
    if (arg == "--keep") keep = true;
    if (arg == "--store" && i + 1 < argc) pg_store = argv[++i];
  }
  if (!pg_store.empty() && !openceir::store::IsPgUri(pg_store)) {
    fmt::print(stderr, "--store: not a postgresql:// URI: {}\n", pg_store);
    return 2;
  }
  std::filesystem::create_directories(dir);
  std::string file = dir + "/op1_20261001_20261030.csv";
  std::string db = dir + "/bench.db";
  std::filesystem::remove(db);
  std::filesystem::remove(db + "-wal");
  std::filesystem::remove(db + "-shm");

  auto t0 = std::chrono::steady_clock::now();
  std::int64_t written = 0;
  if (!keep || !std::filesystem::exists(file)) {
    written = Generate(file, rows);
    fmt::print("generated {} rows ({:.0f} MB) in {:.1f} s\n", written,
               static_cast<double>(std::filesystem::file_size(file)) / 1e6,
               std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count());
  }

  openceir::ManualClock clock(1795867200);  // 2026-11-28
  const bool on_pg = !pg_store.empty();
  auto registry = on_pg ? openceir::store::OpenPgRegistryStore(pg_store, &clock)
                        : openceir::store::OpenSqliteRegistryStore(db, &clock);
  auto observations = on_pg ? openceir::store::OpenPgObservationStore(pg_store, &clock)
                            : openceir::store::OpenSqliteObservationStore(db, &clock);
  if (!registry.ok() || !observations.ok() || !(*registry)->Migrate().ok() ||
      !(*observations)->Migrate().ok()) {
    fmt::print(stderr, "cannot open the store at {}\n", on_pg ? pg_store : db);
    return 2;
  }
  openceir::config::Config config;
  config.region.mccs = {"999"};
  config.region.country_codes = {"999"};
  config.region.operators = {{"op1", "Demo", {"99901"}}, {"op2", "Second", {"99902"}}};
  openceir::observe::OperatorImportOptions options;
  options.clock = &clock;
  options.temp_dir = dir;
  options.memory_budget_bytes = budget_mb << 20;

  auto cpu_seconds = [] {
    struct rusage u {};
    getrusage(RUSAGE_SELF, &u);
    return static_cast<double>(u.ru_utime.tv_sec + u.ru_stime.tv_sec) +
           static_cast<double>(u.ru_utime.tv_usec + u.ru_stime.tv_usec) / 1e6;
  };
  const double cpu_before = cpu_seconds();  // the generator's share is not the import's
  auto t1 = std::chrono::steady_clock::now();
  auto parsed_at = t1;
  options.progress = [&](std::int64_t) { parsed_at = std::chrono::steady_clock::now(); };
  auto report = openceir::observe::ImportOperatorData(**registry, **observations, config, "op1",
                                                      file, options);
  double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - t1).count();
  if (!report.ok()) {
    fmt::print(stderr, "import failed: {}\n", report.status().ToString());
    return 2;
  }
  struct rusage usage {};
  getrusage(RUSAGE_SELF, &usage);
  fmt::print("{}\n", report->summary);
  fmt::print("read, validate and aggregate: {:.2f} s; checks, store writes and commit: {:.2f} s\n",
             std::chrono::duration<double>(parsed_at - t1).count(),
             seconds - std::chrono::duration<double>(parsed_at - t1).count());
  fmt::print(
      "import: {} rows, {} triplets in {:.2f} s = {:.2f} M rows/s; spilled {} MB; "
      "peak RSS {} MB\n",
      report->rows, report->triplets, seconds, static_cast<double>(report->rows) / seconds / 1e6,
      report->spilled_bytes >> 20, usage.ru_maxrss / 1024);
  if (on_pg) {
    fmt::print("store: PostgreSQL {} (see pg_database_size); import CPU (client) {:.2f} s\n",
               pg_store, cpu_seconds() - cpu_before);
    if (!keep) std::filesystem::remove(file);
    return report->accepted ? 0 : 1;
  }
  // The database file alone: the WAL file keeps its largest size after a checkpoint, and its
  // frames are copies of pages already in the file.
  const auto store_bytes = static_cast<double>(std::filesystem::file_size(db));
  std::error_code no_wal;
  const std::uintmax_t wal = std::filesystem::file_size(db + "-wal", no_wal);
  fmt::print(
      "store: {:.1f} MB = {:.1f} bytes per input row, {:.1f} per triplet (WAL file {:.0f} MB); "
      "import CPU {:.2f} s\n",
      store_bytes / 1e6, store_bytes / static_cast<double>(report->rows),
      store_bytes / static_cast<double>(report->triplets),
      no_wal ? 0.0 : static_cast<double>(wal) / 1e6, cpu_seconds() - cpu_before);
  if (!keep) std::filesystem::remove(file);
  return report->accepted ? 0 : 1;
}
