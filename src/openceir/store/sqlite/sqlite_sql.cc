// SQL text of the SQLite registry store (see sqlite_sql.h).
#include "openceir/store/sqlite/sqlite_sql.h"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <array>

namespace openceir::store::sqlite::sql {
namespace {

// Schema version 1: jobs, list heads, and one temporal table per reference list. Each list
// table holds the ListSchema columns as TEXT (empty = no value) plus the job that added the row
// and the job that ended it (NULL while current). Indexes: one current row per key (partial
// UNIQUE), key + start_job for history scans, and current-row lookups by IMEI, IMSI or UID
// where that column is not the first key column.
constexpr std::string_view kMigration1 = R"sql(
CREATE TABLE job (
  id INTEGER PRIMARY KEY,
  command TEXT NOT NULL,
  arguments TEXT NOT NULL,
  user TEXT NOT NULL,
  input_path TEXT NOT NULL,
  input_sha256 TEXT NOT NULL,
  pid INTEGER NOT NULL,
  started_at INTEGER NOT NULL,
  ended_at INTEGER,
  outcome TEXT NOT NULL
    CHECK (outcome IN ('running', 'succeeded', 'rejected', 'failed', 'interrupted')),
  rows_read INTEGER NOT NULL,
  added INTEGER NOT NULL,
  removed INTEGER NOT NULL,
  changed INTEGER NOT NULL,
  unchanged INTEGER NOT NULL,
  error TEXT NOT NULL
);
CREATE INDEX job_succeeded_input ON job (command, input_sha256) WHERE outcome = 'succeeded';
CREATE INDEX job_running ON job (id) WHERE outcome = 'running';

CREATE TABLE list_head (
  list_table TEXT PRIMARY KEY,
  last_job INTEGER NOT NULL REFERENCES job (id)
) WITHOUT ROWID;

CREATE TABLE gsma_tac (
  tac TEXT NOT NULL, manufacturer TEXT NOT NULL, bands TEXT NOT NULL,
  allocation_date TEXT NOT NULL, model_name TEXT NOT NULL, device_type TEXT NOT NULL,
  radio_caps TEXT NOT NULL, extra TEXT NOT NULL,
  start_job INTEGER NOT NULL REFERENCES job (id), end_job INTEGER REFERENCES job (id),
  CHECK (end_job IS NULL OR end_job >= start_job));
CREATE UNIQUE INDEX gsma_tac_current ON gsma_tac (tac) WHERE end_job IS NULL;
CREATE INDEX gsma_tac_history ON gsma_tac (tac, start_job);

CREATE TABLE stolen_list (
  imei_norm TEXT NOT NULL, reporting_date TEXT NOT NULL, status TEXT NOT NULL,
  start_job INTEGER NOT NULL REFERENCES job (id), end_job INTEGER REFERENCES job (id),
  CHECK (end_job IS NULL OR end_job >= start_job));
CREATE UNIQUE INDEX stolen_list_current ON stolen_list (imei_norm) WHERE end_job IS NULL;
CREATE INDEX stolen_list_history ON stolen_list (imei_norm, start_job);

CREATE TABLE registration_list (
  imei_norm TEXT NOT NULL, make TEXT NOT NULL, model TEXT NOT NULL, status TEXT NOT NULL,
  model_number TEXT NOT NULL, brand_name TEXT NOT NULL, device_type TEXT NOT NULL,
  radio_interface TEXT NOT NULL, device_id TEXT NOT NULL,
  start_job INTEGER NOT NULL REFERENCES job (id), end_job INTEGER REFERENCES job (id),
  CHECK (end_job IS NULL OR end_job >= start_job));
CREATE UNIQUE INDEX registration_list_current ON registration_list (imei_norm)
  WHERE end_job IS NULL;
CREATE INDEX registration_list_history ON registration_list (imei_norm, start_job);

CREATE TABLE pairing_list (
  imei_norm TEXT NOT NULL, imsi TEXT NOT NULL, msisdn TEXT NOT NULL,
  start_job INTEGER NOT NULL REFERENCES job (id), end_job INTEGER REFERENCES job (id),
  CHECK (end_job IS NULL OR end_job >= start_job));
CREATE UNIQUE INDEX pairing_list_current ON pairing_list (imei_norm, imsi, msisdn)
  WHERE end_job IS NULL;
CREATE INDEX pairing_list_history ON pairing_list (imei_norm, imsi, msisdn, start_job);
CREATE INDEX pairing_list_current_imsi ON pairing_list (imsi) WHERE end_job IS NULL;

CREATE TABLE golden_list (
  hashed_imei_norm TEXT NOT NULL,
  start_job INTEGER NOT NULL REFERENCES job (id), end_job INTEGER REFERENCES job (id),
  CHECK (end_job IS NULL OR end_job >= start_job));
CREATE UNIQUE INDEX golden_list_current ON golden_list (hashed_imei_norm) WHERE end_job IS NULL;
CREATE INDEX golden_list_history ON golden_list (hashed_imei_norm, start_job);

CREATE TABLE barred_list (
  imei_norm TEXT NOT NULL,
  start_job INTEGER NOT NULL REFERENCES job (id), end_job INTEGER REFERENCES job (id),
  CHECK (end_job IS NULL OR end_job >= start_job));
CREATE UNIQUE INDEX barred_list_current ON barred_list (imei_norm) WHERE end_job IS NULL;
CREATE INDEX barred_list_history ON barred_list (imei_norm, start_job);

CREATE TABLE barred_tac_list (
  tac TEXT NOT NULL,
  start_job INTEGER NOT NULL REFERENCES job (id), end_job INTEGER REFERENCES job (id),
  CHECK (end_job IS NULL OR end_job >= start_job));
CREATE UNIQUE INDEX barred_tac_list_current ON barred_tac_list (tac) WHERE end_job IS NULL;
CREATE INDEX barred_tac_list_history ON barred_tac_list (tac, start_job);

CREATE TABLE subscribers_list (
  uid TEXT NOT NULL, imsi TEXT NOT NULL,
  start_job INTEGER NOT NULL REFERENCES job (id), end_job INTEGER REFERENCES job (id),
  CHECK (end_job IS NULL OR end_job >= start_job));
CREATE UNIQUE INDEX subscribers_list_current ON subscribers_list (uid, imsi)
  WHERE end_job IS NULL;
CREATE INDEX subscribers_list_history ON subscribers_list (uid, imsi, start_job);
CREATE INDEX subscribers_list_current_imsi ON subscribers_list (imsi) WHERE end_job IS NULL;

CREATE TABLE association_list (
  uid TEXT NOT NULL, imei_norm TEXT NOT NULL,
  start_job INTEGER NOT NULL REFERENCES job (id), end_job INTEGER REFERENCES job (id),
  CHECK (end_job IS NULL OR end_job >= start_job));
CREATE UNIQUE INDEX association_list_current ON association_list (uid, imei_norm)
  WHERE end_job IS NULL;
CREATE INDEX association_list_history ON association_list (uid, imei_norm, start_job);
CREATE INDEX association_list_current_imei_norm ON association_list (imei_norm)
  WHERE end_job IS NULL;

CREATE TABLE monitoring_list (
  imei_norm TEXT NOT NULL,
  start_job INTEGER NOT NULL REFERENCES job (id), end_job INTEGER REFERENCES job (id),
  CHECK (end_job IS NULL OR end_job >= start_job));
CREATE UNIQUE INDEX monitoring_list_current ON monitoring_list (imei_norm) WHERE end_job IS NULL;
CREATE INDEX monitoring_list_history ON monitoring_list (imei_norm, start_job);
)sql";

// Schema version 2: classification state. Runs and what each condition did in them; state rows
// keyed for the as-of scan in imei_norm order, with one open row per (condition, imei_norm)
// enforced by a partial UNIQUE index that also drives each run's merge; genuine-user
// exceptions likewise. Dates are INTEGER YYYYMMDD; evidence is canonical JSON text.
constexpr std::string_view kMigration2 = R"sql(
CREATE TABLE classification_run (
  run INTEGER PRIMARY KEY REFERENCES job (id),
  curr_date INTEGER NOT NULL,
  started_at INTEGER NOT NULL,
  finished_at INTEGER NOT NULL,
  seen_imeis INTEGER NOT NULL,
  genuine_users_started INTEGER NOT NULL,
  genuine_users_continued INTEGER NOT NULL,
  genuine_users_ended INTEGER NOT NULL,
  genuine_users_refused INTEGER NOT NULL
);

CREATE TABLE classification_run_condition (
  run INTEGER NOT NULL REFERENCES classification_run (run),
  position INTEGER NOT NULL,
  label TEXT NOT NULL,
  reason TEXT NOT NULL,
  blocking INTEGER NOT NULL,
  sticky INTEGER NOT NULL,
  grace_period_days INTEGER NOT NULL,
  max_allowed_matching_ratio REAL NOT NULL,
  amnesty_block_date INTEGER,
  applied INTEGER NOT NULL,
  matching INTEGER NOT NULL,
  matching_ratio REAL NOT NULL,
  started INTEGER NOT NULL,
  continued INTEGER NOT NULL,
  ended INTEGER NOT NULL,
  PRIMARY KEY (run, position),
  UNIQUE (run, label)
) WITHOUT ROWID;

CREATE TABLE classification_state (
  imei_norm TEXT NOT NULL,
  condition TEXT NOT NULL,
  start_run INTEGER NOT NULL REFERENCES job (id),
  end_run INTEGER REFERENCES job (id),
  start_date INTEGER NOT NULL,
  end_date INTEGER,
  block_date INTEGER NOT NULL,
  amnesty_granted INTEGER NOT NULL,
  evidence TEXT NOT NULL,
  PRIMARY KEY (imei_norm, condition, start_run),
  CHECK (end_run IS NULL OR end_run > start_run),
  CHECK ((end_run IS NULL) = (end_date IS NULL))
) WITHOUT ROWID;
CREATE UNIQUE INDEX classification_state_open ON classification_state (condition, imei_norm)
  WHERE end_run IS NULL;

CREATE TABLE genuine_user (
  imei_norm TEXT NOT NULL,
  imsi TEXT NOT NULL,
  start_run INTEGER NOT NULL REFERENCES job (id),
  reason TEXT NOT NULL,
  end_job INTEGER REFERENCES job (id),
  revoked_at INTEGER,
  revoked_by TEXT NOT NULL DEFAULT '',
  revoke_note TEXT NOT NULL DEFAULT '',
  PRIMARY KEY (imei_norm, imsi, start_run),
  CHECK (end_job IS NULL OR end_job > start_run),
  CHECK (revoked_at IS NULL OR end_job IS NOT NULL)
) WITHOUT ROWID;
CREATE UNIQUE INDEX genuine_user_open ON genuine_user (imei_norm, imsi) WHERE end_job IS NULL;
)sql";

