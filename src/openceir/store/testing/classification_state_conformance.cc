// The classification-state part of the registry store conformance suite: matches with history
// (first match fixes the block date, continuing, ending, re-matching, sticky), idempotent
// re-runs, past states after later runs, atomic runs, the safety cap, amnesty, run records,
// ordering, and genuine-user exceptions (create, keep, end, revoke, as of a run).
#include <fmt/format.h>
#include <gmock/gmock.h>
#include <unistd.h>

#include <utility>
#include <vector>

#include "openceir/store/evidence_json.h"
#include "openceir/store/testing/registry_store_conformance.h"

namespace openceir::store::testing {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::IsEmpty;
using ::testing::SizeIs;

Date Day(std::string_view yyyymmdd) { return ParseYyyymmdd(yyyymmdd).value(); }

constexpr std::string_view kImeiA = "35209900176148";
constexpr std::string_view kImeiB = "35209900176149";
constexpr std::string_view kImeiC = "35209900176150";

ConditionSpec Condition(std::string label, int grace_period_days = 30, bool sticky = false) {
  ConditionSpec spec;
  spec.label = std::move(label);
  spec.reason = "Reason of " + spec.label;
  spec.grace_period_days = grace_period_days;
  spec.sticky = sticky;
  return spec;
}

// A match as test data: owned strings, turned into ConditionMatch views for a call.
struct TestMatch {
  std::uint32_t condition;
  std::string imei_norm;
  std::vector<EvidenceField> evidence = {{"distinct_imsis", "12"}};
};

struct TestGenuineUser {
  std::string imei_norm;
  std::string imsi;
  std::string reason = "first seen and most days";
};

JobId StartJob(RegistryStore& store, const std::string& command = "classify") {
  JobStart start;
  start.command = command;
  start.user = "regulator";
  start.pid = getpid();
  auto id = store.StartJob(start);
  EXPECT_TRUE(id.ok()) << id.status().ToString();
  return id.ok() ? *id : 0;
}

Status AddAll(ClassificationRun& run, const std::vector<TestMatch>& matches,
              const std::vector<TestGenuineUser>& users) {
  std::vector<ConditionMatch> views;
  for (const TestMatch& m : matches) views.push_back({m.condition, m.imei_norm, m.evidence});
  OPENCEIR_RETURN_IF_ERROR(run.AddMatches(views));
  std::vector<GenuineUserDesignation> user_views;
  for (const TestGenuineUser& u : users) user_views.push_back({u.imei_norm, u.imsi, u.reason});
  return run.AddGenuineUsers(user_views);
}

// Runs one classification and commits it; returns its record (run 0 on failure).
ClassificationRunRecord Classify(RegistryStore& store, Date curr_date,
                                 const std::vector<ConditionSpec>& conditions,
                                 const std::vector<TestMatch>& matches,
                                 std::int64_t seen_imeis = 10,
                                 const std::vector<TestGenuineUser>& users = {}) {
  JobId id = StartJob(store);
  auto run = store.BeginClassificationRun(id, curr_date, conditions);
  EXPECT_TRUE(run.ok()) << run.status().ToString();
  if (!run.ok()) return {};
  Status added = AddAll(**run, matches, users);
  EXPECT_TRUE(added.ok()) << added.ToString();
  auto record = (*run)->Commit(seen_imeis, JobCounts{});
  EXPECT_TRUE(record.ok()) << record.status().ToString();
  return record.ok() ? *record : ClassificationRunRecord{};
}

std::vector<ClassificationRow> StateAsOf(RegistryStore& store, JobId run) {
  std::vector<ClassificationRow> rows;
  Status status = store.ScanClassificationAsOf(run, [&rows](const ClassificationRow& row) {
    rows.push_back(row);
    return Status::Ok();
  });
  EXPECT_TRUE(status.ok()) << status.ToString();
  return rows;
}

std::vector<GenuineUserRow> GenuineUsersAsOf(RegistryStore& store, JobId as_of) {
  std::vector<GenuineUserRow> rows;
  Status status = store.ScanGenuineUsersAsOf(as_of, [&rows](const GenuineUserRow& row) {
    rows.push_back(row);
    return Status::Ok();
  });
  EXPECT_TRUE(status.ok()) << status.ToString();
  return rows;
}

std::vector<ClassificationRow> RowsOf(RegistryStore& store, std::string_view imei_norm) {
  auto rows = store.FindClassificationRows(std::string(imei_norm));
  EXPECT_TRUE(rows.ok()) << rows.status().ToString();
  return rows.ok() ? *rows : std::vector<ClassificationRow>{};
}

// (imei_norm, condition, start_run, block_date) of each row, for compact expectations.
std::vector<std::tuple<std::string, std::string, JobId, std::string>> Keys(
    const std::vector<ClassificationRow>& rows) {
  std::vector<std::tuple<std::string, std::string, JobId, std::string>> keys;
  for (const ClassificationRow& row : rows) {
    keys.emplace_back(row.imei_norm, row.condition, row.start_run, FormatYyyymmdd(row.block_date));
  }
  return keys;
}

}  // namespace

