// The SQLite implementation of the observation store (the embedded default): the obs_ tables
// in the same file as the SQLite registry store, with their own schema version.
#pragma once

#include <memory>
#include <string>

#include "openceir/base/clock.h"
#include "openceir/base/status.h"
#include "openceir/store/observation_store.h"

namespace openceir::store {

// Opens (creating if missing) the SQLite file at `path` as an observation store. Does not
// migrate: call Migrate(), or check SchemaVersion(). `clock` (not owned, must outlive the store)
// stamps migrations and import records. A batch waits up to 30 minutes for another process's
// batch to commit (one writer at a time), so concurrent imports queue instead of failing.
Result<std::unique_ptr<ObservationStore>> OpenSqliteObservationStore(const std::string& path,
                                                                     const Clock* clock);

}  // namespace openceir::store
