// Helpers shared by the ad-hoc report writers (adhoc_*.cc); not part of the component's API.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "openceir/reports/adhoc_reports.h"

namespace openceir::reports {

// <output_dir>/<name>_<first>_<last>.csv
std::string AdhocPath(const AdhocRequest& request, std::string_view name);
// The values joined by `separator`, in the order given.
std::string JoinSorted(const std::vector<std::string>& values, char separator);

}  // namespace openceir::reports
