// Dimensions comparing what the network saw with what the TAC's model is: inconsistent_rat and
// device_type_mismatch.
#include <fmt/format.h>

#include <array>

#include "openceir/classify/dimension_base.h"
#include "openceir/classify/dimension_makers.h"
#include "openceir/identifiers/rat.h"
#include "openceir/identifiers/subscriber.h"

namespace openceir::classify::internal {
namespace {

std::string GenerationsText(std::uint8_t generations) {
  std::string text;
  const std::array<std::pair<std::uint8_t, const char*>, 4> names = {{{identifiers::kGen2G, "2G"},
                                                                      {identifiers::kGen3G, "3G"},
                                                                      {identifiers::kGen4G, "4G"},
                                                                      {identifiers::kGen5G, "5G"}}};
  for (const auto& [bit, name] : names) {
    if ((generations & bit) == 0) continue;
    if (!text.empty()) text.push_back('|');
    text += name;
  }
  return text;
}

// A dimension reading the summary of the last `history_days` days.
class HistoryDimension : public Dimension {
 public:
  HistoryDimension(std::string_view module, int history_days, std::uint32_t parts)
      : module_(module), history_days_(history_days), parts_(parts) {}
  std::string_view module() const override { return module_; }
  std::optional<store::DateWindow> Window(Date curr_date) const override {
    return WindowOfDays(curr_date, history_days_);
  }
  void AddNeeds(Date, ContextNeeds* needs) const override { needs->parts |= parts_; }

 private:
  std::string_view module_;
  int history_days_;
  std::uint32_t parts_;
};

// DIRBS's inconsistent_rat: the IMEI was seen on a radio generation that its model (every TAC
// of the same manufacturer and model name, OR-ed) does not support. TACs without manufacturer
// or model name are skipped (DIRBS), and so are models whose bands name no known technology:
// an unknown capability is not evidence. OpenCEIR also checks 5G (RAT 008).
class InconsistentRat final : public HistoryDimension {
 public:
  explicit InconsistentRat(int history_days)
      : HistoryDimension("inconsistent_rat", history_days, kNeedGsmaTac) {}

  void Evaluate(const ClassifyContext& context, const ImeiFacts& facts,
                DimensionOutcome* outcome) const override {
    outcome->Reset();
    const TacInfo* tac = context.FindTac(facts.tac);
    const std::uint8_t seen =
        facts.summary == nullptr ? 0 : identifiers::GenerationsOfRatMask(facts.summary->rat_mask);
    if (outcome->record_evidence) outcome->Add("seen_generations", GenerationsText(seen));
    if (tac == nullptr || !tac->has_model || tac->model_caps == 0) {
      outcome->Add("model_known", 0);
      return;
    }
    const std::uint8_t unsupported = static_cast<std::uint8_t>(seen & ~tac->model_caps);
    outcome->Add("model_known", 1);
    if (outcome->record_evidence) {
      outcome->Add("model_generations", GenerationsText(tac->model_caps));
      outcome->Add("unsupported_generations", GenerationsText(unsupported));
    }
    outcome->matched = unsupported != 0;
  }

