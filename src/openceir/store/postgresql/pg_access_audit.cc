// API keys and the audit log in the PostgreSQL registry store. Every write is one transaction;
// audit appenders lock the audit_head row (kLockAuditHead), so they take turns on the chain head
// across connections and processes, and the entry and the change it records commit together.
#include <fmt/format.h>

#include "openceir/store/audit_chain.h"
#include "openceir/store/postgresql/pg_registry_sql.h"
#include "openceir/store/postgresql/pg_registry_store_impl.h"
#include "openceir/store/postgresql/pg_transaction.h"

namespace openceir::store::postgresql {
namespace {

// Reads the rows selected with the api_key columns (pg_registry_sql.h).
Result<std::vector<ApiKeyRecord>> ReadApiKeys(const PgResult& rows) {
  std::vector<ApiKeyRecord> keys;
  for (int r = 0; r < rows.rows(); ++r) {
    ApiKeyRecord& key = keys.emplace_back();
    OPENCEIR_ASSIGN_OR_RETURN(key.id, rows.Int64(r, 0));
    key.name = rows.Text(r, 1);
    OPENCEIR_ASSIGN_OR_RETURN(key.role, ParseApiRole(rows.Text(r, 2)));
    key.operator_id = rows.Text(r, 3);
    key.key_hash = rows.Text(r, 4);
    OPENCEIR_ASSIGN_OR_RETURN(key.created_at, rows.Int64(r, 5));
    key.created_by = rows.Text(r, 6);
    if (!rows.IsNull(r, 7)) {
      OPENCEIR_ASSIGN_OR_RETURN(key.revoked_at, rows.Int64(r, 7));
    }
    key.revoked_by = rows.Text(r, 8);
  }
  return keys;
}

Result<ApiKeyRecord> GetApiKeyForUpdate(PgConnection& connection, ApiKeyId id) {
  OPENCEIR_ASSIGN_OR_RETURN(PgResult select,
                            Run(connection, sql::kGetApiKeyForUpdate, PgParams().Int64(id)));
  OPENCEIR_ASSIGN_OR_RETURN(auto keys, ReadApiKeys(select));
  if (keys.empty()) return NotFoundError(fmt::format("no API key {}", id));
  return std::move(keys.front());
}

Result<AuditHead> ReadHead(PgConnection& connection, std::string_view sql) {
  OPENCEIR_ASSIGN_OR_RETURN(PgResult select, Run(connection, sql));
  if (select.rows() != 1) return InternalError("the audit_head row is missing");
  AuditHead head;
  OPENCEIR_ASSIGN_OR_RETURN(head.seq, select.Int64(0, 0));
  head.hash = select.Text(0, 1);
  return head;
}

// Appends `change` after the head, locking the head row until the caller's transaction ends.
Result<AuditEntry> AppendAuditEntry(PgConnection& connection, const AuditChange& change,
                                    UnixSeconds at) {
  OPENCEIR_RETURN_IF_ERROR(CheckAuditChange(change));
  OPENCEIR_ASSIGN_OR_RETURN(AuditHead head, ReadHead(connection, sql::kLockAuditHead));
  AuditEntry entry = NextAuditEntry(head, change, at);
  PgParams params;
  params.Int64(entry.seq)
      .Int64(entry.at)
      .Text(entry.actor)
      .Text(entry.action)
      .Text(entry.subject)
      .Text(entry.detail_json)
      .Text(entry.prev_hash)
      .Text(entry.hash);
  OPENCEIR_RETURN_IF_ERROR(Run(connection, sql::kInsertAuditEntry, params).status());
  OPENCEIR_RETURN_IF_ERROR(
      Run(connection, sql::kSetAuditHead, PgParams().Int64(entry.seq).Text(entry.hash)).status());
  return entry;
}

}  // namespace

Result<ApiKeyRecord> PgRegistryStore::CreateApiKey(const NewApiKey& key, const std::string& actor) {
  OPENCEIR_RETURN_IF_ERROR(CheckNewApiKey(key));
  if (actor.empty()) return InvalidInputError("creating a key needs an actor");
  const UnixSeconds now = clock_->Now();
  OPENCEIR_ASSIGN_OR_RETURN(PgTransaction transaction, PgTransaction::Begin(connection_.get()));
  PgParams params;
  params.Text(key.name)
      .Text(ApiRoleName(key.role))
      .Text(key.operator_id)
      .Text(key.key_hash)
      .Int64(now)
      .Text(actor);
  auto insert = Run(*connection_, sql::kInsertApiKey, params);
  if (!insert.ok()) {
    if (insert.status().code() == StatusCode::kAlreadyExists) {
      return AlreadyExistsError("an API key with this hash exists already");
    }
    return insert.status();
  }
  OPENCEIR_ASSIGN_OR_RETURN(ApiKeyId id, insert->Int64(0, 0));
  OPENCEIR_RETURN_IF_ERROR(
      AppendAuditEntry(*connection_, ApiKeyCreatedChange(id, key, actor), now).status());
  OPENCEIR_ASSIGN_OR_RETURN(ApiKeyRecord record, GetApiKeyForUpdate(*connection_, id));
  OPENCEIR_RETURN_IF_ERROR(transaction.Commit());
  return record;
}

Result<std::optional<ApiKeyRecord>> PgRegistryStore::FindActiveApiKey(const std::string& key_hash) {
  OPENCEIR_ASSIGN_OR_RETURN(PgResult select,
                            Run(*connection_, sql::kFindActiveApiKey, PgParams().Text(key_hash)));
  OPENCEIR_ASSIGN_OR_RETURN(auto keys, ReadApiKeys(select));
  if (keys.empty()) return std::optional<ApiKeyRecord>();
  return std::optional<ApiKeyRecord>(std::move(keys.front()));
}

Status PgRegistryStore::RevokeApiKey(ApiKeyId id, const std::string& actor) {
  if (actor.empty()) return InvalidInputError("revoking a key needs an actor");
  const UnixSeconds now = clock_->Now();
  OPENCEIR_ASSIGN_OR_RETURN(PgTransaction transaction, PgTransaction::Begin(connection_.get()));
  OPENCEIR_ASSIGN_OR_RETURN(ApiKeyRecord key, GetApiKeyForUpdate(*connection_, id));
  if (key.revoked_at) {
    return FailedPreconditionError(
        fmt::format("API key {} was revoked already by {}", id, key.revoked_by));
  }
  OPENCEIR_RETURN_IF_ERROR(
      Run(*connection_, sql::kRevokeApiKey, PgParams().Int64(id).Int64(now).Text(actor)).status());
  OPENCEIR_RETURN_IF_ERROR(
      AppendAuditEntry(*connection_, ApiKeyRevokedChange(key, actor), now).status());
  return transaction.Commit();
}

Result<std::vector<ApiKeyRecord>> PgRegistryStore::ListApiKeys() {
  OPENCEIR_ASSIGN_OR_RETURN(PgResult select, Run(*connection_, sql::kListApiKeys));
  return ReadApiKeys(select);
}

Result<AuditEntry> PgRegistryStore::AppendAudit(const AuditChange& change) {
  OPENCEIR_RETURN_IF_ERROR(CheckAuditChange(change));
  OPENCEIR_ASSIGN_OR_RETURN(PgTransaction transaction, PgTransaction::Begin(connection_.get()));
  OPENCEIR_ASSIGN_OR_RETURN(AuditEntry entry,
                            AppendAuditEntry(*connection_, change, clock_->Now()));
  OPENCEIR_RETURN_IF_ERROR(transaction.Commit());
  return entry;
}

Status PgRegistryStore::ScanAuditLog(const AuditEntryVisitor& visit) {
  OPENCEIR_ASSIGN_OR_RETURN(PgConnection * scan, ScanConnection());
  return ScanWithCursor(*scan, sql::kScanAuditLog, {}, [&](const PgResult& rows, int r) -> Status {
    AuditEntry entry;
    OPENCEIR_ASSIGN_OR_RETURN(entry.seq, rows.Int64(r, 0));
    OPENCEIR_ASSIGN_OR_RETURN(entry.at, rows.Int64(r, 1));
    entry.actor = rows.Text(r, 2);
    entry.action = rows.Text(r, 3);
    entry.subject = rows.Text(r, 4);
    entry.detail_json = rows.Text(r, 5);
    entry.prev_hash = rows.Text(r, 6);
    entry.hash = rows.Text(r, 7);
    return visit(entry);
  });
}

Result<AuditHead> PgRegistryStore::GetAuditHead() {
  return ReadHead(*connection_, sql::kGetAuditHead);
}

}  // namespace openceir::store::postgresql
