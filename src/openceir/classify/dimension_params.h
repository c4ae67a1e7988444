// DimensionParams: a dimension's parameters checked against the module table
// (config/dimension_modules.h) and typed, with the module's defaults filled in. The loader has
// already checked a loaded configuration; this checks again so that a DimensionConfig built by
// hand (a test, a tool) cannot construct a dimension from a bad value.
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <string_view>

#include "openceir/base/status.h"
#include "openceir/config/config.h"
#include "openceir/config/dimension_modules.h"

namespace openceir::classify {

class DimensionParams {
 public:
  // Errors (kInvalidInput), each naming the module and parameter: an unknown module; a
  // parameter the module does not have; a value of the wrong type or below its bound; a missing
  // required parameter; a broken rule between parameters (period_days with period_months,
  // min_seen_days > period_days, ignore_rbi_delays with per_rbi_delays).
  static Result<DimensionParams> Check(const config::DimensionConfig& config);

  const config::ModuleSpec& module() const { return *module_; }
  bool Has(std::string_view name) const { return values_.count(std::string(name)) != 0; }
  // Typed values; require Has(name) (guaranteed for required and defaulted parameters).
  std::int64_t Int(std::string_view name) const;
  double Real(std::string_view name) const;
  bool Bool(std::string_view name) const;
  // per_rbi_delays: 2-digit RBI -> days.
  std::map<std::string, std::int64_t> RbiDelays() const;

 private:
  const config::ModuleSpec* module_ = nullptr;
  std::map<std::string, std::string> values_;
};

}  // namespace openceir::classify