TEST_P(RegistryStoreConformanceTest, FirstMatchSetsStartAndBlockDateAndEvidence) {
  auto run = Classify(store(), Day("20260110"), {Condition("gsma_not_found", 30)},
                      {{0, std::string(kImeiA), {{"tac", "35209900"}, {"reason", "unallocated"}}}});
  ASSERT_NE(run.run, 0);
  auto rows = RowsOf(store(), kImeiA);
  ASSERT_THAT(rows, SizeIs(1));
  EXPECT_EQ(rows[0].condition, "gsma_not_found");
  EXPECT_EQ(rows[0].start_date, Day("20260110"));
  EXPECT_EQ(rows[0].block_date, Day("20260209"));
  EXPECT_EQ(rows[0].start_run, run.run);
  EXPECT_EQ(rows[0].end_run, std::nullopt);
  EXPECT_EQ(rows[0].end_date, std::nullopt);
  EXPECT_FALSE(rows[0].amnesty_granted);
  EXPECT_EQ(rows[0].evidence_json, R"({"tac":"35209900","reason":"unallocated"})");
  ASSERT_THAT(run.conditions, SizeIs(1));
  EXPECT_EQ(run.conditions[0].started, 1);
  EXPECT_EQ(run.conditions[0].continued, 0);
  EXPECT_EQ(run.conditions[0].ended, 0);
  EXPECT_TRUE(run.conditions[0].applied);
}

TEST_P(RegistryStoreConformanceTest, ContinuingMatchKeepsBlockDateAndFirstEvidence) {
  const std::vector<ConditionSpec> conditions = {Condition("duplicate", 10)};
  auto first = Classify(store(), Day("20260110"), conditions,
                        {{0, std::string(kImeiA), {{"distinct_imsis", "5"}}}});
  auto second = Classify(store(), Day("20260115"), conditions,
                         {{0, std::string(kImeiA), {{"distinct_imsis", "9"}}}});
  auto rows = RowsOf(store(), kImeiA);
  ASSERT_THAT(rows, SizeIs(1));
  EXPECT_EQ(rows[0].block_date, Day("20260120"));
  EXPECT_EQ(rows[0].start_run, first.run);
  EXPECT_EQ(rows[0].end_run, std::nullopt);
  EXPECT_EQ(rows[0].evidence_json, R"({"distinct_imsis":"5"})");
  EXPECT_EQ(second.conditions[0].started, 0);
  EXPECT_EQ(second.conditions[0].continued, 1);
}

TEST_P(RegistryStoreConformanceTest, MatchEndsWhenTheImeiNoLongerMatches) {
  const std::vector<ConditionSpec> conditions = {Condition("duplicate")};
  auto first = Classify(store(), Day("20260110"), conditions,
                        {{0, std::string(kImeiA)}, {0, std::string(kImeiB)}});
  auto second = Classify(store(), Day("20260111"), conditions, {{0, std::string(kImeiB)}});
  auto rows = RowsOf(store(), kImeiA);
  ASSERT_THAT(rows, SizeIs(1));
  EXPECT_EQ(rows[0].end_run, second.run);
  EXPECT_EQ(rows[0].end_date, Day("20260111"));
  EXPECT_EQ(second.conditions[0].ended, 1);
  EXPECT_EQ(second.conditions[0].continued, 1);
  EXPECT_THAT(Keys(StateAsOf(store(), second.run)),
              ElementsAre(std::tuple(std::string(kImeiB), "duplicate", first.run, "20260209")));
}

