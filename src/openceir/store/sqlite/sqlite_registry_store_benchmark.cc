// Benchmark: committing one import of N added rows to a fresh SQLite store (on a real file, with
// synchronous=FULL), the cost that bounds a full-list import.
#include <benchmark/benchmark.h>
#include <fmt/format.h>
#include <unistd.h>

#include <filesystem>

#include "openceir/store/sqlite/sqlite_registry_store.h"

namespace openceir::store {
namespace {

// `count` stolen-list rows; in key order when `sorted`, else spread like real IMEIs arriving in
// no particular order.
ListChanges StolenRows(std::int64_t count, bool sorted) {
  ListChanges changes;
  changes.added.reserve(static_cast<std::size_t>(count));
  for (std::int64_t i = 0; i < count; ++i) {
    std::int64_t serial = sorted ? i : (i * 7'919) % 100'000'000;
    changes.added.push_back(
        {fmt::format("352099{:08d}", serial), "20260101", i % 3 == 0 ? "pending" : ""});
  }
  return changes;
}

void BM_CommitAddedRows(benchmark::State& state) {
  const std::int64_t rows = state.range(0);
  const ListChanges changes = StolenRows(rows, state.range(1) != 0);
  const std::string dir =
      (std::filesystem::temp_directory_path() / fmt::format("openceir-sqlite-bench-{}", getpid()))
          .string();
  SystemClock clock;
  for (auto _ : state) {
    state.PauseTiming();
    std::filesystem::remove_all(dir);
    std::filesystem::create_directories(dir);
    auto store = OpenSqliteRegistryStore(dir + "/registry.db", &clock);
    if (!store.ok() || !(*store)->Migrate().ok()) {
      state.SkipWithError("cannot create the store");
      break;
    }
    JobStart start;
    start.command = "import stolen";
    start.pid = getpid();
    JobId id = (*store)->StartJob(start).value();
    state.ResumeTiming();

    Status status = (*store)->CommitListChanges(id, ListKind::kStolen, changes, {});
    if (!status.ok()) {
      state.SkipWithError(status.ToString().c_str());
      break;
    }
  }
  std::filesystem::remove_all(dir);
  state.SetItemsProcessed(state.iterations() * rows);
}
// Arguments: rows, and whether they arrive in key order (1) or not (0).
BENCHMARK(BM_CommitAddedRows)
    ->ArgNames({"rows", "sorted"})
    ->Args({100'000, 0})
    ->Args({1'000'000, 0})
    ->Args({1'000'000, 1})
    ->Unit(benchmark::kMillisecond);

}  // namespace
}  // namespace openceir::store
