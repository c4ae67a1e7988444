// The classification engine on real SQLite stores: condition features (grace, sticky, invert,
// amnesty, safety cap), conditions that cannot be built, the universe (list IMEIs never seen),
// several windows, evidence, idempotent re-runs and the default analysis date.
#include "openceir/classify/classifier.h"

#include <fmt/format.h>
#include <gtest/gtest.h>

#include "openceir/classify/classifier_test_util.h"
#include "openceir/classify/classify_test_util.h"
#include "openceir/store/evidence_json.h"

namespace openceir::classify {
namespace {

using testing::D;
using testing::Days;

constexpr const char* kImsi1 = "410010000000001";
constexpr const char* kImsi2 = "410010000000002";
constexpr const char* kImsi3 = "410020000000003";

class ClassifierTest : public testing::ClassifierBench {
 protected:
  // Three IMSIs on IMEI A within October, one on IMEI B.
  void SeeClonedAndPlain() {
    See("op1", "35000001000001", kImsi1, Days(D(20261005), 20));
    See("op1", "35000001000001", kImsi2, Days(D(20261010), 5));
    See("op2", "35000001000001", kImsi3, Days(D(20261012), 3));
    See("op1", "35000001000002", kImsi1, Days(D(20261005), 20));
  }
  config::ConditionConfig Duplicate(int grace = 0) {
    return OneDimension("duplicate", "duplicate_threshold",
                        {{"threshold", "3"}, {"period_days", "30"}}, grace);
  }
};

TEST_F(ClassifierTest, BlockDateIsFixedAtFirstMatch) {
  SeeClonedAndPlain();
  config_.conditions = {Duplicate(/*grace=*/10)};
  const ClassifyReport first = MustRun(D(20261101));
  ASSERT_EQ(first.run.conditions.size(), 1u);
  EXPECT_EQ(first.run.conditions[0].matching, 1);
  EXPECT_EQ(first.network_imeis, 2);
  auto rows = StateAfter(first.run.run);
  ASSERT_EQ(rows.size(), 1u);
  EXPECT_EQ(rows[0].imei_norm, "35000001000001");
  EXPECT_EQ(rows[0].start_date, D(20261101));
  EXPECT_EQ(rows[0].block_date, D(20261111));

  // Still matching five days later: the block date does not move.
  const ClassifyReport later = MustRun(D(20261106));
  rows = StateAfter(later.run.run);
  ASSERT_EQ(rows.size(), 1u);
  EXPECT_EQ(rows[0].block_date, D(20261111));
  EXPECT_EQ(later.run.conditions[0].continued, 1);
  EXPECT_EQ(later.run.conditions[0].started, 0);
}

TEST_F(ClassifierTest, RerunOnSameDataAndDateChangesNothing) {
  SeeClonedAndPlain();
  Import(store::ListKind::kStolen, "imei,reporting_date,status\n35000001000009,20260105,\n");
  config_.conditions = {Duplicate(30), OneDimension("stolen", "stolen_list")};
  const ClassifyReport first = MustRun(D(20261101));
  const ClassifyReport second = MustRun(D(20261101));
  EXPECT_EQ(StateAfter(first.run.run), StateAfter(second.run.run));
  for (const store::ConditionRunRecord& record : second.run.conditions) {
    EXPECT_EQ(record.started, 0) << record.spec.label;
    EXPECT_EQ(record.ended, 0) << record.spec.label;
  }
  EXPECT_EQ(second.run.genuine_users_started, 0);
  EXPECT_EQ(second.run.genuine_users_continued, first.run.genuine_users_started);
  auto users = registry_->FindGenuineUsers("35000001000001");
  ASSERT_TRUE(users.ok());
  EXPECT_EQ(users->size(), 1u);
}

TEST_F(ClassifierTest, MatchEndsWhenNoLongerSeenUnlessSticky) {
  SeeClonedAndPlain();
  config::ConditionConfig sticky = Duplicate();
  sticky.label = "duplicate_sticky";
  sticky.sticky = true;
  config_.conditions = {Duplicate(), sticky};
  MustRun(D(20261101));
  // December: October is out of the 30-day window.
  const ClassifyReport december = MustRun(D(20261215));
  ASSERT_EQ(december.run.conditions.size(), 2u);
  EXPECT_EQ(december.run.conditions[0].ended, 1);
  EXPECT_EQ(december.run.conditions[1].ended, 0);
  auto rows = StateAfter(december.run.run);
  ASSERT_EQ(rows.size(), 1u);
  EXPECT_EQ(rows[0].condition, "duplicate_sticky");
}

TEST_F(ClassifierTest, InvertedDimensionExcludesItsMatches) {
  SeeClonedAndPlain();
  See("op1", "35000001000003", kImsi1, Days(D(20261005), 2));
  See("op1", "35000001000003", kImsi2, Days(D(20261005), 2));
  See("op2", "35000001000003", kImsi3, Days(D(20261005), 2));
  Import(store::ListKind::kStolen, "imei,reporting_date,status\n35000001000003,20260105,\n");
  config::ConditionConfig condition = Duplicate();
  condition.dimensions.push_back({"stolen_list", {}, /*invert=*/true});
  config_.conditions = {condition};
  const ClassifyReport report = MustRun(D(20261101));
  auto rows = StateAfter(report.run.run);
  ASSERT_EQ(rows.size(), 1u);
  EXPECT_EQ(rows[0].imei_norm, "35000001000001");  // ...0003 is stolen: not this condition
  EXPECT_NE(rows[0].evidence_json.find("\"stolen_list.inverted\":\"true\""), std::string::npos)
      << rows[0].evidence_json;
}

TEST_F(ClassifierTest, SafetyCapKeepsAConditionFromApplyingAndSaysSo) {
  See("op1", "35000001000001", kImsi1, Days(D(20261005), 2));
  See("op1", "3500000100000A", kImsi1, Days(D(20261005), 2));
  See("op1", "350000010000", kImsi1, Days(D(20261005), 2));
  config::ConditionConfig malformed = OneDimension("malformed", "malformed_imei");
  malformed.max_allowed_matching_ratio = 0.5;  // 2 of 3 match
  config_.conditions = {malformed, Duplicate()};
  const ClassifyReport report = MustRun(D(20261101));
  EXPECT_EQ(report.capped, std::vector<std::string>{"malformed"});
  ASSERT_EQ(report.run.conditions.size(), 2u);
  EXPECT_FALSE(report.run.conditions[0].applied);
  EXPECT_EQ(report.run.conditions[0].matching, 2);
  EXPECT_TRUE(report.run.conditions[1].applied);
  EXPECT_TRUE(StateAfter(report.run.run).empty());

  config_.conditions[0].max_allowed_matching_ratio = 0.7;
  const ClassifyReport allowed = MustRun(D(20261101));
  EXPECT_TRUE(allowed.capped.empty());
  EXPECT_EQ(StateAfter(allowed.run.run).size(), 2u);
}

TEST_F(ClassifierTest, AmnestyDuringTheEvaluationPeriodOnly) {
  See("op1", "3500000100000A", kImsi1, Days(D(20261005), 40));
  config::ConditionConfig malformed = OneDimension("malformed", "malformed_imei", {}, 30);
  malformed.amnesty_eligible = true;
  config_.conditions = {malformed};
  config_.amnesty = {true, "20261110", "20270630"};
  const ClassifyReport during = MustRun(D(20261101));
  auto rows = StateAfter(during.run.run);
  ASSERT_EQ(rows.size(), 1u);
  EXPECT_TRUE(rows[0].amnesty_granted);
  EXPECT_EQ(rows[0].block_date, D(20270630));

  // After the evaluation period a new match gets the grace period.
  See("op1", "3500000100000B", kImsi2, Days(D(20261105), 2));
  const ClassifyReport after = MustRun(D(20261120));
  rows = StateAfter(after.run.run);
  ASSERT_EQ(rows.size(), 2u);
  EXPECT_TRUE(rows[0].amnesty_granted);  // kept from the first match
  EXPECT_EQ(rows[0].block_date, D(20270630));
  EXPECT_FALSE(rows[1].amnesty_granted);
  EXPECT_EQ(rows[1].block_date, D(20261220));
}

TEST_F(ClassifierTest, ConditionWithoutDataIsSkippedWithTheReason) {
  SeeClonedAndPlain();
  config_.conditions = {Duplicate(),
                        OneDimension("peer", "reported_by_peer", {{"min_reports", "1"}})};
  const ClassifyReport report = MustRun(D(20261101));
  ASSERT_EQ(report.skipped.size(), 1u);
  EXPECT_EQ(report.skipped[0].label, "peer");
  EXPECT_NE(report.skipped[0].why.find("reported_by_peer"), std::string::npos);
  ASSERT_EQ(report.run.conditions.size(), 1u);
  EXPECT_EQ(report.run.conditions[0].spec.label, "duplicate");
}

TEST_F(ClassifierTest, BadDimensionParameterRejectsTheRun) {
  config_.conditions = {OneDimension("bad", "duplicate_threshold", {{"threshold", "x"}})};
  auto report = Run(D(20261101));
  ASSERT_FALSE(report.ok());
  EXPECT_EQ(report.status().code(), StatusCode::kInvalidInput);
  EXPECT_NE(report.status().message().find("condition bad"), std::string::npos);
}

TEST_F(ClassifierTest, RunWithoutAReaderOfItsOwnMatchesTheSame) {
  SeeClonedAndPlain();
  config_.conditions = {Duplicate()};
  own_reader_ = false;  // the scan shares `observations` and starts after the snapshot loads
  const ClassifyReport shared = MustRun(D(20261101));
  own_reader_ = true;
  const ClassifyReport own = MustRun(D(20261101));
  EXPECT_EQ(shared.network_imeis, 2);
  EXPECT_EQ(own.network_imeis, shared.network_imeis);
  EXPECT_EQ(shared.run.conditions[0].matching, 1);
  EXPECT_EQ(own.run.conditions[0].matching, shared.run.conditions[0].matching);
  EXPECT_EQ(StateAfter(own.run.run), StateAfter(shared.run.run));
}

TEST_F(ClassifierTest, SnapshotErrorStopsTheScanStartedBeforeIt) {
  // With a reader of its own the scan starts before the snapshot loads: a snapshot error must
  // still end the run cleanly (the scan's thread stopped and joined, nothing committed).
  auto batch = observations_->BeginBatch();
  ASSERT_TRUE(batch.ok()) << batch.status().ToString();
  const std::vector<Date> days = Days(D(20261005), 2);
  for (int i = 0; i < 3000; ++i) {
    testing::SummaryMaker maker(fmt::format("35000001{:06}", i), {days.front(), days.back()},
                                days.front());
    maker.Seen("op1", kImsi1, "", days);
    ASSERT_TRUE((*batch)->MergeTriplets(maker.triplets()).ok());
  }
  store::ObservationImport import;
  import.job_id = 1;
  import.kind = store::ObservationImportKind::kOperatorData;
  import.operator_id = "op1";
  import.file_sha256 = std::string(64, 'a');
  import.first_day = days.front();
  import.last_day = days.back();
  import.rows = 3000;
  ASSERT_TRUE((*batch)->Commit(import).ok());
  config_.conditions = {Duplicate()};
  config_.region.operators[0].mcc_mncs = {"4X001"};  // malformed: the snapshot cannot load
  auto report = Run(D(20261101));
  ASSERT_FALSE(report.ok());
  EXPECT_EQ(report.status().code(), StatusCode::kInvalidInput);
  auto runs = registry_->ListClassificationRuns(1);
  ASSERT_TRUE(runs.ok()) << runs.status().ToString();
  EXPECT_TRUE(runs->empty());
}

TEST_F(ClassifierTest, StolenImeiNeverSeenIsClassified) {
  See("op1", "35000001000001", kImsi1, Days(D(20261005), 2));
  Import(store::ListKind::kStolen,
         "imei,reporting_date,status\n35000001000001,20260105,\n35000001000005,20260105,\n"
         "35000001000006,20260105,pending\n");
  config_.conditions = {OneDimension("stolen", "stolen_list")};
  const ClassifyReport report = MustRun(D(20261101));
  EXPECT_EQ(report.network_imeis, 1);
  EXPECT_EQ(report.list_only_imeis, 1);  // the pending report is not confirmed
  auto rows = StateAfter(report.run.run);
  ASSERT_EQ(rows.size(), 2u);
  EXPECT_EQ(rows[0].imei_norm, "35000001000001");
  EXPECT_EQ(rows[1].imei_norm, "35000001000005");
}

TEST_F(ClassifierTest, SeveralWindowsAreMergedByImei) {
  // concurrent_operators reads 10 days, duplicate_threshold 30: two scans.
  See("op1", "35000001000001", kImsi1, Days(D(20261025), 5));
  See("op2", "35000001000001", kImsi3, Days(D(20261025), 5));
  See("op1", "35000001000002", kImsi1, Days(D(20261005), 3));
  See("op1", "35000001000002", kImsi2, Days(D(20261005), 3));
  See("op2", "35000001000002", kImsi3, Days(D(20261005), 3));
  config::ConditionConfig concurrent = OneDimension("concurrent", "concurrent_operators",
                                                    {{"threshold", "2"}, {"period_days", "10"}});
  config_.conditions = {Duplicate(), concurrent};
  // Informational: blocking cloning matches on IMEIs this new would wait for their genuine user.
  for (config::ConditionConfig& condition : config_.conditions) condition.blocking = false;
  const ClassifyReport report = MustRun(D(20261101));
  EXPECT_EQ(report.windows.size(), 2u);
  EXPECT_EQ(report.network_imeis, 2);
  auto rows = StateAfter(report.run.run);
  ASSERT_EQ(rows.size(), 2u);
  EXPECT_EQ(rows[0].imei_norm, "35000001000001");
  EXPECT_EQ(rows[0].condition, "concurrent");
  EXPECT_EQ(rows[1].imei_norm, "35000001000002");
  EXPECT_EQ(rows[1].condition, "duplicate");
}

TEST_F(ClassifierTest, EveryMatchStoresItsEvidence) {
  SeeClonedAndPlain();
  config_.conditions = {Duplicate()};
  const ClassifyReport report = MustRun(D(20261101));
  auto rows = StateAfter(report.run.run);
  ASSERT_EQ(rows.size(), 1u);
  auto evidence = store::ParseEvidenceJson(rows[0].evidence_json);
  ASSERT_TRUE(evidence.ok()) << evidence.status().ToString();
  auto value = [&](const std::string& name) {
    for (const store::EvidenceField& field : *evidence) {
      if (field.name == name) return field.value;
    }
    return std::string("<missing>");
  };
  EXPECT_EQ(value("duplicate_threshold.distinct_imsis"), "3");
  EXPECT_EQ(value("duplicate_threshold.threshold"), "3");
  EXPECT_NE(value("duplicate_threshold.explain"), "<missing>");
  EXPECT_EQ(value("genuine_user.decided"), "true");
  EXPECT_EQ(value("genuine_user.imsi"), kImsi1);
}

TEST_F(ClassifierTest, RunBeforeTheLatestRunIsRejected) {
  SeeClonedAndPlain();
  config_.conditions = {Duplicate()};
  MustRun(D(20261101));
  auto earlier = Run(D(20261020));
  ASSERT_FALSE(earlier.ok());
  EXPECT_EQ(earlier.status().code(), StatusCode::kFailedPrecondition);
  auto jobs = registry_->ListJobs(1);
  ASSERT_TRUE(jobs.ok()) << jobs.status().ToString();
  EXPECT_EQ((*jobs)[0].outcome, store::JobOutcome::kRejected);
}

TEST_F(ClassifierTest, DefaultAnalysisDateIsTheDayAfterTheLatestData) {
  EXPECT_EQ(DefaultAnalysisDate(*observations_, config_.region).status().code(),
            StatusCode::kFailedPrecondition);
  See("op1", "35000001000001", kImsi1, Days(D(20261005), 2));
  See("op2", "35000001000001", kImsi3, Days(D(20261020), 11));
  auto date = DefaultAnalysisDate(*observations_, config_.region);
  ASSERT_TRUE(date.ok());
  EXPECT_EQ(*date, D(20261031));
}

}  // namespace
}  // namespace openceir::classify
