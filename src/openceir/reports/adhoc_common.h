// Helpers shared by the ad-hoc report writers (adhoc_*.cc); not part of the component's API.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "openceir/base/status.h"
#include "openceir/reports/adhoc_reports.h"
#include "openceir/reports/compliance_index.h"
#include "openceir/store/registry_store.h"

namespace openceir::reports {

// <output_dir>/<name>_<first>_<last>.csv
std::string AdhocPath(const AdhocRequest& request, std::string_view name);
// The values joined by `separator`, in the order given.
std::string JoinSorted(const std::vector<std::string>& values, char separator);
// The compliance index of the classification run a classification-based report is computed
// from: the request's run, or the run ChooseRun picks for its period (the index keeps the run:
// ComplianceIndex::run()). Errors: kFailedPrecondition when there is no such run.
Result<ComplianceIndex> LoadAdhocRunIndex(store::RegistryStore& registry,
                                          const AdhocRequest& request);

}  // namespace openceir::reports