TEST_P(RegistryStoreConformanceTest, RematchStartsANewRowWithANewBlockDate) {
  const std::vector<ConditionSpec> conditions = {Condition("duplicate", 7)};
  auto first = Classify(store(), Day("20260110"), conditions, {{0, std::string(kImeiA)}});
  Classify(store(), Day("20260111"), conditions, {});
  auto third = Classify(store(), Day("20260120"), conditions, {{0, std::string(kImeiA)}});
  auto rows = RowsOf(store(), kImeiA);
  ASSERT_THAT(rows, SizeIs(2));
  EXPECT_EQ(rows[0].start_run, first.run);
  EXPECT_EQ(rows[0].block_date, Day("20260117"));
  EXPECT_TRUE(rows[0].end_run.has_value());
  EXPECT_EQ(rows[1].start_run, third.run);
  EXPECT_EQ(rows[1].start_date, Day("20260120"));
  EXPECT_EQ(rows[1].block_date, Day("20260127"));
  EXPECT_EQ(rows[1].end_run, std::nullopt);
  EXPECT_EQ(third.conditions[0].started, 1);
}

TEST_P(RegistryStoreConformanceTest, StickyMatchNeverEnds) {
  const std::vector<ConditionSpec> conditions = {Condition("stolen", 0, /*sticky=*/true),
                                                 Condition("duplicate", 0)};
  Classify(store(), Day("20260110"), conditions,
           {{0, std::string(kImeiA)}, {1, std::string(kImeiA)}});
  auto second = Classify(store(), Day("20260111"), conditions, {});
  auto third = Classify(store(), Day("20260301"), conditions, {});
  EXPECT_EQ(second.conditions[0].ended, 0);
  EXPECT_EQ(second.conditions[1].ended, 1);
  auto state = StateAsOf(store(), third.run);
  ASSERT_THAT(state, SizeIs(1));
  EXPECT_EQ(state[0].condition, "stolen");
  EXPECT_EQ(state[0].end_run, std::nullopt);
}

TEST_P(RegistryStoreConformanceTest, RerunOnTheSameDataAndDateChangesNothing) {
  const std::vector<ConditionSpec> conditions = {Condition("a"), Condition("b", 5)};
  const std::vector<TestMatch> matches = {
      {0, std::string(kImeiA)}, {1, std::string(kImeiA)}, {0, std::string(kImeiC)}};
  auto first = Classify(store(), Day("20260110"), conditions, matches);
  auto second = Classify(store(), Day("20260110"), conditions, matches);
  EXPECT_EQ(StateAsOf(store(), second.run), StateAsOf(store(), first.run));
  EXPECT_THAT(RowsOf(store(), kImeiA), SizeIs(2));
  for (const ConditionRunRecord& condition : second.conditions) {
    EXPECT_EQ(condition.started, 0) << condition.spec.label;
    EXPECT_EQ(condition.ended, 0) << condition.spec.label;
    EXPECT_EQ(condition.continued, condition.matching) << condition.spec.label;
  }
}

TEST_P(RegistryStoreConformanceTest, AsOfScanReproducesAnOlderRunAfterLaterRuns) {
  const std::vector<ConditionSpec> conditions = {Condition("a"), Condition("b", 5)};
  // Given out of IMEI order: the scan is in (imei_norm, condition) order regardless.
  auto first =
      Classify(store(), Day("20260110"), conditions,
               {{1, std::string(kImeiB)}, {0, std::string(kImeiB)}, {0, std::string(kImeiA)}});
  const std::vector<ClassificationRow> at_first = StateAsOf(store(), first.run);
  EXPECT_THAT(Keys(at_first),
              ElementsAre(std::tuple(std::string(kImeiA), "a", first.run, "20260209"),
                          std::tuple(std::string(kImeiB), "a", first.run, "20260209"),
                          std::tuple(std::string(kImeiB), "b", first.run, "20260115")));

  auto second = Classify(store(), Day("20260111"), conditions,
                         {{0, std::string(kImeiB)}, {0, std::string(kImeiC)}});
  auto third = Classify(store(), Day("20260112"), conditions, {{0, std::string(kImeiA)}});
  EXPECT_EQ(StateAsOf(store(), first.run), at_first);
  EXPECT_THAT(Keys(StateAsOf(store(), second.run)),
              ElementsAre(std::tuple(std::string(kImeiB), "a", first.run, "20260209"),
                          std::tuple(std::string(kImeiC), "a", second.run, "20260210")));
  EXPECT_THAT(Keys(StateAsOf(store(), third.run)),
              ElementsAre(std::tuple(std::string(kImeiA), "a", third.run, "20260211")));
}

