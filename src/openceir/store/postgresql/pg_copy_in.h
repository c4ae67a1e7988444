// Bulk loading with COPY ... FROM STDIN: rows are written field by field into a buffer in COPY's
// text format (tab between fields, newline after a row, \N for NULL, backslash escapes for
// backslash, tab, newline and carriage return) and streamed to the server in 1 MiB messages.
// The server checks the rows as they arrive but reports a bad one only at Finish (or when the
// connection breaks): call Finish and check it; a writer dropped without Finish aborts the COPY,
// so the table gets none of its rows.
#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <string_view>

#include "openceir/base/status.h"
#include "openceir/store/postgresql/pg_connection.h"

namespace openceir::store::postgresql {

class PgCopyIn {
 public:
  // Starts `COPY table (columns) FROM STDIN` on `connection` (not owned; must outlive the writer
  // and run nothing else until Finish). `table` and `columns` are identifiers, quoted here.
  static Result<PgCopyIn> Start(PgConnection* connection, std::string_view table,
                                std::span<const std::string_view> columns);
  ~PgCopyIn();
  PgCopyIn(PgCopyIn&& other) noexcept;
  PgCopyIn& operator=(PgCopyIn&&) = delete;
  PgCopyIn(const PgCopyIn&) = delete;

  // The next field of the current row. Text must be valid UTF-8 without NUL bytes (the server
  // refuses the COPY otherwise, at Finish).
  void AddText(std::string_view value);
  void AddInt64(std::int64_t value);
  void AddNull();
  // Ends the row; it must have one field per column. Sends the buffer when it is full: errors
  // with kUnavailable when the connection broke.
  Status EndRow();

  // Whole rows already in COPY text form (each line ending with a newline), e.g. read from a
  // store dump; must not be mixed into a row started with Add*. The server checks them.
  Status AddEncodedRows(std::string_view lines);

  // Sends the rest and ends the COPY. Returns the number of rows the server stored, or its
  // error (SQLSTATE and message, e.g. 22P02 for a bad integer, with the line in the message).
  Result<std::int64_t> Finish();

 private:
  PgCopyIn(PgConnection* connection, std::string table, std::size_t columns);
  void StartField();
  Status Flush();
  void Abort();

  PgConnection* connection_;  // null once finished or moved from
  std::string table_;         // for messages
  std::size_t columns_;
  std::size_t fields_in_row_ = 0;
  std::string buffer_;
};

}  // namespace openceir::store::postgresql
