// MakeDimension: the dimension a configured condition names, built from its module and
// parameters (config::DimensionConfig).
#pragma once

#include <memory>

#include "openceir/base/status.h"
#include "openceir/classify/dimension.h"
#include "openceir/config/config.h"

namespace openceir::classify {

// Choices the configuration leaves to the classification run.
struct DimensionDefaults {
  // Days of network data read by the modules that DIRBS evaluates over all history
  // (inconsistent_rat) and by device_type_mismatch, which have no period parameter.
  int history_days = 90;
};

// Builds the dimension of `config.module` with `config.parameters` (absent optional parameters
// take the module's defaults). `config.invert` is not applied here: the condition applies it.
// Errors:
//   kInvalidInput        defaults.history_days outside 1..36600, unknown module, unknown parameter,
//   bad value (see DimensionParams),
//                        or a value out of range ("period_days must be at most 36600");
//   kFailedPrecondition  a module whose data OpenCEIR does not hold yet (not_type_approved:
//                        no type approvals; reported_by_peer: no peer-country lists;
//                        duplicate_daily_avg with use_msisdn: summaries keep days per IMSI,
//                        not per MSISDN). The message says what is missing.
Result<std::unique_ptr<Dimension>> MakeDimension(const config::DimensionConfig& config,
                                                 const DimensionDefaults& defaults = {});

}  // namespace openceir::classify
