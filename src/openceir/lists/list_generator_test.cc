// List semantics: grace period, pairing, golden, genuine users, routing, options, file names.
#include "openceir/lists/list_generator.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "openceir/identifiers/golden_hash.h"
#include "openceir/identifiers/imei.h"
#include "openceir/lists/imei_decisions.h"
#include "openceir/lists/list_test_util.h"

namespace openceir::lists {
namespace {

using ::testing::ElementsAre;
using ::testing::IsEmpty;

constexpr char kA[] = "35000000000001";
constexpr char kB[] = "35000000000002";
constexpr char kC[] = "35000000000003";
constexpr char kImsi1[] = "410010000000001";  // op1 subscribers
constexpr char kImsi2[] = "410010000000002";
constexpr char kImsi3[] = "410010000000003";
constexpr char kImsiOp2[] = "410020000000009";    // an op2 subscriber
constexpr char kRoamer[] = "310260000000001";     // inbound roamer
constexpr char kNonMember[] = "410990000000001";  // region MCC, no configured operator
constexpr char kMsisdn1[] = "923000000001";
constexpr char kMsisdn2[] = "923000000002";
constexpr char kMsisdn3[] = "923000000003";

store::ConditionSpec Condition(const char* label, const char* reason, int grace,
                               bool blocking = true) {
  store::ConditionSpec spec;
  spec.label = label;
  spec.reason = reason;
  spec.grace_period_days = grace;
  spec.blocking = blocking;
  return spec;
}

class ListGeneratorTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto bed = ListsTestbed::Create("list-generator-test");
    ASSERT_TRUE(bed.ok()) << bed.status().ToString();
    bed_ = std::move(*bed);
  }

  store::JobId Classify(const char* curr_date, const std::vector<store::ConditionSpec>& conditions,
                        const std::vector<TestMatch>& matches,
                        const std::vector<std::pair<std::string, std::string>>& genuine = {}) {
    auto run = bed_->Classify(Day(curr_date), conditions, matches, genuine);
    EXPECT_TRUE(run.ok()) << run.status().ToString();
    return run.ok() ? *run : 0;
  }
  void See(const std::vector<SeenTriplet>& triplets) {
    Status status = bed_->See(triplets);
    ASSERT_TRUE(status.ok()) << status.ToString();
  }
  void ChangeList(store::ListKind kind, std::vector<store::ListRow> added,
                  std::vector<store::ListRow> removed = {}) {
    auto job = bed_->ChangeList(kind, std::move(added), std::move(removed));
    ASSERT_TRUE(job.ok()) << job.status().ToString();
  }
  // Generates the lists and returns every CSV by name; `date_` is the file-name prefix.
  std::map<std::string, std::string> Generate(store::JobId run, const ListOptions& options = {},
                                              std::optional<Date> list_date = std::nullopt,
                                              std::optional<store::JobId> base = std::nullopt) {
    auto manifest =
        bed_->Generate(run, base, options, "out" + std::to_string(++outputs_), list_date);
    EXPECT_TRUE(manifest.ok()) << manifest.status().ToString();
    if (!manifest.ok()) return {};
    manifest_ = *manifest;
    date_ = FormatYyyymmdd(manifest->list_date) + "_000000";
    auto files = ReadLists(*manifest);
    EXPECT_TRUE(files.ok()) << files.status().ToString();
    return files.ok() ? *files : std::map<std::string, std::string>{};
  }
  std::vector<std::string> Blacklist(const std::map<std::string, std::string>& files) {
    return CsvDataRows(files.at(date_ + "_blacklist.csv"));
  }
  std::vector<std::string> Notifications(const std::map<std::string, std::string>& files,
                                         const std::string& op) {
    return CsvDataRows(files.at(date_ + "_notifications_" + op + ".csv"));
  }
  std::vector<std::string> Exceptions(const std::map<std::string, std::string>& files,
                                      const std::string& op) {
    return CsvDataRows(files.at(date_ + "_exceptions_" + op + ".csv"));
  }

