// The observation store schema version this build expects (see observation_store.h), and the
// single-window summary scan every backend gets from its multi-window one. Every observation
// backend migrates to exactly this version; it moves independently of the registry store's.
#include "openceir/store/observation_store.h"

namespace openceir::store {

int ObservationStore::LatestSchemaVersion() { return 2; }

Status ObservationStore::ScanImeiSummaries(DateWindow window, const ImeiSummaryVisitor& visit) {
  return ScanWindowSummaries(
      std::span<const DateWindow>(&window, 1),
      [&visit](std::span<ImeiSummary* const> summaries) { return visit(*summaries[0]); });
}

}  // namespace openceir::store
