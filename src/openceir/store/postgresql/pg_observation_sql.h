// SQL text of the PostgreSQL observation store: its migrations (applied by PgSchema with the
// version table kObservationVersionTable), the batch's staging tables and every statement it
// prepares. Values are always parameters ($1, $2, ...); the only SQL built at run time is the
// creation of a month's triplet partitions, done by the obs_ensure_triplet_month function the
// migration defines (called as a prepared statement).
//
// The statements are the SQLite observation store's (store/sqlite/sqlite_observation_sql.h) in
// PostgreSQL's dialect, except: triplets are merged from staging tables (filled by COPY) by one
// INSERT ... SELECT ... GROUP BY ... ON CONFLICT per table; the country rows are folded by the
// server (GROUP BY over the ordered operator rows).
#pragma once

#include <span>
#include <string_view>

namespace openceir::store::postgresql::obs_sql {

inline constexpr std::string_view kObservationVersionTable = "obs_schema_version";
// Element i takes the observation schema from version i to i + 1 (see pg_observation_sql.cc).
std::span<const std::string_view> ObservationMigrations();

// The advisory lock (transaction scope) that serialises the creation of triplet partitions.
inline constexpr std::string_view kPartitionLock = "openceir obs triplet partitions";
// Creates month $1's triplet partition (and its hash sub-partitions) unless it exists, under the
// advisory lock whose key is $2. Returns true when it created it.
inline constexpr std::string_view kEnsureTripletMonth =
    "SELECT obs_ensure_triplet_month($1::integer, $2::bigint)";
inline constexpr std::string_view kAdvisoryXactLock = "SELECT pg_advisory_xact_lock($1::bigint)";

// --- The batch's staging tables (temporary: the batch's session only)
// -----------------------------
inline constexpr std::string_view kCreateStagingTables = R"sql(
CREATE TEMP TABLE obs_stage_triplet (
  month integer NOT NULL, operator_id text COLLATE "C" NOT NULL,
  imei_norm text COLLATE "C" NOT NULL, imsi text COLLATE "C" NOT NULL,
  msisdn text COLLATE "C" NOT NULL, first_seen integer NOT NULL, last_seen integer NOT NULL,
  day_mask integer NOT NULL, rat_mask bigint NOT NULL, imsi_class smallint NOT NULL);
CREATE TEMP TABLE obs_stage_cell (
  seq bigint NOT NULL, cell_id text COLLATE "C" NOT NULL, radio text NOT NULL,
  lat double precision NOT NULL, lon double precision NOT NULL, range_m integer NOT NULL);
CREATE TEMP TABLE obs_stage_travel_state (
  seq bigint NOT NULL, imei_norm text COLLATE "C" NOT NULL, points bytea NOT NULL);
CREATE TEMP TABLE obs_stage_travel_evidence (
  seq bigint NOT NULL, imei_norm text COLLATE "C" NOT NULL,
  first_time bigint NOT NULL, first_imsi text COLLATE "C" NOT NULL,
  first_operator text COLLATE "C" NOT NULL, first_cell text COLLATE "C" NOT NULL,
  first_lat double precision NOT NULL, first_lon double precision NOT NULL,
  second_time bigint NOT NULL, second_imsi text COLLATE "C" NOT NULL,
  second_operator text COLLATE "C" NOT NULL, second_cell text COLLATE "C" NOT NULL,
  second_lat double precision NOT NULL, second_lon double precision NOT NULL,
  distance_km double precision NOT NULL, speed_kmh double precision NOT NULL);
)sql";
inline constexpr std::string_view kStageTriplet = "obs_stage_triplet";
inline constexpr std::string_view kStageCell = "obs_stage_cell";
inline constexpr std::string_view kStageTravelState = "obs_stage_travel_state";
inline constexpr std::string_view kStageTravelEvidence = "obs_stage_travel_evidence";
// Settings of the commit transaction (SET LOCAL). The staging tables have no statistics, so the
// planner takes them for small and hash-aggregates the rows, then sorts them again for the
// ORDER BY; without hash aggregation it sorts once and folds the sorted rows (GroupAggregate):
// 20% less time for 1 M triplets. Sort memory 64 MB (larger merges sort on disk).
inline constexpr std::string_view kCommitSettings =
    "SET LOCAL work_mem = '64MB'; SET LOCAL enable_hashagg = off";

