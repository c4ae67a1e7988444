#include "openceir/observe/quality_checks.h"

#include <gtest/gtest.h>

namespace openceir::observe {
namespace {

const QualityCheck& Find(const std::vector<QualityCheck>& checks, std::string_view name) {
  for (const QualityCheck& c : checks) {
    if (c.name == name) return c;
  }
  ADD_FAILURE() << "no check " << name;
  return checks.front();
}

// Every ratio check, with the counter it reads, just below and just above its threshold:
// 1000 rows, the threshold 0.05 (50 rows), measured 50 (passes: limits are inclusive) and 51.
TEST(QualityChecksTest, EachRatioCheckPassesAtItsThresholdAndFailsJustAbove) {
  struct Case {
    const char* name;
    std::int64_t QualityCounts::*field;
  };
  for (const Case& c :
       {Case{"null_imei", &QualityCounts::null_imei}, Case{"null_imsi", &QualityCounts::null_imsi},
        Case{"null_msisdn", &QualityCounts::null_msisdn},
        Case{"null_rat", &QualityCounts::null_rat},
        Case{"null_combined", &QualityCounts::null_combined},
        Case{"unclean_imei", &QualityCounts::unclean_imei},
        Case{"unclean_imsi", &QualityCounts::unclean_imsi},
        Case{"unclean_combined", &QualityCounts::unclean_combined},
        Case{"out_of_region_imsi", &QualityCounts::out_of_region_imsi},
        Case{"out_of_region_msisdn", &QualityCounts::out_of_region_msisdn},
        Case{"out_of_region_combined", &QualityCounts::out_of_region_combined},
        Case{"non_home_network", &QualityCounts::non_home_network}}) {
    config::OperatorDataThresholds limits;
    limits.null_imei = limits.null_imsi = limits.null_msisdn = limits.null_rat =
        limits.null_combined = limits.unclean_imei = limits.unclean_imsi = limits.unclean_combined =
            limits.out_of_region_imsi = limits.out_of_region_msisdn =
                limits.out_of_region_combined = limits.non_home_network = 0.05;
    for (std::int64_t measured : {50, 51}) {
      QualityCounts q;
      q.rows = 1000;
      q.*c.field = measured;
      QualityInputs inputs;
      inputs.counts = &q;
      inputs.has_rat_column = true;
      auto checks = EvaluateQualityChecks(inputs, limits, {});
      for (const QualityCheck& check : checks) {
        bool expect_pass = check.name != c.name || measured == 50;
        EXPECT_EQ(check.passed, expect_pass) << c.name << " " << measured << " " << check.name;
      }
      EXPECT_DOUBLE_EQ(Find(checks, c.name).measured, static_cast<double>(measured) / 1000.0);
      EXPECT_DOUBLE_EQ(Find(checks, c.name).threshold, 0.05);
      // Disabled, the same data passes.
      auto disabled = EvaluateQualityChecks(inputs, limits, {c.name});
      EXPECT_TRUE(Find(disabled, c.name).passed);
      EXPECT_FALSE(Find(disabled, c.name).enabled);
    }
  }
}

TEST(QualityChecksTest, NullRatIsNotApplicableWithoutARatColumn) {
  QualityCounts q;
  q.rows = 10;
  q.null_rat = 10;
  QualityInputs inputs;
  inputs.counts = &q;
  auto checks = EvaluateQualityChecks(inputs, {}, {});
  EXPECT_FALSE(Find(checks, "null_rat").applicable);
  EXPECT_TRUE(Find(checks, "null_rat").passed);
}

TEST(QualityChecksTest, LeadingZeroChecks) {
  config::OperatorDataThresholds limits;
  limits.leading_zero_suspect = 0.5;
  QualityCounts q;
  q.rows = 100;
  QualityInputs inputs;
  inputs.counts = &q;
  q.imei_starts_0 = 50;
  q.imei_starts_1 = 50;
  EXPECT_TRUE(Find(EvaluateQualityChecks(inputs, limits, {}), "leading_zero_majority").passed);
  q.imei_starts_0 = 49;
  q.imei_starts_1 = 51;
  EXPECT_FALSE(Find(EvaluateQualityChecks(inputs, limits, {}), "leading_zero_majority").passed);

  q.imei_starts_0 = 90;
  q.imei_starts_1 = 10;
  EXPECT_FALSE(Find(EvaluateQualityChecks(inputs, limits, {}), "leading_zero_gsma").applicable);
  inputs.gsma_shifted_matches = 5;
  EXPECT_TRUE(Find(EvaluateQualityChecks(inputs, limits, {}), "leading_zero_gsma").passed);
  inputs.gsma_shifted_matches = 6;
  const QualityCheck gsma = Find(EvaluateQualityChecks(inputs, limits, {}), "leading_zero_gsma");
  EXPECT_FALSE(gsma.passed);
  EXPECT_DOUBLE_EQ(gsma.measured, 0.6);
}

TEST(QualityChecksTest, VolumeAgainstHistoryNeedsMinimumDaysAndFailsBelowTheRatio) {
  config::OperatorDataThresholds limits;
  limits.historic_imei = limits.historic_imsi = limits.historic_msisdn = 0.9;
  limits.historic_min_days = 7;
  QualityCounts q;
  q.rows = 100;
  QualityInputs inputs;
  inputs.counts = &q;
  inputs.history = VolumeAverages{6, 1000, 1000, 1000};
  inputs.file = VolumeAverages{1, 100, 100, 100};
  auto few = EvaluateQualityChecks(inputs, limits, {});
  EXPECT_FALSE(Find(few, "historic_imei").applicable);
  EXPECT_TRUE(Find(few, "historic_imei").passed);

  inputs.history.days = 7;
  inputs.file = VolumeAverages{1, 900, 900, 900};
  auto at = EvaluateQualityChecks(inputs, limits, {});
  for (auto name : {"historic_imei", "historic_imsi", "historic_msisdn"}) {
    EXPECT_TRUE(Find(at, name).passed) << name;
    EXPECT_DOUBLE_EQ(Find(at, name).measured, 0.9);
  }
  inputs.file = VolumeAverages{1, 1000, 899, 1000};
  auto below = EvaluateQualityChecks(inputs, limits, {});
  EXPECT_TRUE(Find(below, "historic_imei").passed);
  EXPECT_FALSE(Find(below, "historic_imsi").passed);
  EXPECT_TRUE(Find(below, "historic_msisdn").passed);
  EXPECT_TRUE(
      Find(EvaluateQualityChecks(inputs, limits, {"historic_imsi"}), "historic_imsi").passed);
}

TEST(QualityChecksTest, NamesAreKnown) {
  EXPECT_EQ(QualityCheckNames().size(), 17u);
  EXPECT_TRUE(IsQualityCheckName("non_home_network"));
  EXPECT_FALSE(IsQualityCheckName("null"));
}

}  // namespace
}  // namespace openceir::observe
