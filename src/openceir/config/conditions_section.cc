// The `conditions` section: classification conditions, their dimensions and parameters.
#include <fmt/format.h>

#include <set>

#include "openceir/config/config_sections.h"
#include "openceir/config/did_you_mean.h"
#include "openceir/config/dimension_modules.h"

namespace openceir::config::internal {
namespace {

bool IsLabel(std::string_view label) {
  if (label.empty() || label.size() > 64) return false;
  for (char c : label) {
    if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_')) return false;
  }
  return true;
}

// gsma_not_found's per_rbi_delays: a mapping RBI -> days, flattened into `params`.
void ParseRbiDelays(ProblemSink& sink, const YAML::Node& node, const std::string& path,
                    std::string_view name, std::map<std::string, std::string>* params) {
  if (!node.IsMap()) {
    sink.Add(node, path, "must be a mapping of 2-digit RBI to days, e.g. {\"35\": 20}");
    return;
  }
  MapReader map(sink, node, path, {}, /*allow_any=*/true);
  for (const MapReader::Entry& entry : map.entries()) {
    std::string days_text;
    if (!ReadString(sink, entry.value, map.PathOf(entry.key), &days_text, "a number of days")) {
      continue;
    }
    std::string stored;
    if (std::optional<std::string> error = CheckRbiDelay(entry.key, days_text, &stored)) {
      sink.Add(entry.value, map.PathOf(entry.key), *error);
      continue;
    }
    (*params)[fmt::format("{}.{}", name, entry.key)] = stored;
  }
}

void ParseDimension(ProblemSink& sink, const YAML::Node& node, const std::string& path,
                    DimensionConfig* dimension) {
  if (!node.IsMap()) {
    const std::string example = node.IsScalar() ? node.Scalar().substr(0, 40) : "stolen_list";
    sink.Add(node, path, fmt::format("must be a mapping such as {{module: {}}}", example));
    return;
  }
  MapReader map(sink, node, path, {"module", "parameters", "invert"});
  map.Bool("invert", &dimension->invert);
  if (map.Require("module") == nullptr || !map.String("module", &dimension->module)) return;
  const ModuleSpec* module = FindModule(dimension->module);
  if (module == nullptr) {
    map.Problem("module", fmt::format("unknown module \"{}\"{}", dimension->module,
                                      DidYouMeanSuffix(dimension->module, ModuleNames())));
    return;
  }
  std::vector<std::string_view> names;
  for (const ParamSpec& spec : module->params) names.push_back(spec.name);
  const YAML::Node* params_node = map.Find("parameters");
  const std::string params_path = map.PathOf("parameters");
  if (params_node != nullptr && names.empty() && !params_node->IsNull() &&
      !(params_node->IsMap() && params_node->size() == 0)) {
    map.Problem("parameters", fmt::format("module \"{}\" takes no parameters", dimension->module));
    return;
  }
  const YAML::Node empty;
  MapReader params(sink, params_node != nullptr ? *params_node : empty, params_path, names);
  bool values_ok = true;
  for (const ParamSpec& spec : module->params) {
    const YAML::Node* value = params.Find(spec.name);
    if (value == nullptr) continue;
    const std::string param_path = params.PathOf(spec.name);
    if (spec.type == ParamType::kRbiDelays) {
      const std::size_t before = sink.problems().size();
      ParseRbiDelays(sink, *value, param_path, spec.name, &dimension->parameters);
      values_ok = values_ok && sink.problems().size() == before;
      continue;
    }
    std::string text;
    if (!ReadString(sink, *value, param_path, &text, "a single value")) {
      values_ok = false;
      continue;
    }
    std::string stored;
    if (std::optional<std::string> error = CheckParamValue(spec, text, &stored)) {
      sink.Add(*value, param_path, *error);
      values_ok = false;
      continue;
    }
    dimension->parameters[std::string(spec.name)] = stored;
  }
  if (!values_ok) return;  // cross-parameter rules only make sense on valid values
  for (const ParamRuleProblem& problem :
       CheckParamRulesAndFillDefaults(*module, &dimension->parameters)) {
    if (problem.parameter.empty()) {
      sink.Add(params_node != nullptr ? *params_node : node, params_path, problem.message);
    } else {
      params.Problem(problem.parameter, problem.message);
    }
  }
}

void ParseCondition(ProblemSink& sink, const YAML::Node& node, const std::string& path,
                    ConditionConfig* condition) {
  if (node.IsNull()) {
    sink.Add(node, path, "must be a mapping with label, dimensions and reason");
    return;
  }
  MapReader map(sink, node, path,
                {"label", "dimensions", "grace_period_days", "blocking", "sticky",
                 "amnesty_eligible", "reason", "max_allowed_matching_ratio"});
  if (!node.IsMap()) return;
  if (map.Require("label") != nullptr && map.String("label", &condition->label) &&
      !IsLabel(condition->label)) {
    map.Problem("label",
                fmt::format("\"{}\" is not a label (1-64 of a-z, 0-9, _)", condition->label));
  }
  if (const YAML::Node* dims = map.Require("dimensions")) {
    const std::string dims_path = map.PathOf("dimensions");
    const std::vector<YAML::Node> items = SequenceItems(sink, *dims, dims_path);
    if (items.empty() && (dims->IsNull() || dims->IsSequence())) {
      map.Problem("dimensions", "must list at least one dimension");
    }
    for (std::size_t i = 0; i < items.size(); ++i) {
      DimensionConfig dimension;
      ParseDimension(sink, items[i], IndexPath(dims_path, i), &dimension);
      condition->dimensions.push_back(std::move(dimension));
    }
  }
  map.IntAtLeast("grace_period_days", 0, &condition->grace_period_days);
  map.Bool("blocking", &condition->blocking);
  map.Bool("sticky", &condition->sticky);
  map.Bool("amnesty_eligible", &condition->amnesty_eligible);
  if (map.Require("reason") != nullptr && map.NonEmptyString("reason", &condition->reason) &&
      condition->reason.find('|') != std::string::npos) {
    map.Problem("reason", "must not contain '|' (reasons are joined with '|' in the lists)");
  }
  double ratio = 0;
  if (map.Real("max_allowed_matching_ratio", &ratio)) {
    if (ratio > 0 && ratio <= 1) {
      condition->max_allowed_matching_ratio = ratio;
    } else {
      map.Problem("max_allowed_matching_ratio",
                  fmt::format("must be a ratio above 0 and at most 1 (got {})", ratio));
    }
  }
}

}  // namespace

void ParseConditions(ProblemSink& sink, const YAML::Node& node,
                     std::vector<ConditionConfig>* conditions) {
  const std::vector<YAML::Node> items = SequenceItems(sink, node, "conditions");
  std::set<std::string> labels;
  for (std::size_t i = 0; i < items.size(); ++i) {
    ConditionConfig condition;
    const std::string path = IndexPath("conditions", i);
    ParseCondition(sink, items[i], path, &condition);
    if (!condition.label.empty() && !labels.insert(condition.label).second) {
      sink.Add(items[i], JoinPath(path, "label"),
               fmt::format("label \"{}\" is used by an earlier condition", condition.label));
    }
    conditions->push_back(std::move(condition));
  }
}

}  // namespace openceir::config::internal
