// API keys and the audit log in the SQLite registry store. Every write is one IMMEDIATE
// transaction (the database's write lock), which is what serialises audit appenders on the
// chain head: the head is read and advanced under that lock.
#include <fmt/format.h>
#include <sqlite3.h>

#include "openceir/store/audit_chain.h"
#include "openceir/store/sqlite/sqlite_access_audit_sql.h"
#include "openceir/store/sqlite/sqlite_registry_store_impl.h"

namespace openceir::store::sqlite {
namespace {

// Reads a row selected with the api_key columns (sqlite_access_audit_sql.h).
Result<ApiKeyRecord> ReadApiKey(const Statement& row) {
  ApiKeyRecord key;
  key.id = row.ColumnInt64(0);
  key.name = row.ColumnText(1);
  OPENCEIR_ASSIGN_OR_RETURN(key.role, ParseApiRole(row.ColumnText(2)));
  key.operator_id = row.ColumnText(3);
  key.key_hash = row.ColumnText(4);
  key.created_at = row.ColumnInt64(5);
  key.created_by = row.ColumnText(6);
  if (!row.ColumnIsNull(7)) key.revoked_at = row.ColumnInt64(7);
  key.revoked_by = row.ColumnText(8);
  return key;
}

Result<ApiKeyRecord> GetApiKey(Connection& connection, ApiKeyId id) {
  OPENCEIR_ASSIGN_OR_RETURN(Statement select, connection.Prepare(sql::kGetApiKey));
  OPENCEIR_RETURN_IF_ERROR(select.BindInt64(1, id));
  OPENCEIR_ASSIGN_OR_RETURN(bool row, select.Step());
  if (!row) return NotFoundError(fmt::format("no API key {}", id));
  return ReadApiKey(select);
}

Result<AuditHead> ReadHead(Connection& connection) {
  OPENCEIR_ASSIGN_OR_RETURN(Statement select, connection.Prepare(sql::kGetAuditHead));
  OPENCEIR_ASSIGN_OR_RETURN(bool row, select.Step());
  if (!row) return InternalError("the audit_head row is missing");
  return AuditHead{select.ColumnInt64(0), std::string(select.ColumnText(1))};
}

}  // namespace

Result<AuditEntry> AppendAuditEntry(Connection& connection, const AuditChange& change,
                                    UnixSeconds at) {
  OPENCEIR_RETURN_IF_ERROR(CheckAuditChange(change));
  OPENCEIR_ASSIGN_OR_RETURN(AuditHead head, ReadHead(connection));
  AuditEntry entry = NextAuditEntry(head, change, at);
  OPENCEIR_ASSIGN_OR_RETURN(Statement insert, connection.Prepare(sql::kInsertAuditEntry));
  OPENCEIR_RETURN_IF_ERROR(insert.BindInt64(1, entry.seq));
  OPENCEIR_RETURN_IF_ERROR(insert.BindInt64(2, entry.at));
  OPENCEIR_RETURN_IF_ERROR(insert.BindStaticText(3, entry.actor));
  OPENCEIR_RETURN_IF_ERROR(insert.BindStaticText(4, entry.action));
  OPENCEIR_RETURN_IF_ERROR(insert.BindStaticText(5, entry.subject));
  OPENCEIR_RETURN_IF_ERROR(insert.BindStaticText(6, entry.detail_json));
  OPENCEIR_RETURN_IF_ERROR(insert.BindStaticText(7, entry.prev_hash));
  OPENCEIR_RETURN_IF_ERROR(insert.BindStaticText(8, entry.hash));
  OPENCEIR_RETURN_IF_ERROR(insert.Run());
  OPENCEIR_ASSIGN_OR_RETURN(Statement update, connection.Prepare(sql::kSetAuditHead));
  OPENCEIR_RETURN_IF_ERROR(update.BindInt64(1, entry.seq));
  OPENCEIR_RETURN_IF_ERROR(update.BindStaticText(2, entry.hash));
  OPENCEIR_RETURN_IF_ERROR(update.Run());
  return entry;
}

Result<ApiKeyRecord> SqliteRegistryStore::CreateApiKey(const NewApiKey& key,
                                                       const std::string& actor) {
  OPENCEIR_RETURN_IF_ERROR(CheckNewApiKey(key));
  if (actor.empty()) return InvalidInputError("creating a key needs an actor");
  const UnixSeconds now = clock_->Now();
  OPENCEIR_ASSIGN_OR_RETURN(auto transaction, Transaction::Begin(connection_.get()));
  OPENCEIR_ASSIGN_OR_RETURN(Statement insert, connection_->Prepare(sql::kInsertApiKey));
  OPENCEIR_RETURN_IF_ERROR(insert.BindStaticText(1, key.name));
  OPENCEIR_RETURN_IF_ERROR(insert.BindStaticText(2, ApiRoleName(key.role)));
  OPENCEIR_RETURN_IF_ERROR(insert.BindStaticText(3, key.operator_id));
  OPENCEIR_RETURN_IF_ERROR(insert.BindStaticText(4, key.key_hash));
  OPENCEIR_RETURN_IF_ERROR(insert.BindInt64(5, now));
  OPENCEIR_RETURN_IF_ERROR(insert.BindStaticText(6, actor));
  if (Status status = insert.Run(); !status.ok()) {
    if (insert.last_error() == SQLITE_CONSTRAINT_UNIQUE) {
      return AlreadyExistsError("an API key with this hash exists already");
    }
    return status;
  }
  const ApiKeyId id = connection_->LastInsertRowid();
  OPENCEIR_RETURN_IF_ERROR(
      AppendAuditEntry(*connection_, ApiKeyCreatedChange(id, key, actor), now).status());
  OPENCEIR_ASSIGN_OR_RETURN(ApiKeyRecord record, GetApiKey(*connection_, id));
  OPENCEIR_RETURN_IF_ERROR(transaction->Commit());
  return record;
}

Result<std::optional<ApiKeyRecord>> SqliteRegistryStore::FindActiveApiKey(
    const std::string& key_hash) {
  OPENCEIR_ASSIGN_OR_RETURN(Statement select, connection_->Prepare(sql::kFindActiveApiKey));
  OPENCEIR_RETURN_IF_ERROR(select.BindStaticText(1, key_hash));
  OPENCEIR_ASSIGN_OR_RETURN(bool row, select.Step());
  if (!row) return std::optional<ApiKeyRecord>();
  OPENCEIR_ASSIGN_OR_RETURN(ApiKeyRecord key, ReadApiKey(select));
  return std::optional<ApiKeyRecord>(std::move(key));
}

Status SqliteRegistryStore::RevokeApiKey(ApiKeyId id, const std::string& actor) {
  if (actor.empty()) return InvalidInputError("revoking a key needs an actor");
  const UnixSeconds now = clock_->Now();
  OPENCEIR_ASSIGN_OR_RETURN(auto transaction, Transaction::Begin(connection_.get()));
  OPENCEIR_ASSIGN_OR_RETURN(ApiKeyRecord key, GetApiKey(*connection_, id));
  if (key.revoked_at) {
    return FailedPreconditionError(
        fmt::format("API key {} was revoked already by {}", id, key.revoked_by));
  }
  OPENCEIR_ASSIGN_OR_RETURN(Statement update, connection_->Prepare(sql::kRevokeApiKey));
  OPENCEIR_RETURN_IF_ERROR(update.BindInt64(1, id));
  OPENCEIR_RETURN_IF_ERROR(update.BindInt64(2, now));
  OPENCEIR_RETURN_IF_ERROR(update.BindStaticText(3, actor));
  OPENCEIR_RETURN_IF_ERROR(update.Run());
  OPENCEIR_RETURN_IF_ERROR(
      AppendAuditEntry(*connection_, ApiKeyRevokedChange(key, actor), now).status());
  return transaction->Commit();
}

Result<std::vector<ApiKeyRecord>> SqliteRegistryStore::ListApiKeys() {
  OPENCEIR_ASSIGN_OR_RETURN(Statement select, connection_->Prepare(sql::kListApiKeys));
  std::vector<ApiKeyRecord> keys;
  for (;;) {
    OPENCEIR_ASSIGN_OR_RETURN(bool row, select.Step());
    if (!row) break;
    OPENCEIR_ASSIGN_OR_RETURN(ApiKeyRecord key, ReadApiKey(select));
    keys.push_back(std::move(key));
  }
  return keys;
}

Result<AuditEntry> SqliteRegistryStore::AppendAudit(const AuditChange& change) {
  OPENCEIR_RETURN_IF_ERROR(CheckAuditChange(change));
  OPENCEIR_ASSIGN_OR_RETURN(auto transaction, Transaction::Begin(connection_.get()));
  OPENCEIR_ASSIGN_OR_RETURN(AuditEntry entry,
                            AppendAuditEntry(*connection_, change, clock_->Now()));
  OPENCEIR_RETURN_IF_ERROR(transaction->Commit());
  return entry;
}

Status SqliteRegistryStore::ScanAuditLog(const AuditEntryVisitor& visit) {
  OPENCEIR_ASSIGN_OR_RETURN(Statement select, connection_->Prepare(sql::kScanAuditLog));
  for (;;) {
    OPENCEIR_ASSIGN_OR_RETURN(bool row, select.Step());
    if (!row) break;
    AuditEntry entry;
    entry.seq = select.ColumnInt64(0);
    entry.at = select.ColumnInt64(1);
    entry.actor = select.ColumnText(2);
    entry.action = select.ColumnText(3);
    entry.subject = select.ColumnText(4);
    entry.detail_json = select.ColumnText(5);
    entry.prev_hash = select.ColumnText(6);
    entry.hash = select.ColumnText(7);
    OPENCEIR_RETURN_IF_ERROR(visit(entry));
  }
  return Status::Ok();
}

Result<AuditHead> SqliteRegistryStore::GetAuditHead() { return ReadHead(*connection_); }

}  // namespace openceir::store::sqlite
