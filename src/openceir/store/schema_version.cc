// The schema version this build of OpenCEIR expects. Every store backend migrates to exactly
// this version, so all backends move together: adding a migration to one means adding it to all.
#include "openceir/store/registry_store.h"

namespace openceir::store {

int RegistryStore::LatestSchemaVersion() { return 4; }

}  // namespace openceir::store
