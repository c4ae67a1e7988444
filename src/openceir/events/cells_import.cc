// ImportCells: the whole import of one cell table, as one recorded job.
#include "openceir/events/cells_import.h"

#include <fmt/format.h>
#include <unistd.h>

#include <filesystem>

#include "openceir/base/fault_point.h"
#include "openceir/csv/csv_reader.h"
#include "openceir/events/cell_row_parser.h"
#include "openceir/events/csv_error.h"
#include "openceir/io/input_file.h"

namespace openceir::events {
namespace {

// Cells handed to the batch at a time: memory stays bounded by this, not by the file (the batch
// holds the rest until Commit, and drops it all if the file turns out bad later).
constexpr std::size_t kUpsertChunk = 65536;

std::string Plural(std::int64_t n, std::string_view word) {
  return fmt::format("{} {}{}", n, word, n == 1 ? "" : "s");
}

class CellsImportRun {
 public:
  CellsImportRun(store::RegistryStore& registry, store::ObservationStore& observations,
                 const config::Config& config, const std::string& path, store::JobId job)
      : registry_(registry),
        observations_(observations),
        path_(path),
        file_name_(std::filesystem::path(path).filename().string()),
        errors_(file_name_, config.import.max_listed_errors) {
    report_.job_id = job;
  }

  Result<CellsImportReport> Run(const std::string& sha256);
  store::JobCounts counts() const {
    store::JobCounts counts;
    counts.rows_read = report_.rows;
    return counts;
  }

 private:
  Result<CellsImportReport> Reject();

  store::RegistryStore& registry_;
  store::ObservationStore& observations_;
  std::string path_;
  std::string file_name_;
  observe::OperatorDataErrors errors_;
  CellsImportReport report_;
};

Result<CellsImportReport> CellsImportRun::Run(const std::string& sha256) {
  OPENCEIR_ASSIGN_OR_RETURN(
      std::optional<store::ObservationImport> earlier,
      observations_.FindImport(store::ObservationImportKind::kCells, "", sha256));
  if (earlier) {
    errors_.Add(0, 0, "", "already_imported",
                fmt::format("this file (sha256 {}) was already imported by job {} ({})", sha256,
                            earlier->job_id, Plural(earlier->rows, "row")));
    return Reject();
  }
  Result<std::unique_ptr<io::InputStream>> opened = io::OpenInputFile(path_);
  if (!opened.ok()) {
    if (opened.status().code() != StatusCode::kInvalidInput) return opened.status();
    errors_.Add(0, 0, "", "bad_input_file", opened.status().message());
    return Reject();
  }
  OPENCEIR_ASSIGN_OR_RETURN(report_.cells_before, observations_.CountCells());
  OPENCEIR_ASSIGN_OR_RETURN(std::unique_ptr<store::ObservationBatch> batch,
                            observations_.BeginBatch());

  csv::CsvReader reader(opened->get(), ',');
  CellRowParser parser(&errors_);
  csv::CsvRecord record;
  bool header_seen = false;
  bool header_ok = false;
  std::vector<store::Cell> pending;
  pending.reserve(kUpsertChunk);
  for (;;) {
    Result<bool> next = reader.Next(&record);
    if (!next.ok()) {
      if (next.status().code() == StatusCode::kInvalidInput) {
        AddCsvError(next.status(), reader.display_name(), &errors_);
      } else if (next.status().code() == StatusCode::kIoError) {
        errors_.Add(0, 0, "", "bad_input_file", next.status().message());  // corrupt stream
      } else {
        return next.status();
      }
      break;
    }
    if (!*next) break;
    if (!header_seen) {
      header_seen = true;
      header_ok = parser.ParseHeader(record.line, record.fields);
      if (!header_ok) break;  // every row would repeat the header's problem
      continue;
    }
    ++report_.rows;
    store::Cell cell;
    if (!parser.ParseRow(record.line, record.fields, &cell) || !errors_.empty()) continue;
    pending.push_back(std::move(cell));
    if (pending.size() == kUpsertChunk) {
      OPENCEIR_RETURN_IF_ERROR(batch->UpsertCells(pending));
      pending.clear();
    }
  }
  if (!header_seen) {
    errors_.Add(0, 0, "", "empty_file", "the file is empty (no header row)");
  } else if (header_ok && report_.rows == 0 && errors_.empty()) {
    errors_.Add(0, 0, "", "no_data_rows", "the file has a header but no data rows");
  }
  if (!errors_.empty()) return Reject();  // `batch` rolls back when it goes
  OPENCEIR_RETURN_IF_ERROR(batch->UpsertCells(pending));

  store::ObservationImport import;
  import.job_id = report_.job_id;
  import.kind = store::ObservationImportKind::kCells;
  import.file_sha256 = sha256;
  import.rows = report_.rows;
  FaultPoint("cells_import_before_commit");
  Status committed = batch->Commit(import);
  if (committed.code() == StatusCode::kAlreadyExists) {
    errors_.Add(0, 0, "", "already_imported", committed.message());
    return Reject();
  }
  OPENCEIR_RETURN_IF_ERROR(committed);
  OPENCEIR_ASSIGN_OR_RETURN(report_.cells_after, observations_.CountCells());
  report_.accepted = true;
  report_.summary = fmt::format("{}: {} read; {} in the store now ({} new) (job {}).", file_name_,
                                Plural(report_.rows, "cell"), Plural(report_.cells_after, "cell"),
                                report_.cells_after - report_.cells_before, report_.job_id);
  store::JobCounts job_counts = counts();
  job_counts.added = report_.cells_after - report_.cells_before;
  job_counts.changed = report_.rows - job_counts.added;
  OPENCEIR_RETURN_IF_ERROR(
      registry_.EndJob(report_.job_id, store::JobOutcome::kSucceeded, job_counts, ""));
  return report_;
}

Result<CellsImportReport> CellsImportRun::Reject() {
  report_.accepted = false;
  report_.total_errors = errors_.total();
  report_.summary =
      fmt::format("{} rejected: {} (first {} listed); nothing changed (job {}).", file_name_,
                  Plural(errors_.total(), "error"), errors_.listed().size(), report_.job_id);
  std::string job_error = report_.summary;
  for (const observe::OperatorDataError& error : errors_.listed()) {
    job_error += '\n';  // not "\n" + ...: GCC 12 -O3 warns falsely (-Wrestrict)
    job_error += error.ToString();
  }
  report_.errors = errors_.TakeListed();
  OPENCEIR_RETURN_IF_ERROR(
      registry_.EndJob(report_.job_id, store::JobOutcome::kRejected, counts(), job_error));
  return report_;
}

}  // namespace

Result<CellsImportReport> ImportCells(store::RegistryStore& registry,
                                      store::ObservationStore& observations,
                                      const config::Config& config, const std::string& path,
                                      const CellsImportOptions& options) {
  OPENCEIR_ASSIGN_OR_RETURN(std::string sha256, io::Sha256OfFile(path));
  store::JobStart start;
  start.command = "import cells";
  start.arguments = options.arguments;
  start.user = options.user;
  start.input_path = path;
  start.input_sha256 = sha256;
  start.pid = static_cast<std::int64_t>(getpid());
  OPENCEIR_ASSIGN_OR_RETURN(store::JobId job, registry.StartJob(start));

  CellsImportRun run(registry, observations, config, path, job);
  Result<CellsImportReport> report = run.Run(sha256);
  if (!report.ok()) {
    registry.EndJob(job, store::JobOutcome::kFailed, run.counts(), report.status().ToString())
        .IgnoreError();
  }
  return report;
}

}  // namespace openceir::events
