// One libpq connection to a PostgreSQL server, with errors as Status values.
//
// Statements are prepared once per connection (Prepare) and run by name (Execute) with text
// parameters; only fixed SQL without parameters (migrations, transaction control) goes through
// ExecScript. A failed call returns a Status whose message starts with "SQLSTATE xxxxx: " and
// carries the server's message (SqlStateOf reads the code back). When the connection is gone
// (server stopped, backend terminated, network lost) the code is StatusCode::kUnavailable and
// every later call fails the same way at once, so a long job stops cleanly; no other failure
// uses kUnavailable. Not thread-safe: one connection per thread or process.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "openceir/base/status.h"

struct pg_conn;
struct pg_result;

namespace openceir::store::postgresql {

// The five-character SQLSTATE a PgConnection error carries ("23505"), or nullopt.
std::optional<std::string> SqlStateOf(const Status& status);

// Parameters of one Execute, all sent as text (the server parses them by the statement's
// inferred parameter types). Values are copied, so temporaries are fine.
class PgParams {
 public:
  PgParams& Text(std::string_view value);
  PgParams& Int64(std::int64_t value);
  PgParams& Null();
  std::size_t size() const { return offsets_.size(); }

  // Pointers for libpq; valid until the next change to these params. Null for SQL NULL.
  std::vector<const char*> Values() const;

 private:
  std::string buffer_;                 // the values, each followed by '\0'
  std::vector<std::int64_t> offsets_;  // into buffer_, -1 for NULL
};

enum class PgFormat { kText = 0, kBinary = 1 };

// The rows of one statement. Values are read in place, without copying.
class PgResult {
 public:
  explicit PgResult(pg_result* result) : result_(result) {}
  PgResult(PgResult&&) noexcept = default;
  PgResult& operator=(PgResult&&) noexcept = default;

  int rows() const;
  int columns() const;
  // Rows changed by INSERT/UPDATE/DELETE/COPY (the command tag's count); 0 for other commands.
  std::int64_t affected_rows() const;

  bool IsNull(int row, int column) const;
  // The value's bytes (text, or the raw bytes of a binary text/bytea column); empty for NULL.
  // Valid while this result lives.
  std::string_view Text(int row, int column) const;
  // An integer column (int2, int4, int8) in either format. Errors on NULL or non-integers.
  Result<std::int64_t> Int64(int row, int column) const;

 private:
  struct Clear {
    void operator()(pg_result* result) const;
  };
  std::unique_ptr<pg_result, Clear> result_;
};

class PgConnection {
 public:
  // Connects with a libpq DSN ("host=... port=... dbname=..." or a postgresql:// URI). Errors
  // with kUnavailable when the server cannot be reached or refuses the login.
  static Result<std::unique_ptr<PgConnection>> Open(const std::string& dsn);
  ~PgConnection();
  PgConnection(const PgConnection&) = delete;
  PgConnection& operator=(const PgConnection&) = delete;

  // Prepares `sql` (parameters $1, $2, ...) under `name` on this connection. Preparing the same
  // name with the same SQL again does nothing; with other SQL it is an internal error.
  Status Prepare(const std::string& name, std::string_view sql);
  // Runs the prepared statement `name`. `results` chooses the format of the returned values:
  // binary saves the server the text conversion of integers (read them with Int64).
  Result<PgResult> Execute(const std::string& name, const PgParams& params = {},
                           PgFormat results = PgFormat::kText);
  // Runs fixed SQL without parameters, possibly several statements (migrations, BEGIN, COPY).
  Status ExecScript(std::string_view sql);

  // False once the connection is known to be gone.
  bool connected() const;
  // The server process serving this connection (pg_backend_pid()).
  int backend_pid() const;

  // For the COPY writer and other adapters in this component: the raw connection, and the
  // Status of the last failure on it (`what` says what was being done).
  pg_conn* raw() { return conn_; }
  Status LastError(std::string_view what, pg_result* result = nullptr) const;

 private:
  explicit PgConnection(pg_conn* conn) : conn_(conn) {}

  pg_conn* conn_;
  std::unordered_map<std::string, std::string> prepared_;  // name -> SQL
};

// Quotes an identifier for SQL text ("a""b"), for the few statements that name a table.
std::string QuoteIdentifier(std::string_view name);

}  // namespace openceir::store::postgresql
