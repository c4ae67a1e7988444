// impossible_travel (OpenCEIR): the events import recorded travel evidence for the IMEI (two
// subscribers at places too far apart for the time between them, events/travel_detector.h), and
// at least one such hop in the look-back window is faster than max_speed_kmh over at least
// min_distance_km. The import keeps only hops past its own thresholds, so these parameters can
// only make the rule stricter than the import was.
#include <fmt/format.h>

#include "openceir/classify/windowed_dimension.h"

namespace openceir::classify::internal {
namespace {

class ImpossibleTravel final : public Dimension {
 public:
  ImpossibleTravel(double max_speed_kmh, double min_distance_km, int lookback_days)
      : max_speed_kmh_(max_speed_kmh),
        min_distance_km_(min_distance_km),
        lookback_days_(lookback_days) {}

  std::string_view module() const override { return "impossible_travel"; }
  // Reads travel evidence from the context, not the summary.
  std::optional<store::DateWindow> Window(Date) const override { return std::nullopt; }
  void AddNeeds(Date curr_date, ContextNeeds* needs) const override {
    ContextNeeds mine;
    mine.travel_window = WindowOfDays(curr_date, lookback_days_);
    needs->Merge(mine);
  }

  void Evaluate(const ClassifyContext& context, const ImeiFacts& facts,
                DimensionOutcome* outcome) const override {
    outcome->Reset();
    const store::DateWindow window = WindowOfDays(context.curr_date(), lookback_days_);
    std::int64_t hops = 0;
    const store::TravelEvidence* fastest = nullptr;
    for (const store::TravelEvidence& evidence : context.TravelEvidenceOf(facts.imei.imei_norm)) {
      const Date day = DateFromUnixSeconds(evidence.second.time);
      if (day < window.first || day > window.last) continue;
      if (evidence.speed_kmh <= max_speed_kmh_ || evidence.distance_km < min_distance_km_) {
        continue;
      }
      ++hops;
      if (fastest == nullptr || evidence.speed_kmh > fastest->speed_kmh) fastest = &evidence;
    }
    outcome->Add("impossible_hops", hops);
    outcome->Add("max_speed_kmh", max_speed_kmh_);
    outcome->Add("min_distance_km", min_distance_km_);
    outcome->Add("window_first", window.first);
    outcome->Add("window_last", window.last);
    if (fastest != nullptr) {
      outcome->Add("fastest_speed_kmh", fastest->speed_kmh);
      outcome->Add("fastest_distance_km", fastest->distance_km);
      outcome->Add("fastest_from_cell", fastest->first.cell_id);
      outcome->Add("fastest_to_cell", fastest->second.cell_id);
      outcome->Add("fastest_from_time", fastest->first.time);
      outcome->Add("fastest_to_time", fastest->second.time);
    }
    outcome->matched = hops > 0;
  }

  std::string Explain(const DimensionOutcome& outcome) const override {
    const std::string window =
        TextEvidence(outcome, "window_first") + ".." + TextEvidence(outcome, "window_last");
    if (!outcome.matched) {
      return fmt::format("no hop faster than {} km/h over {} km or more in {}", max_speed_kmh_,
                         min_distance_km_, window);
    }
    return fmt::format(
        "{} hop(s) faster than {} km/h in {}; fastest {} km in {} s ({} km/h) from cell {} to "
        "cell {}",
        IntEvidence(outcome, "impossible_hops"), max_speed_kmh_, window,
        TextEvidence(outcome, "fastest_distance_km"),
        IntEvidence(outcome, "fastest_to_time") - IntEvidence(outcome, "fastest_from_time"),
        TextEvidence(outcome, "fastest_speed_kmh"), TextEvidence(outcome, "fastest_from_cell"),
        TextEvidence(outcome, "fastest_to_cell"));
  }

 private:
  double max_speed_kmh_;
  double min_distance_km_;
  int lookback_days_;
};

}  // namespace

DimensionResult MakeImpossibleTravel(const DimensionParams& params) {
  OPENCEIR_ASSIGN_OR_RETURN(int lookback, BoundedInt(params, "lookback_days", kMaxPeriodDays));
  return std::unique_ptr<Dimension>(std::make_unique<ImpossibleTravel>(
      params.Real("max_speed_kmh"), params.Real("min_distance_km"), lookback));
}

}  // namespace openceir::classify::internal