  std::string Explain(const DimensionOutcome& outcome) const override {
    if (!IntEvidence(outcome, "model_known")) {
      return "the TAC's model or its radio capability is not known";
    }
    if (!outcome.matched) {
      return fmt::format("seen on {} which its model ({}) supports",
                         TextEvidence(outcome, "seen_generations"),
                         TextEvidence(outcome, "model_generations"));
    }
    return fmt::format("seen on {} but its model supports only {}",
                       TextEvidence(outcome, "unsupported_generations"),
                       TextEvidence(outcome, "model_generations"));
  }
};

// What a device type says a device is.
enum class DeviceClass { kUnknown, kHandset, kDataOnly, kEmbedded };

DeviceClass ClassOf(std::string_view device_type) {  // lower-cased
  static constexpr std::array<std::string_view, 6> kHandsets = {
      "smartphone", "mobile phone/feature phone", "feature phone", "mobile phone", "handheld",
      "handset"};
  static constexpr std::array<std::string_view, 5> kDataOnly = {"modem", "dongle", "wlan router",
                                                                "router", "usb modem"};
  static constexpr std::array<std::string_view, 5> kEmbedded = {"module", "iot device", "m2m",
                                                                "m2m device", "m2m module"};
  for (std::string_view type : kHandsets) {
    if (device_type == type) return DeviceClass::kHandset;
  }
  for (std::string_view type : kDataOnly) {
    if (device_type == type) return DeviceClass::kDataOnly;
  }
  for (std::string_view type : kEmbedded) {
    if (device_type == type) return DeviceClass::kEmbedded;
  }
  return DeviceClass::kUnknown;
}

// OpenCEIR's device_type_mismatch (README.md): the GSMA device type of the TAC contradicts
//   (a) the device type the registration list declares for the IMEI (a handset registered as a
//       module, a module TAC registered as a smartphone: both classes known and different), or
//   (b) the use seen on the network: an embedded module / IoT TAC carrying the SIM of a person
//       (an IMSI on the subscribers registration list) in the window. Modems, dongles and
//       routers are left out of (b): people do put their own SIMs in those.
class DeviceTypeMismatch final : public HistoryDimension {
 public:
  explicit DeviceTypeMismatch(int history_days)
      : HistoryDimension("device_type_mismatch", history_days,
                         kNeedGsmaTac | kNeedRegistration | kNeedSubscribers) {}

  void Evaluate(const ClassifyContext& context, const ImeiFacts& facts,
                DimensionOutcome* outcome) const override {
    outcome->Reset();
    const TacInfo* tac = context.FindTac(facts.tac);
    const std::string_view gsma_type = tac == nullptr ? "" : context.device_type(tac->device_type);
    const RegistrationEntry* registration = context.FindRegistration(facts.imei);
    const std::string_view registered_type =
        registration == nullptr ? "" : context.device_type(registration->device_type);
    if (outcome->record_evidence) {
      outcome->Add("gsma_device_type", std::string(gsma_type));
      outcome->Add("registered_device_type", std::string(registered_type));
    }
    const DeviceClass gsma_class = ClassOf(gsma_type);
    const DeviceClass registered_class = ClassOf(registered_type);
    const bool conflict = gsma_class != DeviceClass::kUnknown &&
                          registered_class != DeviceClass::kUnknown &&
                          gsma_class != registered_class;
    std::int64_t person_imsis = 0;
    if (gsma_class == DeviceClass::kEmbedded && facts.summary != nullptr) {
      for (const store::ImsiSeen& seen : facts.summary->imsis) {
        if (identifiers::IsCleanImsi(seen.imsi) && !context.UidsOfImsi(seen.imsi).empty()) {
          ++person_imsis;
        }
      }
    }
    outcome->Add("registration_conflict", conflict ? 1 : 0);
    outcome->Add("person_imsis_in_module", person_imsis);
    outcome->matched = conflict || person_imsis > 0;
  }

  std::string Explain(const DimensionOutcome& outcome) const override {
    const std::string gsma = TextEvidence(outcome, "gsma_device_type");
    if (IntEvidence(outcome, "registration_conflict")) {
      return fmt::format("registered as \"{}\" but its TAC is a \"{}\"",
                         TextEvidence(outcome, "registered_device_type"), gsma);
    }
    if (IntEvidence(outcome, "person_imsis_in_module") > 0) {
      return fmt::format("its TAC is a \"{}\" but it carried {} SIM(s) registered to a person",
                         gsma, IntEvidence(outcome, "person_imsis_in_module"));
    }
    return "its device type agrees with its registration and use";
  }
};

}  // namespace

DimensionResult MakeInconsistentRat(const DimensionParams&, int history_days) {
  return std::unique_ptr<Dimension>(std::make_unique<InconsistentRat>(history_days));
}
DimensionResult MakeDeviceTypeMismatch(const DimensionParams&, int history_days) {
  return std::unique_ptr<Dimension>(std::make_unique<DeviceTypeMismatch>(history_days));
}

}  // namespace openceir::classify::internal
