// The genuine user of a cloned IMEI: the rule on hand-made summaries (table-driven), and the
// engine recording exceptions from the registry lists and from usage, or saying it cannot.
#include "openceir/classify/genuine_user.h"

#include <gtest/gtest.h>

#include "openceir/classify/classifier_test_util.h"
#include "openceir/classify/classify_test_util.h"
#include "openceir/store/evidence_json.h"

namespace openceir::classify {
namespace {

using testing::D;
using testing::Days;

const store::DateWindow kWindow{D(20261002), D(20261031)};

struct User {
  std::string imsi;
  int days;
  bool registered;
};

struct Case {
  std::string name;
  std::vector<User> users;
  std::string expected_imsi;  // empty: undetermined
};

TEST(ChooseGenuineUserTest, Table) {
  const std::vector<Case> cases = {
      {"owner daily, clone part-time", {{"1", 28, false}, {"2", 15, false}}, "1"},
      {"order of IMSIs does not matter", {{"1", 12, false}, {"2", 27, false}}, "2"},
      {"similar use cannot be told apart", {{"1", 20, false}, {"2", 17, false}}, ""},
      {"equal use", {{"1", 10, false}, {"2", 10, false}}, ""},
      {"margin but one day apart", {{"1", 3, false}, {"2", 2, false}}, ""},
      {"exactly the margin", {{"1", 20, false}, {"2", 16, false}}, "1"},
      {"paired user wins over heavier use", {{"1", 28, false}, {"2", 5, true}}, "2"},
      {"several paired: usage among them",
       {{"1", 25, true}, {"2", 9, true}, {"3", 30, false}},
       "1"},
      {"several paired alike", {{"1", 10, true}, {"2", 10, true}, {"3", 30, false}}, ""},
      {"mass clone: owner far ahead",
       {{"1", 27, false}, {"2", 8, false}, {"3", 7, false}, {"4", 9, false}},
       "1"},
      {"only one subscriber", {{"1", 3, false}}, "1"},
  };
  for (const Case& c : cases) {
    testing::SummaryMaker maker("35000001000001", kWindow, D(20260101));
    std::vector<bool> registered;
    for (const User& user : c.users) {
      const std::string imsi = "41001000000000" + user.imsi;
      maker.Seen("op1", imsi, "", Days(D(20261002), user.days));
    }
    store::ImeiSummary summary = maker.Make();
    for (const store::ImsiSeen& seen : summary.imsis) {  // sorted by IMSI, as users are
      for (const User& user : c.users) {
        if (seen.imsi == "41001000000000" + user.imsi) registered.push_back(user.registered);
      }
    }
    GenuineUserDecision decision = ChooseGenuineUser(summary, kWindow, registered);
    const std::string expected = c.expected_imsi.empty() ? "" : "41001000000000" + c.expected_imsi;
    EXPECT_EQ(decision.imsi, expected) << c.name << ": " << decision.reason;
    EXPECT_FALSE(decision.reason.empty()) << c.name;
    if (expected.empty()) {
      EXPECT_NE(decision.reason.find("cannot tell"), std::string::npos) << c.name;
    }
  }
}

TEST(ChooseGenuineUserTest, ReasonGivesTheFirstDaySeen) {
  testing::SummaryMaker maker("35000001000001", kWindow, D(20260101));
  maker.Seen("op1", "410010000000001", "", Days(D(20261004), 25));
  maker.Seen("op1", "410010000000002", "", Days(D(20261010), 5));
  GenuineUserDecision decision = ChooseGenuineUser(maker.Make(), kWindow, {false, false});
  EXPECT_EQ(decision.imsi, "410010000000001");
  EXPECT_NE(decision.reason.find("first seen 20261004"), std::string::npos) << decision.reason;
}

class GenuineUserRunTest : public testing::ClassifierBench {
 protected:
  void SetUp() override {
    ClassifierBench::SetUp();
    config_.conditions = {OneDimension("duplicate", "duplicate_threshold",
                                       {{"threshold", "2"}, {"period_days", "30"}})};
  }
  std::string Evidence(store::JobId run, const std::string& name) {
    for (const store::ClassificationRow& row : StateAfter(run)) {
      auto fields = store::ParseEvidenceJson(row.evidence_json);
      if (!fields.ok()) return "<bad json>";
      for (const store::EvidenceField& field : *fields) {
        if (field.name == name) return field.value;
      }
    }
    return "<missing>";
  }
};

TEST_F(GenuineUserRunTest, PairedSubscriberKeepsService) {
  // The clone is used more, but the owner paired the phone with their SIM.
  See("op1", "35000001000001", "410010000000001", Days(D(20261020), 6));
  See("op1", "35000001000001", "410010000000002", Days(D(20261002), 29));
  Import(store::ListKind::kPairing,
         "imei,imsi,msisdn\n35000001000001,410010000000001,923001234567\n");
  const ClassifyReport report = MustRun(D(20261101));
  EXPECT_EQ(report.cloned_imeis, 1);
  EXPECT_EQ(report.genuine_users_designated, 1);
  auto users = registry_->FindGenuineUsers("35000001000001");
  ASSERT_TRUE(users.ok());
  ASSERT_EQ(users->size(), 1u);
  EXPECT_EQ((*users)[0].imsi, "410010000000001");
  EXPECT_NE((*users)[0].reason.find("paired"), std::string::npos) << (*users)[0].reason;
  EXPECT_EQ(Evidence(report.run.run, "genuine_user.imsi"), "410010000000001");
}

TEST_F(GenuineUserRunTest, AssociatedSubscriberKeepsService) {
  See("op1", "35000001000001", "410010000000001", Days(D(20261020), 6));
  See("op1", "35000001000001", "410010000000002", Days(D(20261002), 29));
  Import(store::ListKind::kSubscribers, "uid,imsi\nperson-1,410010000000001\n");
  Import(store::ListKind::kAssociation, "uid,imei\nperson-1,35000001000001\n");
  const ClassifyReport report = MustRun(D(20261101));
  auto users = registry_->FindGenuineUsers("35000001000001");
  ASSERT_TRUE(users.ok());
  ASSERT_EQ(users->size(), 1u);
  EXPECT_EQ((*users)[0].imsi, "410010000000001");
}

TEST_F(GenuineUserRunTest, OwnerUsingThePhoneMostKeepsService) {
  See("op1", "35000001000001", "410010000000001", Days(D(20261002), 28));
  See("op2", "35000001000001", "410020000000002", Days(D(20261010), 9));
  const ClassifyReport report = MustRun(D(20261101));
  auto users = registry_->FindGenuineUsers("35000001000001");
  ASSERT_TRUE(users.ok());
  ASSERT_EQ(users->size(), 1u);
  EXPECT_EQ((*users)[0].imsi, "410010000000001");
  EXPECT_NE((*users)[0].reason.find("28 days"), std::string::npos) << (*users)[0].reason;
}

TEST_F(GenuineUserRunTest, UsersThatLookAlikeAreAllNotifiedAndTheEvidenceSaysSo) {
  See("op1", "35000001000001", "410010000000001", Days(D(20261002), 15));
  See("op2", "35000001000001", "410020000000002", Days(D(20261010), 14));
  const ClassifyReport report = MustRun(D(20261101));
  EXPECT_EQ(report.cloned_imeis, 1);
  EXPECT_EQ(report.genuine_users_designated, 0);
  EXPECT_EQ(report.genuine_users_undetermined, 1);
  auto users = registry_->FindGenuineUsers("35000001000001");
  ASSERT_TRUE(users.ok());
  EXPECT_TRUE(users->empty());
  EXPECT_EQ(Evidence(report.run.run, "genuine_user.decided"), "false");
  EXPECT_NE(Evidence(report.run.run, "genuine_user.reason").find("cannot tell"), std::string::npos);
}

TEST_F(GenuineUserRunTest, UsersThatLookAlikeAreHeldUntilAMonthOfUsageThenAllNotified) {
  See("op1", "35000001000001", "410010000000001", Days(D(20261010), 30));
  See("op2", "35000001000001", "410020000000002", Days(D(20261010), 28));
  // Seen for 15 days, users 15 and 15 days: not listed yet, nobody notified on a coin flip.
  const ClassifyReport early = MustRun(D(20261025));
  EXPECT_EQ(early.genuine_users_held, 1);
  EXPECT_EQ(early.cloned_imeis, 0);
  EXPECT_EQ(early.run.conditions[0].matching, 0);
  EXPECT_TRUE(StateAfter(early.run.run).empty());
  // Day 31 since first seen, still 29 and 27 days: every user is notified, and told why.
  const ClassifyReport month = MustRun(D(20261110));
  EXPECT_EQ(month.genuine_users_held, 0);
  EXPECT_EQ(month.genuine_users_undetermined, 1);
  ASSERT_EQ(StateAfter(month.run.run).size(), 1u);
  EXPECT_EQ(StateAfter(month.run.run)[0].start_date, D(20261110));
  EXPECT_EQ(Evidence(month.run.run, "genuine_user.decided"), "false");
}

TEST_F(GenuineUserRunTest, InformationalCloningConditionIsNotHeld) {
  See("op1", "35000001000001", "410010000000001", Days(D(20261010), 15));
  See("op2", "35000001000001", "410020000000002", Days(D(20261010), 15));
  config_.conditions[0].blocking = false;
  const ClassifyReport report = MustRun(D(20261025));
  EXPECT_EQ(report.genuine_users_held, 0);
  EXPECT_EQ(report.genuine_users_undetermined, 1);
  EXPECT_EQ(report.run.conditions[0].matching, 1);
}

TEST_F(GenuineUserRunTest, CappedConditionDesignatesNoOne) {
  See("op1", "35000001000001", "410010000000001", Days(D(20261002), 28));
  See("op2", "35000001000001", "410020000000002", Days(D(20261010), 9));
  config_.conditions[0].max_allowed_matching_ratio = 0.5;  // 1 of 1 IMEI matches
  const ClassifyReport report = MustRun(D(20261101));
  EXPECT_EQ(report.capped, std::vector<std::string>{"duplicate"});
  EXPECT_EQ(report.genuine_users_designated, 0);
  auto users = registry_->FindGenuineUsers("35000001000001");
  ASSERT_TRUE(users.ok());
  EXPECT_TRUE(users->empty());
}

TEST_F(GenuineUserRunTest, RegulatorRevocationIsNotUndoneByLaterRuns) {
  See("op1", "35000001000001", "410010000000001", Days(D(20261002), 28));
  See("op2", "35000001000001", "410020000000002", Days(D(20261010), 9));
  MustRun(D(20261101));
  auto job = registry_->StartJob({"genuine revoke", "", "regulator", "", "", 1});
  ASSERT_TRUE(job.ok());
  ASSERT_TRUE(
      registry_->RevokeGenuineUser(*job, "35000001000001", "410010000000001", "stolen").ok());
  const ClassifyReport again = MustRun(D(20261101));
  EXPECT_EQ(again.run.genuine_users_refused, 1);
  EXPECT_EQ(again.run.genuine_users_started, 0);
}

}  // namespace
}  // namespace openceir::classify
