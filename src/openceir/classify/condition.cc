#include "openceir/classify/condition.h"

#include <fmt/format.h>

#include <algorithm>

namespace openceir::classify {
namespace {

// List-membership modules: they can match an IMEI never seen on the network, so the IMEIs of
// their list join the classification universe (unless inverted).
std::uint32_t UniverseListOf(std::string_view module) {
  if (module == "stolen_list") return kNeedStolen;
  if (module == "exists_in_barred_list") return kNeedBarred;
  if (module == "exists_in_monitoring_list") return kNeedMonitoring;
  return 0;
}

int WindowIndex(std::vector<store::DateWindow>& windows, store::DateWindow window) {
  for (std::size_t i = 0; i < windows.size(); ++i) {
    if (windows[i].first == window.first && windows[i].last == window.last) {
      return static_cast<int>(i);
    }
  }
  windows.push_back(window);
  return static_cast<int>(windows.size()) - 1;
}

Result<std::optional<Date>> AmnestyBlockDate(const config::Config& config,
                                             const config::ConditionConfig& condition,
                                             Date curr_date) {
  if (!config.amnesty.enabled || !condition.amnesty_eligible) return std::optional<Date>();
  std::optional<Date> evaluation_end = ParseYyyymmdd(config.amnesty.evaluation_period_end_date);
  std::optional<Date> amnesty_end = ParseYyyymmdd(config.amnesty.amnesty_period_end_date);
  if (!evaluation_end || !amnesty_end || *amnesty_end < *evaluation_end) {
    return InvalidInputError(
        "amnesty: evaluation_period_end_date and amnesty_period_end_date must be YYYYMMDD "
        "days, the amnesty period ending last");
  }
  // After the evaluation period, new matches get the ordinary grace period; matches granted
  // amnesty earlier keep their block date (fixed at first match by the store).
  if (curr_date > *evaluation_end) return std::optional<Date>();
  return std::optional<Date>(*amnesty_end);
}

}  // namespace

bool IsCloningModule(std::string_view module) {
  return module == "duplicate_threshold" || module == "duplicate_daily_avg" ||
         module == "impossible_travel" || module == "concurrent_operators";
}

Result<ConditionSet> BuildConditions(const config::Config& config, Date curr_date,
                                     const DimensionDefaults& defaults) {
  ConditionSet set;
  std::vector<store::DateWindow> windows;
  for (const config::ConditionConfig& condition_config : config.conditions) {
    if (condition_config.dimensions.empty()) {
      return InvalidInputError(fmt::format("condition {}: no dimensions", condition_config.label));
    }
    Condition condition;
    condition.config = condition_config;
    std::optional<SkippedCondition> skipped;
    for (const config::DimensionConfig& dimension_config : condition_config.dimensions) {
      Result<std::unique_ptr<Dimension>> made = MakeDimension(dimension_config, defaults);
      if (!made.ok()) {
        if (made.status().code() != StatusCode::kFailedPrecondition) {
          return Status(made.status().code(),
                        fmt::format("condition {}: dimension {}: {}", condition_config.label,
                                    dimension_config.module, made.status().message()));
        }
        // MakeDimension's message names the module and the missing data.
        skipped = SkippedCondition{condition_config.label, made.status().message()};
        break;
      }
      ConditionDimension dimension;
      dimension.dimension = std::move(*made);
      dimension.invert = dimension_config.invert;
      dimension.evidence_prefix = dimension_config.module;
      int repeats = 0;
      for (const ConditionDimension& earlier : condition.dimensions) {
        repeats += earlier.dimension->module() == dimension_config.module;
      }
      if (repeats > 0) dimension.evidence_prefix += fmt::format("_{}", repeats + 1);
      condition.dimensions.push_back(std::move(dimension));
    }
    if (skipped) {
      set.skipped.push_back(std::move(*skipped));
      continue;
    }
    for (ConditionDimension& dimension : condition.dimensions) {
      if (auto window = dimension.dimension->Window(curr_date)) {
        dimension.window = WindowIndex(windows, *window);
      }
      dimension.dimension->AddNeeds(curr_date, &set.needs);
      if (!dimension.invert) {
        set.universe_lists |= UniverseListOf(dimension.dimension->module());
        condition.detects_cloning |= IsCloningModule(dimension.dimension->module());
      }
    }
    store::ConditionSpec& spec = condition.spec;
    spec.label = condition_config.label;
    spec.reason = condition_config.reason;
    spec.blocking = condition_config.blocking;
    spec.sticky = condition_config.sticky;
    spec.grace_period_days = condition_config.grace_period_days;
    spec.max_allowed_matching_ratio = condition_config.max_allowed_matching_ratio;
    OPENCEIR_ASSIGN_OR_RETURN(spec.amnesty_block_date,
                              AmnestyBlockDate(config, condition_config, curr_date));
    set.conditions.push_back(std::move(condition));
  }
  if (windows.empty()) windows.push_back(WindowOfDays(curr_date, defaults.history_days));
  // Widest first: windows end on the same day, so the earliest first day is the widest.
  std::vector<std::size_t> order(windows.size());
  for (std::size_t i = 0; i < order.size(); ++i) order[i] = i;
  std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) {
    return windows[a].first < windows[b].first;
  });
  std::vector<int> new_index(windows.size());
  for (std::size_t i = 0; i < order.size(); ++i) {
    set.windows.push_back(windows[order[i]]);
    new_index[order[i]] = static_cast<int>(i);
  }
  for (Condition& condition : set.conditions) {
    for (ConditionDimension& dimension : condition.dimensions) {
      if (dimension.window >= 0) {
        dimension.window = new_index[static_cast<std::size_t>(dimension.window)];
      }
    }
  }
  set.needs.parts |= set.universe_lists;
  return set;
}

bool ConditionMatches(const Condition& condition, const ClassifyContext& context,
                      const ImeiFactsByWindow& facts, DimensionOutcome* scratch) {
  scratch->record_evidence = false;
  for (const ConditionDimension& dimension : condition.dimensions) {
    dimension.dimension->Evaluate(context, facts.For(dimension.window), scratch);
    if (scratch->matched == dimension.invert) return false;
  }
  return true;
}

store::EvidenceField& EvidenceFields::Add() {
  if (size_ == fields_.size()) fields_.emplace_back();
  store::EvidenceField& field = fields_[size_++];
  field.name.clear();
  field.value.clear();
  return field;
}

void EvidenceFields::Add(std::string_view name, std::string_view value) {
  store::EvidenceField& field = Add();
  field.name.assign(name);
  field.value.assign(value);
}

void AppendConditionEvidence(const Condition& condition, const ClassifyContext& context,
                             const ImeiFactsByWindow& facts, DimensionOutcome* scratch,
                             EvidenceFields* evidence) {
  scratch->record_evidence = true;
  for (const ConditionDimension& dimension : condition.dimensions) {
    dimension.dimension->Evaluate(context, facts.For(dimension.window), scratch);
    const std::string& prefix = dimension.evidence_prefix;
    for (const EvidenceItem& item : scratch->evidence) {
      store::EvidenceField& field = evidence->Add();
      field.name.append(prefix).append(".").append(item.name);
      AppendEvidenceValue(item, field.value);
    }
    if (dimension.invert) {
      store::EvidenceField& field = evidence->Add();
      field.name.append(prefix).append(".inverted");
      field.value.assign("true");
    }
    store::EvidenceField& explain = evidence->Add();
    explain.name.append(prefix).append(".explain");
    if (dimension.invert) explain.value.assign("not: ");
    explain.value.append(dimension.dimension->Explain(*scratch));
  }
}

}  // namespace openceir::classify
