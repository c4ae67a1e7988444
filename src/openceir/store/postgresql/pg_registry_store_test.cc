// Tests of the PostgreSQL registry store: the conformance suites (as on SQLite), plus what only a
// server has: connection loss, concurrent sessions, the server's collation.
#include "openceir/store/postgresql/pg_registry_store.h"

#include <fmt/format.h>
#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <unistd.h>

#include <chrono>
#include <future>
#include <string>
#include <thread>

#include "openceir/store/postgresql/pg_test_util.h"
#include "openceir/store/testing/registry_store_conformance.h"

namespace openceir::store {
namespace {

using postgresql::PgConnection;
using postgresql::testing::FreshDatabase;
using postgresql::testing::QueryValue;
using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::IsEmpty;
using testing::RegistryStoreConformanceTest;

// A fresh database of the test program's private cluster.
class PgTestDatabase final : public testing::TestDatabase {
 public:
  explicit PgTestDatabase(std::string dsn) : dsn_(std::move(dsn)) {}
  Result<std::unique_ptr<RegistryStore>> Open(const Clock* clock) override {
    return OpenPgRegistryStore(dsn_, clock);
  }

 private:
  std::string dsn_;
};

Result<std::unique_ptr<testing::TestDatabase>> CreatePgDatabase() {
  OPENCEIR_ASSIGN_OR_RETURN(std::string dsn, FreshDatabase());
  return std::unique_ptr<testing::TestDatabase>(new PgTestDatabase(std::move(dsn)));
}

INSTANTIATE_TEST_SUITE_P(Postgresql, RegistryStoreConformanceTest,
                         ::testing::Values(testing::RegistryStoreBackend{"postgresql",
                                                                         CreatePgDatabase}),
                         testing::RegistryStoreBackendName);

// Server-only behaviour: connection loss, locks between sessions. Each test has a fresh database
// and a second, raw session on it (`raw()`) standing for another process or an operator.
class PgRegistryStoreTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto dsn = FreshDatabase();
    ASSERT_TRUE(dsn.ok()) << dsn.status().ToString();
    dsn_ = *dsn;
    store_ = Open();
    ASSERT_NE(store_, nullptr);
    ASSERT_TRUE(store_->Migrate().ok());
    auto raw = PgConnection::Open(dsn_);
    ASSERT_TRUE(raw.ok()) << raw.status().ToString();
    raw_ = std::move(*raw);
  }

  std::unique_ptr<RegistryStore> Open() {
    auto store = OpenPgRegistryStore(dsn_, &clock_);
    EXPECT_TRUE(store.ok()) << store.status().ToString();
    return store.ok() ? std::move(*store) : nullptr;
  }

  JobId StartJob(const std::string& command) {
    JobStart start;
    start.command = command;
    start.user = "tester";
    start.pid = getpid();
    return store_->StartJob(start).value();
  }

  // Terminates the sessions `where` selects from pg_stat_activity (waiting until each is gone);
  // returns how many.
  std::string Terminate(const std::string& where) {
    return QueryValue(*raw_,
                      "SELECT count(pg_terminate_backend(pid, 10000)) FROM pg_stat_activity"
                      " WHERE datname = current_database() AND pid <> pg_backend_pid() AND " +
                          where);
  }

  std::vector<ListRow> Current(RegistryStore& store, ListKind kind) {
    std::vector<ListRow> rows;
    EXPECT_TRUE(store
                    .ScanCurrentList(kind,
                                     [&rows](const ListRow& row) {
                                       rows.push_back(row);
                                       return Status::Ok();
                                     })
                    .ok());
    return rows;
  }

