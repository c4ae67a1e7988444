// Helpers shared by the ad-hoc report writers.
#include "openceir/reports/adhoc_common.h"

#include <fmt/format.h>

#include "openceir/reports/report_period.h"

namespace openceir::reports {

std::string AdhocPath(const AdhocRequest& request, std::string_view name) {
  return fmt::format("{}/{}_{}_{}.csv", request.output_dir, name,
                     FormatYyyymmdd(request.window.first), FormatYyyymmdd(request.window.last));
}

std::string JoinSorted(const std::vector<std::string>& values, char separator) {
  std::string out;
  for (std::size_t i = 0; i < values.size(); ++i) {
    if (i > 0) out += separator;
    out += values[i];
  }
  return out;
}

Result<ComplianceIndex> LoadAdhocRunIndex(store::RegistryStore& registry,
                                          const AdhocRequest& request) {
  OPENCEIR_ASSIGN_OR_RETURN(auto run, ChooseRun(registry, request.window, request.run));
  if (!run) {
    return FailedPreconditionError(
        "no classification run covers this period: run `openceir classify` first, or give --run");
  }
  return ComplianceIndex::Load(registry, *run);
}

}  // namespace openceir::reports
