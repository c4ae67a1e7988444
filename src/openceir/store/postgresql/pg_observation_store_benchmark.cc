// Benchmarks of the PostgreSQL observation store (the private test cluster, a fresh database for
// each measurement): one import's MergeTriplets + Commit of N triplets into an empty store and
// into one that already holds them (the upsert path of a second file of the same month), and
// streaming per-IMEI summaries. The same data as store_sqlite_observation_benchmark, so the
// figures compare: one operator's month of random 14-digit IMEIs, 15-digit IMSIs, 11-digit
// MSISDNs, passed to MergeTriplets in `calls` equal calls.
#include <benchmark/benchmark.h>
#include <fmt/format.h>

#include <algorithm>
#include <random>
#include <tuple>

#include "openceir/store/postgresql/pg_observation_store.h"
#include "openceir/store/postgresql/pg_test_util.h"

namespace openceir::store {
namespace {

std::vector<TripletMonth> MakeTriplets(std::int64_t count, bool sorted) {
  std::mt19937_64 rng(42);
  const MonthIndex month = MonthOf(DateFromCivil(2026, 11, 1).value());
  const Date first = FirstDayOf(month);
  std::vector<TripletMonth> triplets(static_cast<std::size_t>(count));
  for (TripletMonth& t : triplets) {
    t.operator_id = "op1";
    t.month = month;
    t.imei_norm = fmt::format("{:014d}", rng() % 100'000'000'000'000);
    t.imsi = fmt::format("21401{:010d}", rng() % 10'000'000'000);
    t.msisdn = fmt::format("346{:08d}", rng() % 100'000'000);
    const int day = static_cast<int>(rng() % 30);
    t.first_seen = Date{first.days + day};
    t.last_seen = Date{first.days + day};
    t.day_mask = DayMask{1} << day;
    t.rat_mask = 4;
    t.imsi_class = kImsiLocalSubscriber;
  }
  if (sorted) {
    std::sort(triplets.begin(), triplets.end(), [](const TripletMonth& a, const TripletMonth& b) {
      return std::tie(a.imei_norm, a.imsi, a.msisdn) < std::tie(b.imei_norm, b.imsi, b.msisdn);
    });
  }
  return triplets;
}

// A migrated store on a fresh database, or null (the benchmark is skipped with the error).
std::unique_ptr<ObservationStore> FreshStore(benchmark::State& state, const Clock* clock) {
  auto dsn = postgresql::testing::FreshDatabase();
  if (!dsn.ok()) {
    state.SkipWithError(dsn.status().ToString().c_str());
    return nullptr;
  }
  auto store = OpenPgObservationStore(*dsn, clock);
  if (!store.ok() || !(*store)->Migrate().ok()) {
    state.SkipWithError("cannot create the store");
    return nullptr;
  }
  return std::move(*store);
}

Status MergeAll(ObservationStore& store, const std::vector<TripletMonth>& triplets,
                const std::string& sha, std::int64_t calls = 1) {
  OPENCEIR_ASSIGN_OR_RETURN(auto batch, store.BeginBatch());
  std::span<const TripletMonth> all(triplets);
  const std::size_t per_call =
      (all.size() + static_cast<std::size_t>(calls) - 1) / static_cast<std::size_t>(calls);
  for (std::size_t begin = 0; begin < all.size(); begin += per_call) {
    OPENCEIR_RETURN_IF_ERROR(
        batch->MergeTriplets(all.subspan(begin, std::min(per_call, all.size() - begin))));
  }
  ObservationImport import;
  import.operator_id = "op1";
  import.file_sha256 = sha;
  return batch->Commit(import);
}

// Arguments: rows, sorted (1) or not (0), whether the store already holds the rows (1), and the
// number of MergeTriplets calls.
void BM_MergeTriplets(benchmark::State& state) {
  const std::vector<TripletMonth> triplets = MakeTriplets(state.range(0), state.range(1) != 0);
  const bool existing = state.range(2) != 0;
  SystemClock clock;
  int file = 0;
  for (auto _ : state) {
    state.PauseTiming();
    auto store = FreshStore(state, &clock);
    if (store == nullptr) break;
    if (existing) {
      Status setup = MergeAll(*store, triplets, fmt::format("setup{}", file++));
      if (!setup.ok()) {
        state.SkipWithError(setup.ToString().c_str());
        break;
      }
    }
    state.ResumeTiming();
    Status status = MergeAll(*store, triplets, fmt::format("file{}", file++), state.range(3));
    if (!status.ok()) {
      state.SkipWithError(status.ToString().c_str());
      break;
    }
  }
  state.SetItemsProcessed(state.iterations() * state.range(0));  // triplets per second (wall)
}
BENCHMARK(BM_MergeTriplets)
    ->ArgNames({"rows", "sorted", "existing", "calls"})
    ->Args({100'000, 0, 0, 1})
    ->Args({1'000'000, 0, 0, 1})
    ->Args({1'000'000, 1, 0, 1})
    ->Args({1'000'000, 0, 1, 1})
    ->Args({1'000'000, 0, 0, 64})
    ->Iterations(1)
    ->UseRealTime()
    ->Unit(benchmark::kMillisecond);

// Arguments: rows (one month, one operator), summaries over that month.
void BM_ScanImeiSummaries(benchmark::State& state) {
  const std::vector<TripletMonth> triplets = MakeTriplets(state.range(0), false);
  SystemClock clock;
  auto store = FreshStore(state, &clock);
  if (store == nullptr) return;
  Status setup = MergeAll(*store, triplets, "setup");
  if (!setup.ok()) {
    state.SkipWithError(setup.ToString().c_str());
    return;
  }
  const Date first = FirstDayOf(triplets[0].month);
  const DateWindow window{first, Date{first.days + DaysIn(triplets[0].month) - 1}};
  std::int64_t summaries = 0;
  for (auto _ : state) {
    Status status = store->ScanImeiSummaries(window, [&summaries](const ImeiSummary& s) {
      summaries += s.days_seen > 0 ? 1 : 0;
      return Status::Ok();
    });
    if (!status.ok()) state.SkipWithError(status.ToString().c_str());
  }
  state.counters["summaries"] =
      static_cast<double>(summaries) / static_cast<double>(state.iterations());
  // IMEIs per second (wall): the summaries, one per distinct IMEI.
  state.SetItemsProcessed(summaries);
}
BENCHMARK(BM_ScanImeiSummaries)
    ->Arg(1'000'000)
    ->Iterations(2)
    ->UseRealTime()
    ->Unit(benchmark::kMillisecond);

}  // namespace
}  // namespace openceir::store
