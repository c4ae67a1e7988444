#include "openceir/observe/quality_checks.h"

#include <fmt/format.h>

#include <algorithm>
#include <array>

namespace openceir::observe {
namespace {

constexpr std::array<std::string_view, 17> kNames = {"null_imei",
                                                     "null_imsi",
                                                     "null_msisdn",
                                                     "null_rat",
                                                     "null_combined",
                                                     "unclean_imei",
                                                     "unclean_imsi",
                                                     "unclean_combined",
                                                     "out_of_region_imsi",
                                                     "out_of_region_msisdn",
                                                     "out_of_region_combined",
                                                     "non_home_network",
                                                     "leading_zero_majority",
                                                     "leading_zero_gsma",
                                                     "historic_imei",
                                                     "historic_imsi",
                                                     "historic_msisdn"};

double Ratio(std::int64_t part, std::int64_t whole) {
  return whole == 0 ? 0.0 : static_cast<double>(part) / static_cast<double>(whole);
}

class Checks {
 public:
  explicit Checks(const std::set<std::string>& disabled) : disabled_(disabled) {}

  // A ratio of rows that must not exceed `threshold`.
  void Maximum(std::string_view name, std::int64_t part, std::int64_t whole, double threshold,
               std::string_view what) {
    QualityCheck& c = Add(name, threshold);
    c.measured = Ratio(part, whole);
    c.detail = fmt::format("{} of {} {} ({:.2f}%), limit {:.2f}%", part, whole, what,
                           100 * c.measured, 100 * threshold);
    c.passed = !c.enabled || c.measured <= threshold;
  }

  QualityCheck& NotApplicable(std::string_view name, double threshold, std::string detail) {
    QualityCheck& c = Add(name, threshold);
    c.applicable = false;
    c.detail = std::move(detail);
    return c;
  }

  QualityCheck& Add(std::string_view name, double threshold) {
    QualityCheck& c = checks_.emplace_back();
    c.name = std::string(name);
    c.threshold = threshold;
    c.enabled = disabled_.count(c.name) == 0;
    return c;
  }

  std::vector<QualityCheck> Take() { return std::move(checks_); }

 private:
  const std::set<std::string>& disabled_;
  std::vector<QualityCheck> checks_;
};

}  // namespace

std::span<const std::string_view> QualityCheckNames() { return kNames; }

bool IsQualityCheckName(std::string_view name) {
  return std::find(kNames.begin(), kNames.end(), name) != kNames.end();
}

std::vector<QualityCheck> EvaluateQualityChecks(const QualityInputs& inputs,
                                                const config::OperatorDataThresholds& limits,
                                                const std::set<std::string>& disabled) {
  const QualityCounts& q = *inputs.counts;
  const std::int64_t rows = q.rows;
  Checks checks(disabled);
  checks.Maximum("null_imei", q.null_imei, rows, limits.null_imei, "rows have no IMEI");
  checks.Maximum("null_imsi", q.null_imsi, rows, limits.null_imsi, "rows have no IMSI");
  checks.Maximum("null_msisdn", q.null_msisdn, rows, limits.null_msisdn, "rows have no MSISDN");
  if (inputs.has_rat_column) {
    checks.Maximum("null_rat", q.null_rat, rows, limits.null_rat, "rows have no RAT");
  } else {
    checks.NotApplicable("null_rat", limits.null_rat, "the file has no rat column");
  }
  checks.Maximum("null_combined", q.null_combined, rows, limits.null_combined,
                 "rows miss an IMEI, IMSI or MSISDN");
  checks.Maximum("unclean_imei", q.unclean_imei, rows, limits.unclean_imei,
                 "rows have an IMEI whose imei_norm is not 14 digits");
  checks.Maximum("unclean_imsi", q.unclean_imsi, rows, limits.unclean_imsi,
                 "rows have an IMSI that is not 14-15 digits");
  checks.Maximum("unclean_combined", q.unclean_combined, rows, limits.unclean_combined,
                 "rows have an unclean IMEI or IMSI");
  checks.Maximum("out_of_region_imsi", q.out_of_region_imsi, rows, limits.out_of_region_imsi,
                 "rows have an IMSI whose MCC is not the region's");
  checks.Maximum("out_of_region_msisdn", q.out_of_region_msisdn, rows, limits.out_of_region_msisdn,
                 "rows have an MSISDN without a country code of the region");
  checks.Maximum("out_of_region_combined", q.out_of_region_combined, rows,
                 limits.out_of_region_combined, "rows have an out-of-region IMSI or MSISDN");
  checks.Maximum("non_home_network", q.non_home_network, rows, limits.non_home_network,
                 "rows have an IMSI of another network than the operator's");

  // Missing leading zero: an operator that strips leading zeros turns 01xxxxxx TACs into
  // 1xxxxxxx ones, so its files have more IMEIs starting with 1 than with 0 ...
  checks.Maximum("leading_zero_majority", q.imei_starts_1, q.imei_starts_0 + q.imei_starts_1,
                 limits.leading_zero_suspect, "IMEIs starting with 0 or 1 start with 1");
  // ... and its 1-prefixed IMEIs mostly carry a real TAC once the zero is put back.
  if (inputs.gsma_shifted_matches) {
    checks.Maximum("leading_zero_gsma", *inputs.gsma_shifted_matches, q.imei_starts_1,
                   limits.leading_zero_suspect,
                   "14-digit IMEIs starting with 1 name a GSMA TAC when read with a leading 0");
  } else {
    checks.NotApplicable(
        "leading_zero_gsma", limits.leading_zero_suspect,
        q.imei_starts_1 == 0 ? "no IMEI starts with 1" : "the GSMA TAC list was not consulted");
  }

  // Volume against history: the file's daily distinct counts against the recent average.
  struct Historic {
    std::string_view name;
    double file;
    double history;
    double threshold;
  };
  for (const Historic& h :
       {Historic{"historic_imei", inputs.file.imeis, inputs.history.imeis, limits.historic_imei},
        Historic{"historic_imsi", inputs.file.imsis, inputs.history.imsis, limits.historic_imsi},
        Historic{"historic_msisdn", inputs.file.msisdns, inputs.history.msisdns,
                 limits.historic_msisdn}}) {
    if (inputs.history.days < limits.historic_min_days || h.history <= 0) {
      checks.NotApplicable(h.name, h.threshold,
                           fmt::format("{} days of history, {} needed", inputs.history.days,
                                       limits.historic_min_days));
      continue;
    }
    QualityCheck& c = checks.Add(h.name, h.threshold);
    c.minimum = true;
    c.measured = h.file / h.history;
    c.detail = fmt::format(
        "{:.0f} distinct per day in the file against {:.0f} per day over the last {} days "
        "(ratio {:.3f}, minimum {:.3f})",
        h.file, h.history, inputs.history.days, c.measured, h.threshold);
    c.passed = !c.enabled || c.measured >= h.threshold;
  }
  return checks.Take();
}

}  // namespace openceir::observe
