// PgCopyIn: the COPY text format and its streaming through libpq.
#include "openceir/store/postgresql/pg_copy_in.h"

#include <fmt/format.h>
#include <libpq-fe.h>

#include <charconv>
#include <memory>
#include <utility>

namespace openceir::store::postgresql {
namespace {

constexpr std::size_t kFlushBytes = 1 << 20;

// Appends `value` with COPY text-format escapes; runs without special bytes are copied whole.
void AppendEscaped(std::string& out, std::string_view value) {
  const char* run = value.data();
  const char* const end = run + value.size();
  for (const char* p = run; p != end; ++p) {
    char escape;
    switch (*p) {
      case '\\': escape = '\\'; break;
      case '\t': escape = 't'; break;
      case '\n': escape = 'n'; break;
      case '\r': escape = 'r'; break;
      default: continue;
    }
    out.append(run, p);
    out.push_back('\\');
    out.push_back(escape);
    run = p + 1;
  }
  out.append(run, end);
}

}  // namespace

Result<PgCopyIn> PgCopyIn::Start(PgConnection* connection, std::string_view table,
                                 std::span<const std::string_view> columns) {
  if (columns.empty()) return InternalError(fmt::format("COPY into {} names no column", table));
  std::string sql = fmt::format("COPY {} (", QuoteIdentifier(table));
  for (std::size_t i = 0; i < columns.size(); ++i) {
    if (i > 0) sql += ", ";
    sql += QuoteIdentifier(columns[i]);
  }
  sql += ") FROM STDIN";
  std::unique_ptr<PGresult, void (*)(PGresult*)> result(PQexec(connection->raw(), sql.c_str()),
                                                        PQclear);
  if (PQresultStatus(result.get()) != PGRES_COPY_IN) {
    return connection->LastError(fmt::format("starting COPY into {}", table), result.get());
  }
  return PgCopyIn(connection, std::string(table), columns.size());
}

PgCopyIn::PgCopyIn(PgConnection* connection, std::string table, std::size_t columns)
    : connection_(connection), table_(std::move(table)), columns_(columns) {
  buffer_.reserve(kFlushBytes + 4096);
}

PgCopyIn::PgCopyIn(PgCopyIn&& other) noexcept
    : connection_(std::exchange(other.connection_, nullptr)),
      table_(std::move(other.table_)),
      columns_(other.columns_),
      fields_in_row_(other.fields_in_row_),
      buffer_(std::move(other.buffer_)) {}

PgCopyIn::~PgCopyIn() {
  if (connection_ != nullptr) Abort();
}

void PgCopyIn::StartField() {
  if (fields_in_row_++ > 0) buffer_.push_back('\t');
}

void PgCopyIn::AddText(std::string_view value) {
  StartField();
  AppendEscaped(buffer_, value);
}

void PgCopyIn::AddInt64(std::int64_t value) {
  StartField();
  char digits[24];
  auto end = std::to_chars(digits, digits + sizeof digits, value).ptr;
  buffer_.append(digits, end);
}

void PgCopyIn::AddNull() {
  StartField();
  buffer_.append("\\N");
}

Status PgCopyIn::EndRow() {
  if (connection_ == nullptr) return InternalError("row written to a COPY that has ended");
  if (fields_in_row_ != columns_) {
    return InternalError(fmt::format("COPY into {}: a row of {} fields for {} columns", table_,
                                     fields_in_row_, columns_));
  }
  fields_in_row_ = 0;
  buffer_.push_back('\n');
  return buffer_.size() >= kFlushBytes ? Flush() : Status::Ok();
}

Status PgCopyIn::AddEncodedRows(std::string_view lines) {
  buffer_.append(lines);
  return buffer_.size() >= kFlushBytes ? Flush() : Status::Ok();
}

Status PgCopyIn::Flush() {
  if (buffer_.empty()) return Status::Ok();
  if (PQputCopyData(connection_->raw(), buffer_.data(), static_cast<int>(buffer_.size())) != 1) {
    return connection_->LastError(fmt::format("sending COPY rows into {}", table_));
  }
  buffer_.clear();
  return Status::Ok();
}

Result<std::int64_t> PgCopyIn::Finish() {
  if (connection_ == nullptr) return InternalError("Finish of a COPY that has ended");
  if (fields_in_row_ != 0) {
    Abort();
    return InternalError(fmt::format("COPY into {}: the last row was not ended", table_));
  }
  Status sent = Flush();
  PgConnection* connection = std::exchange(connection_, nullptr);
  PGconn* conn = connection->raw();
  if (sent.ok() && PQputCopyEnd(conn, nullptr) != 1) {
    sent = connection->LastError(fmt::format("ending COPY into {}", table_));
  }
  // The outcome is the first result; drain the rest so the connection is ready again.
  Result<std::int64_t> outcome = sent.ok() ? Result<std::int64_t>(std::int64_t{0}) : sent;
  bool first = true;
  while (PGresult* raw = PQgetResult(conn)) {
    std::unique_ptr<PGresult, void (*)(PGresult*)> result(raw, PQclear);
    if (!first || !sent.ok()) continue;
    first = false;
    if (PQresultStatus(raw) == PGRES_COMMAND_OK) {
      const char* tuples = PQcmdTuples(raw);
      std::int64_t rows = 0;
      std::from_chars(tuples, tuples + std::char_traits<char>::length(tuples), rows);
      outcome = rows;
    } else {
      outcome = connection->LastError(fmt::format("COPY into {}", table_), raw);
    }
  }
  if (outcome.ok() && !connection->connected()) {
    return connection->LastError(fmt::format("COPY into {}", table_));
  }
  return outcome;
}

void PgCopyIn::Abort() {
  PGconn* conn = std::exchange(connection_, nullptr)->raw();
  if (PQputCopyEnd(conn, "COPY abandoned by the client") == 1) {
    while (PGresult* result = PQgetResult(conn)) PQclear(result);
  }
}

}  // namespace openceir::store::postgresql