// --- Commit: merges from the staging tables
// --------------------------------------------------------- Rows are inserted in key order:
// concurrent commits touching the same keys (network IMEIs seen by two operators) lock them in the
// same order, so they wait for each other, never deadlock.
inline constexpr std::string_view kMergeTriplets =
    "INSERT INTO obs_triplet AS t (month, operator_id, imei_norm, imsi, msisdn, first_seen,"
    " last_seen, day_mask, rat_mask, imsi_class)"
    " SELECT month, operator_id, imei_norm, imsi, msisdn, min(first_seen), max(last_seen),"
    " bit_or(day_mask), bit_or(rat_mask), bit_or(imsi_class) FROM obs_stage_triplet"
    " GROUP BY imei_norm, imsi, msisdn, month, operator_id"
    " ORDER BY imei_norm, imsi, msisdn, month, operator_id"
    " ON CONFLICT (imei_norm, imsi, msisdn, month, operator_id) DO UPDATE SET"
    " first_seen = least(t.first_seen, excluded.first_seen),"
    " last_seen = greatest(t.last_seen, excluded.last_seen),"
    " day_mask = t.day_mask | excluded.day_mask, rat_mask = t.rat_mask | excluded.rat_mask,"
    " imsi_class = t.imsi_class | excluded.imsi_class";
inline constexpr std::string_view kMergeNetworkImeis =
    "INSERT INTO obs_network_imei AS n (imei_norm, first_seen, last_seen, rat_mask)"
    " SELECT imei_norm, min(first_seen), max(last_seen), bit_or(rat_mask) FROM obs_stage_triplet"
    " GROUP BY imei_norm ORDER BY imei_norm"
    " ON CONFLICT (imei_norm) DO UPDATE SET first_seen = least(n.first_seen, excluded.first_seen),"
    " last_seen = greatest(n.last_seen, excluded.last_seen),"
    " rat_mask = n.rat_mask | excluded.rat_mask";
// The last staged row of a cell wins (INSERT OR REPLACE in staging order).
inline constexpr std::string_view kMergeCells =
    "INSERT INTO obs_cell AS c (cell_id, radio, lat, lon, range_m)"
    " SELECT DISTINCT ON (cell_id) cell_id, radio, lat, lon, range_m FROM obs_stage_cell"
    " ORDER BY cell_id, seq DESC"
    " ON CONFLICT (cell_id) DO UPDATE SET radio = excluded.radio, lat = excluded.lat,"
    " lon = excluded.lon, range_m = excluded.range_m";
inline constexpr std::string_view kMergeTravelStates =
    "INSERT INTO obs_travel_state AS s (imei_norm, points)"
    " SELECT DISTINCT ON (imei_norm) imei_norm, points FROM obs_stage_travel_state"
    " ORDER BY imei_norm, seq DESC"
    " ON CONFLICT (imei_norm) DO UPDATE SET points = excluded.points";
#define OPENCEIR_PG_EVIDENCE_KEY                                                \
  "imei_norm, second_time, first_time, first_imsi, first_operator, first_cell," \
  " second_imsi, second_operator, second_cell"
#define OPENCEIR_PG_EVIDENCE_COLUMNS                                                     \
  "imei_norm, first_time, first_imsi, first_operator, first_cell, first_lat, first_lon," \
  " second_time, second_imsi, second_operator, second_cell, second_lat, second_lon,"     \
  " distance_km, speed_kmh"
// The first record of an identity wins (INSERT OR IGNORE).
inline constexpr std::string_view kMergeTravelEvidence =
    "INSERT INTO obs_travel_evidence (" OPENCEIR_PG_EVIDENCE_COLUMNS
    ") SELECT DISTINCT ON (" OPENCEIR_PG_EVIDENCE_KEY ") " OPENCEIR_PG_EVIDENCE_COLUMNS
    " FROM obs_stage_travel_evidence ORDER BY " OPENCEIR_PG_EVIDENCE_KEY
    ", seq ON CONFLICT DO NOTHING";

// Daily counts are merged in C++ (sketches): read under the operator's advisory lock, then put.
inline constexpr std::string_view kFindDailyCounts =
    "SELECT rows, imeis, imsis, msisdns, triplets, sketches FROM obs_daily_count"
    " WHERE operator_id = $1 AND day = $2";
inline constexpr std::string_view kPutDailyCounts =
    "INSERT INTO obs_daily_count (operator_id, day, rows, imeis, imsis, msisdns, triplets,"
    " sketches) VALUES ($1, $2, $3, $4, $5, $6, $7, $8::bytea)"
    " ON CONFLICT (operator_id, day) DO UPDATE SET rows = excluded.rows,"
    " imeis = excluded.imeis, imsis = excluded.imsis, msisdns = excluded.msisdns,"
    " triplets = excluded.triplets, sketches = excluded.sketches";

// --- Imports
// -----------------------------------------------------------------------------------------
// Inserted first in the commit: a second commit of the same file waits here for the first's end,
// then gets no row (kAlreadyExists) and applies nothing.
inline constexpr std::string_view kInsertImport =
    "INSERT INTO obs_import (job_id, kind, operator_id, file_sha256, first_day, last_day, rows,"
    " committed_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)"
    " ON CONFLICT (kind, operator_id, file_sha256) DO NOTHING RETURNING id";
