// The observation store schema version this build expects (see observation_store.h). Every
// observation backend migrates to exactly this version; it moves independently of the
// registry store's.
#include "openceir/store/observation_store.h"

namespace openceir::store {

int ObservationStore::LatestSchemaVersion() { return 2; }

}  // namespace openceir::store
