// The main job end to end on a synthetic country, as the README's demo runs it: simulate,
// `db init`, import the reference lists, cells, operator data and events of every operator,
// then `status --json`. The truth file written by the simulator is the reference: impossible
// travel must flag exactly the cloned IMEIs, and every operator file must pass its checks.
#include <gtest/gtest.h>

#include <filesystem>
#include <nlohmann/json.hpp>
#include <set>
#include <sstream>

#include "tests/support/country_cli.h"
#include "tests/support/list_files.h"
#include "tests/support/run_process.h"

namespace openceir::testing {
namespace {

using Args = std::vector<std::string>;

class CountryPipelineTest : public ::testing::Test {
 protected:
  ProcessResult Ceir(Args args) { return country_.Run(std::move(args)); }
  bool MustPass(const Args& args) { return country_.MustPass(args); }

  TempDir dir_;
  std::string config_ = std::string(SourceDir()) + "/etc/openceir.yaml";
  std::string store_ = dir_.File("country.db");
  std::string sim_ = dir_.File("sim");
  CountryCli country_{config_, store_, dir_.path()};
};

TEST_F(CountryPipelineTest, SimulatedCountryImportsAndTravelFlagsExactlyTheClones) {
  MustPass({"simulate", "--out", sim_, "--subscribers", "3000", "--days", "6", "--start",
            "20261101", "--seed", "11"});
  MustPass({"db", "init"});
  country_.ImportReferenceLists(sim_);
  MustPass({"import", "stolen", sim_ + "/stolen_delta.csv", "--delta"});
  country_.ImportOperatorData(sim_, "20261101_20261106", /*with_events=*/true);
  // The same operator file again is refused and changes nothing.
  EXPECT_EQ(Ceir({"import", "operator", "op1", sim_ + "/op1_20261101_20261106.csv"}).exit_code, 1);

  ProcessResult status = Ceir({"status", "--json", "--days", "3660"});
  ASSERT_EQ(status.exit_code, 0) << status.err;
  nlohmann::json json = nlohmann::json::parse(status.out, nullptr, false);
  ASSERT_TRUE(json.is_object()) << status.out;
  EXPECT_GT(json["lists"]["gsma-tac"].get<int>(), 0);
  EXPECT_GT(json["lists"]["stolen"].get<int>(), 0);
  EXPECT_GT(json["network_imeis"].get<int>(), 1000);
  EXPECT_EQ(json["imports"]["op1"]["operator"]["files"], 1);
  EXPECT_EQ(json["imports"]["op2"]["events"]["files"], 1);

  std::set<std::string> cloned = TruthImeis(sim_, "cloned");
  ASSERT_FALSE(cloned.empty());
  EXPECT_EQ(json["window"]["imeis_with_travel_evidence"].get<std::size_t>(), cloned.size());
  EXPECT_GE(json["window"]["imeis_with_several_imsis"].get<std::size_t>(), cloned.size());
  EXPECT_GT(json["window"]["imeis_used_by_inbound_roamers"].get<int>(), 0);

  ProcessResult check = Ceir({"db", "check"});
  EXPECT_EQ(check.exit_code, 0) << check.out << check.err;
}

}  // namespace
}  // namespace openceir::testing
