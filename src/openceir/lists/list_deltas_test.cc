// Deltas against a base run, one test per reason, and byte-identical regeneration of a past
// run's lists after later runs, list changes and network data.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "openceir/identifiers/golden_hash.h"
#include "openceir/lists/imei_decisions.h"
#include "openceir/lists/list_generator.h"
#include "openceir/lists/list_test_util.h"

namespace openceir::lists {
namespace {

using ::testing::ElementsAre;
using ::testing::IsEmpty;

// IMEIs named after what happens to them between run 1 (20260201) and run 2 (20260215).
constexpr char kUnblocked[] = "35000000000011";
constexpr char kBlocked[] = "35000000000012";
constexpr char kReasonsChange[] = "35000000000013";
constexpr char kStopsMatching[] = "35000000000021";
constexpr char kGetsPaired[] = "35000000000022";
constexpr char kGraceEnds[] = "35000000000023";
constexpr char kSeenLongAgo[] = "35000000000024";
constexpr char kNewlyNotified[] = "35000000000025";
constexpr char kSecondReason[] = "35000000000026";
constexpr char kPairingEnds[] = "35000000000031";

constexpr char kImsi[] = "410010000000001";
constexpr char kImsi2[] = "410010000000002";
constexpr char kMsisdn[] = "923000000001";

std::vector<store::ConditionSpec> Conditions() {
  auto spec = [](const char* label, const char* reason, int grace) {
    store::ConditionSpec s;
    s.label = label;
    s.reason = reason;
    s.grace_period_days = grace;
    return s;
  };
  return {spec("tac", "TAC not found", 0), spec("dup", "Duplicate IMEI", 30),
          spec("fast", "Stolen", 5), spec("reg", "Not registered", 30),
          spec("barred", "Barred IMEI", 0)};
}
enum Condition : std::uint32_t { kTac, kDup, kFast, kReg, kBarred };

std::string Slurp(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream out;
  out << in.rdbuf();
  return out.str();
}

class ListDeltasTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto bed = ListsTestbed::Create("list-deltas-test");
    ASSERT_TRUE(bed.ok()) << bed.status().ToString();
    bed_ = std::move(*bed);
    ASSERT_TRUE(bed_->See({{"op1", kStopsMatching, kImsi, kMsisdn, Day("20260120")},
                           {"op1", kGetsPaired, kImsi, kMsisdn, Day("20260120")},
                           {"op1", kGraceEnds, kImsi, kMsisdn, Day("20260120")},
                           {"op1", kSeenLongAgo, kImsi, kMsisdn, Day("20251205")},
                           {"op1", kSecondReason, kImsi, kMsisdn, Day("20260120")}})
                    .ok());
    ASSERT_TRUE(bed_->ChangeList(store::ListKind::kPairing, {{kPairingEnds, kImsi2, ""}}).ok());
    auto run1 = bed_->Classify(Day("20260201"), Conditions(),
                               {{kTac, kUnblocked},
                                {kTac, kReasonsChange},
                                {kDup, kStopsMatching},
                                {kDup, kGetsPaired},
                                {kFast, kGraceEnds},
                                {kDup, kSeenLongAgo},
                                {kDup, kSecondReason}});
    ASSERT_TRUE(run1.ok()) << run1.status().ToString();
    run1_ = *run1;
    ASSERT_TRUE(Generate(run1_, std::nullopt, "base-first").ok());
    first_manifest_ = manifest_;
    first_files_ = files_;

    // Between the runs: later network data, a pairing made and one ended.
    ASSERT_TRUE(bed_->See({{"op1", kNewlyNotified, kImsi, kMsisdn, Day("20260210")}}).ok());
    ASSERT_TRUE(bed_->ChangeList(store::ListKind::kPairing, {{kGetsPaired, kImsi, kMsisdn}},
                                 {{kPairingEnds, kImsi2, ""}})
                    .ok());
    auto run2 = bed_->Classify(Day("20260215"), Conditions(),
                               {{kTac, kBlocked},
                                {kTac, kReasonsChange},
                                {kBarred, kReasonsChange},
                                {kDup, kGetsPaired},
                                {kFast, kGraceEnds},
                                {kDup, kSeenLongAgo},
                                {kDup, kNewlyNotified},
                                {kDup, kSecondReason},
                                {kReg, kSecondReason}});
    ASSERT_TRUE(run2.ok()) << run2.status().ToString();
    run2_ = *run2;
    ASSERT_TRUE(Generate(run2_, run1_, "delta").ok());
  }

  Status Generate(store::JobId run, std::optional<store::JobId> base, const std::string& out) {
    ListOptions options;
    options.lookback_days = 60;
    OPENCEIR_ASSIGN_OR_RETURN(manifest_, bed_->Generate(run, base, options, out));
    OPENCEIR_ASSIGN_OR_RETURN(files_, ReadLists(manifest_));
    return Status::Ok();
  }

  std::vector<std::string> Delta(const std::string& list, const std::string& reason) {
    std::string name = FormatYyyymmdd(manifest_.list_date) + "_000000_" + list + "_delta_" +
                       std::to_string(run1_) + "_" + std::to_string(run2_) + "_" + reason + ".csv";
    auto it = files_.find(name);
    EXPECT_NE(it, files_.end()) << name;
    return it == files_.end() ? std::vector<std::string>{} : CsvDataRows(it->second);
  }

