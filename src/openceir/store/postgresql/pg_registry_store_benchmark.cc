// Benchmark: one import's commit to the PostgreSQL registry store (the private test cluster, a
// fresh database each iteration): N added rows (COPY), and N removed keys (COPY of the keys and
// one UPDATE), the costs that bound a full-list import. The SQLite figures to compare with come
// from store_sqlite_benchmark.
#include <benchmark/benchmark.h>
#include <fmt/format.h>
#include <unistd.h>

#include "openceir/store/postgresql/pg_registry_store.h"
#include "openceir/store/postgresql/pg_test_util.h"

namespace openceir::store {
namespace {

// `count` stolen-list rows; in key order when `sorted`, else spread like real IMEIs arriving in
// no particular order.
std::vector<ListRow> StolenRows(std::int64_t count, bool sorted) {
  std::vector<ListRow> rows;
  rows.reserve(static_cast<std::size_t>(count));
  for (std::int64_t i = 0; i < count; ++i) {
    std::int64_t serial = sorted ? i : (i * 7'919) % 100'000'000;
    rows.push_back({fmt::format("352099{:08d}", serial), "20260101", i % 3 == 0 ? "pending" : ""});
  }
  return rows;
}

// A migrated store on a fresh database, or null (the benchmark is skipped with the error).
std::unique_ptr<RegistryStore> FreshStore(benchmark::State& state, const Clock* clock) {
  auto dsn = postgresql::testing::FreshDatabase();
  if (!dsn.ok()) {
    state.SkipWithError(dsn.status().ToString().c_str());
    return nullptr;
  }
  auto store = OpenPgRegistryStore(*dsn, clock);
  if (!store.ok() || !(*store)->Migrate().ok()) {
    state.SkipWithError("cannot create the store");
    return nullptr;
  }
  return std::move(*store);
}

JobId StartImport(RegistryStore& store) {
  JobStart start;
  start.command = "import stolen";
  start.pid = getpid();
  return store.StartJob(start).value();
}

void BM_CommitAddedRows(benchmark::State& state) {
  const std::int64_t rows = state.range(0);
  const ListChanges changes{StolenRows(rows, state.range(1) != 0), {}, {}};
  SystemClock clock;
  for (auto _ : state) {
    state.PauseTiming();
    auto store = FreshStore(state, &clock);
    if (store == nullptr) break;
    JobId id = StartImport(*store);
    state.ResumeTiming();

    Status status = store->CommitListChanges(id, ListKind::kStolen, changes, {});
    if (!status.ok()) {
      state.SkipWithError(status.ToString().c_str());
      break;
    }
  }
  state.SetItemsProcessed(state.iterations() * rows);
}
// Arguments: rows, and whether they arrive in key order (1) or not (0).
BENCHMARK(BM_CommitAddedRows)
    ->ArgNames({"rows", "sorted"})
    ->Args({100'000, 0})
    ->Args({1'000'000, 0})
    ->Args({1'000'000, 1})
    ->Unit(benchmark::kMillisecond)
    ->Iterations(1);

void BM_CommitRemovedRows(benchmark::State& state) {
  const std::int64_t rows = state.range(0);
  const std::vector<ListRow> current = StolenRows(rows, false);
  SystemClock clock;
  for (auto _ : state) {
    state.PauseTiming();
    auto store = FreshStore(state, &clock);
    if (store == nullptr) break;
    if (!store->CommitListChanges(StartImport(*store), ListKind::kStolen, {current, {}, {}}, {})
             .ok()) {
      state.SkipWithError("cannot fill the list");
      break;
    }
    JobId id = StartImport(*store);
    state.ResumeTiming();

    Status status = store->CommitListChanges(id, ListKind::kStolen, {{}, current, {}}, {});
    if (!status.ok()) {
      state.SkipWithError(status.ToString().c_str());
      break;
    }
  }
  state.SetItemsProcessed(state.iterations() * rows);
}
BENCHMARK(BM_CommitRemovedRows)
    ->ArgNames({"rows"})
    ->Args({100'000})
    ->Args({1'000'000})
    ->Unit(benchmark::kMillisecond)
    ->Iterations(1);

}  // namespace
}  // namespace openceir::store
