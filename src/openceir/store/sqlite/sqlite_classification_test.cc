// SQLite-only tests of the classification state: a killed run leaves the previous run's state,
// and the store object reads while a run holds the write lock.
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

#include "openceir/store/sqlite/sqlite_registry_store.h"
#include "openceir/store/sqlite/sqlite_sql.h"

namespace openceir::store {
namespace {

using ::testing::IsEmpty;
using ::testing::SizeIs;

constexpr Date kDay{20'500};

ConditionSpec Duplicate() {
  ConditionSpec spec;
  spec.label = "duplicate";
  spec.grace_period_days = 30;
  return spec;
}

// Classifies `count` IMEIs starting at serial `first` (all matching) and commits.
Status Classify(RegistryStore& store, Date curr_date, int first, int count) {
  JobStart start;
  start.command = "classify";
  start.pid = getpid();
  OPENCEIR_ASSIGN_OR_RETURN(JobId id, store.StartJob(start));
  OPENCEIR_ASSIGN_OR_RETURN(auto run,
                            store.BeginClassificationRun(id, curr_date, std::vector{Duplicate()}));
  std::vector<std::string> imeis;
  for (int i = first; i < first + count; ++i) imeis.push_back(fmt::format("352099{:08d}", i));
  std::vector<ConditionMatch> matches;
  for (const std::string& imei : imeis) matches.push_back({0, imei, {}});
  OPENCEIR_RETURN_IF_ERROR(run->AddMatches(matches));
  return run->Commit(first + count, JobCounts{}).status();
}

std::vector<ClassificationRow> LatestState(RegistryStore& store) {
  std::vector<ClassificationRow> rows;
  auto runs = store.ListClassificationRuns(1);
  EXPECT_TRUE(runs.ok() && runs->size() == 1);
  if (!runs.ok() || runs->empty()) return rows;
  Status status = store.ScanClassificationAsOf((*runs)[0].run, [&rows](const ClassificationRow& r) {
    rows.push_back(r);
    return Status::Ok();
  });
  EXPECT_TRUE(status.ok()) << status.ToString();
  return rows;
}

class SqliteClassificationTest : public ::testing::Test {
 protected:
  void SetUp() override {
    std::string pattern =
        (std::filesystem::temp_directory_path() / "openceir-classification-XXXXXX").string();
    ASSERT_NE(mkdtemp(pattern.data()), nullptr);
    dir_ = pattern;
    path_ = dir_ + "/registry.db";
    auto store = OpenSqliteRegistryStore(path_, &clock_);
    ASSERT_TRUE(store.ok()) << store.status().ToString();
    store_ = std::move(store).value();
    ASSERT_TRUE(store_->Migrate().ok());
  }
  void TearDown() override {
    store_.reset();
    std::error_code ignored;
    std::filesystem::remove_all(dir_, ignored);
  }

  ManualClock clock_{1'790'000'000};
  std::string dir_;
  std::string path_;
  std::unique_ptr<RegistryStore> store_;
};

// The child half of KillDuringRunLeavesThePreviousState: classifies 1000 other IMEIs in the
// store named by OPENCEIR_TEST_STORE and freezes where the parent chose. Skipped when run directly.
TEST(SqliteClassificationKillChildTest, ClassifiesUntilFrozen) {
  const char* path = std::getenv("OPENCEIR_TEST_STORE");
  if (path == nullptr) GTEST_SKIP() << "only run as the child of a kill test";
  SystemClock clock;
  auto store = OpenSqliteRegistryStore(path, &clock);
  ASSERT_TRUE(store.ok());
  ASSERT_TRUE(Classify(**store, Date{kDay.days + 1}, 1000, 1000).ok());
}

TEST_F(SqliteClassificationTest, KillDuringRunLeavesThePreviousState) {
  ASSERT_TRUE(Classify(*store_, kDay, 0, 10).ok());
  const std::vector<ClassificationRow> before = LatestState(*store_);
  ASSERT_THAT(before, SizeIs(10));
  for (const char* point : {"classification_stage_batch@2", "classification_before_commit"}) {
    SCOPED_TRACE(point);
    pid_t child = fork();
    ASSERT_GE(child, 0);
    if (child == 0) {
      setenv("OPENCEIR_FREEZE_AT", point, 1);
      setenv("OPENCEIR_TEST_STORE", path_.c_str(), 1);
      execl("/proc/self/exe", "store_sqlite_test",
            "--gtest_filter=SqliteClassificationKillChildTest.*", static_cast<char*>(nullptr));
      _exit(127);
    }
    int wstatus = 0;
    ASSERT_EQ(waitpid(child, &wstatus, WUNTRACED), child);
    ASSERT_TRUE(WIFSTOPPED(wstatus)) << "the child finished without reaching " << point;
    kill(child, SIGKILL);
    ASSERT_EQ(waitpid(child, &wstatus, 0), child);

    EXPECT_EQ(LatestState(*store_), before);
    EXPECT_THAT(store_->ListClassificationRuns(10).value(), SizeIs(1));
    EXPECT_THAT(store_->FindClassificationRows("35209900001500").value(), IsEmpty());
    EXPECT_EQ(store_->MarkInterruptedJobs().value(), 1);
    EXPECT_THAT(store_->Check().value(), IsEmpty());
  }
  // The next run proceeds from the previous state.
  ASSERT_TRUE(Classify(*store_, Date{kDay.days + 1}, 5, 10).ok());
  EXPECT_THAT(LatestState(*store_), SizeIs(10));
  EXPECT_THAT(store_->FindClassificationRows("35209900000000").value()[0].end_run,
              ::testing::Optional(::testing::_));
}

TEST_F(SqliteClassificationTest, StoreReadsWhileARunIsOpen) {
  ASSERT_TRUE(Classify(*store_, kDay, 0, 3).ok());
  JobStart start;
  start.command = "classify";
  start.pid = getpid();
  JobId id = store_->StartJob(start).value();
  auto run = store_->BeginClassificationRun(id, kDay, std::vector{Duplicate()});
  ASSERT_TRUE(run.ok()) << run.status().ToString();
  EXPECT_THAT(LatestState(*store_), SizeIs(3));
  EXPECT_THAT(store_->FindClassificationRows("35209900000001").value(), SizeIs(1));
}

TEST(SqliteClassificationMigrationTest, StoreAtVersionOneMigratesAndKeepsItsLists) {
  std::string pattern =
      (std::filesystem::temp_directory_path() / "openceir-classification-XXXXXX").string();
  ASSERT_NE(mkdtemp(pattern.data()), nullptr);
  const std::string path = pattern + "/registry.db";
  {
    // A store as a build with only migration 1 left it, with one stolen-list row.
    sqlite3* db = nullptr;
    ASSERT_EQ(sqlite3_open(path.c_str(), &db), SQLITE_OK);
    const std::string script =
        std::string(sqlite::sql::kCreateSchemaVersion) + ";" +
        std::string(sqlite::sql::Migrations()[0]) +
        "INSERT INTO schema_version VALUES (1, 0);"
        "INSERT INTO job (command, arguments, user, input_path, input_sha256, pid, started_at,"
        " outcome, rows_read, added, removed, changed, unchanged, error)"
        " VALUES ('import stolen', '', '', '', '', 0, 0, 'succeeded', 1, 1, 0, 0, 0, '');"
        "INSERT INTO stolen_list VALUES ('35209900176148', '20260101', '', 1, NULL);";
    EXPECT_EQ(sqlite3_exec(db, script.c_str(), nullptr, nullptr, nullptr), SQLITE_OK)
        << sqlite3_errmsg(db);
    sqlite3_close(db);
  }
  ManualClock clock(1'790'000'000);
  auto store = OpenSqliteRegistryStore(path, &clock);
  ASSERT_TRUE(store.ok());
  EXPECT_EQ((*store)->SchemaVersion().value(), 1);
  ASSERT_TRUE((*store)->Migrate().ok());
  EXPECT_EQ((*store)->SchemaVersion().value(), RegistryStore::LatestSchemaVersion());
  EXPECT_EQ((*store)->CountCurrentList(ListKind::kStolen).value(), 1);
  EXPECT_TRUE(Classify(**store, kDay, 0, 3).ok());
  EXPECT_THAT(LatestState(**store), SizeIs(3));
  EXPECT_THAT((*store)->Check().value(), IsEmpty());
  store->reset();
  std::error_code ignored;
  std::filesystem::remove_all(pattern, ignored);
}

}  // namespace
}  // namespace openceir::store
