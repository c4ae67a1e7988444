// Decision snapshot figures (issue 5 item 1): build time for 1 M and 50 M blacklisted IMEIs
// (Add* of the rows as text, then Build: what applying a bundle costs after decompression),
// Decide latency for listed and unlisted IMEIs, bytes per IMEI, the process's peak RSS, and
// SnapshotHolder::Current() against a Reader with concurrent threads.
//
//   snapshot_benchmark --benchmark_filter=Build   (Release build; 50 M needs ~2.5 GB)
#include <benchmark/benchmark.h>
#include <sys/resource.h>

#include <algorithm>
#include <random>
#include <string>
#include <vector>

#include "openceir/eir/snapshot_builder.h"
#include "openceir/eir/snapshot_holder.h"

namespace openceir::eir {
namespace {

void RenderImei(std::uint64_t key, std::string& imei) {
  for (std::size_t i = 14; i-- > 0; key /= 10) imei[i] = static_cast<char>('0' + key % 10);
}

// `count` distinct keys spread over 2000 TACs, in random order (the builder must sort).
std::vector<std::uint64_t> ListedKeys(std::size_t count) {
  std::vector<std::uint64_t> keys(count);
  const std::size_t per_tac = count / 2000 + 1;
  for (std::size_t i = 0; i < count; ++i) {
    const std::uint64_t tac = 35000000 + (i / per_tac) * 7;
    keys[i] = tac * 1'000'000 + (i % per_tac) * (1'000'000 / per_tac);
  }
  std::shuffle(keys.begin(), keys.end(), std::mt19937_64(1));
  return keys;
}

std::shared_ptr<const DecisionSnapshot> BuildSnapshot(const std::vector<std::uint64_t>& keys) {
  static const char* kReasons[] = {"stolen", "duplicate", "gsma_not_found", "duplicate|stolen"};
  SnapshotBuilder builder;
  std::string imei(14, '0');
  for (std::size_t i = 0; i < keys.size(); ++i) {
    RenderImei(keys[i], imei);
    if (!builder
             .AddBlacklisted(imei, 20240101 + static_cast<std::uint32_t>(i % 28), kReasons[i % 4])
             .ok()) {
      std::abort();
    }
  }
  auto built = std::move(builder).Build(1, 0);
  if (!built.ok()) std::abort();
  return *built;
}

double PeakRssMiB() {
  rusage usage{};
  getrusage(RUSAGE_SELF, &usage);
  return static_cast<double>(usage.ru_maxrss) / 1024.0;
}

// Times `build` (which returns the snapshot of `keys`) once and reports its size per IMEI.
template <typename BuildFn>
void TimeBuild(benchmark::State& state, std::size_t listed, BuildFn build) {
  std::shared_ptr<const DecisionSnapshot> snapshot;
  for (auto _ : state) {
    snapshot = build();
    benchmark::DoNotOptimize(snapshot.get());
  }
  state.counters["bytes_per_imei"] =
      static_cast<double>(snapshot->MemoryBytes()) / static_cast<double>(listed);
  state.counters["peak_rss_MiB"] = PeakRssMiB();
}

void BM_BuildSnapshot(benchmark::State& state) {
  const auto keys = ListedKeys(static_cast<std::size_t>(state.range(0)));
  TimeBuild(state, keys.size(), [&keys] { return BuildSnapshot(keys); });
}
BENCHMARK(BM_BuildSnapshot)
    ->Arg(1'000'000)
    ->Arg(50'000'000)
    ->Iterations(1)
    ->Unit(benchmark::kMillisecond);

// A bundle's shape, as the node loads it: keys already sorted, a blacklist (80 %) then a
// notification list (20 %), added as keys with Reserve (bundle::AddToSnapshot).
void BM_BuildSnapshotFromSortedKeys(benchmark::State& state) {
  static const char* kReasons[] = {"stolen", "duplicate", "gsma_not_found", "duplicate|stolen"};
  auto keys = ListedKeys(static_cast<std::size_t>(state.range(0)));
  const std::size_t black = keys.size() / 5 * 4;
  std::sort(keys.begin(), keys.begin() + static_cast<std::ptrdiff_t>(black));
  std::sort(keys.begin() + static_cast<std::ptrdiff_t>(black), keys.end());
  TimeBuild(state, keys.size(), [&keys, black] {
    SnapshotBuilder builder;
    builder.Reserve(keys.size(), 0);
    for (std::size_t i = 0; i < keys.size(); ++i) {
      const auto date = 20240101 + static_cast<std::uint32_t>(i % 28);
      const Status added = i < black ? builder.AddBlacklistedKey(keys[i], date, kReasons[i % 4])
                                     : builder.AddNotifiedKey(keys[i], date, kReasons[i % 4]);
      if (!added.ok()) std::abort();
    }
    auto built = std::move(builder).Build(1, 0);
    if (!built.ok()) std::abort();
    return *built;
  });
}
BENCHMARK(BM_BuildSnapshotFromSortedKeys)
    ->Arg(1'000'000)
    ->Arg(50'000'000)
    ->Iterations(1)
    ->Unit(benchmark::kMillisecond);

void BM_Decide(benchmark::State& state) {
  const auto keys = ListedKeys(static_cast<std::size_t>(state.range(0)));
  const auto snapshot = BuildSnapshot(keys);
  const bool listed = state.range(1) != 0;
  // Queries prepared beforehand: random listed IMEIs, or the serial after one (not listed,
  // same TAC: the lookup goes as far as for a listed one).
  std::mt19937_64 random(9);
  std::vector<std::string> queries(1 << 16, std::string(15, '0'));
  for (std::string& query : queries) {
    const std::uint64_t key = keys[random() % keys.size()] + (listed ? 0 : 1);
    RenderImei(key, query);
  }
  std::size_t i = 0;
  for (auto _ : state) {
    const Decision decision = snapshot->Decide({queries[i++ & 0xFFFF], std::nullopt});
    benchmark::DoNotOptimize(decision);
  }
}
BENCHMARK(BM_Decide)
    ->Args({1'000'000, 1})
    ->Args({1'000'000, 0})
    ->Args({50'000'000, 1})
    ->Args({50'000'000, 0});

// Current() (atomic<shared_ptr> load: lock bit + reference count) against a Reader (one atomic
// load of the generation) with 1 and 2 threads reading at once.
SnapshotHolder& SharedHolder() {
  static SnapshotHolder holder(BuildSnapshot(ListedKeys(1000)));
  return holder;
}

void BM_HolderCurrent(benchmark::State& state) {
  SnapshotHolder& holder = SharedHolder();
  for (auto _ : state) {
    auto snapshot = holder.Current();
    benchmark::DoNotOptimize(snapshot->Decide({"35000000000001", std::nullopt}));
  }
}
BENCHMARK(BM_HolderCurrent)->Threads(1)->Threads(2);

void BM_HolderReader(benchmark::State& state) {
  SnapshotHolder::Reader reader(SharedHolder());
  for (auto _ : state) {
    benchmark::DoNotOptimize(reader.Get().Decide({"35000000000001", std::nullopt}));
  }
}
BENCHMARK(BM_HolderReader)->Threads(1)->Threads(2);

}  // namespace
}  // namespace openceir::eir
