// SQL text of the SQLite store's API keys and audit log (schema version 4, sqlite_sql.cc).
// Internal to store/sqlite.
#pragma once

#include <string_view>

namespace openceir::store::sqlite::sql {

#define OPENCEIR_API_KEY_COLUMNS \
  "id, name, role, operator_id, key_hash, created_at, created_by, revoked_at, revoked_by"
inline constexpr std::string_view kInsertApiKey =
    "INSERT INTO api_key (name, role, operator_id, key_hash, created_at, created_by)"
    " VALUES (?1, ?2, ?3, ?4, ?5, ?6)";
inline constexpr std::string_view kFindActiveApiKey =
    "SELECT " OPENCEIR_API_KEY_COLUMNS " FROM api_key WHERE key_hash = ?1 AND revoked_at IS NULL";
inline constexpr std::string_view kGetApiKey =
    "SELECT " OPENCEIR_API_KEY_COLUMNS " FROM api_key WHERE id = ?1";
inline constexpr std::string_view kListApiKeys =
    "SELECT " OPENCEIR_API_KEY_COLUMNS " FROM api_key ORDER BY id";
#undef OPENCEIR_API_KEY_COLUMNS
inline constexpr std::string_view kRevokeApiKey =
    "UPDATE api_key SET revoked_at = ?2, revoked_by = ?3 WHERE id = ?1 AND revoked_at IS NULL";

inline constexpr std::string_view kGetAuditHead = "SELECT seq, hash FROM audit_head WHERE id = 1";
inline constexpr std::string_view kSetAuditHead =
    "UPDATE audit_head SET seq = ?1, hash = ?2 WHERE id = 1";
inline constexpr std::string_view kInsertAuditEntry =
    "INSERT INTO audit_log (seq, at, actor, action, subject, detail, prev_hash, hash)"
    " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)";
inline constexpr std::string_view kScanAuditLog =
    "SELECT seq, at, actor, action, subject, detail, prev_hash, hash FROM audit_log ORDER BY seq";

}  // namespace openceir::store::sqlite::sql
