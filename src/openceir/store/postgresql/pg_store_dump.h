// A PostgreSQL store (registry and observation tables of one database) written to, and read
// from, a store dump (store_dump.h): `openceir db export|import`.
#pragma once

#include <string>

#include "openceir/base/status.h"
#include "openceir/store/store_dump.h"

namespace openceir::store {

// Writes every table of DumpTables() from the database `dsn` into `writer`, from one
// REPEATABLE READ read-only transaction (a consistent copy while imports go on), each through
// COPY ... TO STDOUT. Flags are written 0/1 like SQLite's. The caller Finish()es the writer.
Status ExportPgStore(const std::string& dsn, StoreDumpWriter& writer);

// Copies the dump into the database `dsn`, which must be migrated to the dump's schema versions
// (the caller checks them) and hold no rows in any dumped table (kFailedPrecondition otherwise).
// One transaction, each table through COPY ... FROM STDIN: on any error nothing is kept.
// Monthly triplet partitions are created for the dump's months; id sequences continue after
// the imported ids.
Status ImportPgStore(const std::string& dsn, const StoreDumpReader& reader);

}  // namespace openceir::store
