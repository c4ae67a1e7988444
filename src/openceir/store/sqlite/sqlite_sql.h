// Every SQL text the SQLite registry store runs, in one place.
//
// Fixed statements are constants; per-list statements are built from the static ListSchema
// (table and column names only, never data: values are always bound parameters). Migrations
// are frozen text: a released migration never changes, a schema change is a new migration.
#pragma once

#include <span>
#include <string>
#include <string_view>

#include "openceir/store/list_schema.h"

namespace openceir::store::sqlite::sql {

// --- Connection and transactions ---------------------------------------------------------------
inline constexpr std::string_view kSetWalMode = "PRAGMA journal_mode=WAL";
inline constexpr std::string_view kConnectionSettings =
    "PRAGMA foreign_keys=ON; PRAGMA synchronous=FULL; PRAGMA cache_size=-131072;";
inline constexpr std::string_view kGetForeignKeys = "PRAGMA foreign_keys";
inline constexpr std::string_view kBeginImmediate = "BEGIN IMMEDIATE";
inline constexpr std::string_view kCommit = "COMMIT";
inline constexpr std::string_view kRollback = "ROLLBACK";

// --- Schema versions -----------------------------------------------------------------------------
inline constexpr std::string_view kHasSchemaVersionTable =
    "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = 'schema_version'";
inline constexpr std::string_view kCreateSchemaVersion =
    "CREATE TABLE IF NOT EXISTS schema_version ("
    " version INTEGER PRIMARY KEY, applied_at INTEGER NOT NULL)";
inline constexpr std::string_view kSelectSchemaVersion =
    "SELECT coalesce(max(version), 0) FROM schema_version";
inline constexpr std::string_view kInsertSchemaVersion =
    "INSERT INTO schema_version (version, applied_at) VALUES (?1, ?2)";
// Migration scripts; element i takes the schema from version i to version i + 1.
std::span<const std::string_view> Migrations();

// --- Jobs ----------------------------------------------------------------------------------------
// Job rows are read with these columns, in this order.
#define OPENCEIR_SQLITE_JOB_COLUMNS                                                     \
  "id, command, arguments, user, input_path, input_sha256, pid, started_at, ended_at, " \
  "outcome, rows_read, added, removed, changed, unchanged, error"
inline constexpr std::string_view kInsertJob =
    "INSERT INTO job (command, arguments, user, input_path, input_sha256, pid, started_at,"
    " outcome, rows_read, added, removed, changed, unchanged, error)"
    " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, 'running', -1, -1, -1, -1, -1, '')";
// Ends a running job: ?1 id, ?2 outcome, ?3 ended_at, ?4..?8 counts, ?9 error.
inline constexpr std::string_view kEndJob =
    "UPDATE job SET outcome = ?2, ended_at = ?3, rows_read = ?4, added = ?5, removed = ?6,"
    " changed = ?7, unchanged = ?8, error = ?9 WHERE id = ?1 AND outcome = 'running'";
inline constexpr std::string_view kSetJobInputSha256 =
    "UPDATE job SET input_sha256 = ?2 WHERE id = ?1 AND outcome = 'running'"
    " AND input_sha256 = ''";
inline constexpr std::string_view kGetJobOutcome = "SELECT outcome FROM job WHERE id = ?1";
inline constexpr std::string_view kGetJob =
    "SELECT " OPENCEIR_SQLITE_JOB_COLUMNS " FROM job WHERE id = ?1";
inline constexpr std::string_view kListJobs =
    "SELECT " OPENCEIR_SQLITE_JOB_COLUMNS " FROM job ORDER BY id DESC LIMIT ?1";
inline constexpr std::string_view kFindSucceededJob =
    "SELECT " OPENCEIR_SQLITE_JOB_COLUMNS
    " FROM job WHERE command = ?1 AND input_sha256 = ?2"
    " AND outcome = 'succeeded' ORDER BY id DESC LIMIT 1";
inline constexpr std::string_view kRunningJobs =
    "SELECT id, pid FROM job WHERE outcome = 'running' ORDER BY id";
#undef OPENCEIR_SQLITE_JOB_COLUMNS

// The newest job that committed changes to a list (?1 = table name).
inline constexpr std::string_view kGetListHead =
    "SELECT last_job FROM list_head WHERE list_table = ?1";
inline constexpr std::string_view kSetListHead =
    "INSERT INTO list_head (list_table, last_job) VALUES (?1, ?2)"
    " ON CONFLICT (list_table) DO UPDATE SET last_job = excluded.last_job";

// --- Lists ---------------------------------------------------------------------------------------
// Inserts `rows` rows (one statement, so a large import makes few VDBE runs). Parameters: ?1 the
// job, then row r's n columns at ?(2 + r*n) .. ?(1 + (r+1)*n).
std::string ListInsert(const ListSchema& schema, std::size_t rows);
// Ends the current row of a key. Parameters: ?1 the job, ?2..?k+1 the key columns.
std::string ListEndCurrent(const ListSchema& schema);
// Select the schema columns, in key order.
std::string ListScanCurrent(const ListSchema& schema);
// `columns`: names of schema columns (checked by the caller).
std::string ListScanCurrentColumns(const ListSchema& schema,
                                   std::span<const std::string_view> columns);
std::string ListScanAsOf(const ListSchema& schema);  // ?1 the job
std::string ListCountCurrent(const ListSchema& schema);
// Current rows whose `column` equals ?1, in key order. `column` must be a schema column.
std::string ListFindCurrentBy(const ListSchema& schema, std::string_view column);

// --- Checks --------------------------------------------------------------------------------------
inline constexpr std::string_view kIntegrityCheck = "PRAGMA integrity_check";
inline constexpr std::string_view kForeignKeyCheck = "PRAGMA foreign_key_check";
// Keys (joined with ',') with more than one current row, and how many.
std::string ListDuplicateCurrentKeys(const ListSchema& schema);
// Rows ended by a job older than the one that added them: rowid, start_job, end_job.
std::string ListEndedBeforeStarted(const ListSchema& schema);

}  // namespace openceir::store::sqlite::sql