// Schema version 3: the record of list generations (list_history.h), and the registration
// list's approved_imei as typed (14 or 15 digits) beside its imei_norm, so a check digit a person
// typed can be verified. A generation's row files are stored as pieces of a few MB (a rowid
// table: SQLite keeps large BLOBs best there), so 10 M notification rows never make one value.
constexpr std::string_view kMigration3 = R"sql(
ALTER TABLE registration_list ADD COLUMN approved_imei TEXT NOT NULL DEFAULT '';

CREATE TABLE list_generation (
  run INTEGER NOT NULL REFERENCES classification_run (run),
  list_date INTEGER NOT NULL,
  base_run INTEGER REFERENCES classification_run (run),
  options TEXT NOT NULL,
  operators TEXT NOT NULL,
  manifest TEXT NOT NULL,
  recorded_at INTEGER NOT NULL,
  PRIMARY KEY (run, list_date)
) WITHOUT ROWID;

CREATE TABLE list_generation_file (
  run INTEGER NOT NULL,
  list_date INTEGER NOT NULL,
  name TEXT NOT NULL,
  bytes INTEGER NOT NULL,
  sha256 TEXT NOT NULL,
  codec TEXT NOT NULL,
  pieces INTEGER NOT NULL,
  PRIMARY KEY (run, list_date, name),
  FOREIGN KEY (run, list_date) REFERENCES list_generation (run, list_date)
) WITHOUT ROWID;

