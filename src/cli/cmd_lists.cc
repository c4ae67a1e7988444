// `openceir lists OUTPUT_DIR [--run RUN] [--curr-date YYYYMMDD] [--base RUN] [--json]`: the
// blacklist, notification and exception lists of a classification run, full and as deltas
// against a base run (openceir/lists/list_generator.h). Read-only: lists are a function of the
// store's history, so generating them again gives the same bytes.
#include <fmt/format.h>

#include <filesystem>

#include "cli/commands.h"
#include "openceir/lists/list_generator.h"

namespace openceir::cli {
namespace {

// The run to list: --run, else the newest run (with --curr-date: whose curr_date is not later).
Result<store::JobId> ChooseRun(store::RegistryStore& registry, const ListsOptions& options,
                               std::optional<Date> list_date) {
  if (options.run > 0) return options.run;
  OPENCEIR_ASSIGN_OR_RETURN(auto runs, registry.ListClassificationRuns(1'000'000));
  for (const store::ClassificationRunRecord& run : runs) {  // newest first
    if (!list_date || run.curr_date <= *list_date) return run.run;
  }
  if (runs.empty()) return FailedPreconditionError("no classification run yet: run `classify`");
  return FailedPreconditionError(
      fmt::format("no classification run on or before {}", FormatYyyymmdd(*list_date)));
}

// The base: --base, else the newest run older than `run` (none for the first run).
Result<std::optional<store::JobId>> ChooseBase(store::RegistryStore& registry,
                                               const ListsOptions& options, store::JobId run) {
  if (options.base > 0) return std::optional<store::JobId>(options.base);
  OPENCEIR_ASSIGN_OR_RETURN(auto runs, registry.ListClassificationRuns(1'000'000));
  for (const store::ClassificationRunRecord& record : runs) {
    if (record.run < run) return std::optional<store::JobId>(record.run);
  }
  return std::optional<store::JobId>();
}

void PrintSummary(const lists::ListsManifest& manifest) {
  fmt::print("Lists of classification run {} for {} (deltas against {}) in {}\n", manifest.run,
             FormatYyyymmdd(manifest.list_date),
             manifest.base_run ? fmt::format("run {}", *manifest.base_run) : "nothing",
             manifest.folder);
  fmt::print("  blacklisted IMEIs {}, notified IMEIs {}, look-back {}..{}\n",
             manifest.blacklisted_imeis, manifest.notified_imeis,
             FormatYyyymmdd(manifest.lookback.first), FormatYyyymmdd(manifest.lookback.last));
  for (const lists::ZipRecord& zip : manifest.zips) {
    std::string deltas;
    for (const lists::ListFileRecord& file : zip.members) {
      if (file.change.empty()) continue;
      deltas += fmt::format("{}{} {}", deltas.empty() ? "" : ", ", file.change, file.rows);
    }
    fmt::print("  {:<48} {:>9} rows; delta: {}\n", zip.name, zip.members.front().rows, deltas);
  }
}

}  // namespace

int RunLists(const GlobalOptions& global, const ListsOptions& options) {
  auto context = LoadContext(global);
  if (!context.ok()) return ReportError(context.status());
  std::optional<Date> list_date;
  if (!options.curr_date.empty()) {
    list_date = ParseYyyymmdd(options.curr_date);
    if (!list_date) {
      return ReportError(
          InvalidInputError(fmt::format("--curr-date {}: not a YYYYMMDD day", options.curr_date)));
    }
  }
  std::error_code error;
  if (!std::filesystem::is_directory(options.output_dir, error)) {
    return ReportError(
        InvalidInputError(fmt::format("{}: not a folder (create it first)", options.output_dir)));
  }
  SystemClock clock;
  auto registry = OpenStore(*context, OpenMode::kExistingLatest, &clock);
  if (!registry.ok()) return ReportError(registry.status());
  auto observations = OpenObservationStore(*context, OpenMode::kExistingLatest, &clock);
  if (!observations.ok()) return ReportError(observations.status());

  auto run = ChooseRun(**registry, options, list_date);
  if (!run.ok()) return ReportError(run.status());
  auto base = ChooseBase(**registry, options, *run);
  if (!base.ok()) return ReportError(base.status());

  lists::ListRequest request;
  request.run = *run;
  request.base_run = *base;
  request.list_date = list_date;
  request.options = lists::OptionsFromConfig(context->config.list_generation);
  request.operators = context->config.region.operators;
  request.output_dir = options.output_dir;
  auto manifest = lists::GenerateLists(**registry, **observations, request);
  if (!manifest.ok()) return ReportError(manifest.status());
  // A regeneration follows the recorded generation, not today's config: say where they differ.
  for (const std::string& note : manifest->notes) fmt::print(stderr, "openceir lists: {}\n", note);
  if (options.json) {
    fmt::print("{}", lists::ManifestJson(*manifest));
  } else {
    PrintSummary(*manifest);
  }
  return kExitOk;
}

}  // namespace openceir::cli
