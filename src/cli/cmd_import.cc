// `openceir import <list> FILE [--delta] [--allow-reimport] [--prehashed] [--json]`: imports one
// reference list file. Accepted: the summary on stdout, exit 0. Rejected: the summary and the
// listed errors on stderr ("... and N more" past the listed ones), exit 1.
#include <fmt/format.h>

#include <filesystem>
#include <nlohmann/json.hpp>

#include "cli/commands.h"
#include "cli/error_json.h"
#include "cli/progress.h"
#include "openceir/ingest/list_import.h"
#include "openceir/store/list_schema.h"

namespace openceir::cli {
namespace {

nlohmann::json CountsJson(const store::JobCounts& counts) {
  return {{"rows_read", counts.rows_read},
          {"added", counts.added},
          {"removed", counts.removed},
          {"changed", counts.changed},
          {"unchanged", counts.unchanged}};
}

std::string ReportJson(const ingest::ListImportReport& report) {
  nlohmann::json out = {{"job_id", report.job_id},
                        {"accepted", report.accepted},
                        {"counts", CountsJson(report.counts)},
                        {"total_errors", report.total_errors},
                        {"errors", InputErrorsJson(report.errors)},
                        {"summary", report.summary}};
  return out.dump(2);
}

void PrintReport(const ingest::ListImportReport& report) {
  std::FILE* out = report.accepted ? stdout : stderr;
  fmt::print(out, "{}\n", report.summary);  // the summary names the job already
  for (const ingest::InputError& error : report.errors) fmt::print(out, "{}\n", error.ToString());
  auto listed = static_cast<std::int64_t>(report.errors.size());
  if (report.total_errors > listed) {
    fmt::print(out, "... and {} more\n", report.total_errors - listed);
  }
}

}  // namespace

int RunImport(const GlobalOptions& global, const ImportOptions& options) {
  std::optional<store::ListKind> kind = store::ListKindFromName(options.list);
  if (!kind) {
    return ReportError(InvalidInputError(fmt::format("unknown list '{}'", options.list)));
  }
  if (options.prehashed && *kind != store::ListKind::kGolden) {
    return ReportError(InvalidInputError("--prehashed applies to the golden list only"));
  }
  auto context = LoadContext(global);
  if (!context.ok()) return ReportError(context.status());
  SystemClock clock;
  auto opened = OpenStore(*context, OpenMode::kExistingLatest, &clock);
  if (!opened.ok()) return ReportError(opened.status());
  store::RegistryStore& store = **opened;

  ProgressLine progress(std::filesystem::path(options.file).filename().string());
  ingest::ListImportOptions import_options;
  import_options.delta = options.delta;
  import_options.allow_reimport = options.allow_reimport;
  import_options.golden_prehashed = options.prehashed;
  import_options.user = CurrentUser();
  import_options.arguments = options.arguments;
  if (progress.enabled()) {
    import_options.progress = [&progress](std::int64_t rows_read) { progress.Update(rows_read); };
  }
  auto report = ingest::ImportList(store, context->config, *kind, options.file, import_options);
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