  std::unique_ptr<ListsTestbed> bed_;
  ListsManifest manifest_;
  std::string date_;
  int outputs_ = 0;
};

TEST_F(ListGeneratorTest, GracePeriodNotifiesFirstThenBlacklistsOnTheBlockDate) {
  See({{"op1", kA, kImsi1, kMsisdn1, Day("20260110")}});
  store::JobId run = Classify("20260115", {Condition("dup", "Duplicate IMEI", 30)}, {{0, kA}});

  auto files = Generate(run);  // list date = the run's date: block date 20260214 is later
  EXPECT_THAT(Blacklist(files), IsEmpty());
  EXPECT_THAT(Notifications(files, "op1"),
              ElementsAre("35000000000001,410010000000001,923000000001,20260214,Duplicate IMEI"));
  EXPECT_EQ(manifest_.notified_imeis, 1);

  files = Generate(run, {}, Day("20260213"));  // the day before: still notified
  EXPECT_THAT(Blacklist(files), IsEmpty());
  EXPECT_EQ(Notifications(files, "op1").size(), 1u);

  files = Generate(run, {}, Day("20260214"));  // on the block date: blacklisted, not notified
  EXPECT_THAT(Blacklist(files), ElementsAre("35000000000001,20260214,Duplicate IMEI"));
  EXPECT_THAT(Notifications(files, "op1"), IsEmpty());
  EXPECT_EQ(manifest_.blacklisted_imeis, 1);
}

TEST_F(ListGeneratorTest, ReasonsOfDueBlockingConditionsSortedAndJoined) {
  store::JobId run =
      Classify("20260115",
               {Condition("tac", "TAC not found", 0), Condition("dup", "Duplicate IMEI", 0),
                Condition("info", "Informational only", 0, /*blocking=*/false),
                Condition("later", "Not registered", 90)},
               {{0, kA}, {1, kA}, {2, kA}, {3, kA}, {2, kB}});
  auto files = Generate(run);
  // kB matches only an informational condition: on no list. kA's pending condition is not a
  // reason of its blacklisting.
  EXPECT_THAT(Blacklist(files),
              ElementsAre("35000000000001,20260115,Duplicate IMEI|TAC not found"));
}

TEST_F(ListGeneratorTest, PairingKeepsThePairOutOfNotificationsButNotOffTheBlacklist) {
  See({{"op1", kA, kImsi1, kMsisdn1, Day("20260110")},
       {"op1", kA, kImsi2, kMsisdn2, Day("20260111")},
       {"op1", kA, kImsi3, kMsisdn1, Day("20260112")}});  // new SIM, same number as the pairing
  ChangeList(store::ListKind::kPairing, {{kA, kImsi1, kMsisdn1}});
  store::JobId run = Classify("20260115", {Condition("dup", "Duplicate IMEI", 30)}, {{0, kA}});

  auto files = Generate(run);
  EXPECT_THAT(Notifications(files, "op1"),
              ElementsAre("35000000000001,410010000000002,923000000002,20260214,Duplicate IMEI"));
  EXPECT_THAT(Exceptions(files, "op1"), ElementsAre("35000000000001,410010000000001,923000000001"));
  EXPECT_THAT(Exceptions(files, "op2"), IsEmpty());

  files = Generate(run, {}, Day("20260301"));
  EXPECT_THAT(Blacklist(files), ElementsAre("35000000000001,20260214,Duplicate IMEI"));
  EXPECT_THAT(Exceptions(files, "op1"), ElementsAre("35000000000001,410010000000001,923000000001"));
}

