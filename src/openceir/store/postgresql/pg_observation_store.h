// The PostgreSQL implementation of the observation store (server mode, issue 6): the SQLite
// observation store's semantics on a shared server, so several processes and machines import
// and read one store. Triplets are partitioned by month and by IMEI hash; batches stage their
// rows with COPY into temporary tables and merge them in one transaction at Commit, so imports
// of different operators commit in parallel; readers are never blocked (MVCC snapshots). A lost
// connection fails the call with kUnavailable; the server rolls back what was not committed.
#pragma once

#include <memory>
#include <string>

#include "openceir/base/clock.h"
#include "openceir/base/status.h"
#include "openceir/store/observation_store.h"

namespace openceir::store {

// Connects to the PostgreSQL database `dsn` (a libpq connection string or URI). Does not
// migrate: call Migrate(), or check SchemaVersion(). `clock` (not owned, must outlive the store)
// stamps import records. Each batch opens a connection of its own. Errors with kUnavailable when
// the server cannot be reached.
Result<std::unique_ptr<ObservationStore>> OpenPgObservationStore(const std::string& dsn,
                                                                 const Clock* clock);

}  // namespace openceir::store
