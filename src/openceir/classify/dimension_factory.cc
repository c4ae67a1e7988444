#include "openceir/classify/dimension_factory.h"

#include <fmt/format.h>

#include "openceir/classify/dimension_makers.h"

namespace openceir::classify {
namespace internal {

Result<int> BoundedInt(const DimensionParams& params, std::string_view name, int max) {
  const std::int64_t value = params.Int(name);
  if (value > max) {
    return InvalidInputError(fmt::format("dimension {}: parameter {} must be at most {} (got {})",
                                         params.module().name, name, max, value));
  }
  return static_cast<int>(value);
}

Result<Period> PeriodOf(const DimensionParams& params) {
  Period period;
  if (params.Has("period_days")) {
    OPENCEIR_ASSIGN_OR_RETURN(period.days, BoundedInt(params, "period_days", kMaxPeriodDays));
  } else {
    OPENCEIR_ASSIGN_OR_RETURN(period.months, BoundedInt(params, "period_months", kMaxPeriodMonths));
  }
  return period;
}

}  // namespace internal

Result<std::unique_ptr<Dimension>> MakeDimension(const config::DimensionConfig& config,
                                                 const DimensionDefaults& defaults) {
  using namespace internal;  // NOLINT(google-build-using-namespace): the makers
  if (defaults.history_days < 1 || defaults.history_days > kMaxPeriodDays) {
    return InvalidInputError(
        fmt::format("history_days must be 1..{} (got {})", kMaxPeriodDays, defaults.history_days));
  }
  OPENCEIR_ASSIGN_OR_RETURN(DimensionParams params, DimensionParams::Check(config));
  if (config.module == "inconsistent_rat") {
    return MakeInconsistentRat(params, defaults.history_days);
  }
  if (config.module == "device_type_mismatch") {
    return MakeDeviceTypeMismatch(params, defaults.history_days);
  }
  using Maker = DimensionResult (*)(const DimensionParams&);
  struct Entry {
    std::string_view module;
    Maker make;
  };
  static constexpr Entry kMakers[] = {
      {"gsma_not_found", &MakeGsmaNotFound},
      {"stolen_list", &MakeStolenList},
      {"duplicate_threshold", &MakeDuplicateThreshold},
      {"duplicate_daily_avg", &MakeDuplicateDailyAvg},
      {"daily_avg_uid", &MakeDailyAvgUid},
      {"malformed_imei", &MakeMalformedImei},
      {"not_on_registration_list", &MakeNotOnRegistrationList},
      {"used_by_local_subscriber", &MakeUsedByLocalSubscriber},
      {"used_by_international_roamer", &MakeUsedByInternationalRoamer},
      {"used_by_local_non_member_roamer", &MakeUsedByLocalNonMemberRoamer},
      {"used_by_dirbs_subscriber", &MakeUsedByDirbsSubscriber},
      {"is_test_tac", &MakeIsTestTac},
      {"exists_in_barred_list", &MakeExistsInBarredList},
      {"is_barred_tac", &MakeIsBarredTac},
      {"exists_in_monitoring_list", &MakeExistsInMonitoringList},
      {"not_on_association_list", &MakeNotOnAssociationList},
      {"transient_imei", &MakeTransientImei},
      {"impossible_travel", &MakeImpossibleTravel},
      {"concurrent_operators", &MakeConcurrentOperators},
      {"bad_check_digit", &MakeBadCheckDigit},
  };
  for (const Entry& entry : kMakers) {
    if (entry.module == config.module) return entry.make(params);
  }
  if (config.module == "not_type_approved") {
    return FailedPreconditionError(
        "dimension not_type_approved: the registry holds no type approvals yet (no list kind "
        "for approved models), so no IMEI can be tested against them");
  }
  if (config.module == "reported_by_peer") {
    return FailedPreconditionError(
        "dimension reported_by_peer: the registry holds no stolen or cloned lists from peer "
        "countries yet, so no IMEI can be tested against them");
  }
  return InvalidInputError(
      fmt::format("dimension module \"{}\" has no implementation", config.module));
}

}  // namespace openceir::classify
