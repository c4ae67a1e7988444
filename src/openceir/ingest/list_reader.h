// ReadListFile: reads a whole reference list file through the CSV reader and the list's row
// parser into StagedRows, collecting every input problem in an ErrorSink. Used by ImportList,
// and by the fuzz target over in-memory input.
#pragma once

#include <cstdint>

#include "openceir/base/status.h"
#include "openceir/ingest/error_sink.h"
#include "openceir/ingest/list_import.h"
#include "openceir/ingest/row_parser.h"
#include "openceir/ingest/staged_rows.h"
#include "openceir/io/input_file.h"

namespace openceir::ingest {

struct ReadCounts {
  std::int64_t rows_read = 0;  // data records read (good and bad)
  std::int64_t rows_kept = 0;  // records that passed every field check
};

// Reads `input` as list `kind`. Good rows are appended to `rows` (also after a bad row, so that
// the whole-file rules can still report every duplicate and delta problem). Problems with
// the input (header, fields, CSV syntax such as an unterminated quote, corrupt or truncated
// compressed data: rule bad_input_file) go to `errors`; reading stops at a CSV syntax or stream
// error or an unusable header. `progress` (may be empty) is called every 65536 data rows.
// Errors: only failures that are not the input's (none from the stream today).
Result<ReadCounts> ReadListFile(io::InputStream* input, store::ListKind kind,
                                const RowParserOptions& options, const ProgressCallback& progress,
                                ErrorSink* errors, StagedRows* rows);

}  // namespace openceir::ingest
