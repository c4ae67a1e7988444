// The PostgreSQL implementation of the registry store (server mode, issue 6): the SQLite store's
// tables and semantics on a shared server, so several processes and machines use one registry.
// Prepared statements only, COPY for bulk inserts, every change in one transaction, readers
// never blocked (MVCC snapshots), one classification run at a time (a session advisory lock).
// A lost connection fails the call with kUnavailable; the server rolls back what was not
// committed.
#pragma once

#include <memory>
#include <string>

#include "openceir/base/clock.h"
#include "openceir/base/status.h"
#include "openceir/store/registry_store.h"

namespace openceir::store {

// Connects to the PostgreSQL database `dsn` (a libpq connection string or URI). Does not
// migrate: call Migrate(), or check SchemaVersion(). `clock` (not owned, must outlive the store)
// stamps job records. Errors with kUnavailable when the server cannot be reached.
Result<std::unique_ptr<RegistryStore>> OpenPgRegistryStore(const std::string& dsn,
                                                           const Clock* clock);

}  // namespace openceir::store
