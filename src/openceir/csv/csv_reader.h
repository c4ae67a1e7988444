// A streaming CSV reader that keeps line and column numbers for error messages.
//
// Rules (FORMATS.md): UTF-8, one header row, LF or CRLF line ends, a configurable one-byte
// delimiter (',' for lists, '|' for the GSMA TAC database), RFC 4180 double quotes (a quoted
// field may hold delimiters, "" and line breaks). Fields are returned as views into an internal
// buffer that stays valid until the next call to Next(). Not thread-safe.
//
// QuoteMode::kLiteralInUnquoted relaxes one rule for the GSMA TAC database, whose model names
// hold inch marks (`Tab 10.1"`) without quoting: a '"' inside an unquoted field is data.
#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "openceir/base/status.h"
#include "openceir/io/input_file.h"

namespace openceir::csv {

// The longest record accepted, in bytes, without its line break.
inline constexpr std::size_t kMaxCsvRecordBytes = std::size_t{1} << 20;

// What a '"' that is not the first byte of a field means.
enum class QuoteMode {
  // RFC 4180: an error (csv_stray_quote). For the comma-separated lists and operator data.
  kStrict,
  // Plain data inside an unquoted field. A field that starts with '"' is still a quoted field
  // by RFC 4180 rules, and text after its closing quote is still csv_stray_quote.
  kLiteralInUnquoted,
};

struct CsvRecord {
  std::int64_t line = 0;  // 1-based line number where the record starts
  std::vector<std::string_view> fields;
};

class CsvReader {
 public:
  // Reads from `input` (not owned; must outlive the reader). `delimiter` must be an ASCII byte
  // other than '"', CR and LF.
  CsvReader(io::InputStream* input, char delimiter, QuoteMode quote_mode = QuoteMode::kStrict);
  ~CsvReader();
  CsvReader(const CsvReader&) = delete;
  CsvReader& operator=(const CsvReader&) = delete;

  // Reads the next record into `record`. Returns true when a record was read, false at the end.
  // Errors (InvalidInput) name the file, line and column: an unterminated quote, a quote inside
  // an unquoted field (kStrict) or text after a closing quote, a record longer than
  // kMaxCsvRecordBytes, or bytes that are not valid UTF-8. Errors of the input stream (IoError) are
  // passed through. An empty line (no characters at all) is skipped, not a record.
  Result<bool> Next(CsvRecord* record);

  const std::string& display_name() const;

  // Error messages read "<display_name>:<line>:<column>: <rule>: <what>", the column counting
  // bytes from 1 on the physical line (after a leading UTF-8 BOM, which is skipped). Rules:
  // csv_unterminated_quote, csv_stray_quote, csv_invalid_utf8, csv_record_too_long. Once
  // Next() failed it returns the same error again. A line break is LF or CRLF; a CR not
  // followed by LF is data, except as the file's last byte. A record may end at the end of the
  // file without a line break.

  // Test-only: the most bytes asked of the input per read (default 1 MiB; reads are also bounded
  // by the buffer's free space), so that tests can split records at every position. Requires bytes
  // >= 1; call before the first Next().
  void SetBufferSizeForTest(std::size_t bytes);
  // Test-only: lowers the record size limit (default kMaxCsvRecordBytes) so that fuzzers reach
  // it with small inputs. Requires bytes >= 1; call before the first Next().
  void SetMaxRecordBytesForTest(std::size_t bytes);

 private:
  class Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace openceir::csv