TEST_F(ListGeneratorTest, GoldenImeisAreNeverBlockedOrNotified) {
  See({{"op1", kB, kImsi1, kMsisdn1, Day("20260110")}});
  ChangeList(store::ListKind::kGolden,
             {{identifiers::GoldenHashOf(kA)}, {identifiers::GoldenHashOf(kB)}});
  store::JobId run = Classify(
      "20260115", {Condition("tac", "TAC not found", 0), Condition("dup", "Duplicate IMEI", 30)},
      {{0, kA}, {1, kB}, {0, kC}});
  auto files = Generate(run);
  EXPECT_THAT(Blacklist(files), ElementsAre("35000000000003,20260115,TAC not found"));
  EXPECT_THAT(Notifications(files, "op1"), IsEmpty());
}

TEST_F(ListGeneratorTest, GenuineUserOfAClonedImeiKeepsServiceUntilRevoked) {
  See({{"op1", kA, kImsi1, kMsisdn1, Day("20260110")},
       {"op1", kA, kImsi2, kMsisdn2, Day("20260110")}});
  std::vector<store::ConditionSpec> conditions = {Condition("dup", "Duplicate IMEI", 30)};
  store::JobId run1 = Classify("20260115", conditions, {{0, kA}}, {{kA, kImsi1}});

  auto files = Generate(run1);
  EXPECT_THAT(Notifications(files, "op1"),
              ElementsAre("35000000000001,410010000000002,923000000002,20260214,Duplicate IMEI"));
  EXPECT_THAT(Exceptions(files, "op1"), ElementsAre("35000000000001,410010000000001,"));

  // A regulator revokes the designation; the next run cannot designate the pair again.
  store::JobStart start;
  start.command = "revoke genuine-user";
  auto job = bed_->registry().StartJob(start);
  ASSERT_TRUE(job.ok());
  ASSERT_TRUE(bed_->registry().RevokeGenuineUser(*job, kA, kImsi1, "owner disputed").ok());
  store::JobId run2 = Classify("20260116", conditions, {{0, kA}}, {{kA, kImsi1}});
  files = Generate(run2);
  EXPECT_EQ(Notifications(files, "op1").size(), 2u);
  EXPECT_THAT(Exceptions(files, "op1"), IsEmpty());

  files = Generate(run1, {}, Day("20260115"));  // run 1's lists are unchanged by history
  EXPECT_THAT(Exceptions(files, "op1"), ElementsAre("35000000000001,410010000000001,"));
}

TEST_F(ListGeneratorTest, NotificationsGoToTheHomeOperatorAndRoamersToWhereTheyWereSeen) {
  See({{"op1", kA, kImsiOp2, kMsisdn1, Day("20260110")},  // op2 subscriber on op1's network
       {"op1", kA, kRoamer, kMsisdn2, Day("20260110")},
       {"op2", kA, kRoamer, kMsisdn2, Day("20260111")},  // the roamer on both networks
       {"op2", kA, kImsiOp2, kMsisdn1, Day("20260111")},
       {"op1", kA, kNonMember, kMsisdn3, Day("20260112")}});
  See({{"op2", kB, kRoamer, kMsisdn2, Day("20260112")}});
  store::JobId run =
      Classify("20260115", {Condition("dup", "Duplicate IMEI", 30)}, {{0, kA}, {0, kB}});
  auto files = Generate(run);
  EXPECT_THAT(Notifications(files, "op1"),
              ElementsAre("35000000000001,310260000000001,923000000002,20260214,Duplicate IMEI",
                          "35000000000001,410990000000001,923000000003,20260214,Duplicate IMEI"));
  EXPECT_THAT(Notifications(files, "op2"),
              ElementsAre("35000000000001,310260000000001,923000000002,20260214,Duplicate IMEI",
                          "35000000000001,410020000000009,923000000001,20260214,Duplicate IMEI",
                          "35000000000002,310260000000001,923000000002,20260214,Duplicate IMEI"));
}

