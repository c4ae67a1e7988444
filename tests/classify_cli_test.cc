// `openceir classify` and `openceir explain` as a user runs them, on a synthetic country with
// the shipped configuration: the run report, the warning for the condition that cannot be
// evaluated, an idempotent re-run, the safety cap's exit code, and explanations of a stolen
// and a cloned IMEI.
#include <gtest/gtest.h>

#include <filesystem>
#include <nlohmann/json.hpp>
#include <set>

#include "tests/support/country_cli.h"
#include "tests/support/run_process.h"

namespace openceir::testing {
namespace {

using Args = std::vector<std::string>;

class ClassifyCliTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    dir_ = new TempDir();
    config_ = std::string(SourceDir()) + "/etc/openceir.yaml";
    store_ = dir_->File("country.db");
    sim_ = dir_->File("sim");
    const CountryCli country(config_, store_, dir_->path());
    country.MustPass({"simulate", "--out", sim_, "--subscribers", "2000", "--days", "30", "--start",
                      "20261001", "--seed", "7"});
    country.MustPass({"db", "init"});
    country.ImportReferenceLists(sim_);
    country.ImportOperatorData(sim_, "20261001_20261030", /*with_events=*/true);
  }
  static void TearDownTestSuite() { delete dir_; }

  // Each test classifies its own copy of the imported country, so runs do not meet.
  void SetUp() override {
    store_copy_ = dir_->File(
        std::string(::testing::UnitTest::GetInstance()->current_test_info()->name()) + ".db");
    std::filesystem::copy_file(store_, store_copy_,
                               std::filesystem::copy_options::overwrite_existing);
  }
  ProcessResult Ceir(Args args, const std::string& config = config_) {
    args.insert(args.begin(), {"--config", config, "--store", store_copy_});
    return RunOpenceir(args, dir_->path());
  }
  static nlohmann::json Json(const ProcessResult& result) {
    nlohmann::json json = nlohmann::json::parse(result.out, nullptr, false);
    EXPECT_TRUE(json.is_object()) << result.out << result.err;
    return json;
  }

  static TempDir* dir_;
  static std::string config_;
  static std::string store_;
  static std::string sim_;
  std::string store_copy_;
};

TempDir* ClassifyCliTest::dir_ = nullptr;
std::string ClassifyCliTest::config_;
std::string ClassifyCliTest::store_;
std::string ClassifyCliTest::sim_;

TEST_F(ClassifyCliTest, ClassifiesTheCountryAndRerunChangesNothing) {
  ProcessResult first = Ceir({"classify", "--json"});
  ASSERT_EQ(first.exit_code, 0) << first.err;
  nlohmann::json run = Json(first);
  EXPECT_EQ(run["curr_date"], "20261031");  // the day after the latest operator data
  EXPECT_GT(run["network_imeis"].get<int>(), 1000);
  // The shipped reported_by_peer condition has no data: skipped, with a warning.
  ASSERT_EQ(run["skipped_conditions"].size(), 1u);
  EXPECT_EQ(run["skipped_conditions"][0]["label"], "reported_by_peer");
  EXPECT_NE(first.err.find("warning: condition reported_by_peer was not evaluated"),
            std::string::npos)
      << first.err;
  std::map<std::string, int> matching;
  for (const nlohmann::json& condition : run["conditions"]) {
    matching[condition["label"]] = condition["matching"].get<int>();
  }
  EXPECT_GT(matching["local_stolen"], 0);
  EXPECT_GT(matching["impossible_travel"], 0);
  EXPECT_GT(run["genuine_users"]["designated"].get<int>(), 0);

  ProcessResult again = Ceir({"classify", "--curr-date", "20261031", "--json"});
  ASSERT_EQ(again.exit_code, 0) << again.err;
  for (const nlohmann::json& condition : Json(again)["conditions"]) {
    EXPECT_EQ(condition["started"], 0) << condition.dump();
    EXPECT_EQ(condition["ended"], 0) << condition.dump();
    EXPECT_EQ(condition["matching"], matching[condition["label"]]) << condition.dump();
  }
  EXPECT_EQ(Json(again)["genuine_users"]["started"], 0);
  // Cloned IMEIs held from the lists until their users can be told apart: the same again.
  ASSERT_TRUE(run["genuine_users"]["held"].is_number_integer()) << run.dump();
  EXPECT_EQ(Json(again)["genuine_users"]["held"], run["genuine_users"]["held"]);

  ProcessResult text = Ceir({"classify", "--curr-date", "20261031"});
  ASSERT_EQ(text.exit_code, 0) << text.err;
  EXPECT_NE(text.out.find("local_stolen"), std::string::npos) << text.out;
}

