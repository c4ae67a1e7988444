// `openceir import cells FILE [--json]` and
// `openceir import events OPERATOR_ID FILE [--max-speed-kmh N] [--min-distance-km N]
//  [--max-cell-range-km N] [--json]`: import a cell table (OpenCelliD layout) and an operator
// events file into the observation store. Accepted: the summary on stdout, exit 0. Rejected:
// the summary and the listed errors on stderr, exit 1.
#include <fmt/format.h>

#include <filesystem>
#include <nlohmann/json.hpp>

#include "cli/commands.h"
#include "cli/error_json.h"
#include "cli/progress.h"
#include "openceir/events/cells_import.h"
#include "openceir/events/events_import.h"
#include "openceir/store/sqlite/sqlite_observation_store.h"

namespace openceir::cli {
namespace {

void PrintReport(bool accepted, const std::string& summary,
                 const std::vector<observe::OperatorDataError>& errors, std::int64_t total) {
  std::FILE* out = accepted ? stdout : stderr;
  fmt::print(out, "{}\n", summary);
  for (const observe::OperatorDataError& error : errors) fmt::print(out, "{}\n", error.ToString());
  auto listed = static_cast<std::int64_t>(errors.size());
  if (total > listed) fmt::print(out, "... and {} more\n", total - listed);
}

}  // namespace

int RunImportCells(const GlobalOptions& global, const ImportCellsOptions& options) {
  SystemClock clock;
  auto stores = OpenStores(global, &clock);
  if (!stores.ok()) return ReportError(stores.status());
  events::CellsImportOptions import_options;
  import_options.user = CurrentUser();
  import_options.arguments = options.arguments;
  auto report = events::ImportCells(*stores->registry, *stores->observations,
                                    stores->context.config, options.file, import_options);
  if (!report.ok()) return ReportError(report.status());
  if (options.json) {
    nlohmann::json out = {{"job_id", report->job_id},
                          {"accepted", report->accepted},
                          {"rows", report->rows},
                          {"cells_before", report->cells_before},
                          {"cells_after", report->cells_after},
                          {"total_errors", report->total_errors},
                          {"errors", InputErrorsJson(report->errors)},
                          {"summary", report->summary}};
    fmt::print("{}\n", out.dump(2));
  } else {
    PrintReport(report->accepted, report->summary, report->errors, report->total_errors);
  }
  return report->accepted ? kExitOk : kExitRejected;
}

int RunImportEvents(const GlobalOptions& global, const ImportEventsOptions& options) {
  SystemClock clock;
  auto stores = OpenStores(global, &clock);
  if (!stores.ok()) return ReportError(stores.status());

  ProgressLine progress(std::filesystem::path(options.file).filename().string());
  events::EventsImportOptions import_options;
  import_options.travel.max_speed_kmh = options.max_speed_kmh;
  import_options.travel.min_distance_km = options.min_distance_km;
  import_options.travel.max_cell_range_km = options.max_cell_range_km;
  import_options.clock = &clock;
  import_options.user = CurrentUser();
  import_options.arguments = options.arguments;
  if (progress.enabled()) {
    import_options.progress = [&progress](std::int64_t rows_read) { progress.Update(rows_read); };
  }
  auto report =
      events::ImportEvents(*stores->registry, *stores->observations, stores->context.config,
                           options.operator_id, options.file, import_options);
  progress.Finish();
  if (!report.ok()) return ReportError(report.status());
  if (options.json) {
    nlohmann::json out = {{"job_id", report->job_id},
                          {"accepted", report->accepted},
                          {"operator", report->operator_id},
                          {"rows", report->rows},
                          {"triplets", report->triplets},
                          {"days", report->days},
                          {"events_without_cell", report->events_without_cell},
                          {"events_unknown_cell", report->events_unknown_cell},
                          {"unknown_cells", report->unknown_cells},
                          {"travel_events", report->travel_events},
                          {"travel_imeis", report->travel_imeis},
                          {"evidence", report->evidence},
                          {"total_errors", report->total_errors},
                          {"errors", InputErrorsJson(report->errors)},
                          {"summary", report->summary}};
    fmt::print("{}\n", out.dump(2));
  } else {
    PrintReport(report->accepted, report->summary, report->errors, report->total_errors);
  }
  return report->accepted ? kExitOk : kExitRejected;
}

}  // namespace openceir::cli
