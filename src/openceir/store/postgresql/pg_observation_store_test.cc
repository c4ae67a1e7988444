// Tests of the PostgreSQL observation store: the conformance suites (as on SQLite: merges,
// country rows, imports, window scans, summaries against a brute force), plus what only a
// server has: imports of different operators committing in parallel from separate sessions,
// month partitions created on demand, and sessions cut mid-import.
#include "openceir/store/postgresql/pg_observation_store.h"

#include <fmt/format.h>
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <algorithm>
#include <chrono>
#include <future>
#include <string>
#include <thread>
#include <vector>

#include "openceir/store/postgresql/pg_advisory_lock.h"
#include "openceir/store/postgresql/pg_test_util.h"
#include "openceir/store/testing/observation_store_conformance.h"

namespace openceir::store {
namespace {

using postgresql::PgConnection;
using postgresql::testing::FreshDatabase;
using postgresql::testing::QueryValue;
using ::testing::HasSubstr;
using testing::ObservationStoreConformanceTest;

// A fresh database of the test program's private cluster.
class PgObservationTestDatabase final : public testing::ObservationTestDatabase {
 public:
  explicit PgObservationTestDatabase(std::string dsn) : dsn_(std::move(dsn)) {}
  Result<std::unique_ptr<ObservationStore>> Open(const Clock* clock) override {
    return OpenPgObservationStore(dsn_, clock);
  }

 private:
  std::string dsn_;
};

Result<std::unique_ptr<testing::ObservationTestDatabase>> CreatePgDatabase() {
  OPENCEIR_ASSIGN_OR_RETURN(std::string dsn, FreshDatabase());
  return std::unique_ptr<testing::ObservationTestDatabase>(
      new PgObservationTestDatabase(std::move(dsn)));
}

INSTANTIATE_TEST_SUITE_P(Postgresql, ObservationStoreConformanceTest,
                         ::testing::Values(testing::ObservationStoreBackend{"postgresql",
                                                                            CreatePgDatabase}),
                         testing::ObservationStoreBackendName);

Date D(int year, int month, int day) { return DateFromCivil(year, month, day).value(); }

// `count` distinct triplets of `op` on 2 November 2026, IMEIs 4xxxxxxxxxxxxx from `first`.
std::vector<TripletMonth> ManyTriplets(const std::string& op, int first, int count) {
  std::vector<TripletMonth> triplets;
  const MonthIndex month = MonthOf(D(2026, 11, 1));
  for (int i = first; i < first + count; ++i) {
    TripletMonth t;
    t.operator_id = op;
    t.month = month;
    t.imei_norm = fmt::format("4{:013d}", i);
    t.imsi = fmt::format("21401{:010d}", i);
    t.first_seen = D(2026, 11, 2);
    t.last_seen = D(2026, 11, 2);
    t.day_mask = 2;
    t.rat_mask = 4;
    triplets.push_back(std::move(t));
  }
  return triplets;
}

ObservationImport OperatorImport(const std::string& op, const std::string& sha) {
  ObservationImport import;
  import.job_id = 1;
  import.operator_id = op;
  import.file_sha256 = sha;
  import.first_day = D(2026, 11, 2);
  import.last_day = D(2026, 11, 2);
  return import;
}

const DateWindow kNovember{D(2026, 11, 1), D(2026, 11, 30)};

std::int64_t CountTriplets(ObservationStore& store, const std::string& op) {
  std::int64_t count = 0;
  Status status = store.ScanTriplets(op, kNovember, [&count](const TripletMonth&) {
    ++count;
    return Status::Ok();
  });
  EXPECT_TRUE(status.ok()) << status.ToString();
  return count;
}

// Each test has a fresh, migrated database and a raw session on it (`raw_`) standing for
// another process or an operator.
class PgObservationStoreTest : public ::testing::Test {
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

  std::unique_ptr<ObservationStore> Open() {
    auto store = OpenPgObservationStore(dsn_, &clock_);
    EXPECT_TRUE(store.ok()) << store.status().ToString();
    return store.ok() ? std::move(*store) : nullptr;
  }

