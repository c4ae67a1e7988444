// MakeDimension: every module of the table builds or says why not; bad parameters are refused
// with the module and parameter named.
#include "openceir/classify/dimension_factory.h"

#include <gtest/gtest.h>

#include "openceir/config/dimension_modules.h"

namespace openceir::classify {
namespace {

config::DimensionConfig Config(std::string module, std::map<std::string, std::string> params) {
  config::DimensionConfig config;
  config.module = std::move(module);
  config.parameters = std::move(params);
  return config;
}

// Parameters that make each module with required parameters valid.
std::map<std::string, std::string> MinimalParams(std::string_view module) {
  if (module == "duplicate_threshold") return {{"threshold", "10"}, {"period_days", "30"}};
  if (module == "duplicate_daily_avg" || module == "daily_avg_uid") {
    return {{"threshold", "4.0"}, {"period_days", "30"}, {"min_seen_days", "5"}};
  }
  if (module.substr(0, 8) == "used_by_") return {{"lookback_days", "60"}};
  if (module == "transient_imei") return {{"period", "30"}, {"num_msisdns", "5"}};
  return {};
}

TEST(DimensionFactoryTest, BuildsEveryModuleWhoseDataExists) {
  for (const config::ModuleSpec& module : config::KnownModules()) {
    auto made = MakeDimension(Config(std::string(module.name), MinimalParams(module.name)));
    if (module.name == "not_type_approved" || module.name == "reported_by_peer") {
      ASSERT_FALSE(made.ok()) << module.name;
      EXPECT_EQ(made.status().code(), StatusCode::kFailedPrecondition) << module.name;
      continue;
    }
    ASSERT_TRUE(made.ok()) << module.name << ": " << made.status().ToString();
    EXPECT_EQ((*made)->module(), module.name);
  }
}

TEST(DimensionFactoryTest, RejectsUnknownModule) {
  auto made = MakeDimension(Config("gsma_not_fund", {}));
  ASSERT_FALSE(made.ok());
  EXPECT_EQ(made.status().code(), StatusCode::kInvalidInput);
  EXPECT_NE(made.status().message().find("gsma_not_fund"), std::string::npos);
}

TEST(DimensionFactoryTest, RejectsBadParametersNamingThem) {
  struct Case {
    std::string module;
    std::map<std::string, std::string> params;
    std::string expected;  // part of the message
  };
  const std::vector<Case> cases = {
      {"duplicate_threshold", {{"period_days", "30"}}, "missing required parameter \"threshold\""},
      {"duplicate_threshold", {{"threshold", "ten"}, {"period_days", "30"}}, "threshold"},
      {"duplicate_threshold", {{"threshold", "0"}, {"period_days", "30"}}, "threshold"},
      {"duplicate_threshold",
       {{"threshold", "10"}, {"period_days", "30"}, {"period_months", "1"}},
       "exactly one of period_days and period_months"},
      {"duplicate_threshold", {{"threshold", "10"}}, "exactly one of"},
      {"duplicate_threshold",
       {{"threshold", "10"}, {"period_days", "99999999"}},
       "period_days must be at most"},
      {"duplicate_daily_avg",
       {{"threshold", "2"}, {"period_days", "5"}, {"min_seen_days", "6"}},
       "min_seen_days"},
      {"stolen_list", {{"threshold", "1"}}, "unknown parameter \"threshold\""},
      {"gsma_not_found",
       {{"ignore_rbi_delays", "true"}, {"per_rbi_delays.35", "10"}},
       "ignore_rbi_delays"},
      {"gsma_not_found", {{"per_rbi_delays.3X", "10"}}, "RBI"},
      {"gsma_not_found", {{"per_rbi_delays.35", "-1"}}, "per_rbi_delays.35"},
      {"gsma_not_found", {{"per_rbi_delays", "20"}}, "mapping of 2-digit RBI"},
      {"gsma_not_found", {{"per_rbi_delays.35", "99999999"}}, "at most"},
      {"concurrent_operators", {{"threshold", "1"}}, "threshold"},
      {"impossible_travel", {{"max_speed_kmh", "0"}}, "max_speed_kmh"},
  };
  for (const Case& c : cases) {
    auto made = MakeDimension(Config(c.module, c.params));
    ASSERT_FALSE(made.ok()) << c.module << " " << c.expected;
    EXPECT_EQ(made.status().code(), StatusCode::kInvalidInput) << c.module;
    EXPECT_NE(made.status().message().find(c.expected), std::string::npos)
        << c.module << ": " << made.status().message();
    EXPECT_NE(made.status().message().find(c.module), std::string::npos) << c.module;
  }
}

TEST(DimensionFactoryTest, DuplicateDailyAvgByMsisdnSaysTheDataIsMissing) {
  auto made = MakeDimension(Config(
      "duplicate_daily_avg",
      {{"threshold", "2"}, {"period_days", "30"}, {"min_seen_days", "5"}, {"use_msisdn", "true"}}));
  ASSERT_FALSE(made.ok());
  EXPECT_EQ(made.status().code(), StatusCode::kFailedPrecondition);
  EXPECT_NE(made.status().message().find("MSISDN"), std::string::npos);
}

TEST(DimensionFactoryTest, WindowsEndTheDayBeforeTheClassificationDate) {
  auto made =
      MakeDimension(Config("duplicate_threshold", {{"threshold", "2"}, {"period_days", "30"}}));
  ASSERT_TRUE(made.ok());
  const Date curr = *ParseYyyymmdd("20261101");
  const auto window = (*made)->Window(curr);
  ASSERT_TRUE(window.has_value());
  EXPECT_EQ(FormatYyyymmdd(window->first), "20261002");
  EXPECT_EQ(FormatYyyymmdd(window->last), "20261031");
  EXPECT_EQ(window->days(), 30);

  auto months =
      MakeDimension(Config("duplicate_threshold", {{"threshold", "2"}, {"period_months", "1"}}));
  ASSERT_TRUE(months.ok());
  // One month before 31 March is 28 February (clamped), as dateutil's relativedelta.
  const auto clamped = (*months)->Window(*ParseYyyymmdd("20270331"));
  EXPECT_EQ(FormatYyyymmdd(clamped->first), "20270228");
  EXPECT_EQ(FormatYyyymmdd(clamped->last), "20270330");

  auto stolen = MakeDimension(Config("stolen_list", {}));
  EXPECT_FALSE((*stolen)->Window(curr).has_value());
}

TEST(DimensionFactoryTest, RejectsHistoryDaysOutOfRange) {
  DimensionDefaults defaults;
  defaults.history_days = 0;
  auto made = MakeDimension(Config("inconsistent_rat", {}), defaults);
  ASSERT_FALSE(made.ok());
  EXPECT_EQ(made.status().code(), StatusCode::kInvalidInput);
}

}  // namespace
}  // namespace openceir::classify
