// A SQLite store (registry and observation tables of one file) written to, and read from, a
// store dump (store_dump.h): `openceir db export|import`.
#pragma once

#include <string>

#include "openceir/base/status.h"
#include "openceir/store/store_dump.h"

namespace openceir::store {

// Writes every table of DumpTables() from the store file at `path` into `writer`, from one read
// transaction (a consistent copy while imports go on). The caller Finish()es the writer.
Status ExportSqliteStore(const std::string& path, StoreDumpWriter& writer);

// Copies the dump into the store at `path`, which must be migrated to the dump's schema
// versions (the caller checks them) and hold no rows in any dumped table (kFailedPrecondition
// otherwise). One transaction: on any error (a value that does not fit its column, a file that
// fails its manifest check, a constraint) nothing is kept. Tables SQLite derives (the triplet
// partition index) are rebuilt.
Status ImportSqliteStore(const std::string& path, const StoreDumpReader& reader);

}  // namespace openceir::store
