// PgSchema on a real server: migrating, re-running, upgrading and refusing newer databases.
#include "openceir/store/postgresql/pg_schema.h"

#include <gtest/gtest.h>

#include <array>
#include <thread>
#include <vector>

#include "openceir/store/postgresql/pg_registry_sql.h"
#include "openceir/store/postgresql/pg_test_util.h"

namespace openceir::store::postgresql {
namespace {

using testing::QueryValue;

constexpr std::string_view kCreateTac = "CREATE TABLE tac (tac text PRIMARY KEY);";
constexpr std::string_view kAddModel = "ALTER TABLE tac ADD COLUMN model text NOT NULL DEFAULT '';";
constexpr std::array<std::string_view, 1> kVersion1 = {kCreateTac};
constexpr std::array<std::string_view, 2> kVersion2 = {kCreateTac, kAddModel};

class PgSchemaTest : public ::testing::Test {
 protected:
  void SetUp() override {
    Result<std::string> dsn = testing::FreshDatabase();
    ASSERT_TRUE(dsn.ok()) << dsn.status().ToString();
    auto connection = PgConnection::Open(*dsn);
    ASSERT_TRUE(connection.ok()) << connection.status().ToString();
    db_ = std::move(*connection);
  }

  std::unique_ptr<PgConnection> db_;
  ManualClock clock_{1'790'000'000};
};

TEST_F(PgSchemaTest, RegistryMigratesFromEmptyToLatest) {
  PgSchema schema(db_.get(), std::string(sql::kRegistryVersionTable), sql::RegistryMigrations(),
                  &clock_);
  EXPECT_EQ(*schema.Version(), 0);
  ASSERT_TRUE(schema.Migrate().ok()) << schema.Migrate().ToString();
  EXPECT_EQ(*schema.Version(), schema.latest());
  EXPECT_EQ(QueryValue(*db_, "SELECT min(applied_at) FROM schema_version"), "1790000000");

  // The job table takes a job as the SQLite store writes it, and checks its outcome.
  ASSERT_TRUE(db_->Prepare("job",
                           "INSERT INTO job (command, arguments, \"user\", input_path,"
                           " input_sha256, pid, started_at, outcome, rows_read, added, removed,"
                           " changed, unchanged, error) VALUES ($1, '', 'regulator', '', '',"
                           " 42, 1790000000, $2, -1, -1, -1, -1, -1, '') RETURNING id")
                  .ok());
  auto job = db_->Execute("job", PgParams().Text("import stolen").Text("running"));
  ASSERT_TRUE(job.ok()) << job.status().ToString();
  EXPECT_EQ(*job->Int64(0, 0), 1);
  auto bogus = db_->Execute("job", PgParams().Text("import stolen").Text("bogus"));
  EXPECT_EQ(SqlStateOf(bogus.status()), "23514") << bogus.status().ToString();
}

TEST_F(PgSchemaTest, MigratingTwiceAppliesNothingNew) {
  PgSchema schema(db_.get(), "schema_version", kVersion2, &clock_);
  ASSERT_TRUE(schema.Migrate().ok());
  clock_.Advance(3600);
  Status again = schema.Migrate();
  ASSERT_TRUE(again.ok()) << again.ToString();
  EXPECT_EQ(*schema.Version(), 2);
  EXPECT_EQ(QueryValue(*db_, "SELECT count(*) FROM schema_version"), "2");
  EXPECT_EQ(QueryValue(*db_, "SELECT max(applied_at) FROM schema_version"), "1790000000");
}

TEST_F(PgSchemaTest, OlderDatabaseIsUpgradedByTheMissingMigrationsOnly) {
  PgSchema old_build(db_.get(), "schema_version", kVersion1, &clock_);
  ASSERT_TRUE(old_build.Migrate().ok());
  ASSERT_TRUE(db_->ExecScript("INSERT INTO tac VALUES ('35000000')").ok());
  clock_.Advance(86400);

  PgSchema new_build(db_.get(), "schema_version", kVersion2, &clock_);
  EXPECT_EQ(*new_build.Version(), 1);
  ASSERT_TRUE(new_build.Migrate().ok());
  EXPECT_EQ(*new_build.Version(), 2);
  EXPECT_EQ(QueryValue(*db_, "SELECT tac || '/' || model FROM tac"), "35000000/");
  EXPECT_EQ(QueryValue(*db_, "SELECT applied_at FROM schema_version WHERE version = 2"),
            "1790086400");
}

TEST_F(PgSchemaTest, NewerDatabaseIsRefusedUntouched) {
  PgSchema newer_build(db_.get(), "schema_version", kVersion2, &clock_);
  ASSERT_TRUE(newer_build.Migrate().ok());
  ASSERT_TRUE(db_->ExecScript("INSERT INTO schema_version VALUES (3, 0)").ok());

  PgSchema this_build(db_.get(), "schema_version", kVersion2, &clock_);
  Status refused = this_build.Migrate();
  EXPECT_EQ(refused.code(), StatusCode::kFailedPrecondition);
  EXPECT_NE(refused.message().find("schema version 3"), std::string::npos) << refused.message();
  EXPECT_EQ(*this_build.Version(), 3);
  EXPECT_EQ(QueryValue(*db_, "SELECT count(*) FROM schema_version"), "3");
}

TEST_F(PgSchemaTest, FailingMigrationRollsBackAndKeepsTheOnesBefore) {
  constexpr std::array<std::string_view, 3> kBroken = {
      kCreateTac, "CREATE TABLE half (x integer); ALTER TABLE tac ADD COLUM broken text;",
      kAddModel};
  PgSchema schema(db_.get(), "schema_version", kBroken, &clock_);
  Status failed = schema.Migrate();
  EXPECT_EQ(SqlStateOf(failed), "42601") << failed.ToString();
  EXPECT_NE(failed.message().find("migration to schema version 2"), std::string::npos)
      << failed.message();
  EXPECT_EQ(*schema.Version(), 1);
  EXPECT_EQ(QueryValue(*db_, "SELECT to_regclass('half') IS NULL"), "t")
      << "the first statement of the failed migration is rolled back too";
}

TEST_F(PgSchemaTest, ProcessesMigratingAtOnceApplyEachMigrationOnce) {
  auto dsn = testing::FreshDatabase();
  ASSERT_TRUE(dsn.ok());
  constexpr int kMigrators = 4;
  std::vector<Status> results(kMigrators);
  std::vector<std::thread> migrators;
  for (int i = 0; i < kMigrators; ++i) {
    migrators.emplace_back([&, i] {
      auto connection = PgConnection::Open(*dsn);
      if (!connection.ok()) {
        results[static_cast<std::size_t>(i)] = connection.status();
        return;
      }
      PgSchema schema(connection->get(), "schema_version", kVersion2, &clock_);
      results[static_cast<std::size_t>(i)] = schema.Migrate();
    });
  }
  for (auto& migrator : migrators) migrator.join();
  for (const Status& result : results) EXPECT_TRUE(result.ok()) << result.ToString();
  auto connection = PgConnection::Open(*dsn);
  ASSERT_TRUE(connection.ok());
  EXPECT_EQ(QueryValue(**connection,
                       "SELECT string_agg(version::text, ',' ORDER BY version)"
                       " FROM schema_version"),
            "1,2");
}

TEST_F(PgSchemaTest, EachSchemaHasItsOwnVersionTable) {
  PgSchema registry(db_.get(), "schema_version", kVersion1, &clock_);
  constexpr std::array<std::string_view, 1> kObservations = {
      "CREATE TABLE obs_month (month integer PRIMARY KEY);"};
  PgSchema observations(db_.get(), "obs_schema_version", kObservations, &clock_);
  ASSERT_TRUE(registry.Migrate().ok());
  EXPECT_EQ(*observations.Version(), 0);
  ASSERT_TRUE(observations.Migrate().ok());
  EXPECT_EQ(*observations.Version(), 1);
  EXPECT_EQ(*registry.Version(), 1);
}

}  // namespace
}  // namespace openceir::store::postgresql
