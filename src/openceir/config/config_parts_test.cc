// Tests of the loader's pure parts: scalar parsing, "did you mean" hints, the module table.
#include <gtest/gtest.h>

#include "openceir/config/did_you_mean.h"
#include "openceir/config/dimension_modules.h"
#include "openceir/config/scalar_text.h"

namespace openceir::config {
namespace {

TEST(ScalarTextTest, ParsesOnlyStrictForms) {
  EXPECT_EQ(ParseBoolText("True"), true);
  EXPECT_EQ(ParseBoolText("off"), false);
  EXPECT_EQ(ParseBoolText("1"), std::nullopt);
  EXPECT_EQ(ParseBoolText("tru"), std::nullopt);

  EXPECT_EQ(ParseIntText("-1"), -1);
  EXPECT_EQ(ParseIntText("+42"), 42);
  EXPECT_EQ(ParseIntText("9223372036854775807"), INT64_MAX);
  for (const char* bad : {"", "+", "1.0", "0x10", " 1", "1 ", "9223372036854775808", "1e3"}) {
    EXPECT_EQ(ParseIntText(bad), std::nullopt) << bad;
  }

  EXPECT_EQ(ParseRealText("0.5"), 0.5);
  EXPECT_EQ(ParseRealText(".25"), 0.25);
  EXPECT_EQ(ParseRealText("1e-3"), 0.001);
  EXPECT_EQ(ParseRealText("-1"), -1.0);
  for (const char* bad : {"", ".", "inf", "nan", "0x1p3", "1e999", "1,5", "--1", "e5"}) {
    EXPECT_EQ(ParseRealText(bad), std::nullopt) << bad;
  }

  EXPECT_TRUE(IsDigits("999", 3, 3));
  EXPECT_FALSE(IsDigits("99", 3, 3));
  EXPECT_FALSE(IsDigits("99a", 3, 3));
}

TEST(DidYouMeanTest, SuggestsCloseKeysOnly) {
  const std::vector<std::string_view> keys = {"country_codes", "mccs", "name", "operators"};
  struct Case {
    std::string_view word;
    std::string want;
  };
  const std::vector<Case> cases = {
      {"contry_codes", "country_codes"},
      {"mcc", "mccs"},
      {"Name", "name"},
      {"operator", "operators"},
      {"xyz", ""},
      {"", ""},
      {"regions", ""},
      {"nmae", "name"},
  };
  for (const Case& c : cases) EXPECT_EQ(ClosestMatch(c.word, keys), c.want) << c.word;
  EXPECT_EQ(EditDistance("kitten", "sitting"), 3u);
  EXPECT_EQ(EditDistance("nmae", "name"), 1u);
  EXPECT_EQ(EditDistance("", "abc"), 3u);
  EXPECT_EQ(DidYouMeanSuffix("mcc", keys), " (did you mean \"mccs\"?)");
}

TEST(DimensionModulesTest, KnowsDirbsAndOpenCeirModules) {
  for (std::string_view name : {"gsma_not_found",
                                "stolen_list",
                                "duplicate_threshold",
                                "duplicate_daily_avg",
                                "daily_avg_uid",
                                "malformed_imei",
                                "not_on_registration_list",
                                "inconsistent_rat",
                                "used_by_local_subscriber",
                                "used_by_international_roamer",
                                "used_by_local_non_member_roamer",
                                "used_by_dirbs_subscriber",
                                "is_test_tac",
                                "exists_in_barred_list",
                                "is_barred_tac",
                                "exists_in_monitoring_list",
                                "not_on_association_list",
                                "transient_imei",
                                "impossible_travel",
                                "concurrent_operators",
                                "device_type_mismatch",
                                "bad_check_digit",
                                "not_type_approved",
                                "reported_by_peer"}) {
    EXPECT_NE(FindModule(name), nullptr) << name;
  }
  EXPECT_EQ(KnownModules().size(), 24u);
  EXPECT_EQ(FindModule("nope"), nullptr);
}

TEST(DimensionModulesTest, ChecksParameterValues) {
  const ModuleSpec* module = FindModule("duplicate_daily_avg");
  ASSERT_NE(module, nullptr);
  const ParamSpec* threshold = &module->params[0];
  ASSERT_EQ(threshold->name, "threshold");
  std::string stored;
  EXPECT_EQ(CheckParamValue(*threshold, "0", &stored),
            std::optional<std::string>("must be a number > 0 (got \"0\")"));
  EXPECT_EQ(CheckParamValue(*threshold, "2.5", &stored), std::nullopt);
  EXPECT_EQ(stored, "2.5");
  EXPECT_EQ(CheckRbiDelay("35", "-1", &stored),
            std::optional<std::string>("must be an integer >= 0 days (got \"-1\")"));
}

TEST(DimensionModulesTest, ChecksRulesBetweenParameters) {
  const ModuleSpec* module = FindModule("duplicate_daily_avg");
  ASSERT_NE(module, nullptr);
  std::map<std::string, std::string> params = {
      {"threshold", "2"}, {"period_months", "1"}, {"min_seen_days", "40"}};
  EXPECT_TRUE(CheckParamRulesAndFillDefaults(*module, &params).empty());
  EXPECT_EQ(params.at("use_msisdn"), "false");

  params = {{"threshold", "2"}};
  std::vector<ParamRuleProblem> problems = CheckParamRulesAndFillDefaults(*module, &params);
  ASSERT_EQ(problems.size(), 2u);
  EXPECT_EQ(problems[0].message,
            "missing required parameter \"min_seen_days\" (skip IMEIs seen "
            "on fewer days than this in the window)");
  EXPECT_EQ(problems[1].message, "give exactly one of period_days and period_months");
}

}  // namespace
}  // namespace openceir::config
