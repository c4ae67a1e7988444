// Versioned schema migrations on PostgreSQL, as the SQLite stores do them: a version table
// (version, applied_at) records each migration applied; migration i takes the schema from
// version i to i + 1 and is applied in its own transaction together with its version row, so a
// failed or interrupted migration leaves the schema at the previous version. Re-running applies
// nothing new; a database at a version newer than the program's is refused untouched.
// Processes migrating at once are serialized by a transaction advisory lock on the table's name.
#pragma once

#include <span>
#include <string>
#include <string_view>

#include "openceir/base/clock.h"
#include "openceir/base/status.h"
#include "openceir/store/postgresql/pg_connection.h"

namespace openceir::store::postgresql {

class PgSchema {
 public:
  // `version_table` names the table recording versions ("schema_version" for the registry,
  // "obs_schema_version" for observations). `migrations` (static SQL scripts) are frozen once
  // released: fix a schema with a new migration, never by editing an old one. `connection` and
  // `clock` (the time recorded in applied_at) are not owned and must outlive the schema.
  PgSchema(PgConnection* connection, std::string version_table,
           std::span<const std::string_view> migrations, const Clock* clock);

  // The version the database is at: 0 when it has no version table yet.
  Result<int> Version();
  // The version this program migrates to: the number of migrations.
  int latest() const { return static_cast<int>(migrations_.size()); }

  // Applies the missing migrations in order. Errors with kFailedPrecondition when the database
  // is newer than latest(); with the failing migration's SQLSTATE error otherwise (that
  // migration is rolled back; those before it stay).
  Status Migrate();

 private:
  Status PrepareStatements(bool table_exists);

  PgConnection* connection_;
  std::string version_table_;
  std::span<const std::string_view> migrations_;
  const Clock* clock_;
};

}  // namespace openceir::store::postgresql
