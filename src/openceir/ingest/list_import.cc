// ImportList: the whole import of one reference list file, as one recorded job.
//
// hash -> StartJob -> re-import check -> read and check every row -> whole-file rules ->
// difference against the current list -> size-drop guard -> one commit (or a rejection that
// changes nothing but the job record). Fault points let tests kill the process between steps.
#include "openceir/ingest/list_import.h"

#include <fmt/format.h>
#include <unistd.h>

#include <filesystem>

#include "openceir/base/date.h"
#include "openceir/base/fault_point.h"
#include "openceir/ingest/error_sink.h"
#include "openceir/ingest/list_diff.h"
#include "openceir/ingest/list_reader.h"
#include "openceir/ingest/staged_rows.h"
#include "openceir/io/input_file.h"

namespace openceir::ingest {
namespace {

std::string FormatUnixSeconds(UnixSeconds seconds) {
  Date date = DateFromUnixSeconds(seconds);
  std::int64_t in_day = seconds - std::int64_t{date.days} * 86400;
  return fmt::format("{} {:02}:{:02}:{:02} UTC", FormatIsoDate(date), in_day / 3600,
                     (in_day / 60) % 60, in_day % 60);
}

std::string Plural(std::int64_t n, std::string_view word) {
  return fmt::format("{} {}{}", n, word, n == 1 ? "" : "s");
}

// The size-drop guard (full mode): one size_drop_guard error per threshold exceeded.
void CheckSizeDrop(const config::ListImportThresholds& limits, std::string_view list,
                   const ListDiff& diff, ErrorSink* errors) {
  if (limits.size_drop_absolute >= 0 && diff.removed > limits.size_drop_absolute) {
    errors->Add(0, 0, "", "size_drop_guard",
                fmt::format("the import would remove {} of the {} rows of the {} list, more than "
                            "the size_drop_absolute threshold of {} rows",
                            diff.removed, diff.current_count, list, limits.size_drop_absolute));
  }
  if (limits.size_drop_ratio >= 0 && diff.current_count > 0) {
    double ratio = static_cast<double>(diff.removed) / static_cast<double>(diff.current_count);
    if (ratio > limits.size_drop_ratio) {
      errors->Add(0, 0, "", "size_drop_guard",
                  fmt::format("the import would remove {} of the {} rows of the {} list ({:.2f}%), "
                              "more than the size_drop_ratio threshold of {:.2f}%",
                              diff.removed, diff.current_count, list, 100.0 * ratio,
                              100.0 * limits.size_drop_ratio));
    }
  }
}

class ImportRun {
 public:
  ImportRun(store::RegistryStore& store, const config::Config& config, store::ListKind kind,
            const std::string& path, const ListImportOptions& options, store::JobId job)
      : store_(store),
        config_(config),
        kind_(kind),
        schema_(store::SchemaOf(kind)),
        path_(path),
        file_name_(std::filesystem::path(path).filename().string()),
        options_(options),
        job_(job) {
    counts_.rows_read = 0;
  }

  Result<ListImportReport> Run(const std::string& sha256);
  const store::JobCounts& counts() const { return counts_; }

 private:
  Result<ListImportReport> Reject(ErrorSink& errors);

