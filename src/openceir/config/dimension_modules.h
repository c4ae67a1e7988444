// The classification dimension modules a condition may name, and each module's parameters.
//
// This table is the single source of truth for what `conditions[].dimensions[]` accepts: the
// config loader validates against it and the classification engine can read defaults from it.
// Pure data and functions; thread-safe.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace openceir::config {

enum class ParamType {
  kBool,       // true/false (stored "true"/"false")
  kInt,        // integer (stored in plain decimal)
  kReal,       // real number (stored as written)
  kRbiDelays,  // mapping of 2-digit RBI -> integer days >= 0 (flattened "name.RBI" -> "days")
};

struct ParamSpec {
  std::string_view name;
  ParamType type = ParamType::kBool;
  std::optional<double> min;   // inclusive lower bound (kInt, kReal)
  bool min_exclusive = false;  // the bound is exclusive instead
  bool required = false;
  std::string_view default_text;  // filled in when absent; empty = no default
  std::string_view help;          // one line for docs and errors
};

struct ModuleSpec {
  std::string_view name;
  std::string_view origin;  // "dirbs" (same meaning as DIRBS's module) or "openceir"
  std::vector<ParamSpec> params;
  std::string_view help;
};

// Every known module, DIRBS's first, in a fixed order.
const std::vector<ModuleSpec>& KnownModules();

// The module called `name`, or nullptr.
const ModuleSpec* FindModule(std::string_view name);

// The names of KnownModules(), for "did you mean" hints.
std::vector<std::string_view> ModuleNames();

// Checks one parameter value against its spec. Returns the error message ("must be an integer
// >= 1 (got \"0\")") or nullopt, and on success sets *stored to the text to keep. Not for
// kRbiDelays (use CheckRbiDelay per entry).
std::optional<std::string> CheckParamValue(const ParamSpec& spec, std::string_view text,
                                           std::string* stored);

// Checks one per_rbi_delays entry: RBI 2 digits, days integer >= 0.
std::optional<std::string> CheckRbiDelay(std::string_view rbi, std::string_view days,
                                         std::string* stored_days);

// A rule across one dimension's parameters that failed. `parameter` is the parameter the
// problem is reported at; empty for the parameters mapping as a whole.
struct ParamRuleProblem {
  std::string parameter;
  std::string message;
};

// Checks required parameters and the rules between parameters (exactly one of period_days and
// period_months; min_seen_days <= period_days; ignore_rbi_delays with per_rbi_delays), then
// fills in defaults for absent parameters. `params` holds the already value-checked parameters.
std::vector<ParamRuleProblem> CheckParamRulesAndFillDefaults(
    const ModuleSpec& module, std::map<std::string, std::string>* params);

}  // namespace openceir::config
