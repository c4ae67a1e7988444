// Dimensions answered from the registry lists alone: stolen_list, exists_in_barred_list,
// is_barred_tac, exists_in_monitoring_list, not_on_registration_list, not_on_association_list.
#include <fmt/format.h>

#include "openceir/classify/dimension_base.h"
#include "openceir/classify/dimension_makers.h"

namespace openceir::classify::internal {

namespace {

// DIRBS: confirmed entries only (status empty or "blacklist"); provisional reports never match.
class StolenList final : public RegistryDimension {
 public:
  StolenList() : RegistryDimension("stolen_list", kNeedStolen) {}
  void Evaluate(const ClassifyContext& context, const ImeiFacts& facts,
                DimensionOutcome* outcome) const override {
    outcome->Reset();
    const StolenEntry* entry = context.FindConfirmedStolen(facts.imei);
    outcome->matched = entry != nullptr;
    outcome->Add("on_stolen_list", entry != nullptr ? 1 : 0);
    if (entry != nullptr && entry->has_reporting_date) {
      outcome->Add("reporting_date", entry->reporting_date);
    }
  }
  std::string Explain(const DimensionOutcome& outcome) const override {
    if (!outcome.matched) return "not on the stolen list as a confirmed report";
    const std::string date = TextEvidence(outcome, "reporting_date");
    return date.empty() ? "on the stolen list (confirmed report)"
                        : fmt::format("on the stolen list (confirmed report of {})", date);
  }
};

// One IMEI list membership: exists_in_barred_list, exists_in_monitoring_list.
class OnImeiList final : public RegistryDimension {
 public:
  using Test = bool (ClassifyContext::*)(const ImeiKey&) const;
  OnImeiList(std::string_view module, std::uint32_t part, Test test, std::string_view list)
      : RegistryDimension(module, part), test_(test), list_(list) {}
  void Evaluate(const ClassifyContext& context, const ImeiFacts& facts,
                DimensionOutcome* outcome) const override {
    outcome->Reset();
    outcome->matched = (context.*test_)(facts.imei);
    outcome->Add("on_list", outcome->matched ? 1 : 0);
  }
  std::string Explain(const DimensionOutcome& outcome) const override {
    return fmt::format("{}on the {} list", outcome.matched ? "" : "not ", list_);
  }

 private:
  Test test_;
  std::string_view list_;
};

class IsBarredTac final : public RegistryDimension {
 public:
  IsBarredTac() : RegistryDimension("is_barred_tac", kNeedBarredTac) {}
  void Evaluate(const ClassifyContext& context, const ImeiFacts& facts,
                DimensionOutcome* outcome) const override {
    outcome->Reset();
    outcome->matched = context.IsBarredTac(facts.tac);
    if (outcome->record_evidence) outcome->Add("tac", TacText(facts.tac));
    outcome->Add("on_barred_tac_list", outcome->matched ? 1 : 0);
  }
  std::string Explain(const DimensionOutcome& outcome) const override {
    const std::string tac = TextEvidence(outcome, "tac");
    if (tac.empty()) return "the IMEI has no 8-digit TAC, so no barred TAC applies";
    return fmt::format("TAC {} is {}on the barred TAC list", tac, outcome.matched ? "" : "not ");
  }
};

// The device type of the IMEI's TAC in the GSMA database, and whether the region exempts it.
void AddDeviceTypeEvidence(const ClassifyContext& context, const ImeiFacts& facts,
                           DimensionOutcome* outcome, bool* exempt) {
  const TacInfo* tac = context.FindTac(facts.tac);
  *exempt = tac != nullptr && context.IsExemptDeviceType(tac->device_type);
  if (outcome->record_evidence) {
    outcome->Add("gsma_device_type",
                 std::string(tac != nullptr ? context.device_type(tac->device_type) : ""));
  }
  outcome->Add("exempted_device_type", *exempt ? 1 : 0);
}

// DIRBS's not_on_registration_list: not registered (status empty or "whitelist"), and the TAC's
// GSMA device type is not one the region exempts.
class NotOnRegistrationList final : public RegistryDimension {
 public:
  NotOnRegistrationList()
      : RegistryDimension("not_on_registration_list", kNeedRegistration | kNeedGsmaTac) {}
  void Evaluate(const ClassifyContext& context, const ImeiFacts& facts,
                DimensionOutcome* outcome) const override {
    outcome->Reset();
    const bool registered = context.FindRegistration(facts.imei) != nullptr;
    outcome->Add("registered", registered ? 1 : 0);
    bool exempt = false;
    AddDeviceTypeEvidence(context, facts, outcome, &exempt);
    outcome->matched = !registered && !exempt;
  }
  std::string Explain(const DimensionOutcome& outcome) const override {
    if (IntEvidence(outcome, "registered")) return "on the registration list";
    if (IntEvidence(outcome, "exempted_device_type")) {
      return fmt::format("not registered, but its device type \"{}\" is exempt from registration",
                         TextEvidence(outcome, "gsma_device_type"));
    }
    return "not on the registration list";
  }
};

// DIRBS's not_on_association_list: no UID is associated with the IMEI, and the TAC's device
// type is not exempted.
class NotOnAssociationList final : public RegistryDimension {
 public:
  NotOnAssociationList()
      : RegistryDimension("not_on_association_list", kNeedAssociation | kNeedGsmaTac) {}
  void Evaluate(const ClassifyContext& context, const ImeiFacts& facts,
                DimensionOutcome* outcome) const override {
    outcome->Reset();
    const bool associated = context.HasAssociation(facts.imei);
    outcome->Add("associated", associated ? 1 : 0);
    bool exempt = false;
    AddDeviceTypeEvidence(context, facts, outcome, &exempt);
    outcome->matched = !associated && !exempt;
  }
  std::string Explain(const DimensionOutcome& outcome) const override {
    if (IntEvidence(outcome, "associated")) return "associated with a registered subscriber";
    if (IntEvidence(outcome, "exempted_device_type")) {
      return fmt::format("not associated, but its device type \"{}\" is exempt",
                         TextEvidence(outcome, "gsma_device_type"));
    }
    return "not on the device association list";
  }
};

}  // namespace

DimensionResult MakeStolenList(const DimensionParams&) {
  return std::unique_ptr<Dimension>(std::make_unique<StolenList>());
}
DimensionResult MakeExistsInBarredList(const DimensionParams&) {
  return std::unique_ptr<Dimension>(std::make_unique<OnImeiList>(
      "exists_in_barred_list", kNeedBarred, &ClassifyContext::IsBarred, "barred"));
}
DimensionResult MakeIsBarredTac(const DimensionParams&) {
  return std::unique_ptr<Dimension>(std::make_unique<IsBarredTac>());
}
DimensionResult MakeExistsInMonitoringList(const DimensionParams&) {
  return std::unique_ptr<Dimension>(std::make_unique<OnImeiList>(
      "exists_in_monitoring_list", kNeedMonitoring, &ClassifyContext::IsMonitored, "monitoring"));
}
DimensionResult MakeNotOnRegistrationList(const DimensionParams&) {
  return std::unique_ptr<Dimension>(std::make_unique<NotOnRegistrationList>());
}
DimensionResult MakeNotOnAssociationList(const DimensionParams&) {
  return std::unique_ptr<Dimension>(std::make_unique<NotOnAssociationList>());
}

}  // namespace openceir::classify::internal
