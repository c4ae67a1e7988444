// Duplicate (clone) dimensions on the IMEI's window summary: duplicate_threshold,
// duplicate_daily_avg, daily_avg_uid. As DIRBS, only valid identifiers count: IMSIs of 14-15
// digits, MSISDNs of the region's clean length.
#include <fmt/format.h>

#include <algorithm>
#include <bit>
#include <vector>

#include "openceir/classify/windowed_dimension.h"
#include "openceir/identifiers/subscriber.h"

namespace openceir::classify::internal {
namespace {

int PopCount(const std::vector<std::uint64_t>& bits) {
  int count = 0;
  for (std::uint64_t word : bits) count += std::popcount(word);
  return count;
}

void OrInto(std::vector<std::uint64_t>& into, const std::vector<std::uint64_t>& bits) {
  if (into.size() < bits.size()) into.resize(bits.size(), 0);
  for (std::size_t i = 0; i < bits.size(); ++i) into[i] |= bits[i];
}

// DIRBS's duplicate_threshold: distinct valid IMSIs (or MSISDNs) in the window >= threshold.
class DuplicateThreshold final : public WindowedDimension {
 public:
  DuplicateThreshold(Period period, int threshold, bool use_msisdn)
      : WindowedDimension("duplicate_threshold", period, 0),
        threshold_(threshold),
        use_msisdn_(use_msisdn) {}

  void Evaluate(const ClassifyContext& context, const ImeiFacts& facts,
                DimensionOutcome* outcome) const override {
    outcome->Reset();
    if (!outcome->record_evidence && facts.summary != nullptr) {
      // The fast pass: fewer distinct values than the threshold cannot reach it.
      const std::size_t distinct =
          use_msisdn_ ? facts.summary->msisdns.size() : facts.summary->imsis.size();
      if (static_cast<std::int64_t>(distinct) < threshold_) {
        outcome->matched = false;
        return;
      }
    }
    int count = 0;
    if (facts.summary != nullptr) {
      if (use_msisdn_) {
        for (const std::string& msisdn : facts.summary->msisdns) {
          count += identifiers::IsCleanMsisdn(msisdn, context.msisdn_min_digits(),
                                              context.msisdn_max_digits());
        }
      } else {
        for (const store::ImsiSeen& seen : facts.summary->imsis) {
          count += identifiers::IsCleanImsi(seen.imsi);
        }
      }
    }
    outcome->Add(use_msisdn_ ? "distinct_msisdns" : "distinct_imsis", count);
    outcome->Add("threshold", threshold_);
    AddWindow(context, outcome);
    outcome->matched = count >= threshold_;
  }

  std::string Explain(const DimensionOutcome& outcome) const override {
    const char* what = use_msisdn_ ? "MSISDNs" : "IMSIs";
    const std::int64_t count =
        IntEvidence(outcome, use_msisdn_ ? "distinct_msisdns" : "distinct_imsis");
    return fmt::format("{} distinct {} in {} {} threshold {}", count, what, WindowText(outcome),
                       outcome.matched ? ">=" : "<", threshold_);
  }

 private:
  int threshold_;
  bool use_msisdn_;
};

// Shared by duplicate_daily_avg and daily_avg_uid: an average of subscriber-days per day seen,
// over the days seen, skipping IMEIs seen on fewer than min_seen_days days.
class DailyAverage : public WindowedDimension {
 public:
  DailyAverage(std::string_view module, Period period, std::uint32_t parts, double threshold,
               int min_seen_days, std::string_view count_name)
      : WindowedDimension(module, period, parts),
        threshold_(threshold),
        min_seen_days_(min_seen_days),
        count_name_(count_name) {}

  std::string Explain(const DimensionOutcome& outcome) const override {
    const std::int64_t days = IntEvidence(outcome, "days_seen");
    if (days < min_seen_days_) {
      return fmt::format("seen on {} days in {}, fewer than min_seen_days {}", days,
                         WindowText(outcome), min_seen_days_);
    }
    return fmt::format("{} {} over {} days seen in {} = average {} {} threshold {}",
                       IntEvidence(outcome, count_name_), count_name_, days, WindowText(outcome),
                       TextEvidence(outcome, "average"), outcome.matched ? ">=" : "<", threshold_);
  }

 protected:
  // The fast pass's shortcut: the average of valid IMSI-days per day (counted over IMSIs of the
  // summary) is at most the number of IMSIs, and the days it counts are at most the days seen.
  bool CannotMatch(const store::ImeiSummary* summary) const {
    return summary != nullptr && (summary->days_seen < min_seen_days_ ||
                                  static_cast<double>(summary->imsis.size()) < threshold_);
  }

  void Decide(const ClassifyContext& context, std::int64_t subscriber_days, int days_seen,
              DimensionOutcome* outcome) const {
    const double average = days_seen == 0 ? 0.0 : static_cast<double>(subscriber_days) / days_seen;
    outcome->Add(count_name_, subscriber_days);
    outcome->Add("days_seen", days_seen);
    outcome->Add("average", average);
    outcome->Add("threshold", threshold_);
    outcome->Add("min_seen_days", min_seen_days_);
    AddWindow(context, outcome);
    outcome->matched = days_seen >= min_seen_days_ && days_seen > 0 && average >= threshold_;
  }