CREATE TABLE list_generation_piece (
  run INTEGER NOT NULL,
  list_date INTEGER NOT NULL,
  name TEXT NOT NULL,
  piece INTEGER NOT NULL,
  bytes BLOB NOT NULL,
  UNIQUE (run, list_date, name, piece),
  FOREIGN KEY (run, list_date, name) REFERENCES list_generation_file (run, list_date, name)
);
)sql";

// Schema version 4: API keys (hash only) and the hash-chained audit log (access_audit.h,
// audit_chain.h). audit_head is one row naming the newest entry: appends update it in their
// IMMEDIATE transaction, and it lets a verifier see that the newest entries were deleted.
constexpr std::string_view kMigration4 = R"sql(
CREATE TABLE api_key (
  id INTEGER PRIMARY KEY,
  name TEXT NOT NULL,
  role TEXT NOT NULL CHECK (role IN ('public', 'operator', 'police', 'regulator')),
  operator_id TEXT NOT NULL,
  key_hash TEXT NOT NULL UNIQUE,
  created_at INTEGER NOT NULL,
  created_by TEXT NOT NULL,
  revoked_at INTEGER,
  revoked_by TEXT,
  CHECK ((role = 'operator') = (operator_id <> '')),
  CHECK ((revoked_at IS NULL) = (revoked_by IS NULL))
);

