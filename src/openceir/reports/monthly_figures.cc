#include "openceir/reports/monthly_figures.h"

#include <algorithm>
#include <tuple>

namespace openceir::reports {
namespace {

std::size_t BucketOf(std::int64_t count) {
  return static_cast<std::size_t>(std::clamp<std::int64_t>(count, 0, kHistogramBuckets - 1));
}

}  // namespace

std::string HistogramLabel(int bucket) {
  std::string label = std::to_string(bucket);
  if (bucket == kHistogramBuckets - 1) label += '+';
  return label;
}

MonthlyAggregator::MonthlyAggregator(std::string operator_id, const ComplianceIndex* compliance,
                                     const ModelCatalog* models, std::size_t top_models)
    : compliance_(compliance),
      models_(models),
      top_models_(top_models),
      imeis_per_model_(models->model_count(), 0) {
  figures_.operator_id = std::move(operator_id);
  for (const store::ConditionSpec& spec : compliance->conditions()) {
    ConditionFigures condition;
    condition.label = spec.label;
    condition.reason = spec.reason;
    condition.blocking = spec.blocking;
    figures_.conditions.push_back(std::move(condition));
  }
}

void MonthlyAggregator::Add(const store::ImeiSummary& summary) {
  const auto pairs = static_cast<std::int64_t>(summary.distinct_imsis);
  ++figures_.imeis;
  figures_.imei_imsi_pairs += pairs;
  ++figures_.imsis_per_imei[BucketOf(summary.distinct_imsis)];
  // The summary's IMSIs and MSISDNs are distinct within the IMEI, so counting one per IMEI
  // gives the distinct IMEIs of each IMSI.
  for (const store::ImsiSeen& imsi : summary.imsis) imeis_per_imsi_.Add(imsi.imsi);
  for (const std::string& msisdn : summary.msisdns) msisdns_.Add(msisdn);

  ImeiStanding standing = compliance_->Find(summary.imei_norm);
  const auto kind = static_cast<std::size_t>(standing.compliance);
  ++figures_.compliance.imeis[kind];
  figures_.compliance.imei_imsi_pairs[kind] += pairs;
  for (const MatchedCondition& match : standing.conditions) {
    ConditionFigures& condition = figures_.conditions[match.condition];
    ++condition.imeis;
    condition.imei_imsi_pairs += pairs;
    if (condition.blocking && !standing.golden)
      ++(match.due ? condition.blocked : condition.notified);
  }

  std::optional<std::uint32_t> model = models_->ModelOf(summary.imei_norm);
  if (model) {
    ++figures_.imeis_in_gsma;
    ++imeis_per_model_[*model];
  } else {
    ++figures_.imeis_not_in_gsma;
  }
}

ScopeFigures MonthlyAggregator::Finish(std::vector<DailyFigures> daily) {
  ScopeFigures figures = std::move(figures_);
  figures.daily = std::move(daily);
  figures.imsis = imeis_per_imsi_.size();
  figures.msisdns = msisdns_.size();
  imeis_per_imsi_.ForEach(
      [&](const std::string&, std::uint32_t imeis) { ++figures.imeis_per_imsi[BucketOf(imeis)]; });

  std::vector<std::uint32_t> seen;
  for (std::uint32_t id = 0; id < imeis_per_model_.size(); ++id) {
    if (imeis_per_model_[id] > 0) seen.push_back(id);
  }
  figures.models_seen = static_cast<std::int64_t>(seen.size());
  auto more_first = [&](std::uint32_t a, std::uint32_t b) {
    const DeviceModel& ma = models_->model(a);
    const DeviceModel& mb = models_->model(b);
    return std::tie(imeis_per_model_[b], ma.brand, ma.model) <
           std::tie(imeis_per_model_[a], mb.brand, mb.model);
  };
  std::size_t top = std::min(top_models_, seen.size());
  std::partial_sort(seen.begin(), seen.begin() + static_cast<std::ptrdiff_t>(top), seen.end(),
                    more_first);
  for (std::size_t i = 0; i < top; ++i) {
    const DeviceModel& model = models_->model(seen[i]);
    figures.top_models.push_back({model.brand, model.model, imeis_per_model_[seen[i]]});
  }
  figures_ = ScopeFigures{};
  return figures;
}

}  // namespace openceir::reports