 private:
  double threshold_;
  int min_seen_days_;
  std::string_view count_name_;
};

// DIRBS's duplicate_daily_avg: IMSI-days / days seen, both over valid IMSIs only (a day with
// only null or unclean IMSIs is not a day seen here, as in DIRBS's query).
class DuplicateDailyAvg final : public DailyAverage {
 public:
  DuplicateDailyAvg(Period period, double threshold, int min_seen_days)
      : DailyAverage("duplicate_daily_avg", period, 0, threshold, min_seen_days, "imsi_days") {}

  void Evaluate(const ClassifyContext& context, const ImeiFacts& facts,
                DimensionOutcome* outcome) const override {
    outcome->Reset();
    if (!outcome->record_evidence && CannotMatch(facts.summary)) {
      outcome->matched = false;
      return;
    }
    std::int64_t imsi_days = 0;
    int days_seen = 0;
    if (facts.summary != nullptr) {
      const auto& imsis = facts.summary->imsis;
      const std::size_t words = imsis.empty() ? 0 : imsis.front().days.size();
      for (std::size_t w = 0; w < words; ++w) {
        std::uint64_t any = 0;
        for (const store::ImsiSeen& seen : imsis) {
          if (!identifiers::IsCleanImsi(seen.imsi) || w >= seen.days.size()) continue;
          imsi_days += std::popcount(seen.days[w]);
          any |= seen.days[w];
        }
        days_seen += std::popcount(any);
      }
    }
    Decide(context, imsi_days, days_seen, outcome);
  }
};

// DIRBS's daily_avg_uid: for the valid IMSIs registered on the subscribers list, UID-days (the
// days each distinct UID was seen through any of its IMSIs) / days any of them was seen.
class DailyAvgUid final : public DailyAverage {
 public:
  DailyAvgUid(Period period, double threshold, int min_seen_days)
      : DailyAverage("daily_avg_uid", period, kNeedSubscribers, threshold, min_seen_days,
                     "uid_days") {}

  void Evaluate(const ClassifyContext& context, const ImeiFacts& facts,
                DimensionOutcome* outcome) const override {
    outcome->Reset();
    // (uid key, days seen through its IMSIs); an IMEI has few IMSIs, so a flat vector.
    // Scratch reused across IMEIs on this thread: no allocation per IMEI once warm.
    thread_local std::vector<std::pair<std::uint64_t, std::vector<std::uint64_t>>> uid_days;
    thread_local std::vector<std::uint64_t> all_days;
    uid_days.clear();
    all_days.clear();
    if (facts.summary != nullptr) {
      for (const store::ImsiSeen& seen : facts.summary->imsis) {
        if (!identifiers::IsCleanImsi(seen.imsi)) continue;
        for (std::uint64_t uid : context.UidsOfImsi(seen.imsi)) {
          auto it = std::find_if(uid_days.begin(), uid_days.end(),
                                 [uid](const auto& entry) { return entry.first == uid; });
          if (it == uid_days.end()) {
            uid_days.emplace_back(uid, std::vector<std::uint64_t>());
            it = uid_days.end() - 1;
          }
          OrInto(it->second, seen.days);
          OrInto(all_days, seen.days);
        }
      }
    }
    std::int64_t total = 0;
    for (const auto& entry : uid_days) total += PopCount(entry.second);
    outcome->Add("distinct_uids", static_cast<std::int64_t>(uid_days.size()));
    Decide(context, total, PopCount(all_days), outcome);
  }
};

}  // namespace

DimensionResult MakeDuplicateThreshold(const DimensionParams& params) {
  OPENCEIR_ASSIGN_OR_RETURN(Period period, PeriodOf(params));
  OPENCEIR_ASSIGN_OR_RETURN(int threshold, BoundedInt(params, "threshold", 1'000'000));
  return std::unique_ptr<Dimension>(
      std::make_unique<DuplicateThreshold>(period, threshold, params.Bool("use_msisdn")));
}

DimensionResult MakeDuplicateDailyAvg(const DimensionParams& params) {
  if (params.Bool("use_msisdn")) {
    return FailedPreconditionError(
        "dimension duplicate_daily_avg: use_msisdn is not supported: the IMEI summaries keep the "
        "days each IMSI was seen, not each MSISDN, so MSISDN-days cannot be counted");
  }
  OPENCEIR_ASSIGN_OR_RETURN(Period period, PeriodOf(params));
  OPENCEIR_ASSIGN_OR_RETURN(int min_seen_days, BoundedInt(params, "min_seen_days", kMaxPeriodDays));
  return std::unique_ptr<Dimension>(
      std::make_unique<DuplicateDailyAvg>(period, params.Real("threshold"), min_seen_days));
}

DimensionResult MakeDailyAvgUid(const DimensionParams& params) {
  OPENCEIR_ASSIGN_OR_RETURN(Period period, PeriodOf(params));
  OPENCEIR_ASSIGN_OR_RETURN(int min_seen_days, BoundedInt(params, "min_seen_days", kMaxPeriodDays));
  return std::unique_ptr<Dimension>(
      std::make_unique<DailyAvgUid>(period, params.Real("threshold"), min_seen_days));
}

}  // namespace openceir::classify::internal