  // Terminates the sessions `where` selects from pg_stat_activity (waiting until each is gone);
  // returns how many.
  std::string Terminate(const std::string& where) {
    return QueryValue(*raw_,
                      "SELECT count(pg_terminate_backend(pid, 10000)) FROM pg_stat_activity"
                      " WHERE datname = current_database() AND pid <> pg_backend_pid() AND " +
                          where);
  }

  // Waits (up to 10 s) until a session of the database waits on a lock.
  bool SomeoneWaitsOnALock() {
    for (int i = 0; i < 200; ++i) {
      if (QueryValue(*raw_,
                     "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database()"
                     " AND wait_event_type = 'Lock'") == "1") {
        return true;
      }
      std::this_thread::sleep_for(std::chrono::milliseconds(50));
    }
    return false;
  }

  ManualClock clock_{1'790'000'000};
  std::string dsn_;
  std::unique_ptr<ObservationStore> store_;
  std::unique_ptr<PgConnection> raw_;
};

TEST_F(PgObservationStoreTest, OperatorsImportInParallelFromSeparateSessions) {
  // Two processes (store objects), one operator each, the same new month and half their IMEIs in
  // common (network IMEI rows both upsert), staged in opposite orders.
  constexpr int kRows = 20'000;
  auto other = Open();
  ASSERT_NE(other, nullptr);
  std::vector<TripletMonth> op1 = ManyTriplets("op1", 0, kRows);
  std::vector<TripletMonth> op2 = ManyTriplets("op2", kRows / 2, kRows);
  std::reverse(op2.begin(), op2.end());
  auto first = store_->BeginBatch();
  auto second = other->BeginBatch();
  ASSERT_TRUE(first.ok() && second.ok());
  ASSERT_TRUE((*first)->MergeTriplets(op1).ok());
  ASSERT_TRUE((*second)->MergeTriplets(op2).ok());
  auto commit_first =
      std::async(std::launch::async, [&] { return (*first)->Commit(OperatorImport("op1", "f1")); });
  auto commit_second = std::async(std::launch::async,
                                  [&] { return (*second)->Commit(OperatorImport("op2", "f2")); });
  Status first_status = commit_first.get();
  Status second_status = commit_second.get();
  EXPECT_TRUE(first_status.ok()) << first_status.ToString();
  EXPECT_TRUE(second_status.ok()) << second_status.ToString();

  EXPECT_EQ(CountTriplets(*store_, "op1"), kRows);
  EXPECT_EQ(CountTriplets(*store_, "op2"), kRows);
  // The operators share the (IMEI, IMSI) keys of their common IMEIs: one country row each.
  EXPECT_EQ(CountTriplets(*store_, ""), kRows * 3 / 2);
  EXPECT_EQ(store_->CountNetworkImeis().value(), kRows * 3 / 2);
  EXPECT_TRUE(store_->FindImport(ObservationImportKind::kOperatorData, "op2", "f2")->has_value());
  // November 2026 is one month partition of four IMEI-hash leaves.
  EXPECT_EQ(QueryValue(*raw_,
                       "SELECT count(*) FROM pg_inherits WHERE inhparent ="
                       " 'obs_triplet_2026_11'::regclass"),
            "4");
}

TEST_F(PgObservationStoreTest, SessionLostMidCommitFailsUnavailableAndLeavesNothing) {
  ASSERT_TRUE([&]() -> Status {
    OPENCEIR_ASSIGN_OR_RETURN(auto batch, store_->BeginBatch());
    OPENCEIR_RETURN_IF_ERROR(batch->MergeTriplets(ManyTriplets("op1", 0, 10)));
    return batch->Commit(OperatorImport("op1", "f1"));
  }()
                           .ok());

  // Another session holds the network row of IMEI 0, so the commit below merges its triplets,
  // then waits on that row.
  ASSERT_TRUE(raw_->ExecScript("BEGIN; SELECT 1 FROM obs_network_imei"
                               " WHERE imei_norm = '40000000000000' FOR UPDATE")
                  .ok());
  auto batch = store_->BeginBatch();
  ASSERT_TRUE(batch.ok()) << batch.status().ToString();
  ASSERT_TRUE((*batch)->MergeTriplets(ManyTriplets("op2", 0, 1000)).ok());
  auto committing =
      std::async(std::launch::async, [&] { return (*batch)->Commit(OperatorImport("op2", "f2")); });
  ASSERT_TRUE(SomeoneWaitsOnALock());

  // Readers are not blocked by the half-done commit, and do not see it.
  auto reader = Open();
  EXPECT_EQ(CountTriplets(*reader, "op2"), 0);
  EXPECT_EQ(CountTriplets(*reader, ""), 10);

  EXPECT_EQ(Terminate("wait_event_type = 'Lock'"), "1");
  Status lost = committing.get();
  EXPECT_EQ(lost.code(), StatusCode::kUnavailable) << lost.ToString();
  ASSERT_TRUE(raw_->ExecScript("ROLLBACK").ok());

  auto fresh = Open();
  EXPECT_FALSE(
      fresh->FindImport(ObservationImportKind::kOperatorData, "op2", "f2").value().has_value());
  EXPECT_EQ(CountTriplets(*fresh, "op2"), 0);
  EXPECT_EQ(fresh->CountNetworkImeis().value(), 10);
}

TEST_F(PgObservationStoreTest, SessionLostWhileCreatingAMonthFailsUnavailableAndLeavesNothing) {
  // Another session holds the partition creators' lock: the commit waits for it before creating
  // November 2026, and is cut there.
  ASSERT_TRUE(
      raw_->ExecScript(fmt::format("BEGIN; SELECT pg_advisory_xact_lock({})",
                                   postgresql::AdvisoryLockKey("openceir obs triplet partitions")))
          .ok());
  auto batch = store_->BeginBatch();
  ASSERT_TRUE(batch.ok()) << batch.status().ToString();
  ASSERT_TRUE((*batch)->MergeTriplets(ManyTriplets("op1", 0, 100)).ok());
  auto committing =
      std::async(std::launch::async, [&] { return (*batch)->Commit(OperatorImport("op1", "f1")); });
  ASSERT_TRUE(SomeoneWaitsOnALock());
  EXPECT_EQ(Terminate("wait_event_type = 'Lock'"), "1");
  Status lost = committing.get();
  EXPECT_EQ(lost.code(), StatusCode::kUnavailable) << lost.ToString();
  ASSERT_TRUE(raw_->ExecScript("ROLLBACK").ok());

  auto fresh = Open();
  EXPECT_FALSE(
      fresh->FindImport(ObservationImportKind::kOperatorData, "op1", "f1").value().has_value());
  EXPECT_EQ(QueryValue(*raw_, "SELECT to_regclass('obs_triplet_2026_11') IS NULL"), "t");
  EXPECT_EQ(CountTriplets(*fresh, "op1"), 0);
}

TEST_F(PgObservationStoreTest, SessionLostWhileStagingFailsUnavailableAndLeavesNothing) {
  auto batch = store_->BeginBatch();
  ASSERT_TRUE(batch.ok()) << batch.status().ToString();
  ASSERT_TRUE((*batch)->MergeTriplets(ManyTriplets("op1", 0, 1000)).ok());
  // The batch's session (the one that ran the COPY) is cut between two parts of the import.
  EXPECT_EQ(Terminate("query LIKE 'COPY %obs_stage_triplet%'"), "1");
  Status lost = (*batch)->MergeTriplets(ManyTriplets("op1", 1000, 1000));
  EXPECT_EQ(lost.code(), StatusCode::kUnavailable) << lost.ToString();
  Status commit = (*batch)->Commit(OperatorImport("op1", "f1"));
  EXPECT_EQ(commit.code(), StatusCode::kUnavailable) << commit.ToString();

  auto fresh = Open();
  EXPECT_FALSE(
      fresh->FindImport(ObservationImportKind::kOperatorData, "op1", "f1").value().has_value());
  EXPECT_EQ(CountTriplets(*fresh, "op1"), 0);
  EXPECT_EQ(fresh->CountNetworkImeis().value(), 0);
  // The store goes on: the next import of the same file commits.
  auto again = fresh->BeginBatch();
  ASSERT_TRUE(again.ok());
  ASSERT_TRUE((*again)->MergeTriplets(ManyTriplets("op1", 0, 1000)).ok());
  Status committed = (*again)->Commit(OperatorImport("op1", "f1"));
  EXPECT_TRUE(committed.ok()) << committed.ToString();
  EXPECT_EQ(CountTriplets(*fresh, "op1"), 1000);
}

TEST_F(PgObservationStoreTest, TheSameFileCommittedTwiceAtOnceIsAppliedOnce) {
  auto other = Open();
  auto first = store_->BeginBatch();
  auto second = other->BeginBatch();
  ASSERT_TRUE(first.ok() && second.ok());
  ASSERT_TRUE((*first)->MergeTriplets(ManyTriplets("op1", 0, 100)).ok());
  ASSERT_TRUE((*second)->MergeTriplets(ManyTriplets("op1", 0, 100)).ok());
  auto a = std::async(std::launch::async,
                      [&] { return (*first)->Commit(OperatorImport("op1", "same")); });
  auto b = std::async(std::launch::async,
                      [&] { return (*second)->Commit(OperatorImport("op1", "same")); });
  Status status_a = a.get();
  Status status_b = b.get();
  EXPECT_NE(status_a.ok(), status_b.ok()) << status_a.ToString() << " / " << status_b.ToString();
  const Status& refused = status_a.ok() ? status_b : status_a;
  EXPECT_EQ(refused.code(), StatusCode::kAlreadyExists) << refused.ToString();
  EXPECT_THAT(refused.message(), HasSubstr("already imported (job 1)"));
  EXPECT_EQ(CountTriplets(*store_, "op1"), 100);
}

TEST_F(PgObservationStoreTest, TripletsAndSummariesSortByteWiseWhateverTheServersCollation) {
  // "\xc3\xa9" is e-acute in UTF-8: after every ASCII letter byte-wise, between them in
  // linguistic orders; upper case before lower case byte-wise.
  std::vector<TripletMonth> triplets;
  for (const char* imei : {"b", "\xc3\xa9", "B", "a"}) {
    TripletMonth t = ManyTriplets("op1", 0, 1)[0];
    t.imei_norm = imei;
    triplets.push_back(t);
  }
  auto batch = store_->BeginBatch();
  ASSERT_TRUE(batch.ok());
  ASSERT_TRUE((*batch)->MergeTriplets(triplets).ok());
  ASSERT_TRUE((*batch)->Commit(OperatorImport("op1", "f1")).ok());
  std::vector<std::string> scanned, summarised;
  ASSERT_TRUE(store_
                  ->ScanTriplets("op1", kNovember,
                                 [&scanned](const TripletMonth& t) {
                                   scanned.push_back(t.imei_norm);
                                   return Status::Ok();
                                 })
                  .ok());
  ASSERT_TRUE(store_
                  ->ScanImeiSummaries(kNovember,
                                      [&summarised](const ImeiSummary& s) {
                                        summarised.push_back(s.imei_norm);
                                        return Status::Ok();
                                      })
                  .ok());
  EXPECT_THAT(scanned, ::testing::ElementsAre("B", "a", "b", "\xc3\xa9"));
  EXPECT_EQ(summarised, scanned);
  // The test cluster sorts byte-wise anyway; the columns do on any server.
  for (const char* table : {"obs_triplet", "obs_triplet_2026_11_h2", "obs_network_imei"}) {
    EXPECT_EQ(
        QueryValue(*raw_, fmt::format("SELECT collation_name FROM information_schema.columns"
                                      " WHERE table_name = '{}' AND column_name = 'imei_norm'",
                                      table)),
        "C")
        << table;
  }
}

}  // namespace
}  // namespace openceir::store
