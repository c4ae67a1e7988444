// PgAdvisoryLock between two sessions of a real server.
#include "openceir/store/postgresql/pg_advisory_lock.h"

#include <gtest/gtest.h>

#include "openceir/store/postgresql/pg_test_util.h"

namespace openceir::store::postgresql {
namespace {

class PgAdvisoryLockTest : public ::testing::Test {
 protected:
  void SetUp() override {
    Result<std::string> dsn = testing::FreshDatabase();
    ASSERT_TRUE(dsn.ok()) << dsn.status().ToString();
    auto first = PgConnection::Open(*dsn);
    auto second = PgConnection::Open(*dsn);
    ASSERT_TRUE(first.ok() && second.ok());
    first_ = std::move(*first);
    second_ = std::move(*second);
  }

  std::unique_ptr<PgConnection> first_;
  std::unique_ptr<PgConnection> second_;
};

TEST_F(PgAdvisoryLockTest, LockHeldByOneSessionIsRefusedToAnother) {
  auto held = PgAdvisoryLock::TryAcquire(first_.get(), "classification");
  ASSERT_TRUE(held.ok()) << held.status().ToString();

  auto refused = PgAdvisoryLock::TryAcquire(second_.get(), "classification");
  EXPECT_EQ(refused.status().code(), StatusCode::kAborted);
  EXPECT_NE(refused.status().message().find(std::to_string(first_->backend_pid())),
            std::string::npos)
      << "names the holder: " << refused.status().message();

  ASSERT_TRUE(held->Release().ok());
  auto taken = PgAdvisoryLock::TryAcquire(second_.get(), "classification");
  EXPECT_TRUE(taken.ok()) << taken.status().ToString();
}

TEST_F(PgAdvisoryLockTest, DestructorReleasesTheLock) {
  {
    auto held = PgAdvisoryLock::TryAcquire(first_.get(), "lists");
    ASSERT_TRUE(held.ok());
  }
  EXPECT_TRUE(PgAdvisoryLock::TryAcquire(second_.get(), "lists").ok());
}

TEST_F(PgAdvisoryLockTest, LockDiesWithItsSession) {
  auto held = PgAdvisoryLock::TryAcquire(first_.get(), "classification");
  ASSERT_TRUE(held.ok());
  ASSERT_TRUE(testing::TerminateBackend(*second_, *first_));
  EXPECT_TRUE(PgAdvisoryLock::TryAcquire(second_.get(), "classification").ok());
}

TEST_F(PgAdvisoryLockTest, DifferentNamesDoNotConflict) {
  auto classification = PgAdvisoryLock::TryAcquire(first_.get(), "classification");
  auto import = PgAdvisoryLock::TryAcquire(second_.get(), "import:operator-a");
  EXPECT_TRUE(classification.ok());
  EXPECT_TRUE(import.ok());
}

TEST(AdvisoryLockKeyTest, KeyIsTheSameInEveryBuild) {
  // Processes of different builds must agree on the key: FNV-1a 64 of the name.
  EXPECT_EQ(AdvisoryLockKey(""), static_cast<std::int64_t>(14695981039346656037ull));
  EXPECT_EQ(AdvisoryLockKey("a"), static_cast<std::int64_t>(0xaf63dc4c8601ec8cull));
  EXPECT_NE(AdvisoryLockKey("classification"), AdvisoryLockKey("lists"));
}

}  // namespace
}  // namespace openceir::store::postgresql
