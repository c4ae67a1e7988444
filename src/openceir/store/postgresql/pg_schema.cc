// PgSchema: the version table and the migration loop.
#include "openceir/store/postgresql/pg_schema.h"

#include <fmt/format.h>

#include "openceir/store/postgresql/pg_advisory_lock.h"
#include "openceir/store/postgresql/pg_transaction.h"

namespace openceir::store::postgresql {

PgSchema::PgSchema(PgConnection* connection, std::string version_table,
                   std::span<const std::string_view> migrations, const Clock* clock)
    : connection_(connection),
      version_table_(std::move(version_table)),
      migrations_(migrations),
      clock_(clock) {}

// The statements that name the version table can only be prepared once it exists.
Status PgSchema::PrepareStatements(bool table_exists) {
  OPENCEIR_RETURN_IF_ERROR(
      connection_->Prepare("openceir_schema_has_table", "SELECT to_regclass($1) IS NOT NULL"));
  OPENCEIR_RETURN_IF_ERROR(
      connection_->Prepare("openceir_schema_lock", "SELECT pg_advisory_xact_lock($1)"));
  if (!table_exists) return Status::Ok();
  const std::string table = QuoteIdentifier(version_table_);
  OPENCEIR_RETURN_IF_ERROR(
      connection_->Prepare("openceir_schema_version_" + version_table_,
                           fmt::format("SELECT coalesce(max(version), 0) FROM {}", table)));
  return connection_->Prepare(
      "openceir_schema_insert_" + version_table_,
      fmt::format("INSERT INTO {} (version, applied_at) VALUES ($1, $2)", table));
}

Result<int> PgSchema::Version() {
  OPENCEIR_RETURN_IF_ERROR(PrepareStatements(false));
  OPENCEIR_ASSIGN_OR_RETURN(PgResult has_table,
                            connection_->Execute("openceir_schema_has_table",
                                                 PgParams().Text(QuoteIdentifier(version_table_))));
  if (has_table.Text(0, 0) != "t") return 0;
  OPENCEIR_RETURN_IF_ERROR(PrepareStatements(true));
  OPENCEIR_ASSIGN_OR_RETURN(
      PgResult version,
      connection_->Execute("openceir_schema_version_" + version_table_, {}, PgFormat::kBinary));
  OPENCEIR_ASSIGN_OR_RETURN(std::int64_t value, version.Int64(0, 0));
  return static_cast<int>(value);
}

Status PgSchema::Migrate() {
  OPENCEIR_RETURN_IF_ERROR(PrepareStatements(false));
  const std::string create_table = fmt::format(
      "CREATE TABLE IF NOT EXISTS {} (version integer PRIMARY KEY, applied_at bigint NOT NULL)",
      QuoteIdentifier(version_table_));
  const std::int64_t lock_key = AdvisoryLockKey("schema:" + version_table_);
  for (;;) {
    OPENCEIR_ASSIGN_OR_RETURN(PgTransaction transaction, PgTransaction::Begin(connection_));
    // Held to the end of the transaction: a second migrating process waits here, then sees the
    // version this one recorded.
    OPENCEIR_RETURN_IF_ERROR(
        connection_->Execute("openceir_schema_lock", PgParams().Int64(lock_key)).status());
    OPENCEIR_RETURN_IF_ERROR(connection_->ExecScript(create_table));
    OPENCEIR_ASSIGN_OR_RETURN(int current, Version());
    if (current > latest()) {
      return FailedPreconditionError(
          fmt::format("the PostgreSQL database is at schema version {} ({}), newer than this "
                      "build's {}; use a newer OpenCEIR",
                      current, version_table_, latest()));
    }
    if (current == latest()) return Status::Ok();  // nothing to do; the transaction rolls back
    const int target = current + 1;
    Status applied = connection_->ExecScript(migrations_[static_cast<std::size_t>(current)]);
    if (!applied.ok()) {
      return Status(applied.code(),
                    fmt::format("{} [migration to schema version {}]", applied.message(), target));
    }
    OPENCEIR_RETURN_IF_ERROR(connection_
                                 ->Execute("openceir_schema_insert_" + version_table_,
                                           PgParams().Int64(target).Int64(clock_->Now()))
                                 .status());
    OPENCEIR_RETURN_IF_ERROR(transaction.Commit());
  }
}

}  // namespace openceir::store::postgresql
