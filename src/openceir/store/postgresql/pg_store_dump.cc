#include "openceir/store/postgresql/pg_store_dump.h"

#include <fmt/format.h>
#include <fmt/ranges.h>
#include <libpq-fe.h>

#include <algorithm>
#include <memory>

#include "openceir/store/postgresql/pg_advisory_lock.h"
#include "openceir/store/postgresql/pg_connection.h"
#include "openceir/store/postgresql/pg_copy_in.h"
#include "openceir/store/postgresql/pg_observation_sql.h"
#include "openceir/store/postgresql/pg_transaction.h"

namespace openceir::store {
namespace {

namespace obs_sql = postgresql::obs_sql;

using postgresql::PgConnection;
using postgresql::PgCopyIn;
using postgresql::PgParams;
using postgresql::PgResult;
using postgresql::QuoteIdentifier;

constexpr std::size_t kChunkBytes = 1 << 20;

struct TableColumn {
  std::string name;
  std::string type;  // format_type(): "bigint", "boolean", "text", "bytea", ...
};

// The columns of `table`, in name order (byte-wise, the dump's order).
Result<std::vector<TableColumn>> ColumnsOf(PgConnection& db, std::string_view table) {
  OPENCEIR_RETURN_IF_ERROR(db.Prepare(
      "dump_columns",
      "SELECT a.attname::text, format_type(a.atttypid, a.atttypmod) FROM pg_attribute a "
      "JOIN pg_class c ON c.oid = a.attrelid JOIN pg_namespace n ON n.oid = c.relnamespace "
      "WHERE c.relname = $1 AND n.nspname = current_schema() AND a.attnum > 0 "
      "AND NOT a.attisdropped ORDER BY a.attname::text COLLATE \"C\""));
  OPENCEIR_ASSIGN_OR_RETURN(PgResult result, db.Execute("dump_columns", PgParams().Text(table)));
  std::vector<TableColumn> columns;
  for (int row = 0; row < result.rows(); ++row) {
    columns.push_back(
        TableColumn{std::string(result.Text(row, 0)), std::string(result.Text(row, 1))});
  }
  if (columns.empty()) {
    return FailedPreconditionError(
        fmt::format("the database has no table {}: run `openceir db migrate` on it first", table));
  }
  return columns;
}

bool IsText(const TableColumn& column) {
  return column.type == "text" || column.type.starts_with("character");
}

// Reads a COPY ... TO STDOUT started on `db` into `writer`, a megabyte of rows at a time.
Status CopyOutRows(PgConnection& db, StoreDumpWriter& writer) {
  std::string chunk;
  std::int64_t rows = 0;
  while (true) {
    char* line = nullptr;
    int got = PQgetCopyData(db.raw(), &line, 0);
    if (got > 0) {
      chunk.append(line, static_cast<std::size_t>(got));
      PQfreemem(line);
      ++rows;
      if (chunk.size() >= kChunkBytes) {
        OPENCEIR_RETURN_IF_ERROR(writer.AddRowText(chunk, rows));
        chunk.clear();
        rows = 0;
      }
      continue;
    }
    if (got == -2) return db.LastError("reading COPY rows");
    break;  // -1: the COPY is done; its outcome follows
  }
  std::unique_ptr<PGresult, void (*)(PGresult*)> result(PQgetResult(db.raw()), PQclear);
  if (PQresultStatus(result.get()) != PGRES_COMMAND_OK) {
    return db.LastError("ending COPY", result.get());
  }
  while (PGresult* extra = PQgetResult(db.raw())) PQclear(extra);
  if (rows > 0) OPENCEIR_RETURN_IF_ERROR(writer.AddRowText(chunk, rows));
  return Status::Ok();
}

Status ExportTable(PgConnection& db, const DumpTableSpec& spec, StoreDumpWriter& writer) {
  OPENCEIR_ASSIGN_OR_RETURN(std::vector<TableColumn> columns, ColumnsOf(db, spec.name));
  std::vector<std::string> names;
  std::vector<std::string> selected;
  for (const TableColumn& column : columns) {
    names.push_back(column.name);
    // Flags are 0/1 in a dump, as SQLite stores them.
    selected.push_back(column.type == "boolean"
                           ? fmt::format("{}::integer", QuoteIdentifier(column.name))
                           : QuoteIdentifier(column.name));
  }
  std::vector<std::string> order_by;
  for (std::string_view key : spec.order_by) {
    auto column = std::find_if(columns.begin(), columns.end(),
                               [key](const TableColumn& c) { return c.name == key; });
    if (column == columns.end()) {
      return InternalError(fmt::format("table {} has no column {} to order by", spec.name, key));
    }
    order_by.push_back(IsText(*column)
                           ? fmt::format("{} COLLATE \"C\"", QuoteIdentifier(column->name))
                           : QuoteIdentifier(column->name));
  }
  OPENCEIR_RETURN_IF_ERROR(writer.BeginTable(spec.name, names));
  std::string sql =
      fmt::format("COPY (SELECT {} FROM {} ORDER BY {}) TO STDOUT", fmt::join(selected, ", "),
                  QuoteIdentifier(spec.name), fmt::join(order_by, ", "));
  std::unique_ptr<PGresult, void (*)(PGresult*)> started(PQexec(db.raw(), sql.c_str()), PQclear);
  if (PQresultStatus(started.get()) != PGRES_COPY_OUT) {
    return db.LastError(fmt::format("exporting table {}", spec.name), started.get());
  }
  OPENCEIR_RETURN_IF_ERROR(CopyOutRows(db, writer));
  return writer.EndTable();
}

// The monthly partitions (and their IMEI-hash sub-partitions) of the months in the staged
// triplets, made by the observation store's own function under its lock, so that the copy into
// obs_triplet finds a partition for every row.
Status CreateTripletPartitions(PgConnection& db) {
  OPENCEIR_RETURN_IF_ERROR(
      db.Prepare("dump_triplet_months", "SELECT DISTINCT month FROM dump_obs_triplet ORDER BY 1"));
  OPENCEIR_RETURN_IF_ERROR(db.Prepare("dump_ensure_month", obs_sql::kEnsureTripletMonth));
  OPENCEIR_ASSIGN_OR_RETURN(PgResult months, db.Execute("dump_triplet_months"));
  const std::int64_t lock_key = postgresql::AdvisoryLockKey(obs_sql::kPartitionLock);
  for (int row = 0; row < months.rows(); ++row) {
    OPENCEIR_ASSIGN_OR_RETURN(std::int64_t month, months.Int64(row, 0));
    OPENCEIR_RETURN_IF_ERROR(
        db.Execute("dump_ensure_month", PgParams().Int64(month).Int64(lock_key)).status());
  }
  return Status::Ok();
}

Status ImportTable(PgConnection& db, const StoreDumpReader& reader, const DumpTableSpec& spec) {
  const DumpTable& dumped = reader.table(spec.name);
  OPENCEIR_ASSIGN_OR_RETURN(std::vector<TableColumn> columns, ColumnsOf(db, spec.name));
  std::vector<std::string> names;
  for (const TableColumn& column : columns) names.push_back(column.name);
  OPENCEIR_RETURN_IF_ERROR(CheckDumpColumns(dumped, names));
  std::string table = QuoteIdentifier(spec.name);
  if (spec.seeded) OPENCEIR_RETURN_IF_ERROR(db.ExecScript(fmt::format("DELETE FROM {}", table)));
  OPENCEIR_RETURN_IF_ERROR(db.Prepare(fmt::format("dump_any_{}", spec.name),
                                      fmt::format("SELECT EXISTS (SELECT 1 FROM {})", table)));
  OPENCEIR_ASSIGN_OR_RETURN(PgResult any, db.Execute(fmt::format("dump_any_{}", spec.name)));
  if (any.Text(0, 0) == "t") {
    return FailedPreconditionError(
        fmt::format("table {} has rows: a dump is imported into a new store only", spec.name));
  }
  // Triplets go through a staging table first: their months' partitions are made from it.
  bool staged = spec.name == "obs_triplet";
  std::string target = staged ? "dump_obs_triplet" : std::string(spec.name);
  if (staged) {
    OPENCEIR_RETURN_IF_ERROR(
        db.ExecScript("CREATE TEMP TABLE dump_obs_triplet (LIKE obs_triplet) ON COMMIT DROP"));
  }
  std::vector<std::string_view> copy_columns(names.begin(), names.end());
  OPENCEIR_ASSIGN_OR_RETURN(PgCopyIn copy, PgCopyIn::Start(&db, target, copy_columns));
  Status read = reader.ReadTableText(
      spec.name, [&copy](std::string_view lines) { return copy.AddEncodedRows(lines); });
  if (!read.ok()) return read;  // dropping `copy` aborts the COPY; the caller rolls back
  auto stored = copy.Finish();
  if (!stored.ok()) {
    return Status(stored.status().code(),
                  fmt::format("{}.tsv: {}", spec.name, stored.status().message()));
  }
  if (staged) {
    OPENCEIR_RETURN_IF_ERROR(CreateTripletPartitions(db));
    OPENCEIR_RETURN_IF_ERROR(db.ExecScript(fmt::format(
        "INSERT INTO obs_triplet ({0}) SELECT {0} FROM dump_obs_triplet", fmt::join(names, ", "))));
  }
  return Status::Ok();
}

// Sequences of the dumped tables' id columns continue after the largest imported id.
Status ContinueSequences(PgConnection& db) {
  OPENCEIR_RETURN_IF_ERROR(
      db.Prepare("dump_sequences",
                 "SELECT c.relname::text, a.attname::text, pg_get_serial_sequence(c.relname::text, "
                 "a.attname::text) FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid "
                 "JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = current_schema() "
                 "AND c.relkind IN ('r', 'p') AND a.attnum > 0 AND NOT a.attisdropped "
                 "AND pg_get_serial_sequence(c.relname::text, a.attname::text) IS NOT NULL"));
  OPENCEIR_ASSIGN_OR_RETURN(PgResult sequences, db.Execute("dump_sequences"));
  for (int row = 0; row < sequences.rows(); ++row) {
    std::string table = QuoteIdentifier(sequences.Text(row, 0));
    std::string column = QuoteIdentifier(sequences.Text(row, 1));
    std::string sequence(sequences.Text(row, 2));
    // setval(seq, max, true) continues at max + 1; an empty table leaves it at its start.
    OPENCEIR_RETURN_IF_ERROR(db.ExecScript(fmt::format(
        "SELECT setval('{0}', m, true) FROM (SELECT max({1}) AS m FROM {2}) s WHERE m IS NOT "
        "NULL",
        sequence, column, table)));
  }
  return Status::Ok();
}

}  // namespace

Status ExportPgStore(const std::string& dsn, StoreDumpWriter& writer) {
  OPENCEIR_ASSIGN_OR_RETURN(std::unique_ptr<PgConnection> db, PgConnection::Open(dsn));
  OPENCEIR_RETURN_IF_ERROR(db->ExecScript("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY"));
  for (const DumpTableSpec& spec : DumpTables()) {
    OPENCEIR_RETURN_IF_ERROR(ExportTable(*db, spec, writer));
  }
  return db->ExecScript("COMMIT");
}

Status ImportPgStore(const std::string& dsn, const StoreDumpReader& reader) {
  OPENCEIR_ASSIGN_OR_RETURN(std::unique_ptr<PgConnection> db, PgConnection::Open(dsn));
  OPENCEIR_ASSIGN_OR_RETURN(postgresql::PgTransaction transaction,
                            postgresql::PgTransaction::Begin(db.get()));
  for (const DumpTableSpec& spec : DumpTables()) {
    OPENCEIR_RETURN_IF_ERROR(ImportTable(*db, reader, spec));
  }
  OPENCEIR_RETURN_IF_ERROR(ContinueSequences(*db));
  return transaction.Commit();
}

}  // namespace openceir::store
