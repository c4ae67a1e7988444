// concurrent_operators (OpenCEIR): the same IMEI active with the SIMs of `threshold` or more
// member operators on one day, and reported by that many operators in the window (a clone, or a
// device whose SIMs of different operators are swapped within a day).
//
// What the data allows: summaries keep the days of each IMSI and the set of reporting
// operators, not the days per reporting operator. The operator of an IMSI is the member whose
// MCC-MNC it carries (its home network, which serves it: national roaming is rare); IMSIs of
// no member operator (roamers) are not counted, since which network served them is unknown.
#include <fmt/format.h>

#include <bit>
#include <vector>

#include "openceir/classify/windowed_dimension.h"
#include "openceir/identifiers/subscriber.h"

namespace openceir::classify::internal {
namespace {

class ConcurrentOperators final : public WindowedDimension {
 public:
  ConcurrentOperators(int period_days, int threshold)
      : WindowedDimension("concurrent_operators", Period{period_days, 0}, 0),
        threshold_(threshold) {}

  void Evaluate(const ClassifyContext& context, const ImeiFacts& facts,
                DimensionOutcome* outcome) const override {
    outcome->Reset();
    const store::ImeiSummary* summary = facts.summary;
    const std::int64_t reporting = summary == nullptr ? 0 : std::ssize(summary->operators);
    if (!outcome->record_evidence && reporting < threshold_) {
      outcome->matched = false;  // the fast pass: too few operators reporting the IMEI
      return;
    }
    // Days active per member operator (through its IMSIs).
    // Scratch reused across IMEIs on this thread: no allocation per IMEI once warm.
    thread_local std::vector<std::vector<std::uint64_t>> days;
    days.resize(context.operator_count());
    for (auto& bits : days) bits.clear();
    std::size_t words = 0;
    if (summary != nullptr) {
      for (const store::ImsiSeen& seen : summary->imsis) {
        const int op = context.OperatorIndexOfImsi(seen.imsi);
        if (op < 0 || !identifiers::IsCleanImsi(seen.imsi)) continue;
        auto& bits = days[static_cast<std::size_t>(op)];
        if (bits.size() < seen.days.size()) bits.resize(seen.days.size(), 0);
        for (std::size_t w = 0; w < seen.days.size(); ++w) bits[w] |= seen.days[w];
        words = std::max(words, seen.days.size());
      }
    }
    std::int64_t concurrent_days = 0;
    int first_offset = -1;
    std::string first_operators;
    for (std::size_t w = 0; w < words; ++w) {
      std::uint64_t any = 0;
      for (const auto& bits : days) any |= w < bits.size() ? bits[w] : 0;
      for (std::uint64_t rest = any; rest != 0; rest &= rest - 1) {
        const int bit = std::countr_zero(rest);
        int active = 0;
        for (const auto& bits : days) active += w < bits.size() && ((bits[w] >> bit) & 1);
        if (active < threshold_) continue;
        ++concurrent_days;
        if (first_offset >= 0 || !outcome->record_evidence) continue;
        first_offset = static_cast<int>(w) * 64 + bit;
        for (std::size_t op = 0; op < days.size(); ++op) {
          if (w >= days[op].size() || ((days[op][w] >> bit) & 1) == 0) continue;
          if (!first_operators.empty()) first_operators.push_back('|');
          first_operators += context.operator_id(static_cast<int>(op));
        }
      }
    }
    outcome->Add("reporting_operators", reporting);
    outcome->Add("concurrent_days", concurrent_days);
    outcome->Add("threshold", threshold_);
    AddWindow(context, outcome);
    if (first_offset >= 0) {
      const store::DateWindow window = *Window(context.curr_date());
      outcome->Add("first_concurrent_day", Date{window.first.days + first_offset});
      outcome->Add("operators_that_day", std::move(first_operators));
    }
    outcome->matched = concurrent_days > 0 && reporting >= threshold_;
  }

  std::string Explain(const DimensionOutcome& outcome) const override {
    if (IntEvidence(outcome, "concurrent_days") == 0) {
      return fmt::format("never active with SIMs of {} or more operators on one day in {}",
                         threshold_, WindowText(outcome));
    }
    return fmt::format(
        "active with SIMs of {} or more operators on {} day(s) in {} (first {}: {}); reported "
        "by {} operator(s)",
        threshold_, IntEvidence(outcome, "concurrent_days"), WindowText(outcome),
        TextEvidence(outcome, "first_concurrent_day"), TextEvidence(outcome, "operators_that_day"),
        IntEvidence(outcome, "reporting_operators"));
  }

 private:
  int threshold_;
};

}  // namespace

DimensionResult MakeConcurrentOperators(const DimensionParams& params) {
  OPENCEIR_ASSIGN_OR_RETURN(int period, BoundedInt(params, "period_days", kMaxPeriodDays));
  OPENCEIR_ASSIGN_OR_RETURN(int threshold, BoundedInt(params, "threshold", 1000));
  return std::unique_ptr<Dimension>(std::make_unique<ConcurrentOperators>(period, threshold));
}

}  // namespace openceir::classify::internal
