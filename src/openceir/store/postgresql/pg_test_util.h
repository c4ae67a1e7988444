// What the PostgreSQL tests and benchmarks share: one private cluster per test program (started
// on first use by tests/support/pg_cluster.h, stopped and removed at exit) and a fresh database
// in it for each test, so tests never see each other's tables.
#pragma once

#include <memory>
#include <string>

#include "openceir/base/status.h"
#include "openceir/store/postgresql/pg_connection.h"

namespace openceir::store::postgresql::testing {

// The DSN of a new, empty database of the shared cluster. Errors (kUnavailable) with the
// cluster's start-up failure, which names the packages to install when PostgreSQL is missing.
Result<std::string> FreshDatabase();

// The DSN of the cluster's `postgres` database (to watch or terminate other sessions).
Result<std::string> AdminDsn();

// A value of a one-row, one-column query run on `connection` (prepared under a name derived
// from the SQL); "NULL" for NULL, the error text on failure, so tests compare one string.
std::string QueryValue(PgConnection& connection, const std::string& sql);

// Ends the backend of `victim` from `admin` and waits (up to 10 s) until it is gone, as when
// the server or the network drops a connection under a running job. True when it ended.
bool TerminateBackend(PgConnection& admin, const PgConnection& victim);

}  // namespace openceir::store::postgresql::testing