TEST_F(ClassifyCliTest, ExplainsAStolenAndAClonedImei) {
  ASSERT_EQ(Ceir({"classify", "--curr-date", "20261031"}).exit_code, 0);
  const std::set<std::string> stolen = TruthImeis(sim_, "stolen");
  ASSERT_FALSE(stolen.empty());
  bool explained_stolen = false;
  for (const std::string& imei : stolen) {
    ProcessResult result = Ceir({"explain", imei, "--json"});
    ASSERT_EQ(result.exit_code, 0) << result.err;
    nlohmann::json json = Json(result);
    for (const nlohmann::json& condition : json["conditions"]) {
      if (condition["condition"] != "local_stolen") continue;
      explained_stolen = true;
      EXPECT_TRUE(condition["blocks"].get<bool>());
      EXPECT_EQ(json["block_date"], condition["block_date"]);
      EXPECT_FALSE(condition["explanation"].empty());
      EXPECT_NE(json["actions"].dump().find("withdraw the report"), std::string::npos);
    }
    if (explained_stolen) {
      ProcessResult text = Ceir({"explain", imei});
      EXPECT_NE(text.out.find("blocked from"), std::string::npos) << text.out;
      EXPECT_NE(text.out.find("what you can do"), std::string::npos) << text.out;
      break;
    }
  }
  EXPECT_TRUE(explained_stolen);

  int decided = 0;
  for (const std::string& imei : TruthImeis(sim_, "cloned")) {
    nlohmann::json json = Json(Ceir({"explain", imei, "--json"}));
    for (const nlohmann::json& user : json["genuine_users"])
      decided += user["in_force"].get<bool>();
    bool travel = false;
    for (const nlohmann::json& condition : json["conditions"]) {
      travel |= condition["condition"] == "impossible_travel";
      if (condition["evidence"].contains("genuine_user.decided")) {
        EXPECT_FALSE(condition["evidence"]["genuine_user.reason"].get<std::string>().empty());
      }
    }
    EXPECT_TRUE(travel) << imei;
  }
  EXPECT_GT(decided, 0);

  ProcessResult never = Ceir({"explain", "35000000000000"});
  EXPECT_EQ(never.exit_code, 0);
  EXPECT_NE(never.out.find("matches no condition"), std::string::npos) << never.out;
}

TEST_F(ClassifyCliTest, SafetyCapExitsOneAndSaysSo) {
  // not_on_registration_list ships with a cap of 1.0; 1% is less than it matches here.
  std::string yaml = ReadFile(config_);
  const std::string from =
      "reason: IMEI not found on local registration list\n"
      "    max_allowed_matching_ratio: 1.0";
  ASSERT_NE(yaml.find(from), std::string::npos);
  yaml.replace(yaml.find(from), from.size(),
               "reason: IMEI not found on local registration list\n"
               "    max_allowed_matching_ratio: 0.01");
  const std::string capped_config = dir_->File("capped.yaml");
  WriteFile(capped_config, yaml);
  ProcessResult result = Ceir({"classify", "--curr-date", "20261101"}, capped_config);
  EXPECT_EQ(result.exit_code, 1) << result.out << result.err;
  EXPECT_NE(result.err.find("condition not_on_registration_list matched"), std::string::npos)
      << result.err;
  EXPECT_NE(result.out.find("NOT APPLIED"), std::string::npos) << result.out;
}

TEST_F(ClassifyCliTest, UsageErrors) {
  EXPECT_EQ(Ceir({"classify", "--curr-date", "2026-10-31"}).exit_code, 2);
  EXPECT_EQ(Ceir({"explain"}).exit_code, 2);
  EXPECT_EQ(Ceir({"classify", "--help"}).exit_code, 0);
  EXPECT_EQ(Ceir({"explain", "--help"}).exit_code, 0);
  // An analysis date before the latest run's is refused.
  ASSERT_EQ(Ceir({"classify", "--curr-date", "20261031"}).exit_code, 0);
  ProcessResult earlier = Ceir({"classify", "--curr-date", "20260101"});
  EXPECT_EQ(earlier.exit_code, 1);
  EXPECT_NE(earlier.err.find("openceir:"), std::string::npos);
}

}  // namespace
}  // namespace openceir::testing
