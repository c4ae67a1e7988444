// ReadListFile: the streaming loop from bytes to staged rows.
#include "openceir/ingest/list_reader.h"

#include "openceir/csv/csv_reader.h"

namespace openceir::ingest {
namespace {

constexpr std::int64_t kProgressEvery = 65536;

// A CSV syntax problem is the input's fault (rule bad_csv), and so is a stream error: the raw
// file was already read whole for its hash, so a read error here is corrupt or truncated
// compressed data (rule bad_input_file). Anything else is a failure.
Status ToInputError(const Status& status, ErrorSink* errors) {
  if (status.code() == StatusCode::kInvalidInput) {
    errors->Add(0, 0, "", "bad_csv", status.message());
    return Status::Ok();
  }
  if (status.code() == StatusCode::kIoError) {
    errors->Add(0, 0, "", "bad_input_file", status.message());
    return Status::Ok();
  }
  return status;
}

}  // namespace

Result<ReadCounts> ReadListFile(io::InputStream* input, store::ListKind kind,
                                const RowParserOptions& options, const ProgressCallback& progress,
                                ErrorSink* errors, StagedRows* rows) {
  ListRowParser parser(kind, options);
  // Real GSMA TAC database files hold unquoted inch marks in model names (`Tab 10.1"`): there a
  // quote inside an unquoted field is data. The other lists keep strict RFC 4180 quotes.
  const ListFileSpec& spec = FileSpecOf(kind);
  csv::CsvReader reader(input, spec.delimiter, spec.quote_mode);
  csv::CsvRecord record;
  ReadCounts counts;

  Result<bool> got = reader.Next(&record);
  if (!got.ok()) {
    OPENCEIR_RETURN_IF_ERROR(ToInputError(got.status(), errors));
    return counts;
  }
  if (!*got) {
    errors->Add(0, 0, "", "missing_header", "the file is empty: it has no header row");
    return counts;
  }
  if (!parser.ParseHeader(record, errors)) return counts;

  while (true) {
    got = reader.Next(&record);
    if (!got.ok()) {
      OPENCEIR_RETURN_IF_ERROR(ToInputError(got.status(), errors));
      break;
    }
    if (!*got) break;
    ++counts.rows_read;
    if (parser.ParseRow(record, errors)) {
      ++counts.rows_kept;
      rows->Add(parser.row(), parser.change(), record.line);
    }
    if (progress && counts.rows_read % kProgressEvery == 0) progress(counts.rows_read);
  }
  if (progress) progress(counts.rows_read);
  return counts;
}

}  // namespace openceir::ingest
