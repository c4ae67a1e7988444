// `openceir import operator OPERATOR_ID FILE [--no-check-<name>...] [--json]`:
// imports one operator data file into the observation store. Accepted: the summary on stdout,
// exit 0. Rejected: the summary, the failed checks and the listed errors on stderr, exit 1.
#include <fmt/format.h>

#include <filesystem>
#include <nlohmann/json.hpp>

#include "cli/commands.h"
#include "cli/error_json.h"
#include "cli/progress.h"
#include "openceir/observe/operator_import.h"
#include "openceir/store/sqlite/sqlite_observation_store.h"

namespace openceir::cli {
namespace {

std::string ReportJson(const observe::OperatorImportReport& report) {
  nlohmann::json checks = nlohmann::json::array();
  for (const observe::QualityCheck& check : report.checks) {
    checks.push_back({{"name", check.name},
                      {"enabled", check.enabled},
                      {"applicable", check.applicable},
                      {"passed", check.passed},
                      {"measured", check.measured},
                      {"threshold", check.threshold},
                      {"minimum", check.minimum},
                      {"detail", check.detail}});
  }
  nlohmann::json out = {{"job_id", report.job_id},
                        {"accepted", report.accepted},
                        {"operator", report.operator_id},
                        {"rows", report.rows},
                        {"triplets", report.triplets},
                        {"days", report.days},
                        {"checks", std::move(checks)},
                        {"failed_checks", report.failed_checks},
                        {"total_errors", report.total_errors},
                        {"errors", InputErrorsJson(report.errors)},
                        {"summary", report.summary}};
  return out.dump(2);
}

void PrintReport(const observe::OperatorImportReport& report) {
  std::FILE* out = report.accepted ? stdout : stderr;
  fmt::print(out, "{}\n", report.summary);
  for (const observe::OperatorDataError& error : report.errors) {
    fmt::print(out, "{}\n", error.ToString());
  }
  auto listed = static_cast<std::int64_t>(report.errors.size());
  if (report.total_errors > listed) {
    fmt::print(out, "... and {} more\n", report.total_errors - listed);
  }
}

}  // namespace

int RunImportOperator(const GlobalOptions& global, const ImportOperatorOptions& options) {
  SystemClock clock;
  auto stores = OpenStores(global, &clock);
  if (!stores.ok()) return ReportError(stores.status());

  ProgressLine progress(std::filesystem::path(options.file).filename().string());
  observe::OperatorImportOptions import_options;
  import_options.disabled_checks.insert(options.disabled_checks.begin(),
                                        options.disabled_checks.end());
  import_options.clock = &clock;
  import_options.user = CurrentUser();
  import_options.arguments = options.arguments;
  if (progress.enabled()) {
    import_options.progress = [&progress](std::int64_t rows_read) { progress.Update(rows_read); };
  }
  auto report =
      observe::ImportOperatorData(*stores->registry, *stores->observations, stores->context.config,
                                  options.operator_id, options.file, import_options);
  progress.Finish();
  if (!report.ok()) return ReportError(report.status());
  if (options.json) {
    fmt::print("{}\n", ReportJson(*report));
  } else {
    PrintReport(*report);
  }
  return report->accepted ? kExitOk : kExitRejected;
}

}  // namespace openceir::cli