TEST_P(RegistryStoreConformanceTest, ScanAsOfUnknownRunIsNotFound) {
  JobId job = StartJob(store());
  Status status =
      store().ScanClassificationAsOf(job, [](const ClassificationRow&) { return Status::Ok(); });
  EXPECT_EQ(status.code(), StatusCode::kNotFound);
  EXPECT_EQ(store().GetClassificationRun(job).status().code(), StatusCode::kNotFound);
}

TEST_P(RegistryStoreConformanceTest, RunNotCommittedLeavesThePreviousState) {
  const std::vector<ConditionSpec> conditions = {Condition("a")};
  auto first = Classify(store(), Day("20260110"), conditions, {{0, std::string(kImeiA)}});
  const auto before = StateAsOf(store(), first.run);
  JobId id = StartJob(store());
  {
    auto run = store().BeginClassificationRun(id, Day("20260111"), conditions);
    ASSERT_TRUE(run.ok()) << run.status().ToString();
    ASSERT_TRUE(AddAll(**run, {{0, std::string(kImeiB)}}, {{std::string(kImeiB), "1"}}).ok());
  }  // destroyed without Commit
  EXPECT_THAT(RowsOf(store(), kImeiB), IsEmpty());
  EXPECT_EQ(StateAsOf(store(), first.run), before);
  EXPECT_THAT(RowsOf(store(), kImeiA), SizeIs(1));
  EXPECT_EQ(RowsOf(store(), kImeiA)[0].end_run, std::nullopt);
  auto runs = store().ListClassificationRuns(10);
  ASSERT_TRUE(runs.ok());
  ASSERT_THAT(*runs, SizeIs(1));
  EXPECT_EQ((*runs)[0].run, first.run);
  EXPECT_EQ(store().GetJob(id)->outcome, JobOutcome::kRunning);
  EXPECT_THAT(GenuineUsersAsOf(store(), id), IsEmpty());
}

