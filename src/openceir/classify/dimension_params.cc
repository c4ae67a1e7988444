#include "openceir/classify/dimension_params.h"

#include <fmt/format.h>

#include "openceir/config/scalar_text.h"

namespace openceir::classify {
namespace {

constexpr std::string_view kRbiPrefix = "per_rbi_delays.";

const config::ParamSpec* FindParam(const config::ModuleSpec& module, std::string_view name) {
  for (const config::ParamSpec& spec : module.params) {
    if (spec.name == name) return &spec;
  }
  return nullptr;
}

}  // namespace

Result<DimensionParams> DimensionParams::Check(const config::DimensionConfig& config) {
  const config::ModuleSpec* module = config::FindModule(config.module);
  if (module == nullptr) {
    return InvalidInputError(fmt::format("unknown dimension module \"{}\"", config.module));
  }
  DimensionParams params;
  params.module_ = module;
  for (const auto& [name, text] : config.parameters) {
    std::string stored;
    std::optional<std::string> problem;
    if (name.compare(0, kRbiPrefix.size(), kRbiPrefix) == 0 &&
        FindParam(*module, "per_rbi_delays") != nullptr) {
      problem =
          config::CheckRbiDelay(std::string_view(name).substr(kRbiPrefix.size()), text, &stored);
    } else if (const config::ParamSpec* spec = FindParam(*module, name); spec == nullptr) {
      return InvalidInputError(
          fmt::format("dimension {}: unknown parameter \"{}\"", config.module, name));
    } else {
      // A mapping parameter given as one value is refused with the mapping's rule.
      problem = config::CheckParamValue(*spec, text, &stored);
    }
    if (problem) {
      return InvalidInputError(
          fmt::format("dimension {}: parameter {} {}", config.module, name, *problem));
    }
    params.values_[name] = stored;
  }
  const std::vector<config::ParamRuleProblem> problems =
      config::CheckParamRulesAndFillDefaults(*module, &params.values_);
  if (!problems.empty()) {
    const config::ParamRuleProblem& first = problems.front();
    return InvalidInputError(first.parameter.empty()
                                 ? fmt::format("dimension {}: {}", config.module, first.message)
                                 : fmt::format("dimension {}: parameter {} {}", config.module,
                                               first.parameter, first.message));
  }
  return params;
}

std::int64_t DimensionParams::Int(std::string_view name) const {
  return config::ParseIntText(values_.at(std::string(name))).value_or(0);
}

double DimensionParams::Real(std::string_view name) const {
  return config::ParseRealText(values_.at(std::string(name))).value_or(0);
}

bool DimensionParams::Bool(std::string_view name) const {
  return config::ParseBoolText(values_.at(std::string(name))).value_or(false);
}

std::map<std::string, std::int64_t> DimensionParams::RbiDelays() const {
  std::map<std::string, std::int64_t> delays;
  for (const auto& [name, text] : values_) {
    if (name.compare(0, kRbiPrefix.size(), kRbiPrefix) != 0) continue;
    delays[name.substr(kRbiPrefix.size())] = config::ParseIntText(text).value_or(0);
  }
  return delays;
}

}  // namespace openceir::classify
