// Generation speed of `openceir simulate`: rows (operator data + events) per second, files
// written to a temporary folder. Run from a Release build:
//   build/<dir>/src/openceir/simulate/simulate_benchmark --benchmark_counters_tabular=true
#include <benchmark/benchmark.h>
#include <unistd.h>

#include <filesystem>

#include "openceir/simulate/simulate.h"

namespace openceir::simulate {
namespace {

void BM_Simulate(benchmark::State& state) {
  SimulationSpec spec;
  spec.subscribers = state.range(0);
  spec.days = static_cast<int>(state.range(1));
  spec.start = *ParseYyyymmdd("20261101");
  spec.seed = 1;
  for (const char* id : {"op1", "op2", "op3"}) {
    config::OperatorConfig op;
    op.id = id;
    op.mcc_mncs = {std::string("9990") + id[2]};
    spec.operators.push_back(op);
  }
  const auto dir = std::filesystem::temp_directory_path() /
                   ("openceir_simulate_benchmark_" + std::to_string(getpid()));
  std::int64_t rows = 0;
  for (auto _ : state) {
    SimulationSummary summary;
    Status status = Simulate(spec, dir.string(), &summary);
    if (!status.ok()) {
      state.SkipWithError(status.ToString().c_str());
      break;
    }
    rows += summary.data_rows + summary.event_rows;
  }
  std::filesystem::remove_all(dir);
  state.counters["rows_per_s"] =
      benchmark::Counter(static_cast<double>(rows), benchmark::Counter::kIsRate);
}
BENCHMARK(BM_Simulate)->Args({20'000, 30})->Args({200'000, 30})->Unit(benchmark::kMillisecond);

}  // namespace
}  // namespace openceir::simulate
