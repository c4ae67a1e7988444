// `openceir simulate --out DIR [--subscribers N] [--days D] [--start YYYYMMDD] [--seed S]
// [--share-<category> X ...]`: writes a synthetic country for the configured region
// (operators, country code) with the simulate library, and prints what it wrote.
#include <fmt/format.h>
#include <fmt/ranges.h>

#include <chrono>

#include "cli/commands.h"
#include "openceir/base/clock.h"
#include "openceir/base/date.h"
#include "openceir/simulate/simulate.h"

namespace openceir::cli {

std::vector<std::string> SimulateShareCategories() {
  std::vector<std::string> names;
  for (std::size_t i = 1; i < simulate::kCategoryCount; ++i) {  // 0 = genuine, the remainder
    names.emplace_back(simulate::CategoryName(static_cast<simulate::Category>(i)));
  }
  return names;
}

int RunSimulate(const GlobalOptions& global, const SimulateOptions& options) {
  auto context = LoadContext(global);
  if (!context.ok()) return ReportError(context.status());
  simulate::SimulationSpec spec = simulate::SpecForRegion(context->config.region);
  spec.subscribers = options.subscribers;
  spec.days = options.days;
  spec.seed = options.seed;
  if (options.start.empty()) {
    // The period ends yesterday, so the operator files' date range is not in the future.
    SystemClock clock;
    const Date today = DateFromUnixSeconds(clock.Now());
    spec.start = Date{today.days - options.days};
  } else {
    const auto start = ParseYyyymmdd(options.start);
    if (!start) {
      return ReportError(
          InvalidInputError(fmt::format("--start: '{}' is not a date YYYYMMDD", options.start)));
    }
    spec.start = *start;
  }
  for (const auto& [name, share] : options.shares) {
    const auto category = simulate::CategoryFromName(name);
    if (!category) return ReportError(InvalidInputError(fmt::format("no category '{}'", name)));
    spec.shares[static_cast<std::size_t>(*category)] = share;
  }

  const auto started = std::chrono::steady_clock::now();
  simulate::SimulationSummary summary;
  if (Status status = simulate::Simulate(spec, options.out_dir, &summary); !status.ok()) {
    return ReportError(status);
  }
  const double seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  const std::int64_t rows = summary.data_rows + summary.event_rows;
  fmt::print(
      "{}: {} subscribers (+{} visiting), {} devices, {} cells, {} operator(s), {} day(s) "
      "{}-{}, seed {}\n",
      spec.region_name, summary.local_subscribers, summary.roaming_subscribers, summary.devices,
      summary.cells, spec.operators.size(), spec.days, FormatYyyymmdd(spec.start),
      FormatYyyymmdd(Date{spec.start.days + spec.days - 1}), spec.seed);
  fmt::print(
      "{} operator data rows ({} with a data-quality defect), {} event rows in {:.2f} s "
      "({:.2f} M rows/s)\n",
      summary.data_rows, summary.noisy_rows, summary.event_rows, seconds,
      seconds > 0 ? static_cast<double>(rows) / seconds / 1e6 : 0.0);
  fmt::print("wrote {} files to {}: {}\n", summary.files.size(), options.out_dir,
             fmt::join(summary.files, " "));
  return kExitOk;
}

}  // namespace openceir::cli
