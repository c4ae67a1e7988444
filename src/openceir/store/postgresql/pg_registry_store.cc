// The PostgreSQL registry store: connecting, schema versions, migrations, the integrity check,
// and the statement helpers the other parts share.
#include "openceir/store/postgresql/pg_registry_store.h"

#include <fmt/format.h>
#include <libpq-fe.h>

#include <cerrno>
#include <csignal>
#include <optional>

#include "openceir/store/postgresql/pg_registry_sql.h"
#include "openceir/store/postgresql/pg_registry_store_impl.h"
#include "openceir/store/postgresql/pg_schema.h"
#include "openceir/store/postgresql/pg_transaction.h"

namespace openceir::store {

Result<std::unique_ptr<RegistryStore>> OpenPgRegistryStore(const std::string& dsn,
                                                           const Clock* clock) {
  OPENCEIR_ASSIGN_OR_RETURN(auto connection, postgresql::PgConnection::Open(dsn));
  return std::unique_ptr<RegistryStore>(
      new postgresql::PgRegistryStore(dsn, std::move(connection), clock));
}

namespace postgresql {
namespace {

// FNV-1a 64 of the SQL text: a stable statement name (a collision would be caught by Prepare,
// which refuses one name for two texts).
std::string StatementName(std::string_view sql) {
  std::uint64_t hash = 0xcbf29ce484222325ULL;
  for (char c : sql) {
    hash ^= static_cast<unsigned char>(c);
    hash *= 0x100000001b3ULL;
  }
  return fmt::format("r{:016x}", hash);
}

// Rows fetched per cursor round trip.
constexpr int kCursorChunkRows = 4096;
// Cursors open on this thread, so a scan started from another scan's visitor gets its own name.
thread_local int open_cursors = 0;

}  // namespace

Result<PgResult> Run(PgConnection& connection, std::string_view sql, const PgParams& params,
                     PgFormat results) {
  std::string name = StatementName(sql);
  OPENCEIR_RETURN_IF_ERROR(connection.Prepare(name, sql));
  return connection.Execute(name, params, results);
}

Status ScanWithCursor(PgConnection& connection, std::string_view sql, const PgParams& params,
                      const CursorRowVisitor& visit, PgFormat results) {
  std::optional<PgTransaction> transaction;
  if (PQtransactionStatus(connection.raw()) == PQTRANS_IDLE) {
    // Read only: a write begun on this connection would commit this transaction (and close the
    // cursor) with its own; stores scan on a connection of their own (ScanConnection).
    OPENCEIR_ASSIGN_OR_RETURN(PgTransaction begun, PgTransaction::Begin(&connection, "READ ONLY"));
    transaction.emplace(std::move(begun));
  }
  const std::string cursor = fmt::format("openceir_scan_{}", open_cursors);
  ++open_cursors;
  struct Closed {
    ~Closed() { --open_cursors; }
  } cursor_counted;
  bool declared = false;
  Status streamed = [&]() -> Status {
    OPENCEIR_RETURN_IF_ERROR(
        Run(connection, fmt::format("DECLARE {} NO SCROLL CURSOR FOR {}", cursor, sql), params)
            .status());
    declared = true;
    const std::string fetch = fmt::format("FETCH FORWARD {} FROM {}", kCursorChunkRows, cursor);
    for (;;) {
      OPENCEIR_ASSIGN_OR_RETURN(PgResult chunk, Run(connection, fetch, {}, results));
      for (int row = 0; row < chunk.rows(); ++row) OPENCEIR_RETURN_IF_ERROR(visit(chunk, row));
      if (chunk.rows() < kCursorChunkRows) return Status::Ok();
    }
  }();
  // Closed on every path: a scan nested in another's transaction (which outlives it) that the
  // visitor stopped early would otherwise leave its cursor name taken for the next one.
  if (declared && PQtransactionStatus(connection.raw()) == PQTRANS_INTRANS) {
    Status closed = Run(connection, fmt::format("CLOSE {}", cursor)).status();
    if (streamed.ok()) streamed = closed;
  }
  OPENCEIR_RETURN_IF_ERROR(streamed);  // a transaction begun here rolls back
  return transaction ? transaction->Commit() : Status::Ok();
}

bool ProcessIsGone(std::int64_t pid) {
  if (pid <= 0 || pid > INT32_MAX) return false;
  return kill(static_cast<pid_t>(pid), 0) == -1 && errno == ESRCH;
}

std::int64_t YyyymmddOf(Date date) {
  int year = 0, month = 0, day = 0;
  CivilFromDate(date, &year, &month, &day);
  return std::int64_t{year} * 10'000 + month * 100 + day;
}

Date DateOfYyyymmdd(std::int64_t yyyymmdd) {
  auto date =
      DateFromCivil(static_cast<int>(yyyymmdd / 10'000), static_cast<int>(yyyymmdd / 100 % 100),
                    static_cast<int>(yyyymmdd % 100));
  return date.value_or(Date{});  // the store writes only real dates
}

Result<PgConnection*> PgRegistryStore::ScanConnection() {
  if (scan_connection_ == nullptr) {
    OPENCEIR_ASSIGN_OR_RETURN(scan_connection_, PgConnection::Open(dsn_));
  }
  return scan_connection_.get();
}

Result<int> PgRegistryStore::SchemaVersion() {
  PgSchema schema(connection_.get(), std::string(sql::kRegistryVersionTable),
                  sql::RegistryMigrations(), clock_);
  return schema.Version();
}

Status PgRegistryStore::Migrate() {
  PgSchema schema(connection_.get(), std::string(sql::kRegistryVersionTable),
                  sql::RegistryMigrations(), clock_);
  if (schema.latest() != LatestSchemaVersion()) {
    return InternalError(
        fmt::format("the PostgreSQL registry store has {} migrations but this build expects "
                    "schema version {}",
                    schema.latest(), LatestSchemaVersion()));
  }
  return schema.Migrate();
}

Result<std::vector<std::string>> PgRegistryStore::Check() {
  std::vector<std::string> problems;

  // The server enforces keys, CHECKs and foreign keys itself; a constraint added NOT VALID (by
  // hand) is the one way rows may break them unseen.
  OPENCEIR_ASSIGN_OR_RETURN(PgResult unvalidated, Run(*connection_, sql::kForeignKeysNotValidated));
  for (int row = 0; row < unvalidated.rows(); ++row) {
    problems.push_back(fmt::format("constraint {} of {} is not validated", unvalidated.Text(row, 1),
                                   unvalidated.Text(row, 0)));
  }

  OPENCEIR_ASSIGN_OR_RETURN(int version, SchemaVersion());
  if (version != LatestSchemaVersion()) {
    problems.push_back(fmt::format("schema version is {}, this build expects {} (run db migrate)",
                                   version, LatestSchemaVersion()));
    return problems;  // the OpenCEIR tables may not exist yet
  }

  for (const ListSchema& schema : AllListSchemas()) {
    OPENCEIR_ASSIGN_OR_RETURN(PgResult duplicates,
                              Run(*connection_, sql::ListDuplicateCurrentKeys(schema)));
    for (int row = 0; row < duplicates.rows(); ++row) {
      OPENCEIR_ASSIGN_OR_RETURN(std::int64_t count, duplicates.Int64(row, 1));
      problems.push_back(fmt::format("list {}: key ({}) has {} current rows", schema.name,
                                     duplicates.Text(row, 0), count));
    }
    OPENCEIR_ASSIGN_OR_RETURN(PgResult ended,
                              Run(*connection_, sql::ListEndedBeforeStarted(schema)));
    for (int row = 0; row < ended.rows(); ++row) {
      problems.push_back(fmt::format("list {}: row {} ended by job {} before job {} added it",
                                     schema.name, ended.Text(row, 0), ended.Text(row, 2),
                                     ended.Text(row, 1)));
    }
  }

  OPENCEIR_ASSIGN_OR_RETURN(auto dead, DeadRunningJobs());
  for (const auto& [id, pid] : dead) {
    problems.push_back(fmt::format(
        "job {} is recorded as running but process {} is gone (not yet marked interrupted)", id,
        pid));
  }
  return problems;
}

}  // namespace postgresql
}  // namespace openceir::store
