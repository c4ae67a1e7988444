// Migrations of the PostgreSQL observation store (see pg_observation_sql.h).
#include "openceir/store/postgresql/pg_observation_sql.h"

#include <array>

namespace openceir::store::postgresql::obs_sql {
namespace {

// Observation schema version 1 creates the final schema directly: it matches the SQLite store at
// its version 2, where the country-wide triplet table no longer exists (country rows are folded
// from the operator rows when read), so PostgreSQL never had that table. Days are integers
// (days since 1970-01-01) and months MonthIndex numbers, as in SQLite; identifiers are text
// ('' = null) with COLLATE "C" so keys sort byte-wise like SQLite's BINARY on any server.
//
// obs_triplet is partitioned by month (RANGE, one partition per month, created on demand by
// obs_ensure_triplet_month), and each month by HASH (imei_norm) into 4 leaves. Its key is
// (imei_norm, imsi, msisdn, month, operator_id), in that order because every read wants
// imei_norm order: summaries (imei_norm), ScanTriplets of an operator (imei_norm, imsi, msisdn,
// month, with operator_id fixed) and the country rows (the same order, the operators of one key
// adjacent, so the server folds them with a streaming GroupAggregate). Each leaf's primary key
// index gives that order and the server merges the leaves (MergeAppend): no read sorts. It also
// serves the merge's ON CONFLICT. No other index: an import writes one index per row.
//
// A month partition is created as a plain (hash-partitioned) table and then ATTACHed, which
// takes only a SHARE UPDATE EXCLUSIVE lock on obs_triplet (CREATE TABLE ... PARTITION OF would
// take ACCESS EXCLUSIVE, waiting for every running scan and blocking every new reader). The
// advisory lock serialises creators; the existence check after it (reading pg_class, see the
// function) makes a second creator of the same month a no-op.
constexpr std::string_view kMigration1 = R"sql(
CREATE TABLE obs_triplet (
  month integer NOT NULL, operator_id text COLLATE "C" NOT NULL,
  imei_norm text COLLATE "C" NOT NULL, imsi text COLLATE "C" NOT NULL,
  msisdn text COLLATE "C" NOT NULL,
  first_seen integer NOT NULL, last_seen integer NOT NULL,
  day_mask integer NOT NULL, rat_mask bigint NOT NULL, imsi_class smallint NOT NULL,
  PRIMARY KEY (imei_norm, imsi, msisdn, month, operator_id)
) PARTITION BY RANGE (month);

CREATE FUNCTION obs_ensure_triplet_month(m integer, lock_key bigint) RETURNS boolean
LANGUAGE plpgsql AS $fn$
DECLARE
  year integer := floor(m / 12.0)::integer;
  month_table text := format('obs_triplet_%s_%s', year, lpad((m - 12 * year + 1)::text, 2, '0'));
BEGIN
  IF to_regclass(quote_ident(month_table)) IS NOT NULL THEN
    RETURN false;
  END IF;
  PERFORM pg_advisory_xact_lock(lock_key);
  -- Read from pg_class with this statement's snapshot: to_regclass could still answer from the
  -- session's catalog cache, which has not yet heard of a table the lock holder just committed.
  IF EXISTS (SELECT 1 FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
             WHERE c.relname = month_table AND n.nspname = current_schema()) THEN
    RETURN false;  -- created by the session that held the lock
  END IF;
  EXECUTE format('CREATE TABLE %I (LIKE obs_triplet INCLUDING ALL) PARTITION BY HASH (imei_norm)',
                 month_table);
  FOR h IN 0 .. 3 LOOP
    EXECUTE format('CREATE TABLE %I PARTITION OF %I FOR VALUES WITH (MODULUS 4, REMAINDER %s)',
                   month_table || '_h' || h, month_table, h);
  END LOOP;
  EXECUTE format('ALTER TABLE obs_triplet ATTACH PARTITION %I FOR VALUES FROM (%s) TO (%s)',
                 month_table, m, m + 1);
  RETURN true;
END
$fn$;

CREATE TABLE obs_network_imei (
  imei_norm text COLLATE "C" PRIMARY KEY,
  first_seen integer NOT NULL, last_seen integer NOT NULL, rat_mask bigint NOT NULL
);

CREATE TABLE obs_daily_count (
  operator_id text COLLATE "C" NOT NULL, day integer NOT NULL,
  rows bigint NOT NULL, imeis bigint NOT NULL, imsis bigint NOT NULL,
  msisdns bigint NOT NULL, triplets bigint NOT NULL, sketches bytea NOT NULL,
  PRIMARY KEY (operator_id, day)
);

CREATE TABLE obs_cell (
  cell_id text COLLATE "C" PRIMARY KEY, radio text NOT NULL,
  lat double precision NOT NULL, lon double precision NOT NULL, range_m integer NOT NULL
);

CREATE TABLE obs_travel_state (
  imei_norm text COLLATE "C" PRIMARY KEY, points bytea NOT NULL
);

CREATE TABLE obs_travel_evidence (
  imei_norm text COLLATE "C" NOT NULL,
  first_time bigint NOT NULL, first_imsi text COLLATE "C" NOT NULL,
  first_operator text COLLATE "C" NOT NULL, first_cell text COLLATE "C" NOT NULL,
  first_lat double precision NOT NULL, first_lon double precision NOT NULL,
  second_time bigint NOT NULL, second_imsi text COLLATE "C" NOT NULL,
  second_operator text COLLATE "C" NOT NULL, second_cell text COLLATE "C" NOT NULL,
  second_lat double precision NOT NULL, second_lon double precision NOT NULL,
  distance_km double precision NOT NULL, speed_kmh double precision NOT NULL,
  PRIMARY KEY (imei_norm, second_time, first_time, first_imsi, first_operator, first_cell,
               second_imsi, second_operator, second_cell)
);
CREATE INDEX obs_travel_evidence_second_time ON obs_travel_evidence (second_time);

CREATE TABLE obs_import (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  job_id bigint NOT NULL,
  kind text COLLATE "C" NOT NULL CHECK (kind IN ('operator', 'events', 'cells')),
  operator_id text COLLATE "C" NOT NULL, file_sha256 text COLLATE "C" NOT NULL,
  first_day integer NOT NULL, last_day integer NOT NULL, rows bigint NOT NULL,
  committed_at bigint NOT NULL,
  UNIQUE (kind, operator_id, file_sha256)
);
CREATE INDEX obs_import_days ON obs_import (kind, operator_id, first_day);
)sql";

// Version 2 is SQLite's removal of the stored country rows, which version 1 never created here;
// it records that in the schema (ObservationStore::LatestSchemaVersion is shared by backends).
constexpr std::string_view kMigration2 = R"sql(
COMMENT ON TABLE obs_triplet IS
  'Per-operator monthly triplets; country-wide rows are folded from them when read';
)sql";

constexpr std::array<std::string_view, 2> kMigrations = {kMigration1, kMigration2};

}  // namespace

std::span<const std::string_view> ObservationMigrations() { return kMigrations; }

}  // namespace openceir::store::postgresql::obs_sql
