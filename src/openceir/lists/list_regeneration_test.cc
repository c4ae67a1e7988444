// Byte-identical regeneration from the recorded generation (list_history.h): after operator data
// imported later for days inside the past look-back window, other list options, other operators
// and later runs; deltas against a base use the base's recorded rows; a generation killed before
// its record commits leaves neither record nor folder.
#include <fmt/format.h>
#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "openceir/lists/list_generator.h"
#include "openceir/lists/list_test_util.h"
#include "openceir/store/sqlite/sqlite_observation_store.h"
#include "openceir/store/sqlite/sqlite_registry_store.h"

namespace openceir::lists {
namespace {

using ::testing::Contains;
using ::testing::HasSubstr;
using ::testing::IsEmpty;
using ::testing::Not;

constexpr char kNotified[] = "35000000000025";
constexpr char kBlacklisted[] = "35000000000011";
constexpr char kImsi1[] = "410010000000001";
constexpr char kImsi2[] = "410020000000002";
constexpr char kLaterImsi[] = "410010000000009";  // seen inside run 1's window, imported later
constexpr char kMsisdn[] = "923000000001";

constexpr char kChildEnv[] = "OPENCEIR_LISTS_CHILD";  // "<store.db>|<run>|<output dir>"

std::vector<store::ConditionSpec> Conditions() {
  store::ConditionSpec tac;
  tac.label = "tac";
  tac.reason = "TAC not found";
  store::ConditionSpec dup;
  dup.label = "dup";
  dup.reason = "Duplicate IMEI";
  dup.grace_period_days = 30;
  return {tac, dup};
}

std::string Slurp(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream out;
  out << in.rdbuf();
  return out.str();
}

ListOptions FirstOptions() {
  ListOptions options;
  options.lookback_days = 60;
  return options;
}

// The child side of the kill test: generates the lists of a run, no base.
TEST(ListsChild, Generate) {
  const char* order = std::getenv(kChildEnv);
  if (order == nullptr) GTEST_SKIP() << "only run as a child process";
  std::string spec(order);
  const std::size_t a = spec.find('|');
  const std::size_t b = spec.find('|', a + 1);
  ManualClock clock(1'767'225'600);
  const std::string db = spec.substr(0, a);
  auto registry = store::OpenSqliteRegistryStore(db, &clock);
  auto observations = store::OpenSqliteObservationStore(db, &clock);
  if (!registry.ok() || !observations.ok()) std::_Exit(2);
  ListRequest request;
  request.run = std::stoll(spec.substr(a + 1, b - a - 1));
  request.options = FirstOptions();
  request.operators = ListsTestbed::Operators();
  request.output_dir = spec.substr(b + 1);
  auto manifest = GenerateLists(**registry, **observations, request);
  std::_Exit(manifest.ok() ? 0 : 1);
}

class ListRegenerationTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto bed = ListsTestbed::Create("list-regeneration-test");
    ASSERT_TRUE(bed.ok()) << bed.status().ToString();
    bed_ = std::move(*bed);
    ASSERT_TRUE(bed_->See({{"op1", kNotified, kImsi1, kMsisdn, Day("20260120")},
                           {"op2", kNotified, kImsi2, kMsisdn, Day("20260121")}})
                    .ok());
    auto run1 = bed_->Classify(Day("20260201"), Conditions(), {{0, kBlacklisted}, {1, kNotified}});
    ASSERT_TRUE(run1.ok()) << run1.status().ToString();
    run1_ = *run1;
  }

  Result<ListsManifest> Generate(store::JobId run, std::optional<store::JobId> base,
                                 const ListOptions& options,
                                 const std::vector<config::OperatorConfig>& operators,
                                 const std::string& out, std::optional<Date> list_date = {}) {
    ListRequest request;
    request.run = run;
    request.base_run = base;
    request.list_date = list_date;
    request.options = options;
    request.operators = operators;
    request.output_dir = bed_->dir() + "/" + out;
    std::filesystem::create_directories(request.output_dir);
    return GenerateLists(bed_->registry(), bed_->observations(), request);
  }