TEST_F(ListGeneratorTest, NotificationsNeedAnImsiAndMsisdnSeenInTheLookBackWindow) {
  See({{"op1", kA, kImsi1, kMsisdn1, Day("20260114")},  // last day of the window
       {"op1", kA, kImsi2, kMsisdn2, Day("20260105")},  // first day of a 10-day window
       {"op1", kA, kImsi3, kMsisdn3, Day("20260104")},  // one day too early
       {"op1", kA, kImsi1, kMsisdn2, Day("20260115")},  // the list date itself: not yet
       {"op1", kA, "", kMsisdn3, Day("20260110")},      // no IMSI
       {"op1", kA, kImsi3, "", Day("20260110")}});      // no MSISDN
  store::JobId run = Classify("20260115", {Condition("dup", "Duplicate IMEI", 30)}, {{0, kA}});
  ListOptions options;
  options.lookback_days = 10;
  auto files = Generate(run, options);
  EXPECT_THAT(Notifications(files, "op1"),
              ElementsAre("35000000000001,410010000000001,923000000001,20260214,Duplicate IMEI",
                          "35000000000001,410010000000002,923000000002,20260214,Duplicate IMEI"));
  EXPECT_EQ(FormatYyyymmdd(manifest_.lookback.first), "20260105");
  EXPECT_EQ(FormatYyyymmdd(manifest_.lookback.last), "20260114");
}

TEST_F(ListGeneratorTest, CheckDigitAndInvalidImeiOptions) {
  constexpr char kMalformed[] = "35ABCDEF";
  See({{"op1", kMalformed, kImsi1, kMsisdn1, Day("20260110")}});
  store::JobId run = Classify(
      "20260115", {Condition("tac", "TAC not found", 0), Condition("dup", "Duplicate IMEI", 30)},
      {{0, kA}, {0, kMalformed}, {1, kMalformed}});
  auto files = Generate(run);
  EXPECT_THAT(Blacklist(files), ElementsAre("35000000000001,20260115,TAC not found",
                                            "35ABCDEF,20260115,TAC not found"));

  // Each variant on another list date: a (run, list date) generated before regenerates with
  // its recorded options (list_regeneration_test.cc).
  ListOptions options;
  options.append_check_digit = true;
  files = Generate(run, options, Day("20260116"));
  std::string with_luhn = identifiers::AppendLuhn(kA);
  ASSERT_EQ(with_luhn.size(), 15u);
  EXPECT_THAT(Blacklist(files), ElementsAre(with_luhn + ",20260115,TAC not found",
                                            "35ABCDEF,20260115,TAC not found"));

  options.output_invalid_imeis = false;
  files = Generate(run, options, Day("20260117"));
  EXPECT_THAT(Blacklist(files), ElementsAre(with_luhn + ",20260115,TAC not found"));
}

TEST_F(ListGeneratorTest, ExceptionOptionsRestrictToBlacklistedAndLeaveOutBarred) {
  constexpr char kBarredTacImei[] = "35999999000001";
  ChangeList(store::ListKind::kPairing, {{kA, kImsi1, kMsisdn1},
                                         {kB, kImsi2, kMsisdn2},
                                         {kC, kImsiOp2, kMsisdn3},
                                         {kBarredTacImei, kImsi3, kMsisdn3},
                                         {kC, kRoamer, ""}});
  ChangeList(store::ListKind::kBarred, {{kB}});
  ChangeList(store::ListKind::kBarredTac, {{"35999999"}});
  store::JobId run = Classify("20260115", {Condition("tac", "TAC not found", 0)}, {{0, kA}});

  auto files = Generate(run);  // barred left out; the roamer's pairing goes to every operator
  EXPECT_THAT(Exceptions(files, "op1"), ElementsAre("35000000000001,410010000000001,923000000001",
                                                    "35000000000003,310260000000001,"));
  EXPECT_THAT(Exceptions(files, "op2"), ElementsAre("35000000000003,310260000000001,",
                                                    "35000000000003,410020000000009,923000000003"));
  ListOptions options;
  options.include_barred_in_exceptions = true;
  files = Generate(run, options, Day("20260116"));  // another list date: not a regeneration
  EXPECT_THAT(Exceptions(files, "op1"), ElementsAre("35000000000001,410010000000001,923000000001",
                                                    "35000000000002,410010000000002,923000000002",
                                                    "35000000000003,310260000000001,",
                                                    "35999999000001,410010000000003,923000000003"));
  options.restrict_exceptions_to_blacklisted = true;
  files = Generate(run, options, Day("20260117"));
  EXPECT_THAT(Exceptions(files, "op1"), ElementsAre("35000000000001,410010000000001,923000000001"));
  EXPECT_THAT(Exceptions(files, "op2"), IsEmpty());
}

