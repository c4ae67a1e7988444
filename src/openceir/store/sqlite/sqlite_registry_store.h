// The SQLite implementation of the registry store: one file, WAL mode, foreign keys on,
// prepared statements only, versioned migrations (the embedded default).
#pragma once

#include <memory>
#include <string>

#include "openceir/base/clock.h"
#include "openceir/base/status.h"
#include "openceir/store/registry_store.h"

namespace openceir::store {

// Opens (creating if missing) the SQLite store at `path`. Does not migrate: call Migrate(), or
// check SchemaVersion(). `clock` (not owned, must outlive the store) stamps job records.
Result<std::unique_ptr<RegistryStore>> OpenSqliteRegistryStore(const std::string& path,
                                                               const Clock* clock);

}  // namespace openceir::store