  // Everything the past look-back window and the configuration can change after run 1's lists
  // were generated: operator data for 20260125 (inside [20251203, 20260131]) imported now, and
  // a later run.
  void ChangeTheWorld() {
    ASSERT_TRUE(bed_->See({{"op1", kNotified, kLaterImsi, kMsisdn, Day("20260125")}}).ok());
    auto run2 = bed_->Classify(Day("20260215"), Conditions(), {{0, kBlacklisted}, {1, kNotified}});
    ASSERT_TRUE(run2.ok()) << run2.status().ToString();
    run2_ = *run2;
  }

  static std::vector<config::OperatorConfig> LaterOperators() {
    return {{"op1", "Operator One", {"41001", "41009"}}, {"op3", "Operator Three", {"41003"}}};
  }
  static ListOptions LaterOptions() {
    ListOptions options;
    options.lookback_days = 20;
    options.append_check_digit = true;
    return options;
  }

  static void ExpectSameBytes(const ListsManifest& a, const ListsManifest& b) {
    ASSERT_EQ(a.zips.size(), b.zips.size());
    for (std::size_t i = 0; i < a.zips.size(); ++i) {
      const std::string& name = a.zips[i].name;
      EXPECT_EQ(name, b.zips[i].name);
      EXPECT_TRUE(Slurp(a.folder + "/" + name) == Slurp(b.folder + "/" + name)) << name;
    }
    EXPECT_EQ(Slurp(a.folder + "/manifest.json"), Slurp(b.folder + "/manifest.json"));
  }

