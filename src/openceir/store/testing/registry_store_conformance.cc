// The registry store conformance suite (see registry_store_conformance.h).
#include "openceir/store/testing/registry_store_conformance.h"

#include <fmt/format.h>
#include <gmock/gmock.h>
#include <sys/wait.h>
#include <unistd.h>

#include <array>
#include <vector>

GTEST_ALLOW_UNINSTANTIATED_PARAMETERIZED_TEST(RegistryStoreConformanceTest);

namespace openceir::store::testing {

using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::IsEmpty;

std::string RegistryStoreBackendName(const ::testing::TestParamInfo<RegistryStoreBackend>& info) {
  return info.param.name;
}

void RegistryStoreConformanceTest::SetUp() {
  auto database = GetParam().create_database();
  ASSERT_TRUE(database.ok()) << database.status().ToString();
  database_ = std::move(database).value();
  auto store = database_->Open(&clock_);
  ASSERT_TRUE(store.ok()) << store.status().ToString();
  store_ = std::move(store).value();
  Status migrated = store_->Migrate();
  ASSERT_TRUE(migrated.ok()) << migrated.ToString();
}

namespace {

JobStart ImportStart(const std::string& command, const std::string& sha256 = "") {
  JobStart start;
  start.command = command;
  start.arguments = "--delta list.csv";
  start.user = "tester";
  start.input_path = "/data/list.csv";
  start.input_sha256 = sha256;
  start.pid = getpid();
  return start;
}

std::vector<ListRow> ScanCurrent(RegistryStore& store, ListKind kind) {
  std::vector<ListRow> rows;
  Status status = store.ScanCurrentList(kind, [&rows](const ListRow& row) {
    rows.push_back(row);
    return Status::Ok();
  });
  EXPECT_TRUE(status.ok()) << status.ToString();
  return rows;
}

std::vector<ListRow> ScanAsOf(RegistryStore& store, ListKind kind, JobId as_of) {
  std::vector<ListRow> rows;
  Status status = store.ScanListAsOf(kind, as_of, [&rows](const ListRow& row) {
    rows.push_back(row);
    return Status::Ok();
  });
  EXPECT_TRUE(status.ok()) << status.ToString();
  return rows;
}

// Starts a job and commits `changes` to `kind` with it; returns the job.
JobId CommitAsNewJob(RegistryStore& store, ListKind kind, const ListChanges& changes) {
  auto id = store.StartJob(ImportStart("import test"));
  EXPECT_TRUE(id.ok()) << id.status().ToString();
  if (!id.ok()) return 0;
  Status status = store.CommitListChanges(*id, kind, changes, JobCounts{});
  EXPECT_TRUE(status.ok()) << status.ToString();
  return *id;
}

// The pid of a process that has exited and been reaped.
std::int64_t FinishedChildPid() {
  pid_t child = fork();
  if (child == 0) _exit(0);
  int wstatus = 0;
  waitpid(child, &wstatus, 0);
  return child;
}

const ListRow kStolenA = {"35209900176148", "20260101", ""};
const ListRow kStolenB = {"35209900176149", "20260102", "blacklist"};
const ListRow kStolenC = {"35209900176150", "20260103", "pending"};
const ListRow kStolenD = {"01234567890123", "20260104", ""};

}  // namespace

TEST_P(RegistryStoreConformanceTest, MigrateIsIdempotent) {
  ASSERT_EQ(store().SchemaVersion().value(), RegistryStore::LatestSchemaVersion());
  ASSERT_TRUE(store().Migrate().ok());
  ASSERT_TRUE(store().Migrate().ok());
  EXPECT_EQ(store().SchemaVersion().value(), RegistryStore::LatestSchemaVersion());
}

TEST_P(RegistryStoreConformanceTest, FreshDatabaseIsAtVersionZero) {
  auto database = GetParam().create_database();
  ASSERT_TRUE(database.ok());
  auto fresh = (*database)->Open(&clock());
  ASSERT_TRUE(fresh.ok()) << fresh.status().ToString();
  EXPECT_EQ((*fresh)->SchemaVersion().value(), 0);
}

TEST_P(RegistryStoreConformanceTest, JobLifecycle) {
  auto id = store().StartJob(ImportStart("import stolen", "ab12"));
  ASSERT_TRUE(id.ok()) << id.status().ToString();
  auto running = store().GetJob(*id);
  ASSERT_TRUE(running.ok());
  EXPECT_EQ(running->id, *id);
  EXPECT_EQ(running->outcome, JobOutcome::kRunning);
  EXPECT_EQ(running->start.command, "import stolen");
  EXPECT_EQ(running->start.arguments, "--delta list.csv");
  EXPECT_EQ(running->start.user, "tester");
  EXPECT_EQ(running->start.input_path, "/data/list.csv");
  EXPECT_EQ(running->start.input_sha256, "ab12");
  EXPECT_EQ(running->start.pid, getpid());
  EXPECT_EQ(running->started_at, clock().Now());
  EXPECT_FALSE(running->ended_at.has_value());
  EXPECT_EQ(running->counts.added, -1);

  clock().Advance(7);
  JobCounts counts{.rows_read = 10, .added = 0, .removed = 0, .changed = 0, .unchanged = 0};
  ASSERT_TRUE(store().EndJob(*id, JobOutcome::kRejected, counts, "line 3: bad IMEI").ok());
  auto ended = store().GetJob(*id);
  ASSERT_TRUE(ended.ok());
  EXPECT_EQ(ended->outcome, JobOutcome::kRejected);
  EXPECT_EQ(ended->ended_at, std::optional<UnixSeconds>(clock().Now()));
  EXPECT_EQ(ended->counts.rows_read, 10);
  EXPECT_EQ(ended->counts.added, 0);
  EXPECT_EQ(ended->error, "line 3: bad IMEI");

  EXPECT_EQ(store().EndJob(*id, JobOutcome::kFailed, counts, "").code(),
            StatusCode::kFailedPrecondition);
  auto second = store().StartJob(ImportStart("db migrate"));
  ASSERT_TRUE(second.ok());
  EXPECT_EQ(store().EndJob(*second, JobOutcome::kRunning, counts, "").code(),
            StatusCode::kInvalidInput);
  EXPECT_EQ(store().EndJob(*second + 100, JobOutcome::kFailed, counts, "").code(),
            StatusCode::kNotFound);
}

TEST_P(RegistryStoreConformanceTest, InputHashIsRecordedOnceOnARunningJobStartedWithout) {
  auto id = store().StartJob(ImportStart("import operator", ""));
  ASSERT_TRUE(id.ok()) << id.status().ToString();
  EXPECT_EQ(store().SetJobInputSha256(*id, "").code(), StatusCode::kInvalidInput);
  ASSERT_TRUE(store().SetJobInputSha256(*id, "cd8a").ok());
  EXPECT_EQ(store().GetJob(*id)->start.input_sha256, "cd8a");
  EXPECT_EQ(store().SetJobInputSha256(*id, "ffff").code(), StatusCode::kFailedPrecondition);
  EXPECT_EQ(store().GetJob(*id)->start.input_sha256, "cd8a");

  auto hashed = store().StartJob(ImportStart("import stolen", "ab12"));
  ASSERT_TRUE(hashed.ok());
  EXPECT_EQ(store().SetJobInputSha256(*hashed, "cd8a").code(), StatusCode::kFailedPrecondition);
  auto ended = store().StartJob(ImportStart("import operator", ""));
  ASSERT_TRUE(ended.ok());
  ASSERT_TRUE(store().EndJob(*ended, JobOutcome::kFailed, JobCounts{}, "x").ok());
  EXPECT_EQ(store().SetJobInputSha256(*ended, "cd8a").code(), StatusCode::kFailedPrecondition);
  EXPECT_EQ(store().SetJobInputSha256(*ended + 100, "cd8a").code(), StatusCode::kNotFound);
}

TEST_P(RegistryStoreConformanceTest, GetJobOfUnknownIdIsNotFound) {
  EXPECT_EQ(store().GetJob(4242).status().code(), StatusCode::kNotFound);
}

TEST_P(RegistryStoreConformanceTest, ListJobsNewestFirstWithLimit) {
  std::vector<JobId> ids;
  for (int i = 0; i < 4; ++i) ids.push_back(store().StartJob(ImportStart("job")).value());
  auto all = store().ListJobs(10);
  ASSERT_TRUE(all.ok());
  ASSERT_EQ(all->size(), 4u);
  for (std::size_t i = 0; i < 4; ++i) EXPECT_EQ((*all)[i].id, ids[3 - i]);
  auto two = store().ListJobs(2);
  ASSERT_TRUE(two.ok());
  ASSERT_EQ(two->size(), 2u);
  EXPECT_EQ((*two)[0].id, ids[3]);
  EXPECT_EQ(store().ListJobs(-1).status().code(), StatusCode::kInvalidInput);
}

TEST_P(RegistryStoreConformanceTest, FindSucceededJobFindsNewestSucceeded) {
  EXPECT_FALSE(store().FindSucceededJob("import stolen", "ff").value().has_value());
  auto first = store().StartJob(ImportStart("import stolen", "ff")).value();
  ASSERT_TRUE(store().CommitListChanges(first, ListKind::kStolen, {{kStolenA}, {}, {}}, {}).ok());
  auto rejected = store().StartJob(ImportStart("import stolen", "ff")).value();
  ASSERT_TRUE(store().EndJob(rejected, JobOutcome::kRejected, {}, "bad").ok());
  auto other = store().StartJob(ImportStart("import barred", "ff")).value();
  ASSERT_TRUE(store().EndJob(other, JobOutcome::kSucceeded, {}, "").ok());

  auto found = store().FindSucceededJob("import stolen", "ff");
  ASSERT_TRUE(found.ok());
  ASSERT_TRUE(found->has_value());
  EXPECT_EQ((*found)->id, first);
  EXPECT_FALSE(store().FindSucceededJob("import stolen", "00").value().has_value());
}

TEST_P(RegistryStoreConformanceTest, CommitThenScanInKeyOrder) {
  auto id = store().StartJob(ImportStart("import stolen")).value();
  JobCounts counts{.rows_read = 3, .added = 3, .removed = 0, .changed = 0, .unchanged = 0};
  ASSERT_TRUE(store()
                  .CommitListChanges(id, ListKind::kStolen,
                                     {{kStolenC, kStolenA, kStolenB}, {}, {}}, counts)
                  .ok());
  EXPECT_THAT(ScanCurrent(store(), ListKind::kStolen), ElementsAre(kStolenA, kStolenB, kStolenC));
  EXPECT_EQ(store().CountCurrentList(ListKind::kStolen).value(), 3);
  EXPECT_EQ(store().CountCurrentList(ListKind::kBarred).value(), 0);
  auto job = store().GetJob(id).value();
  EXPECT_EQ(job.outcome, JobOutcome::kSucceeded);
  EXPECT_EQ(job.counts.added, 3);
  EXPECT_EQ(job.counts.rows_read, 3);
  EXPECT_TRUE(job.ended_at.has_value());
  EXPECT_EQ(store().CommitListChanges(id, ListKind::kStolen, {{kStolenD}, {}, {}}, {}).code(),
            StatusCode::kFailedPrecondition);
}

TEST_P(RegistryStoreConformanceTest, ScanStopsWithTheVisitorsStatus) {
  CommitAsNewJob(store(), ListKind::kStolen, {{kStolenA, kStolenB}, {}, {}});
  int visits = 0;
  Status status = store().ScanCurrentList(ListKind::kStolen, [&visits](const ListRow&) {
    ++visits;
    return AbortedError("enough");
  });
  EXPECT_EQ(status, AbortedError("enough"));
  EXPECT_EQ(visits, 1);
}

TEST_P(RegistryStoreConformanceTest, ScanCurrentListColumnsGivesTheNamedColumnsInOrder) {
  CommitAsNewJob(store(), ListKind::kStolen, {{kStolenB, kStolenA}, {}, {}});
  constexpr std::array<std::string_view, 2> kColumns = {"status", "imei_norm"};
  std::vector<ListRow> rows;
  Status status =
      store().ScanCurrentListColumns(ListKind::kStolen, kColumns, [&rows](const ListRow& row) {
        rows.push_back(row);
        return Status::Ok();
      });
  ASSERT_TRUE(status.ok()) << status.ToString();
  EXPECT_THAT(rows,
              ElementsAre(ListRow{kStolenA[2], kStolenA[0]}, ListRow{kStolenB[2], kStolenB[0]}));
}

TEST_P(RegistryStoreConformanceTest, ScanCurrentListColumnsRejectsAColumnTheListHasNot) {
  CommitAsNewJob(store(), ListKind::kStolen, {{kStolenA}, {}, {}});
  constexpr std::array<std::string_view, 2> kColumns = {"imei_norm", "1; DROP TABLE stolen_list"};
  int visits = 0;
  Status status = store().ScanCurrentListColumns(ListKind::kStolen, kColumns, [&](const ListRow&) {
    ++visits;
    return Status::Ok();
  });
  EXPECT_EQ(status.code(), StatusCode::kInvalidInput);
  EXPECT_EQ(visits, 0);
  EXPECT_THAT(ScanCurrent(store(), ListKind::kStolen), ElementsAre(kStolenA));
}

TEST_P(RegistryStoreConformanceTest, KeysSortByteWise) {
  // Byte-wise: upper case before lower case, and UTF-8 "\xc3\xa9" (e-acute) after both, where a
  // linguistic collation would interleave them.
  CommitAsNewJob(store(), ListKind::kSubscribers,
                 {{{"b", "2"}, {"\xc3\xa9", "1"}, {"B", "1"}, {"a", "1"}, {"b", "10"}}, {}, {}});
  EXPECT_THAT(ScanCurrent(store(), ListKind::kSubscribers),
              ElementsAre(ListRow{"B", "1"}, ListRow{"a", "1"}, ListRow{"b", "10"},
                          ListRow{"b", "2"}, ListRow{"\xc3\xa9", "1"}));
}

TEST_P(RegistryStoreConformanceTest, LargeScansVisitEveryRowInOrderAndMayReadTheStore) {
  // More rows than a backend may read in one batch; the visitor reads the store as it goes.
  std::vector<ListRow> rows;
  for (int i = 0; i < 10'000; ++i)
    rows.push_back({fmt::format("{:014d}", 9'999 - i), "20260101", ""});
  JobId id = CommitAsNewJob(store(), ListKind::kStolen, {rows, {}, {}});
  int visited = 0;
  std::string previous;
  Status status = store().ScanListAsOf(ListKind::kStolen, id, [&](const ListRow& row) -> Status {
    EXPECT_LT(previous, row[0]);
    previous = row[0];
    if (visited++ % 2'500 == 0) {
      auto found = store().FindCurrent(ListKind::kStolen, row[0]);
      if (!found.ok()) return found.status();
      EXPECT_THAT(*found, ElementsAre(row));
      EXPECT_EQ(store().GetJob(id).value().outcome, JobOutcome::kSucceeded);
    }
    return Status::Ok();
  });
  EXPECT_TRUE(status.ok()) << status.ToString();
  EXPECT_EQ(visited, 10'000);
  EXPECT_EQ(store().CountCurrentList(ListKind::kStolen).value(), 10'000);
}

TEST_P(RegistryStoreConformanceTest, ScanVisitorMayWriteTheStore) {
  // E.g. a job deriving one list from another as it scans it.
  CommitAsNewJob(store(), ListKind::kStolen, {{kStolenA, kStolenB}, {}, {}});
  Status status = store().ScanCurrentList(ListKind::kStolen, [&](const ListRow& row) -> Status {
    OPENCEIR_ASSIGN_OR_RETURN(JobId id, store().StartJob(ImportStart("import barred")));
    return store().CommitListChanges(id, ListKind::kBarred, {{{row[0]}}, {}, {}}, {});
  });
  EXPECT_TRUE(status.ok()) << status.ToString();
  EXPECT_THAT(ScanCurrent(store(), ListKind::kBarred),
              ElementsAre(ListRow{kStolenA[0]}, ListRow{kStolenB[0]}));
}

TEST_P(RegistryStoreConformanceTest, NestedScansMayStopEarly) {
  CommitAsNewJob(store(), ListKind::kStolen, {{kStolenA, kStolenB, kStolenC}, {}, {}});
  std::vector<std::string> firsts;
  Status status = store().ScanCurrentList(ListKind::kStolen, [&](const ListRow&) -> Status {
    // Each inner scan stops at its first row; the caller takes the stop as the answer.
    Status stopped = store().ScanCurrentList(ListKind::kStolen, [&](const ListRow& inner) {
      firsts.push_back(inner[0]);
      return AbortedError("first row only");
    });
    return stopped == AbortedError("first row only") ? Status::Ok() : stopped;
  });
  EXPECT_TRUE(status.ok()) << status.ToString();
  EXPECT_THAT(firsts, ElementsAre(kStolenA[0], kStolenA[0], kStolenA[0]));
}

TEST_P(RegistryStoreConformanceTest, HistoryKeepsEveryPastState) {
  auto before = store().StartJob(ImportStart("import stolen")).value();
  ASSERT_TRUE(store().EndJob(before, JobOutcome::kRejected, {}, "nothing").ok());
  JobId first =
      CommitAsNewJob(store(), ListKind::kStolen, {{kStolenA, kStolenB, kStolenC}, {}, {}});
  const ListRow updated_a = {kStolenA[0], "20260301", "blacklist"};
  JobId second = CommitAsNewJob(store(), ListKind::kStolen, {{}, {{kStolenB[0]}}, {updated_a}});
  JobId third = CommitAsNewJob(store(), ListKind::kStolen, {{kStolenD, kStolenB}, {}, {}});
  JobId fourth = CommitAsNewJob(store(), ListKind::kStolen, {{}, {kStolenD, kStolenC}, {}});

  EXPECT_THAT(ScanAsOf(store(), ListKind::kStolen, before), IsEmpty());
  EXPECT_THAT(ScanAsOf(store(), ListKind::kStolen, first),
              ElementsAre(kStolenA, kStolenB, kStolenC));
  EXPECT_THAT(ScanAsOf(store(), ListKind::kStolen, second), ElementsAre(updated_a, kStolenC));
  EXPECT_THAT(ScanAsOf(store(), ListKind::kStolen, third),
              ElementsAre(kStolenD, updated_a, kStolenB, kStolenC));
  EXPECT_THAT(ScanAsOf(store(), ListKind::kStolen, fourth), ElementsAre(updated_a, kStolenB));
  EXPECT_THAT(ScanCurrent(store(), ListKind::kStolen), ElementsAre(updated_a, kStolenB));
  EXPECT_EQ(
      store()
          .ScanListAsOf(ListKind::kStolen, fourth + 50, [](const ListRow&) { return Status::Ok(); })
          .code(),
      StatusCode::kNotFound);
}

struct FailedCommitCase {
  std::string name;
  ListChanges changes;
  StatusCode code;
  std::string message_part;
};

TEST_P(RegistryStoreConformanceTest, FailedCommitChangesNothing) {
  const ListRow new_row = {"99999999999999", "20260105", ""};
  // Large adds (more rows than a backend may write in one statement) with the bad key inside.
  std::vector<ListRow> many;
  for (int i = 0; i < 1000; ++i) many.push_back({fmt::format("4{:013d}", i), "20260106", ""});
  std::vector<ListRow> many_with_current = many;
  many_with_current[600] = kStolenB;
  std::vector<ListRow> many_with_twice = many;
  many_with_twice[700] = many_with_twice[300];
  const std::vector<FailedCommitCase> cases = {
      {"large add with a current key",
       {many_with_current, {}, {}},
       StatusCode::kAlreadyExists,
       "35209900176149"},
      {"large add of one key twice",
       {many_with_twice, {}, {}},
       StatusCode::kAlreadyExists,
       "40000000000300"},
      {"add of a current key",
       {{new_row, kStolenA}, {}, {}},
       StatusCode::kAlreadyExists,
       "35209900176148"},
      {"add of one key twice",
       {{new_row, new_row}, {}, {}},
       StatusCode::kAlreadyExists,
       "99999999999999"},
      {"remove of a missing key",
       {{new_row}, {{kStolenB[0]}, {kStolenC[0]}}, {}},
       StatusCode::kNotFound,
       "35209900176150"},
      {"update of a missing key", {{}, {}, {kStolenC}}, StatusCode::kNotFound, "35209900176150"},
      {"row of the wrong size", {{{"1", "2"}}, {}, {}}, StatusCode::kInvalidInput, "stolen"},
  };
  JobId first = CommitAsNewJob(store(), ListKind::kStolen, {{kStolenA, kStolenB}, {}, {}});
  for (const auto& test : cases) {
    SCOPED_TRACE(test.name);
    auto id = store().StartJob(ImportStart("import stolen")).value();
    Status status = store().CommitListChanges(id, ListKind::kStolen, test.changes, {});
    EXPECT_EQ(status.code(), test.code) << status.ToString();
    EXPECT_THAT(status.message(), HasSubstr(test.message_part));
    EXPECT_THAT(ScanCurrent(store(), ListKind::kStolen), ElementsAre(kStolenA, kStolenB));
    EXPECT_THAT(ScanAsOf(store(), ListKind::kStolen, first), ElementsAre(kStolenA, kStolenB));
    EXPECT_EQ(store().CountCurrentList(ListKind::kStolen).value(), 2);
    EXPECT_EQ(store().GetJob(id).value().outcome, JobOutcome::kRunning);
    EXPECT_TRUE(store().EndJob(id, JobOutcome::kRejected, {}, status.message()).ok());
  }
}

TEST_P(RegistryStoreConformanceTest, UpdateOfListWithoutUpdatesIsInvalid) {
  CommitAsNewJob(store(), ListKind::kBarred, {{{"35209900176148"}}, {}, {}});
  auto id = store().StartJob(ImportStart("import barred")).value();
  EXPECT_EQ(
      store().CommitListChanges(id, ListKind::kBarred, {{}, {}, {{"35209900176148"}}}, {}).code(),
      StatusCode::kInvalidInput);
}

TEST_P(RegistryStoreConformanceTest, OlderJobCannotCommitAfterNewerJobChangedTheList) {
  auto older = store().StartJob(ImportStart("import stolen")).value();
  CommitAsNewJob(store(), ListKind::kStolen, {{kStolenA}, {}, {}});
  Status status = store().CommitListChanges(older, ListKind::kStolen, {{kStolenB}, {}, {}}, {});
  EXPECT_EQ(status.code(), StatusCode::kAborted) << status.ToString();
  EXPECT_THAT(ScanCurrent(store(), ListKind::kStolen), ElementsAre(kStolenA));
  // Another list is unaffected.
  EXPECT_TRUE(store().CommitListChanges(older, ListKind::kBarred, {{{"1"}}, {}, {}}, {}).ok());
}

TEST_P(RegistryStoreConformanceTest, FindCurrentAndFindCurrentBy) {
  const ListRow pair_1a = {"35209900176148", "310150123456789", "14155550101"};
  const ListRow pair_1b = {"35209900176148", "310150123456790", ""};
  const ListRow pair_2a = {"35209900176149", "310150123456789", "14155550101"};
  CommitAsNewJob(store(), ListKind::kPairing, {{pair_2a, pair_1b, pair_1a}, {}, {}});
  CommitAsNewJob(store(), ListKind::kPairing, {{}, {pair_1b}, {}});
  CommitAsNewJob(store(), ListKind::kPairing, {{pair_1b}, {}, {}});
  CommitAsNewJob(store(), ListKind::kPairing, {{}, {pair_2a}, {}});

  EXPECT_THAT(store().FindCurrent(ListKind::kPairing, "35209900176148").value(),
              ElementsAre(pair_1a, pair_1b));
  EXPECT_THAT(store().FindCurrent(ListKind::kPairing, "35209900176149").value(), IsEmpty());
  EXPECT_THAT(store().FindCurrentBy(ListKind::kPairing, "imsi", "310150123456789").value(),
              ElementsAre(pair_1a));
  EXPECT_THAT(store().FindCurrentBy(ListKind::kPairing, "msisdn", "").value(),
              ElementsAre(pair_1b));
  EXPECT_EQ(store().FindCurrentBy(ListKind::kPairing, "imei", "1").status().code(),
            StatusCode::kInvalidInput);
}

TEST_P(RegistryStoreConformanceTest, MarkInterruptedJobsEndsJobsOfGoneProcesses) {
  const std::int64_t gone_pid = FinishedChildPid();
  JobStart gone = ImportStart("import stolen");
  gone.pid = gone_pid;
  auto gone_id = store().StartJob(gone).value();
  auto alive_id = store().StartJob(ImportStart("import barred")).value();

  auto problems = store().Check();
  ASSERT_TRUE(problems.ok());
  ASSERT_EQ(problems->size(), 1u);
  EXPECT_THAT(problems->front(), HasSubstr(std::to_string(gone_pid)));

  clock().Advance(60);
  auto marked = store().MarkInterruptedJobs();
  ASSERT_TRUE(marked.ok()) << marked.status().ToString();
  EXPECT_EQ(*marked, 1);
  auto job = store().GetJob(gone_id).value();
  EXPECT_EQ(job.outcome, JobOutcome::kInterrupted);
  EXPECT_EQ(job.ended_at, std::optional<UnixSeconds>(clock().Now()));
  EXPECT_EQ(job.error, "process " + std::to_string(gone_pid) + " ended without finishing the job");
  EXPECT_EQ(store().GetJob(alive_id).value().outcome, JobOutcome::kRunning);
  EXPECT_EQ(store().MarkInterruptedJobs().value(), 0);
  EXPECT_THAT(store().Check().value(), IsEmpty());
}

TEST_P(RegistryStoreConformanceTest, TwoStoresOnOneDatabaseSeeEachOthersCommits) {
  auto other = database().Open(&clock());
  ASSERT_TRUE(other.ok()) << other.status().ToString();
  RegistryStore& second = **other;
  EXPECT_EQ(second.SchemaVersion().value(), RegistryStore::LatestSchemaVersion());

  JobId first_job = CommitAsNewJob(store(), ListKind::kStolen, {{kStolenA}, {}, {}});
  EXPECT_THAT(ScanCurrent(second, ListKind::kStolen), ElementsAre(kStolenA));
  EXPECT_EQ(second.GetJob(first_job).value().outcome, JobOutcome::kSucceeded);

  JobId second_job = CommitAsNewJob(second, ListKind::kStolen, {{kStolenB}, {{kStolenA[0]}}, {}});
  EXPECT_GT(second_job, first_job);
  EXPECT_THAT(ScanCurrent(store(), ListKind::kStolen), ElementsAre(kStolenB));
  EXPECT_EQ(store().ListJobs(1).value().front().id, second_job);
}

TEST_P(RegistryStoreConformanceTest, CheckOfHealthyStoreIsEmpty) {
  CommitAsNewJob(store(), ListKind::kStolen, {{kStolenA, kStolenB}, {}, {}});
  CommitAsNewJob(store(), ListKind::kStolen, {{}, {{kStolenA[0]}}, {{kStolenB}}});
  CommitAsNewJob(store(), ListKind::kSubscribers, {{{"user-1", "310150123456789"}}, {}, {}});
  auto problems = store().Check();
  ASSERT_TRUE(problems.ok()) << problems.status().ToString();
  EXPECT_THAT(*problems, IsEmpty());
}

// --- List history (list_history.h) ----------------------------------------------------------

namespace {

// A committed classification run with no matches; returns its id.
JobId CommitEmptyRun(RegistryStore& store, const char* curr_date) {
  JobStart start;
  start.command = "classify";
  start.pid = getpid();
  JobId id = store.StartJob(start).value();
  ConditionSpec condition;
  condition.label = "gsma_not_found";
  condition.reason = "Unallocated TAC";
  auto run = store.BeginClassificationRun(id, ParseYyyymmdd(curr_date).value(), {&condition, 1});
  EXPECT_TRUE(run.ok()) << run.status().ToString();
  if (!run.ok()) return 0;
  EXPECT_TRUE((*run)->Commit(1, JobCounts{}).ok());
  return id;
}

ListGenerationRecord Generation(JobId run, std::vector<RecordedRowFile> files) {
  ListGenerationRecord record;
  record.run = run;
  record.list_date = ParseYyyymmdd("20260201").value();
  record.options_json = R"({"lookback_days":60})";
  record.operators_json = R"([{"id":"op1","mcc_mncs":["41001"]}])";
  record.manifest_json = "{}\n";
  record.files = std::move(files);
  return record;
}

// A source giving `pieces` in order.
RecordedPieceSource PiecesOf(std::vector<RecordedPiece> pieces) {
  auto next = std::make_shared<std::size_t>(0);
  return [pieces = std::move(pieces), next](RecordedPiece* piece) -> Result<bool> {
    if (*next == pieces.size()) return false;
    *piece = pieces[(*next)++];
    return true;
  };
}

std::string ReadPieces(RegistryStore& store, JobId run, const char* list_date,
                       const std::string& file) {
  std::string bytes;
  Status status = store.ScanRecordedPieces(run, ParseYyyymmdd(list_date).value(), file,
                                           [&bytes](std::string_view piece) {
                                             bytes += piece;
                                             bytes += '|';
                                             return Status::Ok();
                                           });
  EXPECT_TRUE(status.ok()) << status.ToString();
  return bytes;
}

}  // namespace

TEST_P(RegistryStoreConformanceTest, ListGenerationIsRecordedWholeAndReadBack) {
  JobId base = CommitEmptyRun(store(), "20260101");
  JobId run = CommitEmptyRun(store(), "20260201");
  ListGenerationRecord record = Generation(
      run, {{"notifications/op1", 7, "ab", "zstd", 2}, {"notifications/op2", 0, "cd", "zstd", 0}});
  record.base_run = base;
  std::string binary("\0\1\2", 3);  // pieces are bytes, not text
  Status recorded = store().RecordListGeneration(
      record, PiecesOf({{"notifications/op1", 0, binary}, {"notifications/op1", 1, "xyz"}}));
  ASSERT_TRUE(recorded.ok()) << recorded.ToString();

  auto found = store().FindListGeneration(run, record.list_date);
  ASSERT_TRUE(found.ok()) << found.status().ToString();
  ASSERT_TRUE(found->has_value());
  const ListGenerationRecord& got = **found;
  EXPECT_EQ(got.base_run, base);
  EXPECT_EQ(got.options_json, record.options_json);
  EXPECT_EQ(got.operators_json, record.operators_json);
  EXPECT_EQ(got.manifest_json, record.manifest_json);
  EXPECT_EQ(got.recorded_at, clock().Now());
  ASSERT_EQ(got.files.size(), 2u);
  EXPECT_EQ(got.files[0].name, "notifications/op1");
  EXPECT_EQ(got.files[0].bytes, 7);
  EXPECT_EQ(got.files[0].sha256, "ab");
  EXPECT_EQ(got.files[0].codec, "zstd");
  EXPECT_EQ(got.files[0].pieces, 2);
  EXPECT_EQ(ReadPieces(store(), run, "20260201", "notifications/op1"), binary + "|xyz|");
  EXPECT_EQ(ReadPieces(store(), run, "20260201", "notifications/op2"), "");

  EXPECT_FALSE(store().FindListGeneration(run, ParseYyyymmdd("20260202").value())->has_value());
  EXPECT_FALSE(store().FindListGeneration(base, record.list_date)->has_value());
  Status missing = store().ScanRecordedPieces(run, record.list_date, "notifications/op3",
                                              [](std::string_view) { return Status::Ok(); });
  EXPECT_EQ(missing.code(), StatusCode::kNotFound) << missing.ToString();
}

TEST_P(RegistryStoreConformanceTest, ListGenerationIsRecordedOnce) {
  JobId run = CommitEmptyRun(store(), "20260201");
  ListGenerationRecord record = Generation(run, {});
  ASSERT_TRUE(store().RecordListGeneration(record, PiecesOf({})).ok());
  record.options_json = "{}";
  Status again = store().RecordListGeneration(record, PiecesOf({}));
  EXPECT_EQ(again.code(), StatusCode::kAlreadyExists) << again.ToString();
  EXPECT_EQ(store().FindListGeneration(run, record.list_date).value()->options_json,
            R"({"lookback_days":60})");
}

TEST_P(RegistryStoreConformanceTest, ListGenerationOfAnUnknownRunIsNotFound) {
  JobId run = CommitEmptyRun(store(), "20260201");
  Status unknown = store().RecordListGeneration(Generation(run + 100, {}), PiecesOf({}));
  EXPECT_EQ(unknown.code(), StatusCode::kNotFound) << unknown.ToString();
  ListGenerationRecord bad_base = Generation(run, {});
  bad_base.base_run = run + 100;
  Status base = store().RecordListGeneration(bad_base, PiecesOf({}));
  EXPECT_EQ(base.code(), StatusCode::kNotFound) << base.ToString();
  EXPECT_FALSE(store().FindListGeneration(run, bad_base.list_date)->has_value());
}

TEST_P(RegistryStoreConformanceTest, ListGenerationWithWrongPiecesRecordsNothing) {
  JobId run = CommitEmptyRun(store(), "20260201");
  const std::vector<RecordedRowFile> files = {{"notifications/op1", 3, "ab", "zstd", 2}};
  struct Case {
    const char* what;
    std::vector<RecordedPiece> pieces;
  };
  const Case cases[] = {
      {"a piece missing", {{"notifications/op1", 0, "a"}}},
      {"out of order", {{"notifications/op1", 1, "a"}, {"notifications/op1", 0, "b"}}},
      {"an undeclared file", {{"notifications/op9", 0, "a"}}},
  };
  for (const Case& c : cases) {
    Status status = store().RecordListGeneration(Generation(run, files), PiecesOf(c.pieces));
    EXPECT_EQ(status.code(), StatusCode::kInvalidInput) << c.what << ": " << status.ToString();
    EXPECT_FALSE(store().FindListGeneration(run, ParseYyyymmdd("20260201").value())->has_value())
        << c.what;
  }
  // A failing source stops the record, with its error.
  Status failed = store().RecordListGeneration(
      Generation(run, files), [](RecordedPiece*) -> Result<bool> { return IoError("disk gone"); });
  EXPECT_EQ(failed.code(), StatusCode::kIoError) << failed.ToString();
  EXPECT_FALSE(store().FindListGeneration(run, ParseYyyymmdd("20260201").value())->has_value());
}

}  // namespace openceir::store::testing