CREATE TABLE audit_log (
  seq INTEGER PRIMARY KEY,
  at INTEGER NOT NULL,
  actor TEXT NOT NULL,
  action TEXT NOT NULL,
  subject TEXT NOT NULL,
  detail TEXT NOT NULL,
  prev_hash TEXT NOT NULL,
  hash TEXT NOT NULL
);

CREATE TABLE audit_head (
  id INTEGER PRIMARY KEY CHECK (id = 1),
  seq INTEGER NOT NULL,
  hash TEXT NOT NULL
);
INSERT INTO audit_head (id, seq, hash) VALUES (1, 0, '');
)sql";

constexpr std::array<std::string_view, 4> kMigrations = {kMigration1, kMigration2, kMigration3,
                                                         kMigration4};

std::string ColumnList(const ListSchema& schema) {
  return fmt::format("{}", fmt::join(schema.columns, ", "));
}

std::string KeyList(const ListSchema& schema) {
  return fmt::format("{}", fmt::join(schema.columns.subspan(0, schema.key_size), ", "));
}

}  // namespace

std::span<const std::string_view> Migrations() { return kMigrations; }

std::string ListInsert(const ListSchema& schema, std::size_t rows) {
  const std::size_t n = schema.columns.size();
  std::string values;
  for (std::size_t r = 0; r < rows; ++r) {
    values += r == 0 ? "(" : ", (";
    for (std::size_t c = 0; c < n; ++c) values += fmt::format("?{}, ", 2 + r * n + c);
    values += "?1)";
  }
  return fmt::format("INSERT INTO {} ({}, start_job) VALUES {}", schema.table, ColumnList(schema),
                     values);
}

std::string ListEndCurrent(const ListSchema& schema) {
  std::string where;
  for (std::size_t i = 0; i < schema.key_size; ++i) {
    where += fmt::format("{} = ?{} AND ", schema.columns[i], i + 2);
  }
  return fmt::format("UPDATE {} SET end_job = ?1 WHERE {}end_job IS NULL", schema.table, where);
}

std::string ListScanCurrent(const ListSchema& schema) {
  return fmt::format("SELECT {} FROM {} WHERE end_job IS NULL ORDER BY {}", ColumnList(schema),
                     schema.table, KeyList(schema));
}

std::string ListScanCurrentColumns(const ListSchema& schema,
                                   std::span<const std::string_view> columns) {
  return fmt::format("SELECT {} FROM {} WHERE end_job IS NULL ORDER BY {}",
                     fmt::join(columns, ", "), schema.table, KeyList(schema));
}

std::string ListScanAsOf(const ListSchema& schema) {
  return fmt::format(
      "SELECT {} FROM {} WHERE start_job <= ?1 AND (end_job IS NULL OR end_job > ?1) "
      "ORDER BY {}",
      ColumnList(schema), schema.table, KeyList(schema));
}

std::string ListCountCurrent(const ListSchema& schema) {
  return fmt::format("SELECT count(*) FROM {} WHERE end_job IS NULL", schema.table);
}

std::string ListFindCurrentBy(const ListSchema& schema, std::string_view column) {
  return fmt::format("SELECT {} FROM {} WHERE {} = ?1 AND end_job IS NULL ORDER BY {}",
                     ColumnList(schema), schema.table, column, KeyList(schema));
}

std::string ListDuplicateCurrentKeys(const ListSchema& schema) {
  std::string key =
      fmt::format("{}", fmt::join(schema.columns.subspan(0, schema.key_size), " || ',' || "));
  return fmt::format(
      "SELECT {0}, count(*) FROM {1} NOT INDEXED WHERE end_job IS NULL GROUP BY {2} "
      "HAVING count(*) > 1",
      key, schema.table, KeyList(schema));
}

std::string ListEndedBeforeStarted(const ListSchema& schema) {
  return fmt::format(
      "SELECT rowid, start_job, end_job FROM {} WHERE end_job IS NOT NULL AND end_job < start_job",
      schema.table);
}

}  // namespace openceir::store::sqlite::sql
