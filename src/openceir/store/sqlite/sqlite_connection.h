// A thin RAII layer over the SQLite C API for the SQLite registry store: a connection, prepared
// statements and IMMEDIATE transactions, with every SQLite error turned into a Status.
//
// Internal to store/sqlite. Not thread-safe: one connection is used by one thread at a time.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>

#include "openceir/base/status.h"

struct sqlite3;
struct sqlite3_stmt;

namespace openceir::store::sqlite {

class Connection;

// A prepared statement. Move-only; finalized on destruction.
class Statement {
 public:
  Statement(Connection* connection, sqlite3_stmt* stmt) : connection_(connection), stmt_(stmt) {}
  Statement(Statement&& other) noexcept;
  Statement& operator=(Statement&& other) noexcept;
  Statement(const Statement&) = delete;
  Statement& operator=(const Statement&) = delete;
  ~Statement();

  // Parameters are 1-based. BindStaticText does not copy: `text` must stay valid and unchanged
  // until the statement is reset or re-bound. BindText copies.
  Status BindStaticText(int index, std::string_view text);
  Status BindText(int index, std::string_view text);
  Status BindInt64(int index, std::int64_t value);
  Status BindDouble(int index, double value);
  // Binds bytes as a BLOB, without copying (same lifetime rule as BindStaticText).
  Status BindStaticBlob(int index, std::string_view bytes);
  Status BindNull(int index);

  // Steps once: true when a row is available, false when done.
  Result<bool> Step();
  // Steps to completion (for statements that return no rows) and resets.
  Status Run();
  // Resets so the statement can run again; bindings are kept.
  void Reset();

  // Columns are 0-based and valid while the current row is.
  std::string_view ColumnText(int index) const;
  std::int64_t ColumnInt64(int index) const;
  double ColumnDouble(int index) const;
  std::string_view ColumnBlob(int index) const;
  bool ColumnIsNull(int index) const;
  // The storage class of a column's value in the current row.
  enum class ValueKind { kNull, kInteger, kReal, kText, kBlob };
  ValueKind ColumnKind(int index) const;

  // The extended result code of the last failed step (0 when none failed).
  int last_error() const { return last_error_; }

 private:
  Connection* connection_;
  sqlite3_stmt* stmt_;
  int last_error_ = 0;
};

class Connection {
 public:
  // Opens (creating if missing) the database at `path` and applies the store's connection
  // settings: WAL, foreign keys, synchronous=FULL, a busy timeout.
  static Result<std::unique_ptr<Connection>> Open(const std::string& path);
  Connection(const Connection&) = delete;
  Connection& operator=(const Connection&) = delete;
  ~Connection();

  Result<Statement> Prepare(std::string_view sql);
  // Runs a script of one or more statements that take no parameters (DDL, PRAGMAs).
  Status ExecScript(std::string_view sql);

  // How long a write waits for another connection's write lock before failing (Unavailable).
  void SetBusyTimeout(int milliseconds);

  std::int64_t Changes() const;
  std::int64_t LastInsertRowid() const;
  const std::string& path() const { return path_; }

  // A Status for SQLite result code `rc` during `what`, with SQLite's message.
  Status ErrorStatus(int rc, std::string_view what) const;

 private:
  Connection(sqlite3* db, std::string path) : db_(db), path_(std::move(path)) {}

  sqlite3* db_;
  std::string path_;
};

// An IMMEDIATE transaction (takes the write lock at once, waiting up to the busy timeout).
// Rolled back on destruction unless committed.
class Transaction {
 public:
  static Result<std::unique_ptr<Transaction>> Begin(Connection* connection);
  Transaction(const Transaction&) = delete;
  Transaction& operator=(const Transaction&) = delete;
  ~Transaction();

  Status Commit();

 private:
  explicit Transaction(Connection* connection) : connection_(connection) {}

  Connection* connection_;
  bool open_ = true;
};

}  // namespace openceir::store::sqlite
