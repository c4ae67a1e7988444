// PgConnection over libpq: connecting, prepared statements, results and the SQLSTATE errors.
#include "openceir/store/postgresql/pg_connection.h"

#include <fmt/format.h>
#include <libpq-fe.h>

#include <charconv>
#include <cstring>

namespace openceir::store::postgresql {
namespace {

constexpr std::string_view kSqlStatePrefix = "SQLSTATE ";
// The standard code for "the connection broke", used when libpq has no server message.
constexpr std::string_view kConnectionFailure = "08006";

// What a SQLSTATE means to a caller. kUnavailable is kept for a connection that is gone.
StatusCode CodeOfSqlState(std::string_view state) {
  const std::string_view sql_class = state.substr(0, 2);
  if (sql_class == "08" || state == "57P01" || state == "57P02" || state == "57P03") {
    return StatusCode::kUnavailable;  // connection exception, or the backend shut down
  }
  if (state == "23505") return StatusCode::kAlreadyExists;        // unique_violation
  if (sql_class == "23") return StatusCode::kFailedPrecondition;  // other constraints
  if (sql_class == "22") return StatusCode::kInvalidInput;        // data exception
  if (state == "40001" || state == "40P01" || state == "55P03" || state == "57014") {
    return StatusCode::kAborted;  // serialization failure, deadlock, lock wait, cancel
  }
  if (sql_class == "53" || sql_class == "58") return StatusCode::kIoError;  // disk, memory
  return StatusCode::kInternal;  // syntax, undefined objects: a bug in our SQL
}

std::string_view TrimNewlines(std::string_view text) {
  while (!text.empty() && (text.back() == '\n' || text.back() == ' ')) text.remove_suffix(1);
  return text;
}

void IgnoreNotice(void* /*arg*/, const char* /*message*/) {}

}  // namespace

std::optional<std::string> SqlStateOf(const Status& status) {
  std::string_view message = status.message();
  if (message.size() < kSqlStatePrefix.size() + 5 || message.substr(0, 9) != kSqlStatePrefix) {
    return std::nullopt;
  }
  return std::string(message.substr(kSqlStatePrefix.size(), 5));
}

// --- PgParams ------------------------------------------------------------------------------------

PgParams& PgParams::Text(std::string_view value) {
  offsets_.push_back(static_cast<std::int64_t>(buffer_.size()));
  buffer_.append(value);
  buffer_.push_back('\0');
  return *this;
}

PgParams& PgParams::Int64(std::int64_t value) {
  char digits[24];
  auto end = std::to_chars(digits, digits + sizeof digits, value).ptr;
  return Text(std::string_view(digits, static_cast<std::size_t>(end - digits)));
}

PgParams& PgParams::Null() {
  offsets_.push_back(-1);
  return *this;
}

std::vector<const char*> PgParams::Values() const {
  std::vector<const char*> values;
  values.reserve(offsets_.size());
  for (std::int64_t offset : offsets_) {
    values.push_back(offset < 0 ? nullptr : buffer_.data() + offset);
  }
  return values;
}

// --- PgResult ------------------------------------------------------------------------------------

void PgResult::Clear::operator()(pg_result* result) const { PQclear(result); }

int PgResult::rows() const { return PQntuples(result_.get()); }
int PgResult::columns() const { return PQnfields(result_.get()); }

std::int64_t PgResult::affected_rows() const {
  const char* tuples = PQcmdTuples(result_.get());
  std::int64_t count = 0;
  std::from_chars(tuples, tuples + std::strlen(tuples), count);
  return count;
}

bool PgResult::IsNull(int row, int column) const {
  return PQgetisnull(result_.get(), row, column) != 0;
}

std::string_view PgResult::Text(int row, int column) const {
  return std::string_view(PQgetvalue(result_.get(), row, column),
                          static_cast<std::size_t>(PQgetlength(result_.get(), row, column)));
}

Result<std::int64_t> PgResult::Int64(int row, int column) const {
  if (IsNull(row, column)) {
    return InternalError(fmt::format("row {} column {} is NULL, not an integer", row, column));
  }
  std::string_view bytes = Text(row, column);
  if (PQfformat(result_.get(), column) == static_cast<int>(PgFormat::kBinary)) {
    // Network byte order, sign-extended from the column's width.
    if (bytes.size() != 2 && bytes.size() != 4 && bytes.size() != 8) {
      return InternalError(
          fmt::format("column {} is {} binary bytes, not an integer", column, bytes.size()));
    }
    std::uint64_t value = static_cast<unsigned char>(bytes[0]) & 0x80 ? ~std::uint64_t{0} : 0;
    for (char byte : bytes) value = (value << 8) | static_cast<unsigned char>(byte);
    return static_cast<std::int64_t>(value);
  }
  std::int64_t value = 0;
  auto [end, error] = std::from_chars(bytes.data(), bytes.data() + bytes.size(), value);
  if (error != std::errc() || end != bytes.data() + bytes.size()) {
    return InternalError(fmt::format("column {} holds '{}', not an integer", column, bytes));
  }
  return value;
}

// --- PgConnection --------------------------------------------------------------------------------

Result<std::unique_ptr<PgConnection>> PgConnection::Open(const std::string& dsn) {
  PGconn* conn = PQconnectdb(dsn.c_str());
  if (conn == nullptr) return InternalError("libpq could not allocate a connection");
  // The DSN may hold a password, so the message names only the server's answer.
  if (PQstatus(conn) != CONNECTION_OK) {
    Status status =
        UnavailableError(fmt::format("SQLSTATE {}: cannot connect to PostgreSQL: {}",
                                     kConnectionFailure, TrimNewlines(PQerrorMessage(conn))));
    PQfinish(conn);
    return status;
  }
  std::unique_ptr<PgConnection> connection(new PgConnection(conn));
  // Notices ("relation exists, skipping") would otherwise go to stderr.
  PQsetNoticeProcessor(conn, IgnoreNotice, nullptr);
  if (PQsetClientEncoding(conn, "UTF8") != 0) {
    return connection->LastError("setting client_encoding to UTF8");
  }
  return connection;
}

PgConnection::~PgConnection() { PQfinish(conn_); }

bool PgConnection::connected() const { return PQstatus(conn_) == CONNECTION_OK; }

int PgConnection::backend_pid() const { return PQbackendPID(conn_); }

Status PgConnection::LastError(std::string_view what, pg_result* result) const {
  const char* state = result ? PQresultErrorField(result, PG_DIAG_SQLSTATE) : nullptr;
  std::string message;
  if (result != nullptr && PQresultErrorField(result, PG_DIAG_MESSAGE_PRIMARY) != nullptr) {
    message = PQresultErrorField(result, PG_DIAG_MESSAGE_PRIMARY);
    if (const char* detail = PQresultErrorField(result, PG_DIAG_MESSAGE_DETAIL)) {
      message += fmt::format(" ({})", detail);
    }
  } else {
    message = TrimNewlines(result ? PQresultErrorMessage(result) : PQerrorMessage(conn_));
    if (message.empty()) message = TrimNewlines(PQerrorMessage(conn_));
  }
  if (!connected()) {
    return UnavailableError(fmt::format("SQLSTATE {}: connection to PostgreSQL lost while {}: {}",
                                        state ? state : kConnectionFailure, what, message));
  }
  if (state == nullptr) {
    // A client-side failure (out of memory, protocol) with the connection still up.
    return InternalError(fmt::format("SQLSTATE XX000: {} failed: {}", what, message));
  }
  return Status(CodeOfSqlState(state), fmt::format("SQLSTATE {}: {} ({})", state, message, what));
}

Status PgConnection::Prepare(const std::string& name, std::string_view sql) {
  auto found = prepared_.find(name);
  if (found != prepared_.end()) {
    if (found->second == sql) return Status::Ok();
    return InternalError(fmt::format("statement '{}' is already prepared with other SQL", name));
  }
  std::string text(sql);
  std::unique_ptr<PGresult, void (*)(PGresult*)> result(
      PQprepare(conn_, name.c_str(), text.c_str(), 0, nullptr), PQclear);
  if (PQresultStatus(result.get()) != PGRES_COMMAND_OK) {
    return LastError(fmt::format("preparing statement '{}'", name), result.get());
  }
  prepared_.emplace(name, std::move(text));
  return Status::Ok();
}

Result<PgResult> PgConnection::Execute(const std::string& name, const PgParams& params,
                                       PgFormat results) {
  if (!prepared_.contains(name)) {
    return InternalError(fmt::format("statement '{}' is not prepared on this connection", name));
  }
  std::vector<const char*> values = params.Values();
  PGresult* raw_result = PQexecPrepared(conn_, name.c_str(), static_cast<int>(values.size()),
                                        values.data(), nullptr, nullptr, static_cast<int>(results));
  PgResult result(raw_result);
  ExecStatusType status = PQresultStatus(raw_result);
  if (status != PGRES_TUPLES_OK && status != PGRES_COMMAND_OK) {
    return LastError(fmt::format("executing statement '{}'", name), raw_result);
  }
  return result;
}

Status PgConnection::ExecScript(std::string_view sql) {
  std::string text(sql);
  std::unique_ptr<PGresult, void (*)(PGresult*)> result(PQexec(conn_, text.c_str()), PQclear);
  ExecStatusType status = PQresultStatus(result.get());
  if (status != PGRES_TUPLES_OK && status != PGRES_COMMAND_OK) {
    std::string_view head = std::string_view(text).substr(0, 60);
    return LastError(fmt::format("running '{}{}'", head, text.size() > 60 ? "..." : ""),
                     result.get());
  }
  return Status::Ok();
}

std::string QuoteIdentifier(std::string_view name) {
  std::string quoted = "\"";
  for (char c : name) {
    if (c == '"') quoted.push_back('"');
    quoted.push_back(c);
  }
  quoted.push_back('"');
  return quoted;
}

}  // namespace openceir::store::postgresql