TEST_P(RegistryStoreConformanceTest, CommitMarksTheJobSucceededAndRecordsTheRun) {
  ConditionSpec capped = Condition("capped");
  capped.blocking = false;
  capped.max_allowed_matching_ratio = 0.1;
  ConditionSpec amnesty = Condition("amnesty", 30);
  amnesty.amnesty_block_date = Day("20260601");
  const std::vector<ConditionSpec> conditions = {Condition("a"), capped, amnesty};
  clock().Set(1'800'000'000);
  JobId id = StartJob(store());
  auto run = store().BeginClassificationRun(id, Day("20260110"), conditions);
  ASSERT_TRUE(run.ok()) << run.status().ToString();
  ASSERT_TRUE(AddAll(**run,
                     {{0, std::string(kImeiA)},
                      {1, std::string(kImeiA)},
                      {1, std::string(kImeiB)},
                      {2, std::string(kImeiC)}},
                     {})
                  .ok());
  clock().Set(1'800'000'060);
  JobCounts counts;
  counts.rows_read = 4;
  auto record = (*run)->Commit(4, counts);
  ASSERT_TRUE(record.ok()) << record.status().ToString();

  EXPECT_EQ(record->run, id);
  EXPECT_EQ(record->curr_date, Day("20260110"));
  EXPECT_EQ(record->started_at, 1'800'000'000);
  EXPECT_EQ(record->finished_at, 1'800'000'060);
  EXPECT_EQ(record->seen_imeis, 4);
  ASSERT_THAT(record->conditions, SizeIs(3));
  EXPECT_EQ(record->conditions[0].spec, conditions[0]);
  EXPECT_EQ(record->conditions[1].spec, capped);
  EXPECT_FALSE(record->conditions[1].applied);
  EXPECT_EQ(record->conditions[1].matching, 2);
  EXPECT_DOUBLE_EQ(record->conditions[1].matching_ratio, 0.5);
  EXPECT_EQ(record->conditions[1].started, 0);
  EXPECT_TRUE(record->conditions[2].applied);

  auto stored = store().GetClassificationRun(id);
  ASSERT_TRUE(stored.ok()) << stored.status().ToString();
  EXPECT_EQ(*stored, *record);
  auto job = store().GetJob(id);
  EXPECT_EQ(job->outcome, JobOutcome::kSucceeded);
  EXPECT_EQ(job->counts.rows_read, 4);

  // The capped condition left no state; amnesty set the flag and its block date.
  auto rows = RowsOf(store(), kImeiA);
  ASSERT_THAT(rows, SizeIs(1));
  EXPECT_EQ(rows[0].condition, "a");
  EXPECT_THAT(RowsOf(store(), kImeiB), IsEmpty());
  auto amnestied = RowsOf(store(), kImeiC);
  ASSERT_THAT(amnestied, SizeIs(1));
  EXPECT_TRUE(amnestied[0].amnesty_granted);
  EXPECT_EQ(amnestied[0].block_date, Day("20260601"));
}

TEST_P(RegistryStoreConformanceTest, SafetyCapLeavesTheConditionsStateAsItWas) {
  ConditionSpec spec = Condition("a");
  spec.max_allowed_matching_ratio = 0.5;
  auto first = Classify(store(), Day("20260110"), {spec}, {{0, std::string(kImeiA)}}, 4);
  // Three of four: over the cap, so A is neither ended nor B and C started.
  auto second =
      Classify(store(), Day("20260111"), {spec},
               {{0, std::string(kImeiB)}, {0, std::string(kImeiC)}, {0, "35209900176151"}}, 4);
  EXPECT_FALSE(second.conditions[0].applied);
  EXPECT_DOUBLE_EQ(second.conditions[0].matching_ratio, 0.75);
  EXPECT_EQ(StateAsOf(store(), second.run), StateAsOf(store(), first.run));
  // Exactly at the cap is applied.
  auto third = Classify(store(), Day("20260112"), {spec},
                        {{0, std::string(kImeiB)}, {0, std::string(kImeiC)}}, 4);
  EXPECT_TRUE(third.conditions[0].applied);
  EXPECT_EQ(third.conditions[0].ended, 1);
  EXPECT_EQ(third.conditions[0].started, 2);
}

// Matches of a condition certain to exceed its cap may be counted without being staged: the
// count is recorded with the run (for the message), the state stays as it was, and a condition
// that turns out within its cap is refused at Commit with nothing written.
TEST_P(RegistryStoreConformanceTest, UnstagedMatchesCountTowardsTheCapOnly) {
  ConditionSpec spec = Condition("a");
  spec.max_allowed_matching_ratio = 0.5;
  const std::vector<ConditionSpec> specs = {spec, Condition("b")};
  auto first = Classify(store(), Day("20260110"), specs, {{0, std::string(kImeiA)}}, 4);
  ASSERT_EQ(first.conditions.size(), 2u);

  JobId id = StartJob(store());
  auto run = store().BeginClassificationRun(id, Day("20260111"), specs);
  ASSERT_TRUE(run.ok()) << run.status().ToString();
  ASSERT_TRUE(AddAll(**run, {{0, std::string(kImeiB)}, {1, std::string(kImeiC)}}, {}).ok());
  ASSERT_TRUE((*run)->CountUnstagedMatches(0, 2).ok());
  auto record = (*run)->Commit(4, JobCounts{});
  ASSERT_TRUE(record.ok()) << record.status().ToString();
  EXPECT_FALSE(record->conditions[0].applied);
  EXPECT_EQ(record->conditions[0].matching, 3);
  EXPECT_DOUBLE_EQ(record->conditions[0].matching_ratio, 0.75);
  EXPECT_TRUE(record->conditions[1].applied);
  EXPECT_EQ(record->conditions[1].started, 1);
  auto state = StateAsOf(store(), record->run);
  ASSERT_EQ(state.size(), 2u);  // a's match of the first run, b's new one
  EXPECT_EQ(state[0].imei_norm, kImeiA);

  // Within the cap after all: refused, nothing written.
  id = StartJob(store());
  run = store().BeginClassificationRun(id, Day("20260112"), specs);
  ASSERT_TRUE(run.ok()) << run.status().ToString();
  EXPECT_EQ((*run)->CountUnstagedMatches(7, 1).code(), StatusCode::kInvalidInput);
  run->reset();
  run = store().BeginClassificationRun(id, Day("20260112"), specs);
  ASSERT_TRUE(run.ok()) << run.status().ToString();
  ASSERT_TRUE((*run)->CountUnstagedMatches(0, 1).ok());
  auto refused = (*run)->Commit(4, JobCounts{});
  EXPECT_EQ(refused.status().code(), StatusCode::kFailedPrecondition);
  run->reset();
  auto runs = store().ListClassificationRuns(1);
  ASSERT_TRUE(runs.ok());
  ASSERT_EQ(runs->size(), 1u);
  EXPECT_EQ(runs->front().run, record->run);
}

TEST_P(RegistryStoreConformanceTest, ListClassificationRunsNewestFirst) {
  auto first = Classify(store(), Day("20260110"), {Condition("a")}, {});
  auto second = Classify(store(), Day("20260111"), {Condition("b")}, {});
  auto runs = store().ListClassificationRuns(10);
  ASSERT_TRUE(runs.ok());
  ASSERT_THAT(*runs, SizeIs(2));
  EXPECT_EQ((*runs)[0].run, second.run);
  EXPECT_EQ((*runs)[0].conditions[0].spec.label, "b");
  EXPECT_EQ((*runs)[1].run, first.run);
  EXPECT_THAT(*store().ListClassificationRuns(1), SizeIs(1));
}

TEST_P(RegistryStoreConformanceTest, RunRejectsBadInput) {
  JobId id = StartJob(store());
  EXPECT_EQ(
      store()
          .BeginClassificationRun(id, Day("20260110"), std::vector{Condition("a"), Condition("a")})
          .status()
          .code(),
      StatusCode::kInvalidInput);
  EXPECT_EQ(store()
                .BeginClassificationRun(id, Day("20260110"), std::vector{Condition("a", -1)})
                .status()
                .code(),
            StatusCode::kInvalidInput);
  EXPECT_EQ(store()
                .BeginClassificationRun(id, Day("20260110"), std::vector{Condition("")})
                .status()
                .code(),
            StatusCode::kInvalidInput);
  EXPECT_EQ(store()
                .BeginClassificationRun(id + 100, Day("20260110"), std::vector{Condition("a")})
                .status()
                .code(),
            StatusCode::kNotFound);

  const std::vector<ConditionSpec> conditions = {Condition("a")};
  {
    auto run = store().BeginClassificationRun(id, Day("20260110"), conditions);
    ASSERT_TRUE(run.ok());
    Status unknown = AddAll(**run, {{1, std::string(kImeiA)}}, {});
    EXPECT_EQ(unknown.code(), StatusCode::kInvalidInput);
    EXPECT_EQ((*run)->Commit(1, {}).status().code(), StatusCode::kFailedPrecondition);
  }
  {
    auto run = store().BeginClassificationRun(id, Day("20260110"), conditions);
    ASSERT_TRUE(run.ok());
    ASSERT_TRUE(AddAll(**run, {{0, std::string(kImeiA)}}, {}).ok());
    Status twice = AddAll(**run, {{0, std::string(kImeiA)}}, {});
    if (twice.ok()) {
      // Staged rows may be checked at Commit.
      auto record = (*run)->Commit(1, {});
      ASSERT_FALSE(record.ok());
      twice = record.status();
    }
    EXPECT_EQ(twice.code(), StatusCode::kInvalidInput);
    EXPECT_THAT(twice.message(), HasSubstr(std::string(kImeiA)));
  }
  {
    auto run = store().BeginClassificationRun(id, Day("20260110"), conditions);
    ASSERT_TRUE(run.ok());
    ASSERT_TRUE(AddAll(**run, {{0, std::string(kImeiA)}, {0, std::string(kImeiB)}}, {}).ok());
    EXPECT_EQ((*run)->Commit(1, {}).status().code(), StatusCode::kInvalidInput);
  }
  {
    auto run = store().BeginClassificationRun(id, Day("20260110"), conditions);
    ASSERT_TRUE(run.ok());
    Status evidence = AddAll(**run, {{0, std::string(kImeiA), {{"x", "1"}, {"x", "2"}}}}, {});
    EXPECT_EQ(evidence.code(), StatusCode::kInvalidInput);
  }
  EXPECT_EQ(store().GetJob(id)->outcome, JobOutcome::kRunning);
  EXPECT_THAT(*store().ListClassificationRuns(10), IsEmpty());
}

TEST_P(RegistryStoreConformanceTest, RunForAnEarlierDateThanTheLatestIsRefused) {
  Classify(store(), Day("20260110"), {Condition("a")}, {});
  JobId id = StartJob(store());
  auto run = store().BeginClassificationRun(id, Day("20260109"), std::vector{Condition("a")});
  ASSERT_FALSE(run.ok());
  EXPECT_EQ(run.status().code(), StatusCode::kFailedPrecondition);
  EXPECT_THAT(run.status().message(), HasSubstr("20260110"));
}

TEST_P(RegistryStoreConformanceTest, OlderJobCannotClassifyAfterANewerOneCommitted) {
  JobId older = StartJob(store());
  Classify(store(), Day("20260110"), {Condition("a")}, {{0, std::string(kImeiA)}});
  auto run = store().BeginClassificationRun(older, Day("20260110"), std::vector{Condition("a")});
  ASSERT_FALSE(run.ok());
  EXPECT_EQ(run.status().code(), StatusCode::kAborted);
}

TEST_P(RegistryStoreConformanceTest, EvidenceIsStoredAsCanonicalJson) {
  const std::vector<EvidenceField> evidence = {{"model", "Tab 10.1\""}, {"days", "3"}};
  auto run =
      Classify(store(), Day("20260110"), {Condition("a")}, {{0, std::string(kImeiA), evidence}});
  auto rows = RowsOf(store(), kImeiA);
  ASSERT_THAT(rows, SizeIs(1));
  auto parsed = ParseEvidenceJson(rows[0].evidence_json);
  ASSERT_TRUE(parsed.ok()) << parsed.status().ToString();
  EXPECT_EQ(*parsed, evidence);
}

TEST_P(RegistryStoreConformanceTest, ManyMatchesAcrossBatchesAreAllApplied) {
  const std::vector<ConditionSpec> conditions = {Condition("a"), Condition("b")};
  std::vector<TestMatch> matches;
  for (int i = 0; i < 1000; ++i) {
    matches.push_back({static_cast<std::uint32_t>(i % 2), fmt::format("3520990{:07d}", i)});
  }
  auto first = Classify(store(), Day("20260110"), conditions, matches, 1000);
  EXPECT_EQ(first.conditions[0].started, 500);
  EXPECT_EQ(first.conditions[1].started, 500);
  EXPECT_THAT(StateAsOf(store(), first.run), SizeIs(1000));
  matches.resize(600);
  auto second = Classify(store(), Day("20260111"), conditions, matches, 1000);
  EXPECT_EQ(second.conditions[0].continued, 300);
  EXPECT_EQ(second.conditions[0].ended, 200);
  EXPECT_THAT(StateAsOf(store(), second.run), SizeIs(600));
}

TEST_P(RegistryStoreConformanceTest, LargeRunsStartContinueAndEndExactlyTheRightMatches) {
  // Sets large enough to cross any backend's internal chunking, interleaved so that starts,
  // continues and ends alternate along the IMEI order.
  const std::vector<ConditionSpec> conditions = {Condition("a")};
  auto in_first = [](int i) { return i < 10'000 && i % 3 != 0; };
  auto in_second = [](int i) { return i % 2 == 0; };
  std::vector<TestMatch> first_matches, second_matches;
  std::int64_t started = 0, continued = 0, ended = 0;
  for (int i = 0; i < 12'000; ++i) {
    if (in_first(i)) first_matches.push_back({0, fmt::format("3520990{:07d}", i), {}});
    if (in_second(i)) second_matches.push_back({0, fmt::format("3520990{:07d}", i), {}});
    started += in_second(i) && !in_first(i);
    continued += in_second(i) && in_first(i);
    ended += in_first(i) && !in_second(i);
  }
  auto first = Classify(store(), Day("20260110"), conditions, first_matches, 12'000);
  auto second = Classify(store(), Day("20260111"), conditions, second_matches, 12'000);
  EXPECT_EQ(second.conditions[0].started, started);
  EXPECT_EQ(second.conditions[0].continued, continued);
  EXPECT_EQ(second.conditions[0].ended, ended);
  auto state = StateAsOf(store(), second.run);
  ASSERT_EQ(state.size(), second_matches.size());
  for (std::size_t k = 0; k < state.size(); ++k) {
    const int i = 2 * static_cast<int>(k);
    EXPECT_EQ(state[k].imei_norm, second_matches[k].imei_norm);
    EXPECT_EQ(state[k].start_run, in_first(i) ? first.run : second.run) << i;
  }
  EXPECT_THAT(StateAsOf(store(), first.run), SizeIs(first_matches.size()));
}

// --- Genuine users -------------------------------------------------------------------------------

TEST_P(RegistryStoreConformanceTest, GenuineUserIsCreatedKeptAndEnded) {
  const std::vector<ConditionSpec> conditions = {Condition("duplicate")};
  auto first = Classify(store(), Day("20260110"), conditions, {}, 10,
                        {{std::string(kImeiA), "001010000000001", "first seen, 41 of 45 days"},
                         {std::string(kImeiB), "001010000000002"}});
  EXPECT_EQ(first.genuine_users_started, 2);
  auto second = Classify(store(), Day("20260111"), conditions, {}, 10,
                         {{std::string(kImeiA), "001010000000001", "changed words"}});
  EXPECT_EQ(second.genuine_users_continued, 1);
  EXPECT_EQ(second.genuine_users_ended, 1);

  auto at_first = GenuineUsersAsOf(store(), first.run);
  ASSERT_THAT(at_first, SizeIs(2));
  EXPECT_EQ(at_first[0].imei_norm, kImeiA);
  EXPECT_EQ(at_first[0].imsi, "001010000000001");
  EXPECT_EQ(at_first[0].reason, "first seen, 41 of 45 days");
  EXPECT_EQ(at_first[0].start_run, first.run);
  EXPECT_EQ(at_first[1].imei_norm, kImeiB);
  auto at_second = GenuineUsersAsOf(store(), second.run);
  ASSERT_THAT(at_second, SizeIs(1));
  EXPECT_EQ(at_second[0].reason, "first seen, 41 of 45 days");

  auto history = store().FindGenuineUsers(std::string(kImeiB));
  ASSERT_TRUE(history.ok());
  ASSERT_THAT(*history, SizeIs(1));
  EXPECT_EQ((*history)[0].end_job, second.run);
  EXPECT_EQ((*history)[0].revoked_at, std::nullopt);
}

TEST_P(RegistryStoreConformanceTest, RevokedGenuineUserIsNeverDesignatedAgain) {
  const std::vector<ConditionSpec> conditions = {Condition("duplicate")};
  const std::vector<TestGenuineUser> users = {{std::string(kImeiA), "001010000000001"}};
  auto first = Classify(store(), Day("20260110"), conditions, {}, 10, users);

  clock().Set(1'800'000'500);
  JobId revoke = StartJob(store(), "exceptions revoke");
  Status revoked = store().RevokeGenuineUser(revoke, std::string(kImeiA), "001010000000001",
                                             "owner proved otherwise");
  ASSERT_TRUE(revoked.ok()) << revoked.ToString();
  EXPECT_EQ(store().GetJob(revoke)->outcome, JobOutcome::kSucceeded);
  EXPECT_THAT(GenuineUsersAsOf(store(), revoke), IsEmpty());
  EXPECT_THAT(GenuineUsersAsOf(store(), first.run), SizeIs(1));

  auto later = Classify(store(), Day("20260111"), conditions, {}, 10, users);
  EXPECT_EQ(later.genuine_users_started, 0);
  EXPECT_EQ(later.genuine_users_refused, 1);
  EXPECT_THAT(GenuineUsersAsOf(store(), later.run), IsEmpty());

  auto history = store().FindGenuineUsers(std::string(kImeiA));
  ASSERT_TRUE(history.ok());
  ASSERT_THAT(*history, SizeIs(1));
  EXPECT_EQ((*history)[0].end_job, revoke);
  EXPECT_EQ((*history)[0].revoked_at, 1'800'000'500);
  EXPECT_EQ((*history)[0].revoked_by, "regulator");
  EXPECT_EQ((*history)[0].revoke_note, "owner proved otherwise");
}

TEST_P(RegistryStoreConformanceTest, RevokingWhatIsNotInForceIsNotFound) {
  JobId revoke = StartJob(store(), "exceptions revoke");
  Status status = store().RevokeGenuineUser(revoke, std::string(kImeiA), "001010000000001", "");
  EXPECT_EQ(status.code(), StatusCode::kNotFound);
  EXPECT_EQ(store().GetJob(revoke)->outcome, JobOutcome::kRunning);
}

TEST_P(RegistryStoreConformanceTest, OlderRevocationCannotCommitAfterANewerRun) {
  const std::vector<TestGenuineUser> users = {{std::string(kImeiA), "001010000000001"}};
  Classify(store(), Day("20260110"), {}, {}, 10, users);
  JobId revoke = StartJob(store(), "exceptions revoke");
  Classify(store(), Day("20260111"), {}, {}, 10, users);
  Status status = store().RevokeGenuineUser(revoke, std::string(kImeiA), "001010000000001", "");
  EXPECT_EQ(status.code(), StatusCode::kAborted);
}

}  // namespace openceir::store::testing
