// SQL text of the SQLite registry store's classification state (tables: migration 2 in
// sqlite_sql.cc). Values are always bound parameters. Dates are INTEGER YYYYMMDD.
#pragma once

#include <string_view>

namespace openceir::store::sqlite::sql {

// The list_head key under which runs and revocations record the newest job that changed the
// classification state (commits in job order, as lists).
inline constexpr std::string_view kClassificationHead = "classification_state";

// --- Runs ------------------------------------------------------------------------------------
inline constexpr std::string_view kLatestRunDate =
    "SELECT run, curr_date FROM classification_run ORDER BY run DESC LIMIT 1";
inline constexpr std::string_view kInsertRun =
    "INSERT INTO classification_run (run, curr_date, started_at, finished_at, seen_imeis,"
    " genuine_users_started, genuine_users_continued, genuine_users_ended,"
    " genuine_users_refused) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)";
inline constexpr std::string_view kInsertRunCondition =
    "INSERT INTO classification_run_condition (run, position, label, reason, blocking, sticky,"
    " grace_period_days, max_allowed_matching_ratio, amnesty_block_date, applied, matching,"
    " matching_ratio, started, continued, ended)"
    " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15)";
#define OPENCEIR_SQLITE_RUN_COLUMNS                                             \
  "run, curr_date, started_at, finished_at, seen_imeis, genuine_users_started," \
  " genuine_users_continued, genuine_users_ended, genuine_users_refused"
inline constexpr std::string_view kListRuns =
    "SELECT " OPENCEIR_SQLITE_RUN_COLUMNS " FROM classification_run ORDER BY run DESC LIMIT ?1";
inline constexpr std::string_view kGetRun =
    "SELECT " OPENCEIR_SQLITE_RUN_COLUMNS " FROM classification_run WHERE run = ?1";
#undef OPENCEIR_SQLITE_RUN_COLUMNS
inline constexpr std::string_view kRunConditions =
    "SELECT label, reason, blocking, sticky, grace_period_days, max_allowed_matching_ratio,"
    " amnesty_block_date, applied, matching, matching_ratio, started, continued, ended"
    " FROM classification_run_condition WHERE run = ?1 ORDER BY position";

// --- A run's staged input (temp tables of the run's own connection) --------------------------
inline constexpr std::string_view kCreateStaging =
    "CREATE TEMP TABLE staged_match (condition INTEGER NOT NULL, imei_norm TEXT NOT NULL,"
    " evidence TEXT NOT NULL, PRIMARY KEY (condition, imei_norm)) WITHOUT ROWID;"
    "CREATE TEMP TABLE staged_genuine_user (imei_norm TEXT NOT NULL, imsi TEXT NOT NULL,"
    " reason TEXT NOT NULL, PRIMARY KEY (imei_norm, imsi)) WITHOUT ROWID;";
// Rows are bound at ?(3r+1) .. ?(3r+3): (condition, imei_norm, evidence) for staged_match,
// (imei_norm, imsi, reason) for staged_genuine_user; built by StagedInsert().
inline constexpr std::string_view kStagedMatchInsert =
    "INSERT INTO temp.staged_match (condition, imei_norm, evidence) VALUES ";
inline constexpr std::string_view kStagedGenuineUserInsert =
    "INSERT INTO temp.staged_genuine_user (imei_norm, imsi, reason) VALUES ";

// --- Applying one condition: a merge of its staged matches with its open rows, both in
// imei_norm order ---------------------------------------------------------------------------
// ?1 condition index.
inline constexpr std::string_view kStagedOfCondition =
    "SELECT imei_norm, evidence FROM temp.staged_match WHERE condition = ?1 ORDER BY imei_norm";
// The next open rows after ?2 (exclusive; '' before the first), at most ?3. ?1 label. Read in
// chunks so no cursor stays open on the table the merge writes.
inline constexpr std::string_view kOpenAfter =
    "SELECT imei_norm, start_run FROM classification_state WHERE condition = ?1"
    " AND end_run IS NULL AND imei_norm > ?2 ORDER BY imei_norm LIMIT ?3";
// ?1 run, ?2 curr_date, ?3 imei_norm, ?4 label, ?5 start_run.
inline constexpr std::string_view kEndMatch =
    "UPDATE classification_state SET end_run = ?1, end_date = ?2"
    " WHERE imei_norm = ?3 AND condition = ?4 AND start_run = ?5 AND end_run IS NULL";
// Starts matches: ?1 run, ?2 curr_date, ?3 label, ?4 block_date, ?5 amnesty_granted, then per
// row r imei_norm ?(6 + 2r) and evidence ?(7 + 2r); followed by the rows' VALUES (StartMatches()).
inline constexpr std::string_view kStartMatches =
    "INSERT INTO classification_state (imei_norm, condition, start_run, start_date, block_date,"
    " amnesty_granted, evidence) VALUES ";

// --- Applying the genuine users: ?1 run -------------------------------------------------------
inline constexpr std::string_view kEndUndesignated =
    "UPDATE genuine_user SET end_job = ?1 WHERE end_job IS NULL AND NOT EXISTS (SELECT 1"
    " FROM temp.staged_genuine_user g WHERE g.imei_norm = genuine_user.imei_norm"
    " AND g.imsi = genuine_user.imsi)";
inline constexpr std::string_view kCountRefused =
    "SELECT count(*) FROM temp.staged_genuine_user g WHERE EXISTS (SELECT 1 FROM genuine_user u"
    " WHERE u.imei_norm = g.imei_norm AND u.imsi = g.imsi AND u.revoked_at IS NOT NULL)";
inline constexpr std::string_view kStartDesignated =
    "INSERT INTO genuine_user (imei_norm, imsi, start_run, reason)"
    " SELECT g.imei_norm, g.imsi, ?1, g.reason FROM temp.staged_genuine_user g"
    " WHERE NOT EXISTS (SELECT 1 FROM genuine_user u WHERE u.imei_norm = g.imei_norm"
    " AND u.imsi = g.imsi AND (u.end_job IS NULL OR u.revoked_at IS NOT NULL))"
    " ORDER BY g.imei_norm, g.imsi";

// --- Reads -------------------------------------------------------------------------------------
#define OPENCEIR_SQLITE_STATE_COLUMNS                                                            \
  "imei_norm, condition, start_run, end_run, start_date, end_date, block_date, amnesty_granted," \
  " evidence"
// The rows open right after run ?1 (a row ended later shows as open).
inline constexpr std::string_view kScanStateAsOf =
    "SELECT imei_norm, condition, start_run, NULL, start_date, NULL, block_date, amnesty_granted,"
    " evidence FROM classification_state"
    " WHERE start_run <= ?1 AND (end_run IS NULL OR end_run > ?1)"
    " ORDER BY imei_norm, condition, start_run";
inline constexpr std::string_view kFindStateRows =
    "SELECT " OPENCEIR_SQLITE_STATE_COLUMNS
    " FROM classification_state WHERE imei_norm = ?1 ORDER BY condition, start_run";
#undef OPENCEIR_SQLITE_STATE_COLUMNS

#define OPENCEIR_SQLITE_GENUINE_COLUMNS \
  "imei_norm, imsi, reason, start_run, end_job, revoked_at, revoked_by, revoke_note"
inline constexpr std::string_view kScanGenuineUsersAsOf =
    "SELECT imei_norm, imsi, reason, start_run, NULL, NULL, '', '' FROM genuine_user"
    " WHERE start_run <= ?1 AND (end_job IS NULL OR end_job > ?1) ORDER BY imei_norm, imsi";
inline constexpr std::string_view kFindGenuineUsers =
    "SELECT " OPENCEIR_SQLITE_GENUINE_COLUMNS
    " FROM genuine_user WHERE imei_norm = ?1 ORDER BY imsi, start_run";
#undef OPENCEIR_SQLITE_GENUINE_COLUMNS
// ?1 imei_norm, ?2 imsi, ?3 job, ?4 revoked_at, ?5 revoked_by, ?6 note.
inline constexpr std::string_view kRevokeGenuineUser =
    "UPDATE genuine_user SET end_job = ?3, revoked_at = ?4, revoked_by = ?5, revoke_note = ?6"
    " WHERE imei_norm = ?1 AND imsi = ?2 AND end_job IS NULL";

}  // namespace openceir::store::sqlite::sql
