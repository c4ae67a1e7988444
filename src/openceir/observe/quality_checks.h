// The data-quality checks of operator data (DIRBS's, plus the missing-leading-zero checks):
// each measures a ratio, compares it with its threshold from config::OperatorDataThresholds,
// and can be disabled by name. A file failing any enabled check is rejected.
#pragma once

#include <cstdint>
#include <optional>
#include <set>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "openceir/config/config.h"
#include "openceir/observe/operator_row_parser.h"

namespace openceir::observe {

struct QualityCheck {
  std::string name;        // one of QualityCheckNames()
  bool enabled = true;     // false: disabled by the caller, never fails
  bool applicable = true;  // false: nothing to measure (no rat column, too little history)
  bool passed = true;
  double measured = 0;   // the ratio measured
  double threshold = 0;  // the configured limit
  bool minimum = false;  // true: measured must be >= threshold (history); else <= threshold
  std::string detail;    // how it was measured, for a person
};

// Every check name, in report order: null_imei, null_imsi, null_msisdn, null_rat,
// null_combined, unclean_imei, unclean_imsi, unclean_combined, out_of_region_imsi,
// out_of_region_msisdn, out_of_region_combined, non_home_network, leading_zero_majority,
// leading_zero_gsma, historic_imei, historic_imsi, historic_msisdn.
std::span<const std::string_view> QualityCheckNames();
bool IsQualityCheckName(std::string_view name);

// Daily averages of distinct values: of this file (over the days it has rows for), and of the
// operator's recent history (over `days` days with counts).
struct VolumeAverages {
  int days = 0;
  double imeis = 0;
  double imsis = 0;
  double msisdns = 0;
};

struct QualityInputs {
  const QualityCounts* counts = nullptr;
  bool has_rat_column = false;
  // 1-prefixed 14-digit IMEIs whose TAC with a leading 0 is in the GSMA TAC list; nullopt when
  // not looked up (no 1-prefixed IMEI, or the check is disabled).
  std::optional<std::int64_t> gsma_shifted_matches;
  VolumeAverages file;
  VolumeAverages history;
};

std::vector<QualityCheck> EvaluateQualityChecks(const QualityInputs& inputs,
                                                const config::OperatorDataThresholds& limits,
                                                const std::set<std::string>& disabled);

}  // namespace openceir::observe
