// A streaming CSV reader that keeps line and column numbers for error messages.
//
// Rules (FORMATS.md): UTF-8, one header row, LF or CRLF line ends, a configurable one-byte
// delimiter (',' for lists, '|' for the GSMA TAC database), RFC 4180 double quotes (a quoted
// field may hold delimiters, "" and line breaks). Fields are returned as views into an internal
// buffer that stays valid until the next call to Next(). Not thread-safe.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "openceir/base/status.h"
#include "openceir/io/input_file.h"

namespace openceir::csv {

struct CsvRecord {
  std::int64_t line = 0;  // 1-based line number where the record starts
  std::vector<std::string_view> fields;
};

class CsvReader {
 public:
  // Reads from `input` (not owned; must outlive the reader).
  CsvReader(io::InputStream* input, char delimiter);
  ~CsvReader();
  CsvReader(const CsvReader&) = delete;
  CsvReader& operator=(const CsvReader&) = delete;

  // Reads the next record into `record`. Returns true when a record was read, false at the end.
  // Errors (InvalidInput) name the file, line and column: an unterminated quote, a quote inside
  // an unquoted field, a line longer than 1 MiB, or bytes that are not valid UTF-8.
  // An empty line (no characters at all) is skipped, not a record.
  Result<bool> Next(CsvRecord* record);

  const std::string& display_name() const;

 private:
  class Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace openceir::csv