// Imports are read with: job_id, kind, operator_id, file_sha256, first_day, last_day, rows.
inline constexpr std::string_view kFindImport =
    "SELECT job_id, kind, operator_id, file_sha256, first_day, last_day, rows FROM obs_import"
    " WHERE kind = $1 AND operator_id = $2 AND file_sha256 = $3";
inline constexpr std::string_view kListImports =
    "SELECT job_id, kind, operator_id, file_sha256, first_day, last_day, rows FROM obs_import"
    " WHERE kind = $1 AND operator_id = $2 AND first_day <= $4 AND last_day >= $3"
    " ORDER BY first_day, id";

// --- Triplet reads
// ----------------------------------------------------------------------------------- Months
// $1..$2; $3 (or $4) an integer[] of day masks, element i for month $1 + i (the window's days of
// that month): a row is read when it has a day in its month's mask. The partitions outside $1..$2
// are pruned; each month's leaves are read by their primary key in order and merged by the server
// (MergeAppend), so nothing is sorted.
//
// One operator's rows: month, imei_norm, imsi, msisdn, first_seen, last_seen, day_mask, rat_mask,
// imsi_class; $3 the operator, $4 the masks.
inline constexpr std::string_view kScanOperatorTriplets =
    "SELECT month, imei_norm, imsi, msisdn, first_seen, last_seen, day_mask, rat_mask,"
    " imsi_class FROM obs_triplet WHERE month BETWEEN $1 AND $2 AND operator_id = $3"
    " AND (day_mask & ($4::integer[])[month - $1 + 1]) <> 0"
    " ORDER BY imei_norm, imsi, msisdn, month";
// The country rows: every operator's rows of a key folded whole, kept when the fold has a day in
// the window (the same columns; $3 the masks).
inline constexpr std::string_view kScanCountryTriplets =
    "SELECT month, imei_norm, imsi, msisdn, min(first_seen), max(last_seen), bit_or(day_mask),"
    " bit_or(rat_mask), bit_or(imsi_class) FROM obs_triplet WHERE month BETWEEN $1 AND $2"
    " GROUP BY imei_norm, imsi, msisdn, month"
    " HAVING (bit_or(day_mask) & ($3::integer[])[month - $1 + 1]) <> 0"
    " ORDER BY imei_norm, imsi, msisdn, month";
// Summary rows, in imei_norm order: imei_norm, operator_id, month, imsi, msisdn, day_mask,
// rat_mask, imsi_class ($3 the union of the windows' masks).
inline constexpr std::string_view kScanSummaryTriplets =
    "SELECT imei_norm, operator_id, month, imsi, msisdn, day_mask, rat_mask, imsi_class"
    " FROM obs_triplet WHERE month BETWEEN $1 AND $2"
    " AND (day_mask & ($3::integer[])[month - $1 + 1]) <> 0 ORDER BY imei_norm";

// --- Network IMEIs
// ---------------------------------------------------------------------------------
inline constexpr std::string_view kFindNetworkImei =
    "SELECT first_seen, last_seen, rat_mask FROM obs_network_imei WHERE imei_norm = $1";
inline constexpr std::string_view kCountNetworkImeis = "SELECT count(*) FROM obs_network_imei";
// first_seen of the IMEIs of $1 (a text[]): summary scans ask once per fetched chunk.
inline constexpr std::string_view kFirstSeenEver =
    "SELECT imei_norm, first_seen FROM obs_network_imei WHERE imei_norm = ANY ($1::text[])";

// --- Daily counts, cells, travel
// -------------------------------------------------------------------
inline constexpr std::string_view kScanDailyCounts =
    "SELECT day, rows, imeis, imsis, msisdns, triplets, sketches FROM obs_daily_count"
    " WHERE operator_id = $1 AND day BETWEEN $2 AND $3 ORDER BY day";
inline constexpr std::string_view kFindCell =
    "SELECT cell_id, radio, lat, lon, range_m FROM obs_cell WHERE cell_id = $1";
inline constexpr std::string_view kCountCells = "SELECT count(*) FROM obs_cell";
inline constexpr std::string_view kScanCells =
    "SELECT cell_id, radio, lat, lon, range_m FROM obs_cell ORDER BY cell_id";
inline constexpr std::string_view kAnyTravelState = "SELECT 1 FROM obs_travel_state LIMIT 1";
inline constexpr std::string_view kGetTravelStates =
    "SELECT imei_norm, points FROM obs_travel_state WHERE imei_norm = ANY ($1::text[])";
// $1 .. $2: the window as [first second, last second].
inline constexpr std::string_view kScanTravelEvidence =
    "SELECT " OPENCEIR_PG_EVIDENCE_COLUMNS
    " FROM obs_travel_evidence WHERE second_time BETWEEN $1 AND $2"
    " ORDER BY " OPENCEIR_PG_EVIDENCE_KEY;
#undef OPENCEIR_PG_EVIDENCE_KEY
#undef OPENCEIR_PG_EVIDENCE_COLUMNS

}  // namespace openceir::store::postgresql::obs_sql
