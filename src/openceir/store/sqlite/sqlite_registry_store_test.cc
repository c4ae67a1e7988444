// Tests of the SQLite registry store: the conformance suite, plus what only SQLite has
// (connection settings, files, corruption that raw SQL can create).
#include "openceir/store/sqlite/sqlite_registry_store.h"

#include <fmt/format.h>
#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <sqlite3.h>
#include <sys/wait.h>
#include <unistd.h>

#include <csignal>
#include <cstdlib>
#include <filesystem>
#include <string>

#include "openceir/store/audit_chain.h"
#include "openceir/store/testing/registry_store_conformance.h"

namespace openceir::store {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::IsEmpty;
using testing::RegistryStoreConformanceTest;

// A fresh directory holding one SQLite store file; removed with the object.
class SqliteTestDatabase final : public testing::TestDatabase {
 public:
  SqliteTestDatabase() {
    std::string pattern =
        (std::filesystem::temp_directory_path() / "openceir-sqlite-XXXXXX").string();
    dir_ = mkdtemp(pattern.data()) != nullptr ? pattern : std::string();
    path_ = dir_ + "/registry.db";
  }
  ~SqliteTestDatabase() override {
    std::error_code ignored;
    if (!dir_.empty()) std::filesystem::remove_all(dir_, ignored);
  }
  bool ok() const { return !dir_.empty(); }
  const std::string& path() const { return path_; }

  Result<std::unique_ptr<RegistryStore>> Open(const Clock* clock) override {
    return OpenSqliteRegistryStore(path_, clock);
  }

 private:
  std::string dir_;
  std::string path_;
};

Result<std::unique_ptr<testing::TestDatabase>> CreateSqliteDatabase() {
  auto database = std::make_unique<SqliteTestDatabase>();
  if (!database->ok()) return IoError("cannot create a temporary directory");
  return std::unique_ptr<testing::TestDatabase>(std::move(database));
}

INSTANTIATE_TEST_SUITE_P(Sqlite, RegistryStoreConformanceTest,
                         ::testing::Values(testing::RegistryStoreBackend{"sqlite",
                                                                         CreateSqliteDatabase}),
                         testing::RegistryStoreBackendName);

// Raw SQL on the store file, as an outside tool (or a bug) would run it.
class RawSqlite {
 public:
  explicit RawSqlite(const std::string& path) {
    EXPECT_EQ(sqlite3_open(path.c_str(), &db_), SQLITE_OK);
    sqlite3_busy_timeout(db_, 5000);
  }
  ~RawSqlite() { sqlite3_close(db_); }
  void Exec(const std::string& sql) {
    char* error = nullptr;
    EXPECT_EQ(sqlite3_exec(db_, sql.c_str(), nullptr, nullptr, &error), SQLITE_OK)
        << sql << ": " << (error != nullptr ? error : "");
    sqlite3_free(error);
  }
  std::string QueryText(const std::string& sql) {
    sqlite3_stmt* stmt = nullptr;
    EXPECT_EQ(sqlite3_prepare_v2(db_, sql.c_str(), -1, &stmt, nullptr), SQLITE_OK) << sql;
    std::string value;
    if (sqlite3_step(stmt) == SQLITE_ROW) {
      value = reinterpret_cast<const char*>(sqlite3_column_text(stmt, 0));
    }
    sqlite3_finalize(stmt);
    return value;
  }

 private:
  sqlite3* db_ = nullptr;
};

class SqliteRegistryStoreTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_TRUE(database_.ok());
    auto store = database_.Open(&clock_);
    ASSERT_TRUE(store.ok()) << store.status().ToString();
    store_ = std::move(store).value();
    ASSERT_TRUE(store_->Migrate().ok());
  }

  JobId Commit(ListKind kind, const ListChanges& changes) {
    JobStart start;
    start.command = "import test";
    start.pid = getpid();
    JobId id = store_->StartJob(start).value();
    Status status = store_->CommitListChanges(id, kind, changes, {});
    EXPECT_TRUE(status.ok()) << status.ToString();
    return id;
  }

  ManualClock clock_{1'790'000'000};
  SqliteTestDatabase database_;
  std::unique_ptr<RegistryStore> store_;
};

TEST_F(SqliteRegistryStoreTest, UsesWalModeOnTheFile) {
  RawSqlite raw(database_.path());
  EXPECT_EQ(raw.QueryText("PRAGMA journal_mode"), "wal");
  EXPECT_EQ(raw.QueryText("SELECT max(version) FROM schema_version"),
            fmt::format("{}", RegistryStore::LatestSchemaVersion()));
}

TEST_F(SqliteRegistryStoreTest, ChangesSurviveReopening) {
  Commit(ListKind::kBarredTac, {{{"35209900"}}, {}, {}});
  store_.reset();
  auto reopened = database_.Open(&clock_);
  ASSERT_TRUE(reopened.ok());
  EXPECT_THAT((*reopened)->FindCurrent(ListKind::kBarredTac, "35209900").value(),
              ElementsAre(ListRow{"35209900"}));
}

