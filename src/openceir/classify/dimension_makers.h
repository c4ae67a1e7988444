// The constructors of every dimension family, for the factory (dimension_factory.cc) only.
// Each takes parameters already checked against the module table.
#pragma once

#include <memory>

#include "openceir/base/status.h"
#include "openceir/classify/dimension.h"
#include "openceir/classify/dimension_params.h"

namespace openceir::classify::internal {

using DimensionResult = Result<std::unique_ptr<Dimension>>;

// registry_dimensions.cc
DimensionResult MakeStolenList(const DimensionParams& params);
DimensionResult MakeExistsInBarredList(const DimensionParams& params);
DimensionResult MakeIsBarredTac(const DimensionParams& params);
DimensionResult MakeExistsInMonitoringList(const DimensionParams& params);
DimensionResult MakeNotOnRegistrationList(const DimensionParams& params);
DimensionResult MakeNotOnAssociationList(const DimensionParams& params);
// identifier_dimensions.cc
DimensionResult MakeMalformedImei(const DimensionParams& params);
DimensionResult MakeIsTestTac(const DimensionParams& params);
DimensionResult MakeBadCheckDigit(const DimensionParams& params);
// gsma_not_found.cc
DimensionResult MakeGsmaNotFound(const DimensionParams& params);
// duplicate_dimensions.cc
DimensionResult MakeDuplicateThreshold(const DimensionParams& params);
DimensionResult MakeDuplicateDailyAvg(const DimensionParams& params);
DimensionResult MakeDailyAvgUid(const DimensionParams& params);
// model_dimensions.cc
DimensionResult MakeInconsistentRat(const DimensionParams& params, int history_days);
DimensionResult MakeDeviceTypeMismatch(const DimensionParams& params, int history_days);
// used_by_dimensions.cc
DimensionResult MakeUsedByLocalSubscriber(const DimensionParams& params);
DimensionResult MakeUsedByInternationalRoamer(const DimensionParams& params);
DimensionResult MakeUsedByLocalNonMemberRoamer(const DimensionParams& params);
DimensionResult MakeUsedByDirbsSubscriber(const DimensionParams& params);
// transient_imei.cc
DimensionResult MakeTransientImei(const DimensionParams& params);
// impossible_travel.cc
DimensionResult MakeImpossibleTravel(const DimensionParams& params);
// concurrent_operators.cc
DimensionResult MakeConcurrentOperators(const DimensionParams& params);

// Longest look-back any dimension accepts (100 years), so date arithmetic cannot overflow.
inline constexpr int kMaxPeriodDays = 36600;
inline constexpr int kMaxPeriodMonths = 1200;
// params.Int(name) as an int, or kInvalidInput when above `max`.
Result<int> BoundedInt(const DimensionParams& params, std::string_view name, int max);

// The analysis window of a dimension with period_days or period_months (exactly one given).
struct Period {
  int days = 0;    // > 0 when period_days was given
  int months = 0;  // > 0 when period_months was given
  store::DateWindow WindowFor(Date curr_date) const {
    return days > 0 ? WindowOfDays(curr_date, days) : WindowOfMonths(curr_date, months);
  }
};
Result<Period> PeriodOf(const DimensionParams& params);

}  // namespace openceir::classify::internal
