// The SQLite observation store: opening, schema versions, migrations, import records and point
// reads (see sqlite_observation_store_impl.h).
#include "openceir/store/sqlite/sqlite_observation_store.h"

#include <fmt/format.h>

#include "openceir/store/observation_checks.h"
#include "openceir/store/sqlite/sqlite_observation_sql.h"
#include "openceir/store/sqlite/sqlite_observation_store_impl.h"

namespace openceir::store {

Result<std::unique_ptr<ObservationStore>> OpenSqliteObservationStore(const std::string& path,
                                                                     const Clock* clock) {
  OPENCEIR_ASSIGN_OR_RETURN(auto connection, sqlite::Connection::Open(path));
  return std::unique_ptr<ObservationStore>(
      new sqlite::SqliteObservationStore(std::move(connection), clock));
}

namespace sqlite {
namespace {

// How long a batch waits for another process's batch (an import of another operator) to commit.
constexpr int kBatchBusyTimeoutMs = 30 * 60 * 1000;

// Reads an import from the columns of obs_sql::kFindImport / kListImports.
Result<ObservationImport> ReadImport(const Statement& select) {
  ObservationImport import;
  import.job_id = select.ColumnInt64(0);
  OPENCEIR_ASSIGN_OR_RETURN(import.kind, ObservationImportKindFromName(select.ColumnText(1)));
  import.operator_id = std::string(select.ColumnText(2));
  import.file_sha256 = std::string(select.ColumnText(3));
  import.first_day = Date{static_cast<std::int32_t>(select.ColumnInt64(4))};
  import.last_day = Date{static_cast<std::int32_t>(select.ColumnInt64(5))};
  import.rows = select.ColumnInt64(6);
  return import;
}

Cell ReadCell(const Statement& select) {
  Cell cell;
  cell.cell_id = std::string(select.ColumnText(0));
  cell.radio = std::string(select.ColumnText(1));
  cell.lat = select.ColumnDouble(2);
  cell.lon = select.ColumnDouble(3);
  cell.range_m = static_cast<std::int32_t>(select.ColumnInt64(4));
  return cell;
}

}  // namespace

Result<int> SqliteObservationStore::SchemaVersion() {
  OPENCEIR_ASSIGN_OR_RETURN(Statement has_table,
                            connection_->Prepare(obs_sql::kHasSchemaVersionTable));
  OPENCEIR_ASSIGN_OR_RETURN(bool row, has_table.Step());
  if (!row || has_table.ColumnInt64(0) == 0) return 0;
  OPENCEIR_ASSIGN_OR_RETURN(Statement select, connection_->Prepare(obs_sql::kSelectSchemaVersion));
  OPENCEIR_ASSIGN_OR_RETURN(row, select.Step());
  return row ? static_cast<int>(select.ColumnInt64(0)) : 0;
}

Status SqliteObservationStore::Migrate() {
  auto migrations = obs_sql::Migrations();
  const int latest = LatestSchemaVersion();
  if (static_cast<int>(migrations.size()) != latest) {
    return InternalError(fmt::format(
        "the SQLite observation store has {} migrations but this build expects version {}",
        migrations.size(), latest));
  }
  for (int target = 1; target <= latest; ++target) {
    // Re-reads the version under the write lock, so processes migrating at the same time apply
    // every migration exactly once.
    OPENCEIR_ASSIGN_OR_RETURN(auto transaction, Transaction::Begin(connection_.get()));
    OPENCEIR_RETURN_IF_ERROR(connection_->ExecScript(obs_sql::kCreateSchemaVersion));
    OPENCEIR_ASSIGN_OR_RETURN(int current, SchemaVersion());
    if (current > latest) {
      return FailedPreconditionError(fmt::format(
          "SQLite store {}: observation schema version {} is newer than this build's {}",
          connection_->path(), current, latest));
    }
    if (current >= target) continue;  // already applied; the transaction rolls back
    OPENCEIR_RETURN_IF_ERROR(
        connection_->ExecScript(migrations[static_cast<std::size_t>(target - 1)]));
    OPENCEIR_ASSIGN_OR_RETURN(Statement insert,
                              connection_->Prepare(obs_sql::kInsertSchemaVersion));
    OPENCEIR_RETURN_IF_ERROR(insert.BindInt64(1, target));
    OPENCEIR_RETURN_IF_ERROR(insert.BindInt64(2, clock_->Now()));
    OPENCEIR_RETURN_IF_ERROR(insert.Run());
    OPENCEIR_RETURN_IF_ERROR(transaction->Commit());
  }
  return Status::Ok();
}

Result<std::unique_ptr<ObservationBatch>> SqliteObservationStore::BeginBatch() {
  if (*batch_open_) {
    return FailedPreconditionError(
        "an observation batch is already open on this store object (commit or drop it first)");
  }
  OPENCEIR_ASSIGN_OR_RETURN(auto connection, Connection::Open(connection_->path()));
  connection->SetBusyTimeout(kBatchBusyTimeoutMs);
  return std::unique_ptr<ObservationBatch>(
      new SqliteObservationBatch(std::move(connection), clock_, batch_open_));
}

Result<std::optional<ObservationImport>> SqliteObservationStore::FindImport(
    ObservationImportKind kind, const std::string& operator_id, const std::string& sha256) {
  OPENCEIR_ASSIGN_OR_RETURN(Statement select, connection_->Prepare(obs_sql::kFindImport));
  OPENCEIR_RETURN_IF_ERROR(select.BindStaticText(1, ObservationImportKindName(kind)));
  OPENCEIR_RETURN_IF_ERROR(select.BindStaticText(2, operator_id));
  OPENCEIR_RETURN_IF_ERROR(select.BindStaticText(3, sha256));
  OPENCEIR_ASSIGN_OR_RETURN(bool row, select.Step());
  if (!row) return std::optional<ObservationImport>();
  OPENCEIR_ASSIGN_OR_RETURN(ObservationImport import, ReadImport(select));
  return std::optional<ObservationImport>(std::move(import));
}

Result<std::vector<ObservationImport>> SqliteObservationStore::ListImports(
    ObservationImportKind kind, const std::string& operator_id, Date first, Date last) {
  OPENCEIR_ASSIGN_OR_RETURN(Statement select, connection_->Prepare(obs_sql::kListImports));
  OPENCEIR_RETURN_IF_ERROR(select.BindStaticText(1, ObservationImportKindName(kind)));
  OPENCEIR_RETURN_IF_ERROR(select.BindStaticText(2, operator_id));
  OPENCEIR_RETURN_IF_ERROR(select.BindInt64(3, first.days));
  OPENCEIR_RETURN_IF_ERROR(select.BindInt64(4, last.days));
  std::vector<ObservationImport> imports;
  for (;;) {
    OPENCEIR_ASSIGN_OR_RETURN(bool row, select.Step());
    if (!row) break;
    OPENCEIR_ASSIGN_OR_RETURN(ObservationImport import, ReadImport(select));
    imports.push_back(std::move(import));
  }
  return imports;
}

Result<std::optional<NetworkImei>> SqliteObservationStore::FindNetworkImei(
    const std::string& imei_norm) {
  OPENCEIR_ASSIGN_OR_RETURN(Statement select, connection_->Prepare(obs_sql::kFindNetworkImei));
  OPENCEIR_RETURN_IF_ERROR(select.BindStaticText(1, imei_norm));
  OPENCEIR_ASSIGN_OR_RETURN(bool row, select.Step());
  if (!row) return std::optional<NetworkImei>();
  NetworkImei imei;
  imei.imei_norm = imei_norm;
  imei.first_seen = Date{static_cast<std::int32_t>(select.ColumnInt64(0))};
  imei.last_seen = Date{static_cast<std::int32_t>(select.ColumnInt64(1))};
  imei.rat_mask = static_cast<RatMask>(select.ColumnInt64(2));
  return std::optional<NetworkImei>(std::move(imei));
}

Result<std::int64_t> SqliteObservationStore::CountRows(std::string_view sql) {
  OPENCEIR_ASSIGN_OR_RETURN(Statement select, connection_->Prepare(sql));
  OPENCEIR_ASSIGN_OR_RETURN(bool row, select.Step());
  return row ? select.ColumnInt64(0) : 0;
}

Result<std::int64_t> SqliteObservationStore::CountNetworkImeis() {
  return CountRows(obs_sql::kCountNetworkImeis);
}

Result<std::optional<Cell>> SqliteObservationStore::FindCell(const std::string& cell_id) {
  OPENCEIR_ASSIGN_OR_RETURN(Statement select, connection_->Prepare(obs_sql::kFindCell));
  OPENCEIR_RETURN_IF_ERROR(select.BindStaticText(1, cell_id));
  OPENCEIR_ASSIGN_OR_RETURN(bool row, select.Step());
  if (!row) return std::optional<Cell>();
  return std::optional<Cell>(ReadCell(select));
}

Result<std::int64_t> SqliteObservationStore::CountCells() {
  return CountRows(obs_sql::kCountCells);
}

Status SqliteObservationStore::ScanCells(const std::function<Status(const Cell&)>& visit) {
  OPENCEIR_ASSIGN_OR_RETURN(Statement select, connection_->Prepare(obs_sql::kScanCells));
  for (;;) {
    OPENCEIR_ASSIGN_OR_RETURN(bool row, select.Step());
    if (!row) return Status::Ok();
    OPENCEIR_RETURN_IF_ERROR(visit(ReadCell(select)));
  }
}

}  // namespace sqlite
}  // namespace openceir::store
