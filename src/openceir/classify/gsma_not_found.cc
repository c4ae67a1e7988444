// gsma_not_found: the IMEI's TAC is not in the GSMA TAC database, and has not been for longer
// than its reporting body's usual allocation lag (DIRBS's semantics, see README.md).
#include <fmt/format.h>

#include <map>

#include "openceir/classify/dimension_base.h"
#include "openceir/classify/dimension_makers.h"

namespace openceir::classify::internal {
namespace {

// DIRBS's defaults from its GSMA allocation-to-appearance lag analysis; per_rbi_delays entries
// override them one RBI at a time; ignore_rbi_delays drops them all.
const std::map<std::string, int>& DefaultRbiDelays() {
  static const std::map<std::string, int> kDefaults = {{"00", 32}, {"01", 40}, {"35", 20},
                                                       {"86", 19}, {"91", 20}, {"99", 69}};
  return kDefaults;
}

class GsmaNotFound final : public RegistryDimension {
 public:
  explicit GsmaNotFound(std::map<std::string, int> delays)
      : RegistryDimension("gsma_not_found", kNeedGsmaTac) {
    for (const auto& [rbi, days] : delays) delays_[(rbi[0] - '0') * 10 + (rbi[1] - '0')] = days;
  }

  void Evaluate(const ClassifyContext& context, const ImeiFacts& facts,
                DimensionOutcome* outcome) const override {
    outcome->Reset();
    if (outcome->record_evidence) {
      outcome->Add("tac", std::string(facts.imei.imei_norm.substr(0, 8)));
    }
    const bool in_gsma = context.FindTac(facts.tac) != nullptr;
    outcome->Add("in_gsma", in_gsma ? 1 : 0);
    if (in_gsma) return;
    // The RBI is the first two characters, as DIRBS's LEFT(imei_norm, 2); a non-digit RBI has
    // no delay.
    const std::string_view imei = facts.imei.imei_norm;
    int delay = 0;
    if (imei.size() >= 2 && IsDigit(imei[0]) && IsDigit(imei[1])) {
      delay = delays_[(imei[0] - '0') * 10 + (imei[1] - '0')];
    }
    if (outcome->record_evidence) outcome->Add("rbi", std::string(imei.substr(0, 2)));
    outcome->Add("delay_days", delay);
    if (!facts.first_seen_ever) return;  // never seen on the network: nothing is late
    const Date due{facts.first_seen_ever->days + delay};
    outcome->Add("first_seen", *facts.first_seen_ever);
    outcome->Add("due_date", due);
    outcome->Add("curr_date", context.curr_date());
    // DIRBS: first_seen + delay < analysis date.
    outcome->matched = due < context.curr_date();
  }

  std::string Explain(const DimensionOutcome& outcome) const override {
    const std::string tac = TextEvidence(outcome, "tac");
    if (IntEvidence(outcome, "in_gsma"))
      return fmt::format("TAC {} is in the GSMA TAC database", tac);
    if (outcome.Find("first_seen") == nullptr) {
      return fmt::format("TAC {} is not in the GSMA TAC database, but the IMEI was never seen",
                         tac);
    }
    return fmt::format(
        "TAC {} is not in the GSMA TAC database; first seen {} + {} days allowed for RBI {} = {} "
        "{} {}",
        tac, TextEvidence(outcome, "first_seen"), IntEvidence(outcome, "delay_days"),
        TextEvidence(outcome, "rbi"), TextEvidence(outcome, "due_date"),
        outcome.matched ? "<" : ">=", TextEvidence(outcome, "curr_date"));
  }

 private:
  static bool IsDigit(char c) { return c >= '0' && c <= '9'; }
  int delays_[100] = {};
};

}  // namespace

DimensionResult MakeGsmaNotFound(const DimensionParams& params) {
  std::map<std::string, int> delays;
  if (!params.Bool("ignore_rbi_delays")) {
    delays = DefaultRbiDelays();
    for (const auto& [rbi, days] : params.RbiDelays()) {
      if (days > kMaxPeriodDays) {
        return InvalidInputError(fmt::format(
            "dimension gsma_not_found: per_rbi_delays {} must be at most {} days (got {})", rbi,
            kMaxPeriodDays, days));
      }
      delays[rbi] = static_cast<int>(days);
    }
  }
  return std::unique_ptr<Dimension>(std::make_unique<GsmaNotFound>(std::move(delays)));
}

}  // namespace openceir::classify::internal