  std::unique_ptr<ListsTestbed> bed_;
  store::JobId run1_ = 0;
  store::JobId run2_ = 0;
  ListsManifest manifest_;
  std::map<std::string, std::string> files_;
  ListsManifest first_manifest_;
  std::map<std::string, std::string> first_files_;
};

TEST_F(ListDeltasTest, BlacklistBlocked) {
  EXPECT_THAT(Delta("blacklist", "blocked"), ElementsAre("35000000000012,20260215,TAC not found",
                                                         "35000000000023,20260206,Stolen"));
}

TEST_F(ListDeltasTest, BlacklistUnblockedShowsTheOldRow) {
  EXPECT_THAT(Delta("blacklist", "unblocked"),
              ElementsAre("35000000000011,20260201,TAC not found"));
}

TEST_F(ListDeltasTest, BlacklistChangedWhenAnotherConditionIsDue) {
  // A second condition became due: the block date (the earliest) stays, the reasons grow.
  EXPECT_THAT(Delta("blacklist", "changed"),
              ElementsAre("35000000000013,20260201,Barred IMEI|TAC not found"));
}

TEST_F(ListDeltasTest, NotificationsNew) {
  EXPECT_THAT(Delta("notifications_op1", "new"),
              ElementsAre("35000000000025,410010000000001,923000000001,20260317,Duplicate IMEI"));
}

TEST_F(ListDeltasTest, NotificationsResolvedWhenNoLongerMatchingOrPaired) {
  EXPECT_THAT(Delta("notifications_op1", "resolved"),
              ElementsAre("35000000000021,410010000000001,923000000001,20260303,Duplicate IMEI",
                          "35000000000022,410010000000001,923000000001,20260303,Duplicate IMEI"));
}

TEST_F(ListDeltasTest, NotificationsBlacklistedWhenTheGracePeriodEnded) {
  EXPECT_THAT(Delta("notifications_op1", "blacklisted"),
              ElementsAre("35000000000023,410010000000001,923000000001,20260206,Stolen"));
}

TEST_F(ListDeltasTest, NotificationsNoLongerSeenWhenOutOfTheLookBackWindow) {
  EXPECT_THAT(Delta("notifications_op1", "no_longer_seen"),
              ElementsAre("35000000000024,410010000000001,923000000001,20260303,Duplicate IMEI"));
}

TEST_F(ListDeltasTest, NotificationsChangedWhenReasonsChange) {
  EXPECT_THAT(Delta("notifications_op1", "changed"),
              ElementsAre("35000000000026,410010000000001,923000000001,20260303,"
                          "Duplicate IMEI|Not registered"));
}

TEST_F(ListDeltasTest, ExceptionsAddedAndRemoved) {
  EXPECT_THAT(Delta("exceptions_op1", "added"),
              ElementsAre("35000000000022,410010000000001,923000000001"));
  EXPECT_THAT(Delta("exceptions_op1", "removed"), ElementsAre("35000000000031,410010000000002,"));
  EXPECT_THAT(Delta("exceptions_op2", "added"), IsEmpty());
}

TEST_F(ListDeltasTest, WithoutABaseEveryRowIsAChange) {
  std::string prefix = "20260201_000000_";
  std::string delta = "_delta_-1_" + std::to_string(run1_) + "_";
  EXPECT_EQ(CsvDataRows(first_files_.at(prefix + "blacklist" + delta + "blocked.csv")),
            CsvDataRows(first_files_.at(prefix + "blacklist.csv")));
  EXPECT_EQ(CsvDataRows(first_files_.at(prefix + "notifications_op1" + delta + "new.csv")).size(),
            5u);
}

TEST_F(ListDeltasTest, PastRunRegeneratesByteIdenticalAfterLaterRunsAndData) {
  // More history after run 2: a golden IMEI, more pairings, data on later days, another run.
  ASSERT_TRUE(
      bed_->ChangeList(store::ListKind::kGolden, {{identifiers::GoldenHashOf(kUnblocked)}}).ok());
  ASSERT_TRUE(bed_->ChangeList(store::ListKind::kPairing, {{kSeenLongAgo, kImsi, kMsisdn}}).ok());
  ASSERT_TRUE(bed_->See({{"op1", kStopsMatching, kImsi2, kMsisdn, Day("20260301")}}).ok());
  ASSERT_TRUE(bed_->Classify(Day("20260305"), Conditions(), {{kTac, kStopsMatching}}).ok());

  ASSERT_TRUE(Generate(run1_, std::nullopt, "regenerated").ok());
  ASSERT_EQ(manifest_.zips.size(), first_manifest_.zips.size());
  for (std::size_t i = 0; i < manifest_.zips.size(); ++i) {
    const std::string& name = manifest_.zips[i].name;
    EXPECT_EQ(Slurp(manifest_.folder + "/" + name), Slurp(first_manifest_.folder + "/" + name))
        << name;
    EXPECT_EQ(manifest_.zips[i].sha256, first_manifest_.zips[i].sha256) << name;
  }
  EXPECT_EQ(Slurp(manifest_.folder + "/manifest.json"),
            Slurp(first_manifest_.folder + "/manifest.json"));
  EXPECT_NE(Slurp(first_manifest_.folder + "/manifest.json").find("\"sha256\""), std::string::npos);
}

}  // namespace
}  // namespace openceir::lists
