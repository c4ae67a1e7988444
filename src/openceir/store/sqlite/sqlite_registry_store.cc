// The SQLite registry store: opening, schema versions, migrations and the integrity check.
#include "openceir/store/sqlite/sqlite_registry_store.h"

#include <fmt/format.h>

#include <cerrno>
#include <csignal>

#include "openceir/store/sqlite/sqlite_registry_store_impl.h"
#include "openceir/store/sqlite/sqlite_sql.h"

namespace openceir::store {

Result<std::unique_ptr<RegistryStore>> OpenSqliteRegistryStore(const std::string& path,
                                                               const Clock* clock) {
  OPENCEIR_ASSIGN_OR_RETURN(auto connection, sqlite::Connection::Open(path));
  return std::unique_ptr<RegistryStore>(
      new sqlite::SqliteRegistryStore(std::move(connection), clock));
}

namespace sqlite {

bool ProcessIsGone(std::int64_t pid) {
  if (pid <= 0 || pid > INT32_MAX) return false;
  return kill(static_cast<pid_t>(pid), 0) == -1 && errno == ESRCH;
}

Result<int> SqliteRegistryStore::SchemaVersion() {
  OPENCEIR_ASSIGN_OR_RETURN(Statement has_table, connection_->Prepare(sql::kHasSchemaVersionTable));
  OPENCEIR_ASSIGN_OR_RETURN(bool row, has_table.Step());
  if (!row || has_table.ColumnInt64(0) == 0) return 0;
  OPENCEIR_ASSIGN_OR_RETURN(Statement select, connection_->Prepare(sql::kSelectSchemaVersion));
  OPENCEIR_ASSIGN_OR_RETURN(row, select.Step());
  return row ? static_cast<int>(select.ColumnInt64(0)) : 0;
}

Status SqliteRegistryStore::Migrate() {
  auto migrations = sql::Migrations();
  const int latest = LatestSchemaVersion();
  if (static_cast<int>(migrations.size()) != latest) {
    return InternalError(
        fmt::format("the SQLite store has {} migrations but this build expects "
                    "schema version {}",
                    migrations.size(), latest));
  }
  for (int target = 1; target <= latest; ++target) {
    // Each step re-reads the version under the write lock, so processes migrating at the same
    // time apply every migration exactly once.
    OPENCEIR_ASSIGN_OR_RETURN(auto transaction, Transaction::Begin(connection_.get()));
    OPENCEIR_RETURN_IF_ERROR(connection_->ExecScript(sql::kCreateSchemaVersion));
    OPENCEIR_ASSIGN_OR_RETURN(int current, SchemaVersion());
    if (current > latest) {
      return FailedPreconditionError(
          fmt::format("SQLite store {} is at schema version {}, newer than this build's {}",
                      connection_->path(), current, latest));
    }
    if (current >= target) continue;  // already applied; the transaction rolls back
    OPENCEIR_RETURN_IF_ERROR(
        connection_->ExecScript(migrations[static_cast<std::size_t>(target - 1)]));
    OPENCEIR_ASSIGN_OR_RETURN(Statement insert, connection_->Prepare(sql::kInsertSchemaVersion));
    OPENCEIR_RETURN_IF_ERROR(insert.BindInt64(1, target));
    OPENCEIR_RETURN_IF_ERROR(insert.BindInt64(2, clock_->Now()));
    OPENCEIR_RETURN_IF_ERROR(insert.Run());
    OPENCEIR_RETURN_IF_ERROR(transaction->Commit());
  }
  return Status::Ok();
}

Result<std::vector<std::string>> SqliteRegistryStore::Check() {
  std::vector<std::string> problems;

  OPENCEIR_ASSIGN_OR_RETURN(Statement integrity, connection_->Prepare(sql::kIntegrityCheck));
  for (;;) {
    OPENCEIR_ASSIGN_OR_RETURN(bool row, integrity.Step());
    if (!row) break;
    std::string_view message = integrity.ColumnText(0);
    if (message != "ok") problems.push_back(fmt::format("integrity_check: {}", message));
  }

  OPENCEIR_ASSIGN_OR_RETURN(Statement foreign_keys, connection_->Prepare(sql::kForeignKeyCheck));
  for (;;) {
    OPENCEIR_ASSIGN_OR_RETURN(bool row, foreign_keys.Step());
    if (!row) break;
    problems.push_back(fmt::format("foreign_key_check: {} row {} refers to a missing {} row",
                                   foreign_keys.ColumnText(0), foreign_keys.ColumnInt64(1),
                                   foreign_keys.ColumnText(2)));
  }

  OPENCEIR_ASSIGN_OR_RETURN(int version, SchemaVersion());
  if (version != LatestSchemaVersion()) {
    problems.push_back(fmt::format("schema version is {}, this build expects {} (run db migrate)",
                                   version, LatestSchemaVersion()));
    return problems;  // the OpenCEIR tables may not exist yet
  }

  for (const ListSchema& schema : AllListSchemas()) {
    OPENCEIR_ASSIGN_OR_RETURN(Statement duplicates,
                              connection_->Prepare(sql::ListDuplicateCurrentKeys(schema)));
    for (;;) {
      OPENCEIR_ASSIGN_OR_RETURN(bool row, duplicates.Step());
      if (!row) break;
      problems.push_back(fmt::format("list {}: key ({}) has {} current rows", schema.name,
                                     duplicates.ColumnText(0), duplicates.ColumnInt64(1)));
    }
    OPENCEIR_ASSIGN_OR_RETURN(Statement ended,
                              connection_->Prepare(sql::ListEndedBeforeStarted(schema)));
    for (;;) {
      OPENCEIR_ASSIGN_OR_RETURN(bool row, ended.Step());
      if (!row) break;
      problems.push_back(fmt::format("list {}: row {} ended by job {} before job {} added it",
                                     schema.name, ended.ColumnInt64(0), ended.ColumnInt64(2),
                                     ended.ColumnInt64(1)));
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

}  // namespace sqlite
}  // namespace openceir::store
