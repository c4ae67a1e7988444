// DIRBS's used_by_* dimensions: who the IMSIs seen with the IMEI in the look-back window belong
// to. The observation import classifies each IMSI against the configured region and operators
// (store::ImsiClassBits), and the summary ORs those bits over the window.
#include <fmt/format.h>

#include "openceir/classify/windowed_dimension.h"
#include "openceir/store/observation_types.h"

namespace openceir::classify::internal {
namespace {

class UsedBy final : public WindowedDimension {
 public:
  UsedBy(std::string_view module, int lookback_days, std::uint8_t classes, std::string_view who)
      : WindowedDimension(module, Period{lookback_days, 0}, 0), classes_(classes), who_(who) {}

  void Evaluate(const ClassifyContext& context, const ImeiFacts& facts,
                DimensionOutcome* outcome) const override {
    outcome->Reset();
    const std::uint8_t seen = facts.summary == nullptr ? 0 : facts.summary->imsi_classes;
    outcome->Add("member_operator_imsi", (seen & store::kImsiLocalSubscriber) ? 1 : 0);
    outcome->Add("local_non_member_imsi", (seen & store::kImsiLocalNonMember) ? 1 : 0);
    outcome->Add("inbound_roamer_imsi", (seen & store::kImsiInboundRoamer) ? 1 : 0);
    AddWindow(context, outcome);
    outcome->matched = (seen & classes_) != 0;
  }

  std::string Explain(const DimensionOutcome& outcome) const override {
    return fmt::format("{}used by {} in {}", outcome.matched ? "" : "not ", who_,
                       WindowText(outcome));
  }

 private:
  std::uint8_t classes_;
  std::string_view who_;
};

DimensionResult Make(const DimensionParams& params, std::string_view module, std::uint8_t classes,
                     std::string_view who) {
  OPENCEIR_ASSIGN_OR_RETURN(int lookback, BoundedInt(params, "lookback_days", kMaxPeriodDays));
  return std::unique_ptr<Dimension>(std::make_unique<UsedBy>(module, lookback, classes, who));
}

}  // namespace

// Any domestic subscriber: an IMSI of the region's MCC, of a member operator or not.
DimensionResult MakeUsedByLocalSubscriber(const DimensionParams& params) {
  return Make(params, "used_by_local_subscriber",
              store::kImsiLocalSubscriber | store::kImsiLocalNonMember,
              "a local subscriber (an IMSI of the region)");
}
DimensionResult MakeUsedByInternationalRoamer(const DimensionParams& params) {
  return Make(params, "used_by_international_roamer", store::kImsiInboundRoamer,
              "an international roamer (an IMSI from outside the region)");
}
DimensionResult MakeUsedByLocalNonMemberRoamer(const DimensionParams& params) {
  return Make(params, "used_by_local_non_member_roamer", store::kImsiLocalNonMember,
              "a domestic subscriber of a non-member operator");
}
DimensionResult MakeUsedByDirbsSubscriber(const DimensionParams& params) {
  return Make(params, "used_by_dirbs_subscriber", store::kImsiLocalSubscriber,
              "a subscriber of a member operator");
}

}  // namespace openceir::classify::internal
