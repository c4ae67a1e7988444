// SQL text of the PostgreSQL registry store: its migrations (applied by PgSchema with the
// version table kRegistryVersionTable) and every statement it prepares. One place for all of
// it; values are always parameters ($1, $2, ...), never spliced into the text. Per-list
// statements are built from the static ListSchema (table and column names only).
//
// The statements are the SQLite store's (sqlite_sql.h, sqlite_classification_sql.h,
// sqlite_list_history_sql.h) in PostgreSQL's dialect, except where noted: bulk inserts use COPY
// and a classification run merges each condition with set-based statements.
#pragma once

#include <span>
#include <string>
#include <string_view>

#include "openceir/store/list_schema.h"

namespace openceir::store::postgresql::sql {

inline constexpr std::string_view kRegistryVersionTable = "schema_version";

// Element i takes the registry schema from version i to i + 1, as the SQLite store's migration
// i + 1 does (same tables, columns and indexes), so both backends are at the same version.
std::span<const std::string_view> RegistryMigrations();

// --- Jobs ----------------------------------------------------------------------------------------
#define OPENCEIR_PG_JOB_COLUMNS                                                             \
  "id, command, arguments, \"user\", input_path, input_sha256, pid, started_at, ended_at, " \
  "outcome, rows_read, added, removed, changed, unchanged, error"
inline constexpr std::string_view kInsertJob =
    "INSERT INTO job (command, arguments, \"user\", input_path, input_sha256, pid, started_at,"
    " outcome, rows_read, added, removed, changed, unchanged, error)"
    " VALUES ($1, $2, $3, $4, $5, $6, $7, 'running', -1, -1, -1, -1, -1, '') RETURNING id";
// Ends a running job: $1 id, $2 outcome, $3 ended_at, $4..$8 counts, $9 error.
inline constexpr std::string_view kEndJob =
    "UPDATE job SET outcome = $2, ended_at = $3, rows_read = $4, added = $5, removed = $6,"
    " changed = $7, unchanged = $8, error = $9 WHERE id = $1 AND outcome = 'running'";
inline constexpr std::string_view kSetJobInputSha256 =
    "UPDATE job SET input_sha256 = $2 WHERE id = $1 AND outcome = 'running'"
    " AND input_sha256 = ''";
// FOR UPDATE: the job cannot end (another process) between this check and the caller's commit.
inline constexpr std::string_view kGetJobOutcomeForUpdate =
    "SELECT outcome FROM job WHERE id = $1 FOR UPDATE";
inline constexpr std::string_view kGetJob =
    "SELECT " OPENCEIR_PG_JOB_COLUMNS " FROM job WHERE id = $1";
inline constexpr std::string_view kListJobs =
    "SELECT " OPENCEIR_PG_JOB_COLUMNS " FROM job ORDER BY id DESC LIMIT $1";
inline constexpr std::string_view kFindSucceededJob =
    "SELECT " OPENCEIR_PG_JOB_COLUMNS
    " FROM job WHERE command = $1 AND input_sha256 = $2"
    " AND outcome = 'succeeded' ORDER BY id DESC LIMIT 1";
inline constexpr std::string_view kRunningJobs =
    "SELECT id, pid FROM job WHERE outcome = 'running' ORDER BY id";
#undef OPENCEIR_PG_JOB_COLUMNS

// Records $2 as the newest job that changed head $1 (a list table or kClassificationHead) unless
// a newer job did: then no row is returned. Locks the head row until the transaction ends, so
// changes to one head commit one at a time and in job order.
inline constexpr std::string_view kAdvanceHead =
    "INSERT INTO list_head (list_table, last_job) VALUES ($1, $2)"
    " ON CONFLICT (list_table) DO UPDATE SET last_job = excluded.last_job"
    " WHERE list_head.last_job <= excluded.last_job RETURNING last_job";
inline constexpr std::string_view kGetHead = "SELECT last_job FROM list_head WHERE list_table = $1";

// --- Lists ---------------------------------------------------------------------------------------
// Ending keys in bulk: the keys to end are copied into a temp table (kEndingTable, dropped at
// commit), checked, then ended by one UPDATE instead of one statement a key.
inline constexpr std::string_view kEndingTable = "ending_key";
std::string ListCreateEnding(const ListSchema& schema);
// The first key (in key order) of the ending table that is not current, if any.
std::string ListFirstEndingNotCurrent(const ListSchema& schema);
// Ends the current rows of the ending table's keys. Parameter: $1 the job.
std::string ListEndEnding(const ListSchema& schema);
// Select the schema columns, in key order.
std::string ListScanCurrent(const ListSchema& schema);
std::string ListScanAsOf(const ListSchema& schema);  // $1 the job
std::string ListCountCurrent(const ListSchema& schema);
// Current rows whose `column` equals $1, in key order. `column` must be a schema column.
std::string ListFindCurrentBy(const ListSchema& schema, std::string_view column);
// Keys (joined with ',') with more than one current row, and how many.
std::string ListDuplicateCurrentKeys(const ListSchema& schema);
// Rows ended by a job older than the one that added them: ctid, start_job, end_job.
std::string ListEndedBeforeStarted(const ListSchema& schema);

// --- Classification state
// -------------------------------------------------------------------------- The list_head key
// under which runs and revocations record the newest job that changed the classification state
// (commits in job order, as lists).
inline constexpr std::string_view kClassificationHead = "classification_state";
// The advisory lock a run holds from BeginClassificationRun to its end: one run at a time.
inline constexpr std::string_view kClassificationLock = "openceir classification run";

inline constexpr std::string_view kLatestRunDate =
    "SELECT run, curr_date FROM classification_run ORDER BY run DESC LIMIT 1";
inline constexpr std::string_view kInsertRun =
    "INSERT INTO classification_run (run, curr_date, started_at, finished_at, seen_imeis,"
    " genuine_users_started, genuine_users_continued, genuine_users_ended,"
    " genuine_users_refused) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)";
inline constexpr std::string_view kInsertRunCondition =
    "INSERT INTO classification_run_condition (run, position, label, reason, blocking, sticky,"
    " grace_period_days, max_allowed_matching_ratio, amnesty_block_date, applied, matching,"
    " matching_ratio, started, continued, ended)"
    " VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15)";
#define OPENCEIR_PG_RUN_COLUMNS                                                 \
  "run, curr_date, started_at, finished_at, seen_imeis, genuine_users_started," \
  " genuine_users_continued, genuine_users_ended, genuine_users_refused"
inline constexpr std::string_view kListRuns =
    "SELECT " OPENCEIR_PG_RUN_COLUMNS " FROM classification_run ORDER BY run DESC LIMIT $1";
inline constexpr std::string_view kGetRun =
    "SELECT " OPENCEIR_PG_RUN_COLUMNS " FROM classification_run WHERE run = $1";
#undef OPENCEIR_PG_RUN_COLUMNS
// Conditions are read back with their float8 values as text; the server prints the shortest
// text that reads back to the same double (extra_float_digits >= 1, the default since 12).
inline constexpr std::string_view kRunConditions =
    "SELECT label, reason, blocking, sticky, grace_period_days, max_allowed_matching_ratio,"
    " amnesty_block_date, applied, matching, matching_ratio, started, continued, ended"
    " FROM classification_run_condition WHERE run = $1 ORDER BY position";

// A run's staged input: temp tables of the run's own connection, dropped when its transaction
// ends. Filled by COPY.
inline constexpr std::string_view kCreateStaging =
    "CREATE TEMP TABLE staged_match (condition integer NOT NULL,"
    " imei_norm text COLLATE \"C\" NOT NULL, evidence text NOT NULL,"
    " PRIMARY KEY (condition, imei_norm)) ON COMMIT DROP;"
    "CREATE TEMP TABLE staged_genuine_user (imei_norm text COLLATE \"C\" NOT NULL,"
    " imsi text COLLATE \"C\" NOT NULL, reason text NOT NULL,"
    " PRIMARY KEY (imei_norm, imsi)) ON COMMIT DROP;";
inline constexpr std::string_view kStagedMatchTable = "staged_match";
inline constexpr std::string_view kStagedGenuineUserTable = "staged_genuine_user";
// Statistics for the merge's plans, once staging is complete.
inline constexpr std::string_view kAnalyzeStaging =
    "ANALYZE staged_match; ANALYZE staged_genuine_user";

// Applying one condition (where SQLite merges two sorted cursors, one statement each here):
// $1 run, $2 curr_date, $3 label, $4 condition index.
inline constexpr std::string_view kEndUnmatched =
    "UPDATE classification_state c SET end_run = $1, end_date = $2"
    " WHERE c.condition = $3 AND c.end_run IS NULL AND NOT EXISTS (SELECT 1 FROM staged_match s"
    " WHERE s.condition = $4 AND s.imei_norm = c.imei_norm)";
// $1 run, $2 curr_date, $3 label, $4 condition index, $5 block_date, $6 amnesty_granted.
inline constexpr std::string_view kStartMatches =
    "INSERT INTO classification_state (imei_norm, condition, start_run, start_date, block_date,"
    " amnesty_granted, evidence)"
    " SELECT s.imei_norm, $3, $1, $2, $5, $6, s.evidence FROM staged_match s"
    " WHERE s.condition = $4 AND NOT EXISTS (SELECT 1 FROM classification_state c"
    " WHERE c.condition = $3 AND c.imei_norm = s.imei_norm AND c.end_run IS NULL)"
    " ORDER BY s.imei_norm";
// $1 condition index.
inline constexpr std::string_view kCountStaged =
    "SELECT count(*) FROM staged_match WHERE condition = $1";

// Applying the genuine users: $1 run.
inline constexpr std::string_view kEndUndesignated =
    "UPDATE genuine_user SET end_job = $1 WHERE end_job IS NULL AND NOT EXISTS (SELECT 1"
    " FROM staged_genuine_user g WHERE g.imei_norm = genuine_user.imei_norm"
    " AND g.imsi = genuine_user.imsi)";
inline constexpr std::string_view kCountRefused =
    "SELECT count(*) FROM staged_genuine_user g WHERE EXISTS (SELECT 1 FROM genuine_user u"
    " WHERE u.imei_norm = g.imei_norm AND u.imsi = g.imsi AND u.revoked_at IS NOT NULL)";
inline constexpr std::string_view kStartDesignated =
    "INSERT INTO genuine_user (imei_norm, imsi, start_run, reason)"
    " SELECT g.imei_norm, g.imsi, $1, g.reason FROM staged_genuine_user g"
    " WHERE NOT EXISTS (SELECT 1 FROM genuine_user u WHERE u.imei_norm = g.imei_norm"
    " AND u.imsi = g.imsi AND (u.end_job IS NULL OR u.revoked_at IS NOT NULL))"
    " ORDER BY g.imei_norm, g.imsi";

#define OPENCEIR_PG_STATE_COLUMNS                                                                \
  "imei_norm, condition, start_run, end_run, start_date, end_date, block_date, amnesty_granted," \
  " evidence"
// The rows open right after run $1 (a row ended later shows as open).
inline constexpr std::string_view kScanStateAsOf =
    "SELECT imei_norm, condition, start_run, NULL, start_date, NULL, block_date, amnesty_granted,"
    " evidence FROM classification_state"
    " WHERE start_run <= $1 AND (end_run IS NULL OR end_run > $1)"
    " ORDER BY imei_norm, condition, start_run";
inline constexpr std::string_view kFindStateRows =
    "SELECT " OPENCEIR_PG_STATE_COLUMNS
    " FROM classification_state WHERE imei_norm = $1 ORDER BY condition, start_run";
#undef OPENCEIR_PG_STATE_COLUMNS

#define OPENCEIR_PG_GENUINE_COLUMNS \
  "imei_norm, imsi, reason, start_run, end_job, revoked_at, revoked_by, revoke_note"
inline constexpr std::string_view kScanGenuineUsersAsOf =
    "SELECT imei_norm, imsi, reason, start_run, NULL, NULL, '', '' FROM genuine_user"
    " WHERE start_run <= $1 AND (end_job IS NULL OR end_job > $1) ORDER BY imei_norm, imsi";
inline constexpr std::string_view kFindGenuineUsers =
    "SELECT " OPENCEIR_PG_GENUINE_COLUMNS
    " FROM genuine_user WHERE imei_norm = $1 ORDER BY imsi, start_run";
#undef OPENCEIR_PG_GENUINE_COLUMNS
// $1 imei_norm, $2 imsi, $3 job, $4 revoked_at, $5 revoked_by, $6 note.
inline constexpr std::string_view kRevokeGenuineUser =
    "UPDATE genuine_user SET end_job = $3, revoked_at = $4, revoked_by = $5, revoke_note = $6"
    " WHERE imei_norm = $1 AND imsi = $2 AND end_job IS NULL";

// --- List history
// ----------------------------------------------------------------------------------
inline constexpr std::string_view kClassificationRunExists =
    "SELECT count(*) FROM classification_run WHERE run = $1";
// One list generation is recorded at a time across processes: the transaction takes this
// advisory lock (key AdvisoryLockKey(kListRunLock)) or fails at once.
inline constexpr std::string_view kListRunLock = "openceir list run";
inline constexpr std::string_view kTryListRunLock = "SELECT pg_try_advisory_xact_lock($1)";
inline constexpr std::string_view kInsertListGeneration =
    "INSERT INTO list_generation (run, list_date, base_run, options, operators, manifest,"
    " recorded_at) VALUES ($1, $2, $3, $4, $5, $6, $7)";
inline constexpr std::string_view kInsertListGenerationFile =
    "INSERT INTO list_generation_file (run, list_date, name, bytes, sha256, codec, pieces)"
    " VALUES ($1, $2, $3, $4, $5, $6, $7)";
// $5 is the piece's bytes as bytea hex text ("\x...").
inline constexpr std::string_view kInsertListGenerationPiece =
    "INSERT INTO list_generation_piece (run, list_date, name, piece, bytes)"
    " VALUES ($1, $2, $3, $4, $5)";
inline constexpr std::string_view kGetListGeneration =
    "SELECT base_run, options, operators, manifest, recorded_at FROM list_generation"
    " WHERE run = $1 AND list_date = $2";
inline constexpr std::string_view kListGenerationFiles =
    "SELECT name, bytes, sha256, codec, pieces FROM list_generation_file"
    " WHERE run = $1 AND list_date = $2 ORDER BY name";
inline constexpr std::string_view kListGenerationFileExists =
    "SELECT pieces FROM list_generation_file WHERE run = $1 AND list_date = $2 AND name = $3";
// One piece at a time (the pieces are megabytes each): $4 the piece index. Read binary, so the
// bytes come back raw.
inline constexpr std::string_view kListGenerationPiece =
    "SELECT bytes FROM list_generation_piece"
    " WHERE run = $1 AND list_date = $2 AND name = $3 AND piece = $4";

// --- Checks
// ------------------------------------------------------------------------------------------
inline constexpr std::string_view kForeignKeysNotValidated =
    "SELECT conrelid::regclass::text, conname FROM pg_constraint"
    " WHERE connamespace = current_schema()::regnamespace AND NOT convalidated ORDER BY 1, 2";

// --- API keys and the audit log (schema version 4)
// ------------------------------------------------
#define OPENCEIR_PG_API_KEY_COLUMNS \
  "id, name, role, operator_id, key_hash, created_at, created_by, revoked_at, revoked_by"
inline constexpr std::string_view kInsertApiKey =
    "INSERT INTO api_key (name, role, operator_id, key_hash, created_at, created_by)"
    " VALUES ($1, $2, $3, $4, $5, $6) RETURNING id";
inline constexpr std::string_view kFindActiveApiKey =
    "SELECT " OPENCEIR_PG_API_KEY_COLUMNS
    " FROM api_key WHERE key_hash = $1 AND revoked_at IS NULL";
// FOR UPDATE: the key cannot be revoked by another process between this read and the commit.
inline constexpr std::string_view kGetApiKeyForUpdate =
    "SELECT " OPENCEIR_PG_API_KEY_COLUMNS " FROM api_key WHERE id = $1 FOR UPDATE";
inline constexpr std::string_view kListApiKeys =
    "SELECT " OPENCEIR_PG_API_KEY_COLUMNS " FROM api_key ORDER BY id";
#undef OPENCEIR_PG_API_KEY_COLUMNS
inline constexpr std::string_view kRevokeApiKey =
    "UPDATE api_key SET revoked_at = $2, revoked_by = $3 WHERE id = $1 AND revoked_at IS NULL";

inline constexpr std::string_view kGetAuditHead = "SELECT seq, hash FROM audit_head WHERE id = 1";
// Locks the head row until the transaction ends: appenders take turns on the chain head.
inline constexpr std::string_view kLockAuditHead =
    "SELECT seq, hash FROM audit_head WHERE id = 1 FOR UPDATE";
inline constexpr std::string_view kSetAuditHead =
    "UPDATE audit_head SET seq = $1, hash = $2 WHERE id = 1";
inline constexpr std::string_view kInsertAuditEntry =
    "INSERT INTO audit_log (seq, at, actor, action, subject, detail, prev_hash, hash)"
    " VALUES ($1, $2, $3, $4, $5, $6, $7, $8)";
inline constexpr std::string_view kScanAuditLog =
    "SELECT seq, at, actor, action, subject, detail, prev_hash, hash FROM audit_log ORDER BY seq";

}  // namespace openceir::store::postgresql::sql
