// SQLite C API wrapper for the registry store (see sqlite_connection.h).
#include "openceir/store/sqlite/sqlite_connection.h"

#include <fmt/format.h>
#include <sqlite3.h>

#include <utility>

#include "openceir/store/sqlite/sqlite_sql.h"

namespace openceir::store::sqlite {
namespace {

// How long a writer waits for another process's transaction before giving up.
// Long: a writer waits for another process's import to commit (an observation batch holds
// the write lock for minutes on a large file) rather than failing.
constexpr int kBusyTimeoutMs = 30 * 60 * 1000;

Status StatusFor(int rc, std::string message) {
  switch (rc & 0xff) {
    case SQLITE_BUSY:
    case SQLITE_LOCKED: return UnavailableError(std::move(message));
    case SQLITE_IOERR:
    case SQLITE_FULL:
    case SQLITE_CANTOPEN:
    case SQLITE_READONLY:
    case SQLITE_PERM: return IoError(std::move(message));
    case SQLITE_CONSTRAINT: return FailedPreconditionError(std::move(message));
    default: return InternalError(std::move(message));
  }
}

}  // namespace

// --- Statement --------------------------------------------------------------------------------

Statement::Statement(Statement&& other) noexcept
    : connection_(other.connection_), stmt_(std::exchange(other.stmt_, nullptr)) {}

Statement& Statement::operator=(Statement&& other) noexcept {
  if (this != &other) {
    sqlite3_finalize(stmt_);
    connection_ = other.connection_;
    stmt_ = std::exchange(other.stmt_, nullptr);
  }
  return *this;
}

Statement::~Statement() { sqlite3_finalize(stmt_); }

Status Statement::BindStaticText(int index, std::string_view text) {
  int rc =
      sqlite3_bind_text(stmt_, index, text.data(), static_cast<int>(text.size()), SQLITE_STATIC);
  if (rc != SQLITE_OK) return connection_->ErrorStatus(rc, "binding a parameter");
  return Status::Ok();
}

Status Statement::BindText(int index, std::string_view text) {
  int rc =
      sqlite3_bind_text(stmt_, index, text.data(), static_cast<int>(text.size()), SQLITE_TRANSIENT);
  if (rc != SQLITE_OK) return connection_->ErrorStatus(rc, "binding a parameter");
  return Status::Ok();
}

Status Statement::BindInt64(int index, std::int64_t value) {
  int rc = sqlite3_bind_int64(stmt_, index, value);
  if (rc != SQLITE_OK) return connection_->ErrorStatus(rc, "binding a parameter");
  return Status::Ok();
}

Status Statement::BindDouble(int index, double value) {
  int rc = sqlite3_bind_double(stmt_, index, value);
  if (rc != SQLITE_OK) return connection_->ErrorStatus(rc, "binding a parameter");
  return Status::Ok();
}

Status Statement::BindStaticBlob(int index, std::string_view bytes) {
  int rc =
      sqlite3_bind_blob(stmt_, index, bytes.data(), static_cast<int>(bytes.size()), SQLITE_STATIC);
  if (rc != SQLITE_OK) return connection_->ErrorStatus(rc, "binding a parameter");
  return Status::Ok();
}

Status Statement::BindNull(int index) {
  int rc = sqlite3_bind_null(stmt_, index);
  if (rc != SQLITE_OK) return connection_->ErrorStatus(rc, "binding a parameter");
  return Status::Ok();
}

Result<bool> Statement::Step() {
  int rc = sqlite3_step(stmt_);
  if (rc == SQLITE_ROW) return true;
  if (rc == SQLITE_DONE) return false;
  last_error_ = rc;
  Status status = connection_->ErrorStatus(rc, sqlite3_sql(stmt_));
  sqlite3_reset(stmt_);
  return status;
}

Status Statement::Run() {
  for (;;) {
    OPENCEIR_ASSIGN_OR_RETURN(bool row, Step());
    if (!row) break;
  }
  Reset();
  return Status::Ok();
}

void Statement::Reset() { sqlite3_reset(stmt_); }

std::string_view Statement::ColumnText(int index) const {
  const auto* text = reinterpret_cast<const char*>(sqlite3_column_text(stmt_, index));
  if (text == nullptr) return {};
  return {text, static_cast<std::size_t>(sqlite3_column_bytes(stmt_, index))};
}

std::int64_t Statement::ColumnInt64(int index) const { return sqlite3_column_int64(stmt_, index); }

double Statement::ColumnDouble(int index) const { return sqlite3_column_double(stmt_, index); }

std::string_view Statement::ColumnBlob(int index) const {
  const auto* bytes = static_cast<const char*>(sqlite3_column_blob(stmt_, index));
  if (bytes == nullptr) return {};
  return {bytes, static_cast<std::size_t>(sqlite3_column_bytes(stmt_, index))};
}

bool Statement::ColumnIsNull(int index) const {
  return sqlite3_column_type(stmt_, index) == SQLITE_NULL;
}

Statement::ValueKind Statement::ColumnKind(int index) const {
  switch (sqlite3_column_type(stmt_, index)) {
    case SQLITE_INTEGER: return ValueKind::kInteger;
    case SQLITE_FLOAT: return ValueKind::kReal;
    case SQLITE_TEXT: return ValueKind::kText;
    case SQLITE_BLOB: return ValueKind::kBlob;
    default: return ValueKind::kNull;
  }
}

// --- Connection -------------------------------------------------------------------------------

Result<std::unique_ptr<Connection>> Connection::Open(const std::string& path) {
  sqlite3* db = nullptr;
  // NOMUTEX: a connection is used by one thread at a time (see the header), so SQLite's
  // per-call connection mutex only costs (two lock operations per column read of every row).
  int rc = sqlite3_open_v2(
      path.c_str(), &db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX, nullptr);
  if (rc != SQLITE_OK) {
    std::string message = fmt::format("cannot open SQLite store {}: {}", path,
                                      db != nullptr ? sqlite3_errmsg(db) : sqlite3_errstr(rc));
    sqlite3_close(db);
    return StatusFor(rc, std::move(message));
  }
  std::unique_ptr<Connection> connection(new Connection(db, path));
  sqlite3_extended_result_codes(db, 1);
  sqlite3_busy_timeout(db, kBusyTimeoutMs);

  // journal_mode answers with the mode in force; an in-memory database stays "memory".
  OPENCEIR_ASSIGN_OR_RETURN(Statement wal, connection->Prepare(sql::kSetWalMode));
  OPENCEIR_ASSIGN_OR_RETURN(bool has_row, wal.Step());
  std::string mode = has_row ? std::string(wal.ColumnText(0)) : std::string();
  wal.Reset();
  if (mode != "wal" && mode != "memory") {
    return IoError(
        fmt::format("SQLite store {}: cannot use WAL mode (journal mode is '{}')", path, mode));
  }
  OPENCEIR_RETURN_IF_ERROR(connection->ExecScript(sql::kConnectionSettings));
  OPENCEIR_ASSIGN_OR_RETURN(Statement fk, connection->Prepare(sql::kGetForeignKeys));
  OPENCEIR_ASSIGN_OR_RETURN(bool fk_row, fk.Step());
  if (!fk_row || fk.ColumnInt64(0) != 1) {
    return InternalError(fmt::format("SQLite store {}: foreign keys could not be enabled", path));
  }
  return connection;
}

Connection::~Connection() { sqlite3_close_v2(db_); }

Result<Statement> Connection::Prepare(std::string_view sql) {
  sqlite3_stmt* stmt = nullptr;
  int rc = sqlite3_prepare_v2(db_, sql.data(), static_cast<int>(sql.size()), &stmt, nullptr);
  if (rc != SQLITE_OK) {
    sqlite3_finalize(stmt);
    return ErrorStatus(rc, fmt::format("preparing {}", sql));
  }
  return Statement(this, stmt);
}

Status Connection::ExecScript(std::string_view sql) {
  const char* next = sql.data();
  const char* end = sql.data() + sql.size();
  while (next < end) {
    sqlite3_stmt* stmt = nullptr;
    const char* tail = nullptr;
    int rc = sqlite3_prepare_v2(db_, next, static_cast<int>(end - next), &stmt, &tail);
    if (rc != SQLITE_OK) {
      sqlite3_finalize(stmt);
      return ErrorStatus(rc, "preparing a schema statement");
    }
    next = tail;
    if (stmt == nullptr) continue;  // whitespace or a comment
    Statement statement(this, stmt);
    OPENCEIR_RETURN_IF_ERROR(statement.Run());
  }
  return Status::Ok();
}

void Connection::SetBusyTimeout(int milliseconds) { sqlite3_busy_timeout(db_, milliseconds); }

std::int64_t Connection::Changes() const { return sqlite3_changes64(db_); }

std::int64_t Connection::LastInsertRowid() const { return sqlite3_last_insert_rowid(db_); }

Status Connection::ErrorStatus(int rc, std::string_view what) const {
  return StatusFor(rc, fmt::format("SQLite store {}: {}: {} ({})", path_, what, sqlite3_errmsg(db_),
                                   sqlite3_errstr(rc)));
}

// --- Transaction ------------------------------------------------------------------------------

Result<std::unique_ptr<Transaction>> Transaction::Begin(Connection* connection) {
  OPENCEIR_RETURN_IF_ERROR(connection->ExecScript(sql::kBeginImmediate));
  return std::unique_ptr<Transaction>(new Transaction(connection));
}

Transaction::~Transaction() {
  if (open_) connection_->ExecScript(sql::kRollback).IgnoreError();
}

Status Transaction::Commit() {
  OPENCEIR_RETURN_IF_ERROR(connection_->ExecScript(sql::kCommit));
  open_ = false;
  return Status::Ok();
}

}  // namespace openceir::store::sqlite
