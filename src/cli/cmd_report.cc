// `openceir report monthly MONTH YEAR OUTPUT_DIR` and the ad-hoc reports
// (`openceir report top-duplicates|gsma-not-found|... OUTPUT_DIR`): read-only, thin wrappers
// around openceir/reports.
#include <fmt/format.h>

#include "cli/commands.h"
#include "openceir/reports/adhoc_reports.h"
#include "openceir/reports/monthly_report.h"
#include "openceir/reports/report_period.h"

namespace openceir::cli {
namespace {

std::optional<store::JobId> RunOf(const ReportOptions& options) {
  if (options.run <= 0) return std::nullopt;
  return options.run;
}

// --month/--year, or --from/--to (YYYYMMDD).
Result<store::DateWindow> AdhocWindow(const ReportOptions& options) {
  if (!options.from.empty() || !options.to.empty()) {
    if (options.month != 0)
      return InvalidInputError("give --month/--year or --from/--to, not both");
    return reports::ParseWindow(options.from, options.to);
  }
  if (options.month == 0 || options.year == 0) {
    return InvalidInputError("give the period: --month M --year YYYY, or --from and --to");
  }
  return reports::MonthWindow(options.month, options.year);
}

}  // namespace

int RunReport(const GlobalOptions& global, const ReportOptions& options) {
  SystemClock clock;
  auto stores = OpenStores(global, &clock);
  if (!stores.ok()) return ReportError(stores.status());
  store::RegistryStore& registry = *stores->registry;
  store::ObservationStore& observations = *stores->observations;
  const config::RegionConfig& region = stores->context.config.region;

  if (options.kind == "monthly") {
    reports::MonthlyReportRequest request;
    request.month = options.month;
    request.year = options.year;
    request.region_name = region.name;
    request.operators = region.operators;
    request.run = RunOf(options);
    request.top_models = static_cast<std::size_t>(options.top_models);
    auto report = reports::BuildMonthlyReport(registry, observations, request);
    if (!report.ok()) return ReportError(report.status());
    auto written = reports::WriteMonthlyReport(*report, options.output_dir);
    if (!written.ok()) return ReportError(written.status());
    fmt::print("monthly report {:04}-{:02}: {} IMEIs, {} operators, classification run {}\n",
               report->year, report->month, report->country.imeis, report->operators.size(),
               report->run ? std::to_string(report->run->run) : std::string("none"));
    for (const std::string& path : *written) fmt::print("  {}\n", path);
    return kExitOk;
  }

  auto window = AdhocWindow(options);
  if (!window.ok()) return ReportError(window.status());
  reports::AdhocRequest request;
  request.window = *window;
  request.operators = region.operators;
  request.run = RunOf(options);
  request.output_dir = options.output_dir;
  request.top = static_cast<std::size_t>(options.top);
  request.min_imsis = options.min_imsis;
  request.min_imeis = options.min_imeis;
  using Writer = Result<reports::AdhocResult> (*)(store::RegistryStore&, store::ObservationStore&,
                                                  const reports::AdhocRequest&);
  const std::vector<std::pair<std::string_view, Writer>> writers = {
      {"top-duplicates", &reports::WriteTopDuplicates},
      {"gsma-not-found", &reports::WriteGsmaNotFound},
      {"stolen-violations", &reports::WriteStolenViolations},
      {"blacklist-violations", &reports::WriteBlacklistViolations},
      {"condition-overlaps", &reports::WriteConditionOverlaps},
      {"unregistered-subscribers", &reports::WriteUnregisteredSubscribers},
      {"transient-msisdns", &reports::WriteTransientMsisdns},
  };
  for (const auto& [name, writer] : writers) {
    if (name != options.kind) continue;
    auto result = writer(registry, observations, request);
    if (!result.ok()) return ReportError(result.status());
    fmt::print("{}: {} rows{} -> {}\n", name, result->rows,
               result->run ? fmt::format(" (classification run {})", *result->run) : "",
               result->path);
    return kExitOk;
  }
  return ReportError(InvalidInputError(fmt::format("unknown report '{}'", options.kind)));
}

std::vector<std::string> AdhocReportNames() {
  return {"top-duplicates",       "gsma-not-found",     "stolen-violations",
          "blacklist-violations", "condition-overlaps", "unregistered-subscribers",
          "transient-msisdns"};
}

}  // namespace openceir::cli
