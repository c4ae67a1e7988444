// ImportCells: the whole import of one cell table, as one recorded job.
#include "openceir/events/cells_import.h"

#include <fmt/format.h>

#include "openceir/base/fault_point.h"
#include "openceir/csv/csv_reader.h"
#include "openceir/events/cell_row_parser.h"
#include "openceir/events/csv_error.h"
#include "openceir/observe/recorded_import.h"

namespace openceir::events {
namespace {

// Cells handed to the batch at a time: memory stays bounded by this, not by the file (the batch
// holds the rest until Commit, and drops it all if the file turns out bad later).
constexpr std::size_t kUpsertChunk = 65536;

using observe::Plural;

class CellsImportRun {
 public:
  CellsImportRun(store::RegistryStore& registry, store::ObservationStore& observations,
                 const config::Config& config, const std::string& path,
                 observe::StartedImport started)
      : observations_(observations),
        import_(registry, observations, store::ObservationImportKind::kCells, "", path,
                std::move(started), config.import.max_listed_errors) {
    report_.job_id = import_.job();
  }

  Result<CellsImportReport> Run();
  store::JobCounts counts() const {
    store::JobCounts counts;
    counts.rows_read = report_.rows;
    return counts;
  }

 private:
  Result<CellsImportReport> Reject();

  store::ObservationStore& observations_;
  observe::RecordedImport import_;
  CellsImportReport report_;
};

Result<CellsImportReport> CellsImportRun::Run() {
  observe::OperatorDataErrors& errors = import_.errors();
  // The hash is known: a file imported before is refused before it is read.
  OPENCEIR_ASSIGN_OR_RETURN(std::unique_ptr<io::InputStream> input, import_.OpenForReading());
  if (!input) return Reject();
  OPENCEIR_ASSIGN_OR_RETURN(report_.cells_before, observations_.CountCells());
  OPENCEIR_ASSIGN_OR_RETURN(std::unique_ptr<store::ObservationBatch> batch,
                            observations_.BeginBatch());

  csv::CsvReader reader(input.get(), ',');
  CellRowParser parser(&errors);
  csv::CsvRecord record;
  bool header_seen = false;
  bool header_ok = false;
  std::vector<store::Cell> pending;
  pending.reserve(kUpsertChunk);
  for (;;) {
    Result<bool> next = reader.Next(&record);
    if (!next.ok()) {
      if (next.status().code() == StatusCode::kInvalidInput) {
        AddCsvError(next.status(), reader.display_name(), &errors);
      } else if (next.status().code() == StatusCode::kIoError) {
        errors.Add(0, 0, "", "bad_input_file", next.status().message());  // corrupt stream
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
    if (!parser.ParseRow(record.line, record.fields, &cell) || !errors.empty()) continue;
    pending.push_back(std::move(cell));
    if (pending.size() == kUpsertChunk) {
      OPENCEIR_RETURN_IF_ERROR(batch->UpsertCells(pending));
      pending.clear();
    }
  }
  if (!header_seen) {
    errors.Add(0, 0, "", "empty_file", "the file is empty (no header row)");
  } else if (header_ok && report_.rows == 0 && errors.empty()) {
    errors.Add(0, 0, "", "no_data_rows", "the file has a header but no data rows");
  }
  if (!errors.empty()) return Reject();  // `batch` rolls back when it goes
  OPENCEIR_RETURN_IF_ERROR(batch->UpsertCells(pending));

  store::ObservationImport import;
  import.rows = report_.rows;
  FaultPoint("cells_import_before_commit");
  OPENCEIR_ASSIGN_OR_RETURN(bool committed, import_.Commit(*batch, std::move(import)));
  if (!committed) return Reject();
  OPENCEIR_ASSIGN_OR_RETURN(report_.cells_after, observations_.CountCells());
  report_.summary =
      fmt::format("{}: {} read; {} in the store now ({} new) (job {}).", import_.file_name(),
                  Plural(report_.rows, "cell"), Plural(report_.cells_after, "cell"),
                  report_.cells_after - report_.cells_before, report_.job_id);
  store::JobCounts job_counts = counts();
  job_counts.added = report_.cells_after - report_.cells_before;
  job_counts.changed = report_.rows - job_counts.added;
  OPENCEIR_RETURN_IF_ERROR(import_.Succeed(job_counts, &report_));
  return report_;
}

Result<CellsImportReport> CellsImportRun::Reject() {
  OPENCEIR_RETURN_IF_ERROR(import_.Reject(counts(), &report_));
  return report_;
}

}  // namespace

Result<CellsImportReport> ImportCells(store::RegistryStore& registry,
                                      store::ObservationStore& observations,
                                      const config::Config& config, const std::string& path,
                                      const CellsImportOptions& options) {
  OPENCEIR_ASSIGN_OR_RETURN(
      observe::StartedImport started,
      observe::StartImportJob(registry, "import cells", path, /*hash_while_reading=*/false,
                              options.user, options.arguments));
  const store::JobId job = started.job;
  CellsImportRun run(registry, observations, config, path, std::move(started));
  Result<CellsImportReport> report = run.Run();
  if (!report.ok()) observe::EndFailedImportJob(registry, job, run.counts(), report.status());
  return report;
}

}  // namespace openceir::events