TEST_F(ListGeneratorTest, FilesAreNamedAsDirbsNamesThemWithAManifest) {
  store::JobId run1 = Classify("20260115", {Condition("tac", "TAC not found", 0)}, {{0, kA}});
  store::JobId run2 = Classify("20260116", {Condition("tac", "TAC not found", 0)}, {{0, kA}});
  auto files = Generate(run2, {}, std::nullopt, run1);
  EXPECT_EQ(manifest_.folder.substr(manifest_.folder.rfind('/') + 1),
            "listgen__20260116_000000__classid_" + std::to_string(run2));
  std::vector<std::string> zips;
  for (const ZipRecord& zip : manifest_.zips) zips.push_back(zip.name);
  EXPECT_THAT(
      zips,
      ElementsAre("20260116_000000_blacklist.zip", "20260116_000000_notifications_op1.zip",
                  "20260116_000000_notifications_op2.zip", "20260116_000000_exceptions_op1.zip",
                  "20260116_000000_exceptions_op2.zip"));
  std::string delta = "_delta_" + std::to_string(run1) + "_" + std::to_string(run2) + "_";
  std::vector<std::string> blacklist_members;
  for (const ListFileRecord& file : manifest_.zips[0].members) {
    blacklist_members.push_back(file.name);
  }
  EXPECT_THAT(blacklist_members, ElementsAre("20260116_000000_blacklist.csv",
                                             "20260116_000000_blacklist" + delta + "blocked.csv",
                                             "20260116_000000_blacklist" + delta + "unblocked.csv",
                                             "20260116_000000_blacklist" + delta + "changed.csv"));
  EXPECT_EQ(files.at("20260116_000000_notifications_op1" + delta + "no_longer_seen.csv"),
            "imei,imsi,msisdn,block_date,reasons\n");
  EXPECT_EQ(files.at("20260116_000000_exceptions_op2" + delta + "added.csv"), "imei,imsi,msisdn\n");
  EXPECT_EQ(manifest_.zips[0].members[0].rows, 1);
  EXPECT_EQ(manifest_.zips[0].members[0].sha256.size(), 64u);
  EXPECT_EQ(manifest_.zips[0].sha256.size(), 64u);

  auto again = bed_->Generate(run2, run1, {}, "out" + std::to_string(outputs_));
  EXPECT_EQ(again.status().code(), StatusCode::kAlreadyExists);
  auto bad_base = bed_->Generate(run1, run2, {}, "elsewhere");
  EXPECT_EQ(bad_base.status().code(), StatusCode::kInvalidInput);
  auto no_run = bed_->Generate(run2 + 100, std::nullopt, {}, "elsewhere");
  EXPECT_EQ(no_run.status().code(), StatusCode::kNotFound);
}

TEST_F(ListGeneratorTest, AmnestyColumnWhenTheRunGrantsAmnesty) {
  See({{"op1", kA, kImsi1, kMsisdn1, Day("20260110")}});
  store::ConditionSpec condition = Condition("dup", "Duplicate IMEI", 30);
  condition.amnesty_block_date = Day("20260601");
  store::JobId run = Classify("20260115", {condition}, {{0, kA}});
  auto files = Generate(run);
  EXPECT_EQ(files.at(date_ + "_notifications_op1.csv"),
            "imei,imsi,msisdn,block_date,reasons,amnesty_granted\n"
            "35000000000001,410010000000001,923000000001,20260601,Duplicate IMEI,True\n");
}

}  // namespace
}  // namespace openceir::lists
