// Naming a PostgreSQL database in messages without its secrets: a DSN may carry a password, and
// the CLI prints where its store is ("store postgresql://openceir@10.0.0.5:5432/ceir is up to
// date").
#pragma once

#include <string>

#include "openceir/base/status.h"

namespace openceir::store {

// `dsn` (a libpq key=value string or a postgresql:// URI) as postgresql://USER@HOST:PORT/DBNAME,
// without password or other options; parts the DSN leaves to libpq's defaults are left out.
// kInvalidInput with libpq's message when the DSN cannot be parsed.
Result<std::string> DescribePgDsn(const std::string& dsn);

// Whether `location` names a PostgreSQL database rather than a file: it starts with
// postgresql:// or postgres:// (the URI forms libpq accepts).
bool IsPgUri(const std::string& location);

}  // namespace openceir::store