  std::unique_ptr<ListsTestbed> bed_;
  store::JobId run1_ = 0;
  store::JobId run2_ = 0;
};

TEST_F(ListRegenerationTest, PastRunRegeneratesByteIdenticalFromItsRecord) {
  auto first = Generate(run1_, std::nullopt, FirstOptions(), ListsTestbed::Operators(), "first");
  ASSERT_TRUE(first.ok()) << first.status().ToString();
  EXPECT_FALSE(first->regenerated);
  EXPECT_THAT(first->notes, IsEmpty());
  auto record = bed_->registry().FindListGeneration(run1_, Day("20260201"));
  ASSERT_TRUE(record.ok() && record->has_value());
  EXPECT_EQ((*record)->manifest_json, Slurp(first->folder + "/manifest.json"));
  EXPECT_EQ((*record)->files.size(), 2u);  // op1 and op2 notifications

  ChangeTheWorld();
  auto again = Generate(run1_, std::nullopt, LaterOptions(), LaterOperators(), "again");
  ASSERT_TRUE(again.ok()) << again.status().ToString();
  EXPECT_TRUE(again->regenerated);
  ExpectSameBytes(*first, *again);
  EXPECT_THAT(again->notes, Contains(HasSubstr("configured list options differ")));
  EXPECT_THAT(again->notes, Contains(HasSubstr("configured operators differ")));
  auto files = ReadLists(*again);
  ASSERT_TRUE(files.ok());
  EXPECT_THAT(files->at("20260201_000000_notifications_op1.csv"), Not(HasSubstr(kLaterImsi)));

  // The test can fail: a list date of run 1 never generated reads today's network data, which
  // has the triplet imported later.
  auto fresh = Generate(run1_, std::nullopt, FirstOptions(), ListsTestbed::Operators(), "fresh",
                        Day("20260202"));
  ASSERT_TRUE(fresh.ok()) << fresh.status().ToString();
  EXPECT_FALSE(fresh->regenerated);
  files = ReadLists(*fresh);
  ASSERT_TRUE(files.ok());
  EXPECT_THAT(files->at("20260202_000000_notifications_op1.csv"), HasSubstr(kLaterImsi));
}

TEST_F(ListRegenerationTest, DeltasUseTheBaseRunsRecordedRows) {
  ASSERT_TRUE(
      Generate(run1_, std::nullopt, FirstOptions(), ListsTestbed::Operators(), "first").ok());
  ChangeTheWorld();
  auto delta = Generate(run2_, run1_, FirstOptions(), ListsTestbed::Operators(), "delta");
  ASSERT_TRUE(delta.ok()) << delta.status().ToString();
  auto files = ReadLists(*delta);
  ASSERT_TRUE(files.ok());
  // Run 1's operators were never sent the triplet imported later: for them it is new now.
  const std::string new_rows =
      files->at(fmt::format("20260215_000000_notifications_op1_delta_{}_{}_new.csv", run1_, run2_));
  EXPECT_THAT(new_rows, HasSubstr(kLaterImsi));
  EXPECT_THAT(new_rows, Not(HasSubstr(kImsi1)));

  // And the delta itself regenerates byte-identical, with other settings configured.
  auto again = Generate(run2_, run1_, LaterOptions(), LaterOperators(), "delta-again");
  ASSERT_TRUE(again.ok()) << again.status().ToString();
  EXPECT_TRUE(again->regenerated);
  ExpectSameBytes(*delta, *again);
}

TEST_F(ListRegenerationTest, RegenerationAgainstAnotherBaseSaysSo) {
  ASSERT_TRUE(
      Generate(run1_, std::nullopt, FirstOptions(), ListsTestbed::Operators(), "first").ok());
  ChangeTheWorld();
  ASSERT_TRUE(
      Generate(run2_, std::nullopt, FirstOptions(), ListsTestbed::Operators(), "no-base").ok());
  auto other = Generate(run2_, run1_, FirstOptions(), ListsTestbed::Operators(), "other-base");
  ASSERT_TRUE(other.ok()) << other.status().ToString();
  EXPECT_THAT(other->notes, Contains(HasSubstr("deltas against nothing")));
}

TEST_F(ListRegenerationTest, KilledBeforeTheRecordCommitsLeavesNoRecordAndNoFolder) {
  const std::string out = bed_->dir() + "/killed";
  std::filesystem::create_directories(out);
  pid_t pid = fork();
  ASSERT_GE(pid, 0);
  if (pid == 0) {
    std::string order = fmt::format("{}/store.db|{}|{}", bed_->dir(), run1_, out);
    setenv(kChildEnv, order.c_str(), 1);
    setenv("OPENCEIR_FREEZE_AT", "list_generation_before_commit", 1);
    execl("/proc/self/exe", "lists_test", "--gtest_filter=ListsChild.Generate",
          static_cast<char*>(nullptr));
    std::_Exit(3);
  }
  int status = 0;
  ASSERT_EQ(waitpid(pid, &status, WUNTRACED), pid);
  ASSERT_TRUE(WIFSTOPPED(status)) << "status " << status;
  ASSERT_EQ(kill(pid, SIGKILL), 0);
  ASSERT_EQ(waitpid(pid, &status, 0), pid);
  ASSERT_TRUE(WIFSIGNALED(status));

  auto record = bed_->registry().FindListGeneration(run1_, Day("20260201"));
  ASSERT_TRUE(record.ok()) << record.status().ToString();
  EXPECT_FALSE(record->has_value());
  EXPECT_FALSE(
      std::filesystem::exists(out + "/listgen__20260201_000000__classid_" + std::to_string(run1_)));

  // The next generation is a first one again, and records.
  auto first = Generate(run1_, std::nullopt, FirstOptions(), ListsTestbed::Operators(), "killed");
  ASSERT_TRUE(first.ok()) << first.status().ToString();
  EXPECT_FALSE(first->regenerated);
  EXPECT_TRUE(bed_->registry().FindListGeneration(run1_, Day("20260201"))->has_value());

  // A child that is not stopped generates normally: from the record now.
  pid = fork();
  ASSERT_GE(pid, 0);
  if (pid == 0) {
    std::string order = fmt::format("{}/store.db|{}|{}/child", bed_->dir(), run1_, bed_->dir());
    std::filesystem::create_directories(bed_->dir() + "/child");
    setenv(kChildEnv, order.c_str(), 1);
    unsetenv("OPENCEIR_FREEZE_AT");
    execl("/proc/self/exe", "lists_test", "--gtest_filter=ListsChild.Generate",
          static_cast<char*>(nullptr));
    std::_Exit(3);
  }
  ASSERT_EQ(waitpid(pid, &status, 0), pid);
  ASSERT_TRUE(WIFEXITED(status));
  EXPECT_EQ(WEXITSTATUS(status), 0);
  const std::string folder =
      fmt::format("/listgen__20260201_000000__classid_{}/manifest.json", run1_);
  EXPECT_EQ(Slurp(bed_->dir() + "/child" + folder), Slurp(first->folder + "/manifest.json"));
}

}  // namespace
}  // namespace openceir::lists