TEST_F(SqliteRegistryStoreTest, OpeningInAMissingDirectoryIsAnIoError) {
  auto store = OpenSqliteRegistryStore("/nonexistent-openceir-dir/registry.db", &clock_);
  EXPECT_EQ(store.status().code(), StatusCode::kIoError) << store.status().ToString();
}

TEST_F(SqliteRegistryStoreTest, MigrateRefusesANewerSchema) {
  RawSqlite(database_.path()).Exec("INSERT INTO schema_version VALUES (99, 0)");
  Status status = store_->Migrate();
  EXPECT_EQ(status.code(), StatusCode::kFailedPrecondition);
  EXPECT_THAT(status.message(), HasSubstr("99"));
}

TEST_F(SqliteRegistryStoreTest, CheckReportsTwoCurrentRowsForOneKey) {
  Commit(ListKind::kStolen, {{{"35209900176148", "20260101", ""}}, {}, {}});
  RawSqlite raw(database_.path());
  raw.Exec("DROP INDEX stolen_list_current");
  raw.Exec(
      "INSERT INTO stolen_list SELECT imei_norm, '20260202', status, start_job, NULL "
      "FROM stolen_list");
  auto problems = store_->Check();
  ASSERT_TRUE(problems.ok()) << problems.status().ToString();
  EXPECT_THAT(*problems, ElementsAre("list stolen: key (35209900176148) has 2 current rows"));
}

TEST_F(SqliteRegistryStoreTest, CheckReportsRowEndedBeforeItStarted) {
  JobId first = Commit(ListKind::kMonitoring, {{{"35209900176148"}}, {}, {}});
  JobId second = Commit(ListKind::kMonitoring, {{{"35209900176149"}}, {}, {}});
  RawSqlite raw(database_.path());
  raw.Exec("PRAGMA ignore_check_constraints = ON");
  raw.Exec("UPDATE monitoring_list SET end_job = " + std::to_string(first) +
           " WHERE start_job = " + std::to_string(second));
  auto problems = store_->Check();
  ASSERT_TRUE(problems.ok());
  // SQLite's integrity_check also sees the broken CHECK constraint; OpenCEIR's check names it.
  EXPECT_THAT(*problems,
              ElementsAre(HasSubstr("integrity_check: CHECK constraint failed"),
                          "list monitoring: row 2 ended by job " + std::to_string(first) +
                              " before job " + std::to_string(second) + " added it"));
}

TEST_F(SqliteRegistryStoreTest, CheckReportsMissingForeignKeyParent) {
  Commit(ListKind::kGolden, {{{"0cc175b9c0f1b6a831c399e269772661"}}, {}, {}});
  RawSqlite raw(database_.path());
  raw.Exec("PRAGMA foreign_keys = OFF");
  raw.Exec("UPDATE golden_list SET start_job = 777");
  auto problems = store_->Check();
  ASSERT_TRUE(problems.ok());
  ASSERT_FALSE(problems->empty());
  EXPECT_THAT(problems->front(), HasSubstr("foreign_key_check: golden_list row 1"));
}

TEST_F(SqliteRegistryStoreTest, CheckOfUnmigratedStoreSaysSo) {
  SqliteTestDatabase fresh;
  auto store = fresh.Open(&clock_);
  ASSERT_TRUE(store.ok());
  EXPECT_THAT((*store)->Check().value(),
              ElementsAre(fmt::format("schema version is 0, this build expects {} (run db migrate)",
                                      RegistryStore::LatestSchemaVersion())));
}

TEST_F(SqliteRegistryStoreTest, KeysAreStoredAsTextAndKeepLeadingZeros) {
  Commit(ListKind::kBarred, {{{"00000000000001"}, {"1"}}, {}, {}});
  RawSqlite raw(database_.path());
  EXPECT_EQ(raw.QueryText("SELECT imei_norm FROM barred_list ORDER BY imei_norm LIMIT 1"),
            "00000000000001");
  EXPECT_EQ(raw.QueryText("SELECT typeof(imei_norm) FROM barred_list LIMIT 1"), "text");
  EXPECT_THAT(store_->Check().value(), IsEmpty());
}

// The child half of KillDuringCommitLeavesTheStoreAsBefore: run in a fresh process (the fault
// point reads OPENCEIR_FREEZE_AT once per process), it commits 1000 rows to the store named by
// OPENCEIR_TEST_STORE and freezes at the point the parent chose. Skipped when run directly.
TEST(SqliteKillChildTest, CommitsUntilFrozen) {
  const char* path = std::getenv("OPENCEIR_TEST_STORE");
  if (path == nullptr) GTEST_SKIP() << "only run as the child of a kill test";
  SystemClock clock;
  auto store = OpenSqliteRegistryStore(path, &clock);
  ASSERT_TRUE(store.ok());
  JobStart start;
  start.command = "import stolen";
  start.pid = getpid();
  JobId id = (*store)->StartJob(start).value();
  ListChanges changes;
  changes.removed.push_back({"35209900176148"});
  for (int i = 0; i < 1000; ++i) changes.added.push_back({fmt::format("4{:013d}", i), "", ""});
  ASSERT_TRUE((*store)->CommitListChanges(id, ListKind::kStolen, changes, {}).ok());
}

