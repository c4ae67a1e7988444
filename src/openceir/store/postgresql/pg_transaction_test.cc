// PgTransaction: commit keeps, everything else rolls back.
#include "openceir/store/postgresql/pg_transaction.h"

#include <gtest/gtest.h>

#include "openceir/store/postgresql/pg_test_util.h"

namespace openceir::store::postgresql {
namespace {

using testing::QueryValue;

class PgTransactionTest : public ::testing::Test {
 protected:
  void SetUp() override {
    Result<std::string> dsn = testing::FreshDatabase();
    ASSERT_TRUE(dsn.ok()) << dsn.status().ToString();
    auto connection = PgConnection::Open(*dsn);
    ASSERT_TRUE(connection.ok()) << connection.status().ToString();
    db_ = std::move(*connection);
    ASSERT_TRUE(db_->ExecScript("CREATE TABLE stolen (imei_norm text PRIMARY KEY)").ok());
    ASSERT_TRUE(db_->Prepare("insert", "INSERT INTO stolen VALUES ($1)").ok());
  }

  Status Insert(std::string_view imei_norm) {
    return db_->Execute("insert", PgParams().Text(imei_norm)).status();
  }

  std::unique_ptr<PgConnection> db_;
};

TEST_F(PgTransactionTest, DestructorRollsBackAnUncommittedTransaction) {
  {
    auto transaction = PgTransaction::Begin(db_.get());
    ASSERT_TRUE(transaction.ok()) << transaction.status().ToString();
    ASSERT_TRUE(Insert("35000000000001").ok());
    EXPECT_EQ(QueryValue(*db_, "SELECT count(*) FROM stolen"), "1");
  }
  EXPECT_EQ(QueryValue(*db_, "SELECT count(*) FROM stolen"), "0");
}

TEST_F(PgTransactionTest, CommitKeepsTheChanges) {
  auto transaction = PgTransaction::Begin(db_.get(), "ISOLATION LEVEL REPEATABLE READ");
  ASSERT_TRUE(transaction.ok()) << transaction.status().ToString();
  ASSERT_TRUE(Insert("35000000000001").ok());
  ASSERT_TRUE(transaction->Commit().ok());
  EXPECT_EQ(transaction->Commit().code(), StatusCode::kInternal) << "committed once only";
  EXPECT_EQ(QueryValue(*db_, "SELECT count(*) FROM stolen"), "1");
}

TEST_F(PgTransactionTest, CommitAfterAFailedStatementIsRefusedAndRollsBack) {
  auto transaction = PgTransaction::Begin(db_.get());
  ASSERT_TRUE(transaction.ok());
  ASSERT_TRUE(Insert("35000000000001").ok());
  EXPECT_EQ(Insert("35000000000001").code(), StatusCode::kAlreadyExists);
  // The server would answer COMMIT with ROLLBACK; the caller must hear that nothing was kept.
  EXPECT_EQ(transaction->Commit().code(), StatusCode::kAborted);
  EXPECT_EQ(QueryValue(*db_, "SELECT count(*) FROM stolen"), "0");
}

TEST_F(PgTransactionTest, ExplicitRollbackDiscardsTheChanges) {
  auto transaction = PgTransaction::Begin(db_.get());
  ASSERT_TRUE(transaction.ok());
  ASSERT_TRUE(Insert("35000000000001").ok());
  ASSERT_TRUE(transaction->Rollback().ok());
  EXPECT_EQ(QueryValue(*db_, "SELECT count(*) FROM stolen"), "0");
}

}  // namespace
}  // namespace openceir::store::postgresql
