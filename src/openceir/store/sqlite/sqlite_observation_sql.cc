// SQL text of the SQLite observation store (see sqlite_observation_sql.h).
#include "openceir/store/sqlite/sqlite_observation_sql.h"

#include <fmt/format.h>

#include <array>

namespace openceir::store::sqlite::obs_sql {
namespace {

// Observation schema version 1. Days are stored as days since 1970-01-01, months as MonthIndex,
// identifiers as TEXT ('' = null), all key tables WITHOUT ROWID (the key is the row).
//
// obs_triplet is keyed (month, operator_id, imei_norm, imsi, msisdn): one operator's import of
// one month writes one contiguous key range (sorted input appends to, or updates in order, the
// pages of that range instead of touching the whole table), a window reads only its months, and
// ScanTriplets(operator) is a range scan. Summaries need imei_norm order across operators and
// months: the store merges one cursor per (month, operator) partition, each already in
// imei_norm order, so no sort and no temporary table. obs_triplet_partition lists those
// partitions (SQLite has no loose index scan for DISTINCT month, operator_id).
//
// Version 1 also kept obs_country_triplet, the operator rows merged; version 2 drops it (see
// kMigration2). obs_travel_evidence's key is the whole identity of a record
// (the IMEI and both events), so an identical record is stored once.
constexpr std::string_view kMigration1 = R"sql(
CREATE TABLE obs_triplet (
  month INTEGER NOT NULL, operator_id TEXT NOT NULL, imei_norm TEXT NOT NULL,
  imsi TEXT NOT NULL, msisdn TEXT NOT NULL,
  first_seen INTEGER NOT NULL, last_seen INTEGER NOT NULL,
  day_mask INTEGER NOT NULL, rat_mask INTEGER NOT NULL, imsi_class INTEGER NOT NULL,
  PRIMARY KEY (month, operator_id, imei_norm, imsi, msisdn)
) WITHOUT ROWID;

CREATE TABLE obs_triplet_partition (
  month INTEGER NOT NULL, operator_id TEXT NOT NULL,
  PRIMARY KEY (month, operator_id)
) WITHOUT ROWID;

CREATE TABLE obs_country_triplet (
  month INTEGER NOT NULL, imei_norm TEXT NOT NULL, imsi TEXT NOT NULL, msisdn TEXT NOT NULL,
  first_seen INTEGER NOT NULL, last_seen INTEGER NOT NULL,
  day_mask INTEGER NOT NULL, rat_mask INTEGER NOT NULL, imsi_class INTEGER NOT NULL,
  PRIMARY KEY (month, imei_norm, imsi, msisdn)
) WITHOUT ROWID;

CREATE TABLE obs_network_imei (
  imei_norm TEXT PRIMARY KEY,
  first_seen INTEGER NOT NULL, last_seen INTEGER NOT NULL, rat_mask INTEGER NOT NULL
) WITHOUT ROWID;

CREATE TABLE obs_daily_count (
  operator_id TEXT NOT NULL, day INTEGER NOT NULL,
  rows INTEGER NOT NULL, imeis INTEGER NOT NULL, imsis INTEGER NOT NULL,
  msisdns INTEGER NOT NULL, triplets INTEGER NOT NULL, sketches BLOB NOT NULL,
  PRIMARY KEY (operator_id, day)
) WITHOUT ROWID;

CREATE TABLE obs_cell (
  cell_id TEXT PRIMARY KEY, radio TEXT NOT NULL,
  lat REAL NOT NULL, lon REAL NOT NULL, range_m INTEGER NOT NULL
) WITHOUT ROWID;

CREATE TABLE obs_travel_state (
  imei_norm TEXT PRIMARY KEY, points BLOB NOT NULL
) WITHOUT ROWID;

CREATE TABLE obs_travel_evidence (
  imei_norm TEXT NOT NULL,
  first_time INTEGER NOT NULL, first_imsi TEXT NOT NULL, first_operator TEXT NOT NULL,
  first_cell TEXT NOT NULL, first_lat REAL NOT NULL, first_lon REAL NOT NULL,
  second_time INTEGER NOT NULL, second_imsi TEXT NOT NULL, second_operator TEXT NOT NULL,
  second_cell TEXT NOT NULL, second_lat REAL NOT NULL, second_lon REAL NOT NULL,
  distance_km REAL NOT NULL, speed_kmh REAL NOT NULL,
  PRIMARY KEY (imei_norm, second_time, first_time, first_imsi, first_operator, first_cell,
               second_imsi, second_operator, second_cell)
) WITHOUT ROWID;

CREATE TABLE obs_import (
  id INTEGER PRIMARY KEY,
  job_id INTEGER NOT NULL,
  kind TEXT NOT NULL CHECK (kind IN ('operator', 'events', 'cells')),
  operator_id TEXT NOT NULL, file_sha256 TEXT NOT NULL,
  first_day INTEGER NOT NULL, last_day INTEGER NOT NULL, rows INTEGER NOT NULL,
  committed_at INTEGER NOT NULL,
  UNIQUE (kind, operator_id, file_sha256)
);
CREATE INDEX obs_import_days ON obs_import (kind, operator_id, first_day);
)sql";

// Version 2: country-wide triplets are merged from the operator rows when read (a k-way merge of
// the month's operator partitions, all already in key order), not stored a second time: the
// table doubled every import's writes and 40% of the store's bytes for data that reads can
// derive exactly.
constexpr std::string_view kMigration2 = "DROP TABLE obs_country_triplet;";

constexpr std::array<std::string_view, 2> kMigrations = {kMigration1, kMigration2};

// "(?, ?, ...), (...)" for `rows` rows of `params` numbered parameters each.
std::string ValuesList(std::size_t rows, int params) {
  std::string values;
  values.reserve(rows * static_cast<std::size_t>(params) * 7);
  int next = 1;
  for (std::size_t r = 0; r < rows; ++r) {
    values += r == 0 ? "(" : ",(";
    for (int p = 0; p < params; ++p) {
      if (p > 0) values += ',';
      values += fmt::format("?{}", next++);
    }
    values += ")";
  }
  return values;
}

}  // namespace

std::span<const std::string_view> Migrations() { return kMigrations; }

std::string UpsertTriplets(std::size_t rows) {
  return "INSERT INTO obs_triplet (month, operator_id, imei_norm, imsi, msisdn, first_seen,"
         " last_seen, day_mask, rat_mask, imsi_class) VALUES " +
         ValuesList(rows, kTripletParams) +
         " ON CONFLICT (month, operator_id, imei_norm, imsi, msisdn) DO UPDATE SET"
         " first_seen = min(first_seen, excluded.first_seen),"
         " last_seen = max(last_seen, excluded.last_seen),"
         " day_mask = day_mask | excluded.day_mask,"
         " rat_mask = rat_mask | excluded.rat_mask,"
         " imsi_class = imsi_class | excluded.imsi_class";
}

std::string UpsertNetworkImeis(std::size_t rows) {
  return "INSERT INTO obs_network_imei (imei_norm, first_seen, last_seen, rat_mask) VALUES " +
         ValuesList(rows, kNetworkImeiParams) +
         " ON CONFLICT (imei_norm) DO UPDATE SET"
         " first_seen = min(first_seen, excluded.first_seen),"
         " last_seen = max(last_seen, excluded.last_seen),"
         " rat_mask = rat_mask | excluded.rat_mask";
}

}  // namespace openceir::store::sqlite::obs_sql
