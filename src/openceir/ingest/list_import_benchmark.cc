// Benchmark: ImportList of a 1 M-row stolen list into a SQLite store on a real file — a full
// import into a fresh store, and a re-import of the same list with 1% of its rows changed (the
// difference path: scan of the current list, merge, small commit). Items = data rows, per
// wall-clock second; rows_per_cpu_second counts this thread's CPU time only, which is steadier
// on a shared machine (but leaves out the time spent waiting for fsync).
#include <benchmark/benchmark.h>
#include <fmt/format.h>
#include <time.h>
#include <unistd.h>

#include <cstdint>
#include <cstdio>
#include <filesystem>
#include <memory>
#include <string>

#include "openceir/identifiers/imei.h"
#include "openceir/ingest/list_import.h"
#include "openceir/store/sqlite/sqlite_registry_store.h"

namespace openceir::ingest {
namespace {

constexpr std::int64_t kRows = 1'000'000;

// The two input files, written once per process into a temporary folder.
class BenchFiles {
 public:
  BenchFiles()
      : dir_((std::filesystem::temp_directory_path() /
              fmt::format("openceir-ingest-bench-{}", getpid()))
                 .string()) {
    std::filesystem::create_directories(dir_);
    full_ = Write("stolen_full.csv", 0);
    changed_ = Write("stolen_changed.csv", 100);  // every 100th row changed: 1%
  }
  ~BenchFiles() {
    std::error_code ignored;
    std::filesystem::remove_all(dir_, ignored);
  }
  const std::string& dir() const { return dir_; }
  const std::string& full() const { return full_; }
  const std::string& changed() const { return changed_; }

 private:
  // IMEIs spread over 1000 TACs in no key order, as a national list arrives. Row i of the
  // changed file has another status when change_every > 0 and i % change_every == 0.
  std::string Write(const std::string& name, std::int64_t change_every) {
    std::string path = dir_ + "/" + name;
    std::FILE* out = std::fopen(path.c_str(), "wb");
    if (out == nullptr) return path;
    std::string text = "imei,reporting_date,status\n";
    for (std::int64_t i = 0; i < kRows; ++i) {
      std::string digits14 = fmt::format("35{:06d}{:06d}", 100000 + i % 1000, i / 1000);
      bool changed = change_every > 0 && i % change_every == 0;
      text += identifiers::AppendLuhn(digits14);
      text += changed ? ",20240301,pending\n" : ",20240105,blacklist\n";
      if (text.size() > (1 << 20)) {
        std::fwrite(text.data(), 1, text.size(), out);
        text.clear();
      }
    }
    std::fwrite(text.data(), 1, text.size(), out);
    std::fclose(out);
    return path;
  }

  std::string dir_;
  std::string full_;
  std::string changed_;
};

double ThreadCpuSeconds() {
  timespec now{};
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &now);
  return static_cast<double>(now.tv_sec) + 1e-9 * static_cast<double>(now.tv_nsec);
}

void SetRates(benchmark::State& state, double cpu_seconds) {
  state.SetItemsProcessed(state.iterations() * kRows);
  if (cpu_seconds > 0) {
    state.counters["rows_per_cpu_second"] =
        static_cast<double>(state.iterations() * kRows) / cpu_seconds;
  }
}

const BenchFiles& Files() {
  static const BenchFiles* files = new BenchFiles();  // removed by the OS temp cleaner if killed
  return *files;
}

// A fresh migrated store at dir/registry.db (any earlier one removed).
std::unique_ptr<store::RegistryStore> FreshStore(const std::string& dir, const Clock* clock) {
  std::filesystem::remove_all(dir);
  std::filesystem::create_directories(dir);
  auto store = store::OpenSqliteRegistryStore(dir + "/registry.db", clock);
  if (!store.ok() || !(*store)->Migrate().ok()) return nullptr;
  return std::move(*store);
}

bool Import(store::RegistryStore& store, const config::Config& config, const std::string& path,
            benchmark::State& state, const char* expect) {
  ListImportOptions options;
  options.allow_reimport = true;
  auto report = ImportList(store, config, store::ListKind::kStolen, path, options);
  if (!report.ok() || !report->accepted) {
    state.SkipWithError(report.ok() ? report->summary.c_str() : report.status().ToString().c_str());
    return false;
  }
  state.SetLabel(fmt::format("{}: {}", expect, report->summary));
  return true;
}

void BM_ImportStolenFull(benchmark::State& state) {
  const BenchFiles& files = Files();
  const std::string dir = files.dir() + "/store";
  SystemClock clock;
  config::Config config;
  double cpu_seconds = 0;
  for (auto _ : state) {
    state.PauseTiming();
    std::unique_ptr<store::RegistryStore> store = FreshStore(dir, &clock);
    if (store == nullptr) {
      state.SkipWithError("cannot create the store");
      break;
    }
    state.ResumeTiming();
    double cpu_start = ThreadCpuSeconds();
    if (!Import(*store, config, files.full(), state, "full")) break;
    cpu_seconds += ThreadCpuSeconds() - cpu_start;
  }
  SetRates(state, cpu_seconds);
}
BENCHMARK(BM_ImportStolenFull)->Unit(benchmark::kMillisecond)->UseRealTime()->Iterations(3);

void BM_ReimportStolenWithOnePercentChanged(benchmark::State& state) {
  const BenchFiles& files = Files();
  const std::string dir = files.dir() + "/store";
  SystemClock clock;
  config::Config config;
  double cpu_seconds = 0;
  for (auto _ : state) {
    state.PauseTiming();
    std::unique_ptr<store::RegistryStore> store = FreshStore(dir, &clock);
    if (store == nullptr) {
      state.SkipWithError("cannot create the store");
      break;
    }
    if (!Import(*store, config, files.full(), state, "base")) break;
    state.ResumeTiming();
    double cpu_start = ThreadCpuSeconds();
    if (!Import(*store, config, files.changed(), state, "diff")) break;
    cpu_seconds += ThreadCpuSeconds() - cpu_start;
  }
  SetRates(state, cpu_seconds);
}
BENCHMARK(BM_ReimportStolenWithOnePercentChanged)
    ->Unit(benchmark::kMillisecond)
    ->UseRealTime()
    ->Iterations(3);

}  // namespace
}  // namespace openceir::ingest
