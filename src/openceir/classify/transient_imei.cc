// transient_imei (DIRBS): an IMEI cycling through many MSISDNs in sequence on one operator, the
// mark of a SIM box. README.md states the exact rule and where it departs from DIRBS.
//
// Malformed values never stop it: the IMEI is never converted to a number (DIRBS casts
// imei_norm to bigint, so one IMEI with a hex letter aborts the whole classification), and an
// MSISDN that is not clean digits is simply not one of the sequence.
#include <fmt/format.h>

#include <algorithm>
#include <vector>

#include "openceir/classify/windowed_dimension.h"
#include "openceir/identifiers/subscriber.h"

namespace openceir::classify::internal {
namespace {

class TransientImei final : public WindowedDimension {
 public:
  TransientImei(int period, int num_msisdns)
      : WindowedDimension("transient_imei", Period{period, 0}, 0),
        period_(period),
        num_msisdns_(num_msisdns) {}

  void Evaluate(const ClassifyContext& context, const ImeiFacts& facts,
                DimensionOutcome* outcome) const override {
    outcome->Reset();
    const store::ImeiSummary* summary = facts.summary;
    if (!outcome->record_evidence &&
        (summary == nullptr || summary->operators.size() != 1 || summary->msisdns.size() < 2 ||
         summary->imsi_days / period_ < num_msisdns_)) {
      outcome->matched = false;  // the fast pass: one operator, two MSISDNs, the average needed
      return;
    }
    // Scratch reused across IMEIs on this thread: no allocation per IMEI once warm.
    thread_local std::vector<std::uint64_t> numbers;
    numbers.clear();
    if (summary != nullptr) {
      for (const std::string& msisdn : summary->msisdns) {
        if (!identifiers::IsCleanMsisdn(msisdn, context.msisdn_min_digits(),
                                        context.msisdn_max_digits())) {
          continue;
        }
        std::uint64_t value = 0;
        for (char c : msisdn) value = value * 10 + static_cast<std::uint64_t>(c - '0');
        numbers.push_back(value);
      }
    }
    std::sort(numbers.begin(), numbers.end());
    numbers.erase(std::unique(numbers.begin(), numbers.end()), numbers.end());
    // Sequential: at least two MSISDNs, all consecutive steps equal.
    bool sequential = numbers.size() >= 2;
    const std::uint64_t step = sequential ? numbers[1] - numbers[0] : 0;
    for (std::size_t i = 2; sequential && i < numbers.size(); ++i) {
      sequential = numbers[i] - numbers[i - 1] == step;
    }
    const std::int64_t operators = summary == nullptr ? 0 : std::ssize(summary->operators);
    // Subscriber-days: DIRBS sums MSISDN-days; summaries keep days per IMSI (one SIM = one IMSI
    // and one MSISDN, so the two agree for the SIMs of a SIM box).
    const std::int64_t subscriber_days = summary == nullptr ? 0 : summary->imsi_days;
    const std::int64_t average = subscriber_days / period_;  // integer division, as DIRBS

    outcome->Add("distinct_msisdns", static_cast<std::int64_t>(numbers.size()));
    outcome->Add("sequential", sequential ? 1 : 0);
    if (sequential) outcome->Add("msisdn_step", static_cast<std::int64_t>(step));
    outcome->Add("operators", operators);
    outcome->Add("subscriber_days", subscriber_days);
    outcome->Add("period_days", period_);
    outcome->Add("daily_average", average);
    outcome->Add("num_msisdns", num_msisdns_);
    AddWindow(context, outcome);
    outcome->matched = sequential && operators == 1 && average >= num_msisdns_;
  }

  std::string Explain(const DimensionOutcome& outcome) const override {
    return fmt::format(
        "{} distinct MSISDNs ({}), on {} operator(s), {} subscriber-days / {} days = {} per day "
        "{} num_msisdns {} in {}",
        IntEvidence(outcome, "distinct_msisdns"),
        IntEvidence(outcome, "sequential")
            ? fmt::format("in sequence, step {}", IntEvidence(outcome, "msisdn_step"))
            : std::string("not in sequence"),
        IntEvidence(outcome, "operators"), IntEvidence(outcome, "subscriber_days"), period_,
        IntEvidence(outcome, "daily_average"),
        IntEvidence(outcome, "daily_average") >= num_msisdns_ ? ">=" : "<", num_msisdns_,
        WindowText(outcome));
  }

 private:
  int period_;
  int num_msisdns_;
};

}  // namespace

DimensionResult MakeTransientImei(const DimensionParams& params) {
  OPENCEIR_ASSIGN_OR_RETURN(int period, BoundedInt(params, "period", kMaxPeriodDays));
  OPENCEIR_ASSIGN_OR_RETURN(int num_msisdns, BoundedInt(params, "num_msisdns", 1'000'000));
  return std::unique_ptr<Dimension>(std::make_unique<TransientImei>(period, num_msisdns));
}

}  // namespace openceir::classify::internal
