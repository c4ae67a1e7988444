// Benchmarks of the SQLite classification state on a real file (synchronous=FULL):
//   BM_ApplyMatches     one run applying N matches of one condition: a first run (every match
//                       starts) or a second run over the first (half continue, a quarter end,
//                       a quarter start), committed;
//   BM_ScanStateAsOf    scanning N state rows as of a run, in imei_norm order.
#include <benchmark/benchmark.h>
#include <fmt/format.h>
#include <unistd.h>

#include <chrono>
#include <filesystem>
#include <vector>

#include "openceir/store/sqlite/sqlite_registry_store.h"

namespace openceir::store {
namespace {

const std::vector<EvidenceField> kEvidence = {{"distinct_imsis", "12"}, {"threshold", "10"}};

std::string BenchDir() {
  return (std::filesystem::temp_directory_path() /
          fmt::format("openceir-classification-bench-{}", getpid()))
      .string();
}

Result<std::unique_ptr<RegistryStore>> FreshStore(const std::string& dir, const Clock* clock) {
  std::filesystem::remove_all(dir);
  std::filesystem::create_directories(dir);
  OPENCEIR_ASSIGN_OR_RETURN(auto store, OpenSqliteRegistryStore(dir + "/registry.db", clock));
  OPENCEIR_RETURN_IF_ERROR(store->Migrate());
  return store;
}

// Runs one classification of IMEI serials [first, first + count) for one condition, streamed in
// chunks of 4096 in imei_norm order.
// Seconds spent staging matches (AddMatches) and committing (Commit) in the last RunOnce.
double g_stage_seconds = 0;
double g_commit_seconds = 0;

double SecondsSince(std::chrono::steady_clock::time_point start) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

Result<ClassificationRunRecord> RunOnce(RegistryStore& store, Date curr_date, std::int64_t first,
                                        std::int64_t count, std::int64_t seen) {
  JobStart start;
  start.command = "classify";
  start.pid = getpid();
  OPENCEIR_ASSIGN_OR_RETURN(JobId id, store.StartJob(start));
  ConditionSpec condition;
  condition.label = "duplicate_threshold";
  condition.grace_period_days = 30;
  OPENCEIR_ASSIGN_OR_RETURN(auto run,
                            store.BeginClassificationRun(id, curr_date, std::vector{condition}));
  constexpr std::int64_t kChunk = 4096;
  std::vector<std::string> imeis(kChunk);
  std::vector<ConditionMatch> matches(kChunk);
  const auto stage_start = std::chrono::steady_clock::now();
  for (std::int64_t begin = first; begin < first + count; begin += kChunk) {
    const std::int64_t n = std::min(kChunk, first + count - begin);
    for (std::int64_t i = 0; i < n; ++i) {
      auto& imei = imeis[static_cast<std::size_t>(i)];
      imei = fmt::format("352099{:08d}", begin + i);
      matches[static_cast<std::size_t>(i)] = {0, imei, kEvidence};
    }
    OPENCEIR_RETURN_IF_ERROR(
        run->AddMatches(std::span(matches.data(), static_cast<std::size_t>(n))));
  }
  g_stage_seconds = SecondsSince(stage_start);
  const auto commit_start = std::chrono::steady_clock::now();
  auto record = run->Commit(seen, JobCounts{});
  g_commit_seconds = SecondsSince(commit_start);
  return record;
}

void BM_ApplyMatches(benchmark::State& state) {
  const std::int64_t matches = state.range(0);
  const bool second_run = state.range(1) != 0;
  const std::string dir = BenchDir();
  SystemClock clock;
  for (auto _ : state) {
    state.PauseTiming();
    auto store = FreshStore(dir, &clock);
    if (!store.ok()) {
      state.SkipWithError(store.status().ToString().c_str());
      break;
    }
    if (second_run) {
      auto first = RunOnce(**store, Date{20'500}, 0, matches, 2 * matches);
      if (!first.ok()) {
        state.SkipWithError(first.status().ToString().c_str());
        break;
      }
    }
    state.ResumeTiming();
    // The second run matches the upper three quarters of the first range shifted by a quarter:
    // the lowest quarter ends, half continue, a new quarter starts.
    auto record =
        RunOnce(**store, Date{20'501}, second_run ? matches / 4 : 0, matches, 2 * matches);
    if (!record.ok()) {
      state.SkipWithError(record.status().ToString().c_str());
      break;
    }
    state.counters["started"] = static_cast<double>(record->conditions[0].started);
    state.counters["ended"] = static_cast<double>(record->conditions[0].ended);
    state.counters["stage_s"] = g_stage_seconds;
    state.counters["commit_s"] = g_commit_seconds;
  }
  std::filesystem::remove_all(dir);
  state.SetItemsProcessed(state.iterations() * matches);
}
BENCHMARK(BM_ApplyMatches)
    ->ArgNames({"matches", "second_run"})
    ->Args({1'000'000, 0})
    ->Args({1'000'000, 1})
    ->Unit(benchmark::kMillisecond)
    ->Iterations(1);

void BM_ScanStateAsOf(benchmark::State& state) {
  const std::int64_t rows = state.range(0);
  const std::string dir = BenchDir();
  SystemClock clock;
  auto store = FreshStore(dir, &clock);
  if (!store.ok()) {
    state.SkipWithError(store.status().ToString().c_str());
    return;
  }
  auto run = RunOnce(**store, Date{20'500}, 0, rows, rows);
  if (!run.ok()) {
    state.SkipWithError(run.status().ToString().c_str());
    return;
  }
  for (auto _ : state) {
    std::int64_t seen = 0;
    Status status =
        (*store)->ScanClassificationAsOf(run->run, [&seen](const ClassificationRow& row) {
          seen += row.block_date.days > 0 ? 1 : 0;
          return Status::Ok();
        });
    if (!status.ok() || seen != rows) {
      state.SkipWithError(status.ok() ? "wrong row count" : status.ToString().c_str());
      break;
    }
  }
  std::filesystem::remove_all(dir);
  state.SetItemsProcessed(state.iterations() * rows);
}
BENCHMARK(BM_ScanStateAsOf)->Arg(1'000'000)->Unit(benchmark::kMillisecond);

}  // namespace
}  // namespace openceir::store
