// Benchmarks of the SQLite observation store on a real file (synchronous=FULL): merging monthly
// triplets into an empty store and into one that already holds them (the upsert path of a
// second file of the same month), and streaming per-IMEI summaries.
//
// Triplets are one operator's month: random 14-digit IMEIs, 15-digit IMSIs, 11-digit MSISDNs,
// passed to MergeTriplets in `calls` equal calls (as an importer flushing partitions). With
// `sorted` input each call is an IMEI range (range partitions); without, each call spans every
// IMEI in no order (hash partitions).
#include <benchmark/benchmark.h>
#include <fmt/format.h>
#include <unistd.h>

#include <algorithm>
#include <filesystem>
#include <random>

#include "openceir/store/sqlite/sqlite_observation_store.h"

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

class BenchStore {
 public:
  BenchStore() {
    dir_ = (std::filesystem::temp_directory_path() / fmt::format("openceir-obs-bench-{}", getpid()))
               .string();
    std::filesystem::remove_all(dir_);
    std::filesystem::create_directories(dir_);
  }
  ~BenchStore() { std::filesystem::remove_all(dir_); }
  Result<std::unique_ptr<ObservationStore>> Open() {
    OPENCEIR_ASSIGN_OR_RETURN(auto store, OpenSqliteObservationStore(dir_ + "/obs.db", &clock_));
    OPENCEIR_RETURN_IF_ERROR(store->Migrate());
    return store;
  }
  std::uintmax_t FileBytes() const {
    std::uintmax_t bytes = 0;
    for (const auto& entry : std::filesystem::directory_iterator(dir_)) bytes += entry.file_size();
    return bytes;
  }

 private:
  SystemClock clock_;
  std::string dir_;
};

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
  int file = 0;
  for (auto _ : state) {
    state.PauseTiming();
    {
      BenchStore bench;
      auto store = bench.Open();
      if (!store.ok()) {
        state.SkipWithError(store.status().ToString().c_str());
        break;
      }
      if (existing) {
        Status setup = MergeAll(**store, triplets, fmt::format("setup{}", file++));
        if (!setup.ok()) {
          state.SkipWithError(setup.ToString().c_str());
          break;
        }
      }
      state.ResumeTiming();
      Status status = MergeAll(**store, triplets, fmt::format("file{}", file++), state.range(3));
      state.PauseTiming();
      if (!status.ok()) {
        state.SkipWithError(status.ToString().c_str());
        break;
      }
      state.counters["bytes_per_row"] =
          static_cast<double>(bench.FileBytes()) / static_cast<double>(triplets.size());
    }
    state.ResumeTiming();
  }
  state.SetItemsProcessed(state.iterations() * state.range(0));
}
BENCHMARK(BM_MergeTriplets)
    ->ArgNames({"rows", "sorted", "existing", "calls"})
    ->Args({1'000'000, 0, 0, 1})
    ->Args({1'000'000, 1, 0, 1})
    ->Args({1'000'000, 0, 1, 1})
    ->Args({1'000'000, 0, 0, 64})
    ->Args({1'000'000, 1, 0, 64})
    ->Args({1'000'000, 0, 1, 64})
    ->Args({5'000'000, 0, 0, 1})
    ->Args({5'000'000, 0, 1, 1})
    ->Args({5'000'000, 0, 0, 64})
    ->Args({5'000'000, 1, 0, 64})
    ->Iterations(1)
    ->Unit(benchmark::kMillisecond);

// Arguments: rows (one month, one operator), summaries over that month.
void BM_ScanImeiSummaries(benchmark::State& state) {
  const std::vector<TripletMonth> triplets = MakeTriplets(state.range(0), false);
  BenchStore bench;
  auto store = bench.Open();
  if (!store.ok() || !MergeAll(**store, triplets, "setup").ok()) {
    state.SkipWithError("cannot set up the store");
    return;
  }
  const Date first = FirstDayOf(triplets[0].month);
  const DateWindow window{first, Date{first.days + DaysIn(triplets[0].month) - 1}};
  std::int64_t summaries = 0;
  for (auto _ : state) {
    Status status = (*store)->ScanImeiSummaries(window, [&summaries](const ImeiSummary& s) {
      summaries += s.days_seen > 0 ? 1 : 0;
      return Status::Ok();
    });
    if (!status.ok()) state.SkipWithError(status.ToString().c_str());
  }
  state.counters["summaries"] =
      static_cast<double>(summaries) / static_cast<double>(state.iterations());
  state.SetItemsProcessed(state.iterations() * state.range(0));
}
BENCHMARK(BM_ScanImeiSummaries)->Arg(1'000'000)->Iterations(2)->Unit(benchmark::kMillisecond);

}  // namespace
}  // namespace openceir::store
