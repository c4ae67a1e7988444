// The dimension module table (DIRBS's modules with their parameters, plus OpenCEIR's own).
#include "openceir/config/dimension_modules.h"

#include <fmt/format.h>

#include "openceir/config/scalar_text.h"

namespace openceir::config {
namespace {

constexpr bool kRequired = true;
constexpr bool kOptional = false;

ParamSpec MakeParam(std::string_view name, ParamType type, std::optional<double> min,
                    bool min_exclusive, bool required, std::string_view default_text,
                    std::string_view help) {
  ParamSpec spec;
  spec.name = name;
  spec.type = type;
  spec.min = min;
  spec.min_exclusive = min_exclusive;
  spec.required = required;
  spec.default_text = default_text;
  spec.help = help;
  return spec;
}
// An integer >= min.
ParamSpec IntParam(std::string_view name, double min, bool required, std::string_view default_text,
                   std::string_view help) {
  return MakeParam(name, ParamType::kInt, min, false, required, default_text, help);
}
// A real > min (exclusive) or >= min.
ParamSpec RealParam(std::string_view name, double min, bool exclusive, bool required,
                    std::string_view default_text, std::string_view help) {
  return MakeParam(name, ParamType::kReal, min, exclusive, required, default_text, help);
}
ParamSpec BoolParam(std::string_view name, std::string_view default_text, std::string_view help) {
  return MakeParam(name, ParamType::kBool, std::nullopt, false, kOptional, default_text, help);
}

ParamSpec PeriodDays() {
  return IntParam("period_days", 1, kOptional, "",
                  "analysis window in days (give this or period_months)");
}
ParamSpec PeriodMonths() {
  return IntParam("period_months", 1, kOptional, "",
                  "analysis window in months (give this or period_days)");
}
ParamSpec UseMsisdn() { return BoolParam("use_msisdn", "false", "count MSISDNs instead of IMSIs"); }
ParamSpec MinSeenDays() {
  return IntParam("min_seen_days", 1, kRequired, "",
                  "skip IMEIs seen on fewer days than this in the window");
}
ParamSpec LookbackDays() {
  return IntParam("lookback_days", 1, kRequired, "",
                  "days looked back from the classification date");
}

std::vector<ModuleSpec> BuildModules() {
  std::vector<ModuleSpec> m;
  // DIRBS's modules, same names and parameters.
  m.push_back({"gsma_not_found",
               "dirbs",
               {BoolParam("ignore_rbi_delays", "false",
                          "match as soon as the TAC is missing, without RBI delays"),
                MakeParam("per_rbi_delays", ParamType::kRbiDelays, std::nullopt, false, kOptional,
                          "", "days to wait per 2-digit reporting body (RBI) before matching")},
               "TAC not in the GSMA TAC database"});
  m.push_back({"stolen_list", "dirbs", {}, "IMEI on the stolen list (confirmed entries)"});
  m.push_back({"duplicate_threshold",
               "dirbs",
               {IntParam("threshold", 1, kRequired, "",
                         "distinct IMSIs (or MSISDNs) at which an IMEI matches"),
                PeriodDays(), PeriodMonths(), UseMsisdn()},
               "IMEI seen with at least `threshold` subscribers in the window"});
  m.push_back({"duplicate_daily_avg",
               "dirbs",
               {RealParam("threshold", 0, true, kRequired, "",
                          "daily average of subscribers at which it matches"),
                PeriodDays(), PeriodMonths(), MinSeenDays(), UseMsisdn()},
               "IMEI's daily average of subscribers reaches `threshold`"});
  m.push_back({"daily_avg_uid",
               "dirbs",
               {RealParam("threshold", 0, true, kRequired, "",
                          "daily average of subscriber UIDs at which it matches"),
                PeriodDays(), PeriodMonths(), MinSeenDays()},
               "IMEI's daily average of registered subscriber UIDs reaches `threshold`"});
  m.push_back({"malformed_imei", "dirbs", {}, "IMEI not starting with 14 digits"});
  m.push_back({"not_on_registration_list", "dirbs", {}, "IMEI not on the registration list"});
  m.push_back({"inconsistent_rat", "dirbs", {}, "IMEI seen on a RAT its model does not support"});
  m.push_back({"used_by_local_subscriber",
               "dirbs",
               {LookbackDays()},
               "IMEI used with an IMSI of a home operator"});
  m.push_back({"used_by_international_roamer",
               "dirbs",
               {LookbackDays()},
               "IMEI used with an IMSI whose MCC is not the region's"});
  m.push_back({"used_by_local_non_member_roamer",
               "dirbs",
               {LookbackDays()},
               "IMEI used with a domestic IMSI of a non-member operator"});
  m.push_back({"used_by_dirbs_subscriber",
               "dirbs",
               {LookbackDays()},
               "IMEI used with an IMSI of a member operator"});
  m.push_back({"is_test_tac", "dirbs", {}, "TAC in the test range (00 1xxx ...)"});
  m.push_back({"exists_in_barred_list", "dirbs", {}, "IMEI on the barred list"});
  m.push_back({"is_barred_tac", "dirbs", {}, "TAC on the barred TAC list"});
  m.push_back({"exists_in_monitoring_list", "dirbs", {}, "IMEI on the monitoring list"});
  m.push_back({"not_on_association_list", "dirbs", {}, "IMEI not on the device association list"});
  m.push_back(
      {"transient_imei",
       "dirbs",
       {IntParam("period", 1, kRequired, "", "analysis window in days"),
        IntParam("num_msisdns", 1, kRequired, "", "average MSISDNs per day at which it matches")},
       "IMEI cycling through many MSISDNs in sequence on one operator"});
  // OpenCEIR's own modules.
  m.push_back(
      {"impossible_travel",
       "openceir",
       {RealParam("max_speed_kmh", 0, true, kOptional, "900",
                  "speed between two sightings above which they cannot be one device"),
        RealParam("min_distance_km", 0, false, kOptional, "100", "ignore hops shorter than this"),
        IntParam("lookback_days", 1, kOptional, "30", "days of events looked at")},
       "one IMEI seen at places too far apart for the time between (a clone)"});
  m.push_back({"concurrent_operators",
               "openceir",
               {IntParam("threshold", 2, kOptional, "2",
                         "distinct operators on one day at which it matches"),
                IntParam("period_days", 1, kOptional, "30", "analysis window in days")},
               "IMEI active on several operators on the same day"});
  m.push_back({"device_type_mismatch",
               "openceir",
               {},
               "device type or radio seen on the network contradicts the TAC's model"});
  m.push_back({"bad_check_digit", "openceir", {}, "15-digit IMEI whose Luhn check digit is wrong"});
  m.push_back({"not_type_approved", "openceir", {}, "TAC's model not type-approved in the region"});
  m.push_back(
      {"reported_by_peer",
       "openceir",
       {IntParam("min_reports", 1, kOptional, "1", "peer countries that must report the IMEI"),
        BoolParam("confirmed_only", "true", "count only confirmed (not provisional) peer reports")},
       "IMEI on a stolen or cloned list exchanged by a peer country"});
  return m;
}

std::string BoundText(const ParamSpec& spec) {
  if (!spec.min) return "";
  return fmt::format(" {} {}", spec.min_exclusive ? ">" : ">=", *spec.min);
}

}  // namespace

const std::vector<ModuleSpec>& KnownModules() {
  static const std::vector<ModuleSpec> kModules = BuildModules();
  return kModules;
}

const ModuleSpec* FindModule(std::string_view name) {
  for (const ModuleSpec& module : KnownModules()) {
    if (module.name == name) return &module;
  }
  return nullptr;
}

std::vector<std::string_view> ModuleNames() {
  std::vector<std::string_view> names;
  for (const ModuleSpec& module : KnownModules()) names.push_back(module.name);
  return names;
}

std::optional<std::string> CheckParamValue(const ParamSpec& spec, std::string_view text,
                                           std::string* stored) {
  switch (spec.type) {
    case ParamType::kBool: {
      std::optional<bool> value = ParseBoolText(text);
      if (!value) return fmt::format("must be true or false (got \"{}\")", text);
      *stored = *value ? "true" : "false";
      return std::nullopt;
    }
    case ParamType::kInt: {
      std::optional<std::int64_t> value = ParseIntText(text);
      const bool below = value && spec.min &&
                         (spec.min_exclusive ? static_cast<double>(*value) <= *spec.min
                                             : static_cast<double>(*value) < *spec.min);
      if (!value || below) {
        return fmt::format("must be an integer{} (got \"{}\")", BoundText(spec), text);
      }
      *stored = std::to_string(*value);
      return std::nullopt;
    }
    case ParamType::kReal: {
      std::optional<double> value = ParseRealText(text);
      const bool below =
          value && spec.min && (spec.min_exclusive ? *value <= *spec.min : *value < *spec.min);
      if (!value || below) {
        return fmt::format("must be a number{} (got \"{}\")", BoundText(spec), text);
      }
      *stored = std::string(text);
      return std::nullopt;
    }
    case ParamType::kRbiDelays: return std::string("must be a mapping of 2-digit RBI to days");
  }
  return std::string("unknown parameter type");
}

std::optional<std::string> CheckRbiDelay(std::string_view rbi, std::string_view days,
                                         std::string* stored_days) {
  if (!IsDigits(rbi, 2, 2)) return fmt::format("\"{}\" is not an RBI (2 digits)", rbi);
  std::optional<std::int64_t> value = ParseIntText(days);
  if (!value || *value < 0) {
    return fmt::format("must be an integer >= 0 days (got \"{}\")", days);
  }
  *stored_days = std::to_string(*value);
  return std::nullopt;
}

std::vector<ParamRuleProblem> CheckParamRulesAndFillDefaults(
    const ModuleSpec& module, std::map<std::string, std::string>* params) {
  std::vector<ParamRuleProblem> problems;
  auto has = [&](std::string_view name) {
    for (const auto& [key, value] : *params) {
      if (key == name || (key.size() > name.size() && key.compare(0, name.size(), name) == 0 &&
                          key[name.size()] == '.')) {
        return true;
      }
    }
    return false;
  };
  bool has_period_params = false;
  for (const ParamSpec& spec : module.params) {
    if (spec.name == "period_months") has_period_params = true;
    if (spec.required && !has(spec.name)) {
      problems.push_back(
          {"", fmt::format("missing required parameter \"{}\" ({})", spec.name, spec.help)});
    }
  }
  if (has_period_params) {
    const bool days = has("period_days");
    const bool months = has("period_months");
    if (days == months) {
      problems.push_back(
          {days ? "period_months" : "", "give exactly one of period_days and period_months"});
    }
    if (days && has("min_seen_days")) {
      const std::optional<std::int64_t> period = ParseIntText(params->at("period_days"));
      const std::optional<std::int64_t> seen = ParseIntText(params->at("min_seen_days"));
      if (period && seen && *seen > *period) {
        problems.push_back({"min_seen_days",
                            fmt::format("must not exceed period_days ({} > {})", *seen, *period)});
      }
    }
  }
  if (module.name == "gsma_not_found" && has("per_rbi_delays")) {
    auto it = params->find("ignore_rbi_delays");
    if (it != params->end() && it->second == "true") {
      problems.push_back({"ignore_rbi_delays", "cannot be true when per_rbi_delays is also given"});
    }
  }
  for (const ParamSpec& spec : module.params) {
    if (!spec.default_text.empty() && !has(spec.name)) {
      (*params)[std::string(spec.name)] = std::string(spec.default_text);
    }
  }
  return problems;
}

}  // namespace openceir::config