TEST_F(SqliteRegistryStoreTest, KillDuringCommitLeavesTheStoreAsBefore) {
  const ListRow before = {"35209900176148", "20260101", ""};
  JobId first = Commit(ListKind::kStolen, {{before}, {}, {}});
  for (const char* point :
       {"sqlite_commit_row@1", "sqlite_commit_row@600", "sqlite_before_commit"}) {
    SCOPED_TRACE(point);
    pid_t child = fork();
    ASSERT_GE(child, 0);
    if (child == 0) {
      setenv("OPENCEIR_FREEZE_AT", point, 1);
      setenv("OPENCEIR_TEST_STORE", database_.path().c_str(), 1);
      execl("/proc/self/exe", "store_sqlite_test", "--gtest_filter=SqliteKillChildTest.*",
            static_cast<char*>(nullptr));
      _exit(127);
    }
    int wstatus = 0;
    ASSERT_EQ(waitpid(child, &wstatus, WUNTRACED), child);
    ASSERT_TRUE(WIFSTOPPED(wstatus)) << "the child finished without reaching " << point;
    kill(child, SIGKILL);
    ASSERT_EQ(waitpid(child, &wstatus, 0), child);

    std::vector<ListRow> rows;
    ASSERT_TRUE(store_
                    ->ScanCurrentList(ListKind::kStolen,
                                      [&rows](const ListRow& row) {
                                        rows.push_back(row);
                                        return Status::Ok();
                                      })
                    .ok());
    EXPECT_THAT(rows, ElementsAre(before));
    auto jobs = store_->ListJobs(1).value();
    ASSERT_EQ(jobs.size(), 1u);
    EXPECT_GT(jobs[0].id, first);
    EXPECT_EQ(jobs[0].outcome, JobOutcome::kRunning);
    EXPECT_EQ(store_->MarkInterruptedJobs().value(), 1);
    EXPECT_THAT(store_->Check().value(), IsEmpty());
  }
}

// Raw edits of the audit log (what someone with the file could do) break the chain, and the
// verifier names the first entry affected.
class SqliteAuditTamperTest : public SqliteRegistryStoreTest {
 protected:
  void SetUp() override {
    SqliteRegistryStoreTest::SetUp();
    for (int i = 0; i < 4; ++i) {
      ASSERT_TRUE(
          store_->AppendAudit({"user:a", "test.append", "entry:" + std::to_string(i), "{}"}).ok());
    }
  }
  AuditVerification Verify() { return VerifyAuditChain(*store_).value(); }
};

TEST_F(SqliteAuditTamperTest, EditedEntryIsNamed) {
  RawSqlite(database_.path()).Exec("UPDATE audit_log SET actor = 'user:mallory' WHERE seq = 2");
  AuditVerification verification = Verify();
  EXPECT_EQ(verification.broken_seq, 2);
  EXPECT_THAT(verification.problem, HasSubstr("does not match its hash"));
}

TEST_F(SqliteAuditTamperTest, RehashedEntryBreaksTheNextLink) {
  // The forger recomputes entry 2's hash after the edit; entry 3 still names the old one.
  RawSqlite raw(database_.path());
  raw.Exec("UPDATE audit_log SET subject = 'entry:x' WHERE seq = 2");
  AuditEntry forged;
  ASSERT_TRUE(store_
                  ->ScanAuditLog([&forged](const AuditEntry& entry) {
                    if (entry.seq == 2) forged = entry;
                    return Status::Ok();
                  })
                  .ok());
  raw.Exec(fmt::format("UPDATE audit_log SET hash = '{}' WHERE seq = 2", AuditEntryHash(forged)));
  AuditVerification verification = Verify();
  EXPECT_EQ(verification.broken_seq, 3);
  EXPECT_THAT(verification.problem, HasSubstr("does not name entry 2's hash"));
}

TEST_F(SqliteAuditTamperTest, DeletedEntryIsNamed) {
  RawSqlite(database_.path()).Exec("DELETE FROM audit_log WHERE seq = 3");
  AuditVerification verification = Verify();
  EXPECT_EQ(verification.broken_seq, 3);
  EXPECT_THAT(verification.problem, HasSubstr("entries 3 to 3 are missing"));
}

TEST_F(SqliteAuditTamperTest, DeletedNewestEntryIsSeenByTheHead) {
  RawSqlite(database_.path()).Exec("DELETE FROM audit_log WHERE seq = 4");
  AuditVerification verification = Verify();
  EXPECT_EQ(verification.broken_seq, 4);
  EXPECT_THAT(verification.problem, HasSubstr("were deleted"));
}

TEST_F(SqliteAuditTamperTest, UntouchedLogIsIntact) {
  AuditVerification verification = Verify();
  EXPECT_TRUE(verification.intact()) << verification.problem;
  EXPECT_EQ(verification.entries, 4);
}

}  // namespace
}  // namespace openceir::store
