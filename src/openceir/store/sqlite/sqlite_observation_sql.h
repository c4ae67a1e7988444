// Every SQL text the SQLite observation store runs, in one place (see sqlite_sql.h for the
// registry store's). Tables are prefixed obs_ because the embedded default shares one file with
// the registry store; the observation schema has its own version table, obs_schema_version.
#pragma once

#include <cstddef>
#include <span>
#include <string>
#include <string_view>

namespace openceir::store::sqlite::obs_sql {

// --- Schema versions -----------------------------------------------------------------------------
inline constexpr std::string_view kHasSchemaVersionTable =
    "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = 'obs_schema_version'";
inline constexpr std::string_view kCreateSchemaVersion =
    "CREATE TABLE IF NOT EXISTS obs_schema_version ("
    " version INTEGER PRIMARY KEY, applied_at INTEGER NOT NULL)";
inline constexpr std::string_view kSelectSchemaVersion =
    "SELECT coalesce(max(version), 0) FROM obs_schema_version";
inline constexpr std::string_view kInsertSchemaVersion =
    "INSERT INTO obs_schema_version (version, applied_at) VALUES (?1, ?2)";
// Migration scripts; element i takes the schema from version i to version i + 1.
std::span<const std::string_view> Migrations();

// A read snapshot for scans that run several statements (a savepoint, so scans may nest).
inline constexpr std::string_view kBeginSnapshot = "SAVEPOINT obs_snapshot";
inline constexpr std::string_view kEndSnapshot = "RELEASE obs_snapshot";

// --- Triplets ------------------------------------------------------------------------------------
// Multi-row upserts of `rows` rows. Operator rows bind 10 parameters per row: month, operator_id,
// imei_norm, imsi, msisdn, first_seen, last_seen, day_mask, rat_mask, imsi_class. Network IMEIs 4:
// imei_norm, first_seen, last_seen, rat_mask.
inline constexpr int kTripletParams = 10;
inline constexpr int kNetworkImeiParams = 4;
std::string UpsertTriplets(std::size_t rows);
std::string UpsertNetworkImeis(std::size_t rows);
// Records that (month ?1, operator ?2) has rows (the partitions summaries merge).
inline constexpr std::string_view kInsertPartition =
    "INSERT OR IGNORE INTO obs_triplet_partition (month, operator_id) VALUES (?1, ?2)";
inline constexpr std::string_view kPartitionsInMonths =
    "SELECT month, operator_id FROM obs_triplet_partition WHERE month BETWEEN ?1 AND ?2"
    " ORDER BY month, operator_id";

// Triplet rows are read with these columns: imei_norm, imsi, msisdn, first_seen, last_seen,
// day_mask, rat_mask, imsi_class. ?1 month, ?2 operator, ?3 the window's days of that month as
// a day mask (every day for country rows, which are filtered after the operators are merged).
inline constexpr std::string_view kScanOperatorMonth =
    "SELECT imei_norm, imsi, msisdn, first_seen, last_seen, day_mask, rat_mask, imsi_class"
    " FROM obs_triplet WHERE month = ?1 AND operator_id = ?2 AND (day_mask & ?3) != 0"
    " ORDER BY imei_norm, imsi, msisdn";
// The same rows for summary scans, without first_seen and last_seen (summaries count days from
// day_mask): imei_norm, imsi, msisdn, day_mask, rat_mask, imsi_class.
inline constexpr std::string_view kScanOperatorMonthDays =
    "SELECT imei_norm, imsi, msisdn, day_mask, rat_mask, imsi_class"
    " FROM obs_triplet WHERE month = ?1 AND operator_id = ?2 AND (day_mask & ?3) != 0"
    " ORDER BY imei_norm, imsi, msisdn";

// --- Network IMEIs -------------------------------------------------------------------------------
inline constexpr std::string_view kFindNetworkImei =
    "SELECT first_seen, last_seen, rat_mask FROM obs_network_imei WHERE imei_norm = ?1";
inline constexpr std::string_view kCountNetworkImeis = "SELECT count(*) FROM obs_network_imei";
// From ?1 on, in imei_norm order: summary scans read first_seen_ever by walking forward.
inline constexpr std::string_view kNetworkImeisFrom =
    "SELECT imei_norm, first_seen FROM obs_network_imei WHERE imei_norm >= ?1 ORDER BY imei_norm";

// --- Daily counts --------------------------------------------------------------------------------
inline constexpr std::string_view kFindDailyCounts =
    "SELECT rows, imeis, imsis, msisdns, triplets, sketches FROM obs_daily_count"
    " WHERE operator_id = ?1 AND day = ?2";
inline constexpr std::string_view kPutDailyCounts =
    "INSERT OR REPLACE INTO obs_daily_count"
    " (operator_id, day, rows, imeis, imsis, msisdns, triplets, sketches)"
    " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)";
inline constexpr std::string_view kScanDailyCounts =
    "SELECT day, rows, imeis, imsis, msisdns, triplets, sketches FROM obs_daily_count"
    " WHERE operator_id = ?1 AND day BETWEEN ?2 AND ?3 ORDER BY day";

// --- Cells ---------------------------------------------------------------------------------------
inline constexpr std::string_view kUpsertCell =
    "INSERT OR REPLACE INTO obs_cell (cell_id, radio, lat, lon, range_m)"
    " VALUES (?1, ?2, ?3, ?4, ?5)";
inline constexpr std::string_view kFindCell =
    "SELECT cell_id, radio, lat, lon, range_m FROM obs_cell WHERE cell_id = ?1";
inline constexpr std::string_view kCountCells = "SELECT count(*) FROM obs_cell";
inline constexpr std::string_view kScanCells =
    "SELECT cell_id, radio, lat, lon, range_m FROM obs_cell ORDER BY cell_id";

// --- Travel --------------------------------------------------------------------------------------
inline constexpr std::string_view kPutTravelState =
    "INSERT OR REPLACE INTO obs_travel_state (imei_norm, points) VALUES (?1, ?2)";
inline constexpr std::string_view kAnyTravelState = "SELECT 1 FROM obs_travel_state LIMIT 1";
inline constexpr std::string_view kGetTravelState =
    "SELECT points FROM obs_travel_state WHERE imei_norm = ?1";
// ?1 imei_norm, then first event ?2..?7 (time, imsi, operator, cell, lat, lon), second event
// ?8..?13, ?14 distance_km, ?15 speed_kmh.
inline constexpr std::string_view kAddTravelEvidence =
    "INSERT OR IGNORE INTO obs_travel_evidence (imei_norm,"
    " first_time, first_imsi, first_operator, first_cell, first_lat, first_lon,"
    " second_time, second_imsi, second_operator, second_cell, second_lat, second_lon,"
    " distance_km, speed_kmh)"
    " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15)";
// ?1 .. ?2: the window as [first second, last second].
inline constexpr std::string_view kScanTravelEvidence =
    "SELECT imei_norm,"
    " first_time, first_imsi, first_operator, first_cell, first_lat, first_lon,"
    " second_time, second_imsi, second_operator, second_cell, second_lat, second_lon,"
    " distance_km, speed_kmh FROM obs_travel_evidence"
    " WHERE second_time BETWEEN ?1 AND ?2 ORDER BY imei_norm, second_time, first_time,"
    " first_imsi, first_operator, first_cell, second_imsi, second_operator, second_cell";

// --- Imports -------------------------------------------------------------------------------------
// Imports are read with: job_id, kind, operator_id, file_sha256, first_day, last_day, rows.
inline constexpr std::string_view kInsertImport =
    "INSERT INTO obs_import"
    " (job_id, kind, operator_id, file_sha256, first_day, last_day, rows, committed_at)"
    " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)";
inline constexpr std::string_view kFindImport =
    "SELECT job_id, kind, operator_id, file_sha256, first_day, last_day, rows FROM obs_import"
    " WHERE kind = ?1 AND operator_id = ?2 AND file_sha256 = ?3";
inline constexpr std::string_view kListImports =
    "SELECT job_id, kind, operator_id, file_sha256, first_day, last_day, rows FROM obs_import"
    " WHERE kind = ?1 AND operator_id = ?2 AND first_day <= ?4 AND last_day >= ?3"
    " ORDER BY first_day, id";

}  // namespace openceir::store::sqlite::obs_sql
