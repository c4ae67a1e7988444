// Google Benchmark for the IMEI hot paths over a realistic mix of operator-data values: mostly
// 14-16 digit IMEIs, some padded with white space, some malformed (hex, short, '*', '#').
// Items/s = IMEIs per second on one core. Build with -DCMAKE_BUILD_TYPE=Release.
#include <benchmark/benchmark.h>

#include <cstdint>
#include <random>
#include <string>
#include <string_view>
#include <vector>

#include "openceir/identifiers/imei.h"

namespace openceir::identifiers {
namespace {

struct Inputs {
  std::vector<std::string> storage;
  std::vector<std::string_view> raw;
  std::vector<std::string> digits14;
};

std::string Digits(std::mt19937_64& rng, std::size_t n) {
  std::uniform_int_distribution<int> digit(0, 9);
  std::string out(n, '0');
  for (char& c : out) c = static_cast<char>('0' + digit(rng));
  return out;
}

const Inputs& MixedInputs() {
  static const Inputs inputs = [] {
    Inputs in;
    std::mt19937_64 rng(1);
    std::uniform_int_distribution<int> percent(0, 99);
    constexpr std::size_t kCount = 1 << 16;  // fits in L2 with the keys
    for (std::size_t i = 0; i < kCount; ++i) {
      const int p = percent(rng);
      std::string tac = "35" + Digits(rng, 6);
      std::string value;
      if (p < 55) {
        value = tac + Digits(rng, 6);  // network: 14 digits
      } else if (p < 75) {
        value = AppendLuhn(tac + Digits(rng, 6));  // 15 with check digit
      } else if (p < 88) {
        value = tac + Digits(rng, 8);  // IMEISV
      } else if (p < 93) {
        value = " " + tac + Digits(rng, 6) + " ";  // padded
      } else if (p < 96) {
        value = "A0000" + Digits(rng, 9);  // MEID-like hex
      } else if (p < 98) {
        value = Digits(rng, 9);  // short
      } else {
        value = "*#06#";
      }
      in.storage.push_back(std::move(value));
      in.digits14.push_back(tac + Digits(rng, 6));
    }
    for (const std::string& s : in.storage) in.raw.emplace_back(s);
    return in;
  }();
  return inputs;
}

void BM_NormalizeAndPack(benchmark::State& state) {
  const Inputs& in = MixedInputs();
  std::uint64_t sum = 0;
  for (auto _ : state) {
    for (std::string_view raw : in.raw) {
      std::uint64_t key = 0;
      if (NormalizeAndPack(raw, &key)) sum += key;
    }
    benchmark::DoNotOptimize(sum);
  }
  state.SetItemsProcessed(state.iterations() * static_cast<std::int64_t>(in.raw.size()));
}
BENCHMARK(BM_NormalizeAndPack);

void BM_NormalizeAndPackBatch(benchmark::State& state) {
  const Inputs& in = MixedInputs();
  std::vector<std::uint64_t> keys(in.raw.size());
  for (auto _ : state) {
    benchmark::DoNotOptimize(NormalizeAndPackBatch(in.raw, keys));
    benchmark::ClobberMemory();
  }
  state.SetItemsProcessed(state.iterations() * static_cast<std::int64_t>(in.raw.size()));
}
BENCHMARK(BM_NormalizeAndPackBatch);

void BM_NormalizeImei(benchmark::State& state) {
  const Inputs& in = MixedInputs();
  for (auto _ : state) {
    for (std::string_view raw : in.raw) benchmark::DoNotOptimize(NormalizeImei(raw));
  }
  state.SetItemsProcessed(state.iterations() * static_cast<std::int64_t>(in.raw.size()));
}
BENCHMARK(BM_NormalizeImei);

void BM_LuhnCheckDigit(benchmark::State& state) {
  const Inputs& in = MixedInputs();
  int sum = 0;
  for (auto _ : state) {
    for (const std::string& digits : in.digits14) sum += LuhnCheckDigit(digits);
    benchmark::DoNotOptimize(sum);
  }
  state.SetItemsProcessed(state.iterations() * static_cast<std::int64_t>(in.digits14.size()));
}
BENCHMARK(BM_LuhnCheckDigit);

void BM_ValidateImei(benchmark::State& state) {
  const Inputs& in = MixedInputs();
  const auto source = static_cast<ImeiSource>(state.range(0));
  for (auto _ : state) {
    for (std::string_view raw : in.raw) benchmark::DoNotOptimize(ValidateImei(raw, source));
  }
  state.SetItemsProcessed(state.iterations() * static_cast<std::int64_t>(in.raw.size()));
}
BENCHMARK(BM_ValidateImei)
    ->Arg(static_cast<int>(ImeiSource::kNetwork))
    ->Arg(static_cast<int>(ImeiSource::kTyped));

}  // namespace
}  // namespace openceir::identifiers