  ManualClock clock_{1'790'000'000};
  std::string dsn_;
  std::unique_ptr<RegistryStore> store_;
  std::unique_ptr<PgConnection> raw_;
};

const ListRow kStolenA = {"35209900176148", "20260101", ""};
const ListRow kStolenB = {"35209900176149", "20260102", ""};

TEST_F(PgRegistryStoreTest, ConnectionLostMidCommitFailsUnavailableAndWritesNothing) {
  JobId first = StartJob("import stolen");
  ASSERT_TRUE(
      store_->CommitListChanges(first, ListKind::kStolen, {{kStolenA, kStolenB}, {}, {}}, {}).ok());

  // Another session locks B's row, so the commit below ends A's row, then waits on B's.
  ASSERT_TRUE(raw_->ExecScript("BEGIN; SELECT 1 FROM stolen_list WHERE imei_norm = '" +
                               kStolenB[0] + "' FOR UPDATE")
                  .ok());
  JobId removal = StartJob("import stolen");
  auto committing = std::async(std::launch::async, [&] {
    return store_->CommitListChanges(removal, ListKind::kStolen,
                                     {{}, {{kStolenA[0]}, {kStolenB[0]}}, {}}, {});
  });
  std::string waiting;
  for (int i = 0; i < 200 && waiting != "1"; ++i) {
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
    waiting = QueryValue(*raw_,
                         "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database()"
                         " AND wait_event_type = 'Lock'");
  }
  ASSERT_EQ(waiting, "1");

  // Readers are not blocked by the half-done commit, and do not see it.
  auto reader = Open();
  EXPECT_THAT(Current(*reader, ListKind::kStolen), ElementsAre(kStolenA, kStolenB));

  EXPECT_EQ(Terminate("wait_event_type = 'Lock'"), "1");
  Status lost = committing.get();
  EXPECT_EQ(lost.code(), StatusCode::kUnavailable) << lost.ToString();
  EXPECT_EQ(store_->GetJob(first).status().code(), StatusCode::kUnavailable);
  ASSERT_TRUE(raw_->ExecScript("ROLLBACK").ok());

  // Nothing of the commit stayed; the job is still running, for MarkInterruptedJobs to end.
  EXPECT_THAT(Current(*reader, ListKind::kStolen), ElementsAre(kStolenA, kStolenB));
  EXPECT_EQ(reader->GetJob(removal)->outcome, JobOutcome::kRunning);
  EXPECT_THAT(reader->Check().value(), IsEmpty());
}

TEST_F(PgRegistryStoreTest, OneClassificationRunAtATimeAndALostRunLeavesNothing) {
  ConditionSpec condition;
  condition.label = "gsma_not_found";
  condition.reason = "Unallocated TAC";
  JobId id = StartJob("classify");
  auto run = store_->BeginClassificationRun(id, ParseYyyymmdd("20260110").value(), {&condition, 1});
  ASSERT_TRUE(run.ok()) << run.status().ToString();
  const EvidenceField evidence[] = {{"tac", "35209900"}};
  const ConditionMatch match{0, "35209900176148", evidence};
  ASSERT_TRUE((*run)->AddMatches({&match, 1}).ok());

  // A second run, from any process, is refused while the first holds the classification lock.
  auto other_store = Open();
  JobId other = StartJob("classify");
  auto second = other_store->BeginClassificationRun(other, ParseYyyymmdd("20260110").value(),
                                                    {&condition, 1});
  EXPECT_EQ(second.status().code(), StatusCode::kAborted) << second.status().ToString();
  EXPECT_THAT(second.status().message(), HasSubstr("held by another session"));

  // The run's connection drops: its commit fails, and nothing of it is visible.
  EXPECT_EQ(Terminate("pid IN (SELECT pid FROM pg_locks WHERE locktype = 'advisory')"), "1");
  auto lost = (*run)->Commit(1, JobCounts{});
  EXPECT_EQ(lost.status().code(), StatusCode::kUnavailable) << lost.status().ToString();
  run->reset();
  EXPECT_THAT(store_->FindClassificationRows("35209900176148").value(), IsEmpty());
  EXPECT_THAT(store_->ListClassificationRuns(10).value(), IsEmpty());
  EXPECT_EQ(store_->GetJob(id)->outcome, JobOutcome::kRunning);

  // The server released the lock with the session: the next run proceeds.
  auto next = other_store->BeginClassificationRun(other, ParseYyyymmdd("20260110").value(),
                                                  {&condition, 1});
  ASSERT_TRUE(next.ok()) << next.status().ToString();
  ASSERT_TRUE((*next)->AddMatches({&match, 1}).ok());
  ASSERT_TRUE((*next)->Commit(1, JobCounts{}).ok());
  EXPECT_EQ(store_->FindClassificationRows("35209900176148").value().size(), 1u);
}

TEST_F(PgRegistryStoreTest, KeysSortByteWiseWhateverTheServersCollation) {
  JobId id = StartJob("import subscribers");
  // "\xc3\xa9" is e-acute in UTF-8: after every ASCII letter byte-wise, between them in
  // linguistic orders; upper case before lower case byte-wise.
  ASSERT_TRUE(
      store_
          ->CommitListChanges(id, ListKind::kSubscribers,
                              {{{"b", "1"}, {"\xc3\xa9", "1"}, {"B", "1"}, {"a", "1"}}, {}, {}}, {})
          .ok());
  std::vector<std::string> uids;
  for (const ListRow& row : Current(*store_, ListKind::kSubscribers)) uids.push_back(row[0]);
  EXPECT_THAT(uids, ElementsAre("B", "a", "b", "\xc3\xa9"));
  EXPECT_EQ(QueryValue(*raw_,
                       "SELECT collation_name FROM information_schema.columns"
                       " WHERE table_name = 'subscribers_list' AND column_name = 'uid'"),
            "C");
}

}  // namespace
}  // namespace openceir::store