  store::RegistryStore& store_;
  const config::Config& config_;
  store::ListKind kind_;
  const store::ListSchema& schema_;
  std::string path_;
  std::string file_name_;
  const ListImportOptions& options_;
  store::JobId job_;
  store::JobCounts counts_;
};

Result<ListImportReport> ImportRun::Run(const std::string& sha256) {
  const int max_listed = config_.import.max_listed_errors;
  Result<std::unique_ptr<io::InputStream>> opened = io::OpenInputFile(path_);
  if (!opened.ok()) {
    // The raw file was just read whole for its hash: an I/O error now is bad compressed data.
    StatusCode code = opened.status().code();
    if (code != StatusCode::kInvalidInput && code != StatusCode::kIoError) return opened.status();
    ErrorSink errors(path_, max_listed);
    errors.Add(0, 0, "", "bad_input_file", opened.status().message());
    return Reject(errors);
  }
  io::InputStream& input = **opened;
  ErrorSink errors(input.display_name(), max_listed);

  const std::string command = fmt::format("import {}", schema_.name);
  OPENCEIR_ASSIGN_OR_RETURN(std::optional<store::JobRecord> earlier,
                            store_.FindSucceededJob(command, sha256));
  if (earlier && !options_.allow_reimport) {
    errors.Add(0, 0, "", "already_imported",
               fmt::format("this file (sha256 {}) was already imported by job {} on {}; "
                           "allow re-import to apply it again",
                           sha256, earlier->id, FormatUnixSeconds(earlier->started_at)));
    return Reject(errors);
  }

  RowParserOptions parser_options;
  parser_options.delta = options_.delta;
  parser_options.golden_prehashed = options_.golden_prehashed;
  StagedRows rows(schema_.columns.size(), schema_.key_size);
  OPENCEIR_ASSIGN_OR_RETURN(ReadCounts read, ReadListFile(&input, kind_, parser_options,
                                                          options_.progress, &errors, &rows));
  counts_.rows_read = read.rows_read;
  rows.SortByKey();
  std::int64_t collapsed = 0;
  std::vector<std::size_t> unique =
      CollapseDuplicateKeys(rows, options_.delta, &errors, &collapsed);
  FaultPoint("import_after_parse");

  // A full-mode file that already failed has no useful difference to compute; a delta file
  // still gets its delta rules checked, so that every problem is reported at once.
  // (A delta whose header or every row failed has nothing to check against the list.)
  if (!errors.empty() && (!options_.delta || rows.size() == 0)) return Reject(errors);
  OPENCEIR_ASSIGN_OR_RETURN(
      ListDiff diff, DiffAgainstCurrent(store_, kind_, rows, unique, options_.delta, &errors));
  if (errors.empty() && !options_.delta) {
    CheckSizeDrop(config_.ThresholdsFor(std::string(schema_.name)), schema_.name, diff, &errors);
  }
  FaultPoint("import_before_commit");
  if (!errors.empty()) return Reject(errors);

  counts_.added = diff.added;
  counts_.removed = diff.removed;
  counts_.changed = diff.changed;
  counts_.unchanged = diff.unchanged;
  OPENCEIR_RETURN_IF_ERROR(store_.CommitListChanges(job_, kind_, diff.changes, counts_));

  ListImportReport report;
  report.job_id = job_;
  report.accepted = true;
  report.counts = counts_;
  report.summary = fmt::format("{}: {} read; {} added, {} removed, {} changed, {} unchanged",
                               file_name_, Plural(counts_.rows_read, "row"), diff.added,
                               diff.removed, diff.changed, diff.unchanged);
  if (collapsed > 0) {
    report.summary += fmt::format("; {} collapsed", Plural(collapsed, "identical duplicate row"));
  }
  report.summary += fmt::format(" (job {}).", job_);
  return report;
}

Result<ListImportReport> ImportRun::Reject(ErrorSink& errors) {
  ListImportReport report;
  report.job_id = job_;
  report.accepted = false;
  report.counts = counts_;
  report.total_errors = errors.total();
  const auto listed = static_cast<std::int64_t>(errors.listed().size());
  const std::string shown =
      listed < errors.total() ? fmt::format(" (first {} listed)", listed) : std::string();
  report.summary = fmt::format("{} rejected: {}{}; nothing changed (job {}).", file_name_,
                               Plural(errors.total(), "error"), shown, job_);
  std::string job_error = report.summary;
  for (const InputError& error : errors.listed()) {
    job_error.push_back('\n');
    job_error += error.ToString();  // appended, not "\n" + ...: GCC 12 -O3 false -Wrestrict
  }
  if (listed < errors.total())
    job_error += fmt::format("\n... and {} more", errors.total() - listed);
  report.errors = errors.TakeListed();
  OPENCEIR_RETURN_IF_ERROR(store_.EndJob(job_, store::JobOutcome::kRejected, counts_, job_error));
  return report;
}

}  // namespace

Result<ListImportReport> ImportList(store::RegistryStore& store, const config::Config& config,
                                    store::ListKind kind, const std::string& path,
                                    const ListImportOptions& options) {
  const store::ListSchema& schema = store::SchemaOf(kind);
  OPENCEIR_ASSIGN_OR_RETURN(std::string sha256, io::Sha256OfFile(path));
  store::JobStart start;
  start.command = fmt::format("import {}", schema.name);
  start.arguments = options.arguments;
  start.user = options.user;
  start.input_path = path;
  start.input_sha256 = sha256;
  start.pid = static_cast<std::int64_t>(getpid());
  OPENCEIR_ASSIGN_OR_RETURN(store::JobId job, store.StartJob(start));

  ImportRun run(store, config, kind, path, options, job);
  Result<ListImportReport> report = run.Run(sha256);
  if (!report.ok()) {
    // The failure is what the caller needs to see; a failure to record it cannot be helped.
    store.EndJob(job, store::JobOutcome::kFailed, run.counts(), report.status().ToString())
        .IgnoreError();
  }
  return report;
}

}  // namespace openceir::ingest
