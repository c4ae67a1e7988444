// PgConnection against a real server: prepared statements, values, errors and connection loss.
#include "openceir/store/postgresql/pg_connection.h"

#include <gtest/gtest.h>

#include <filesystem>

#include "openceir/store/postgresql/pg_test_util.h"
#include "tests/support/pg_cluster.h"

namespace openceir::store::postgresql {
namespace {

using testing::FreshDatabase;
using testing::QueryValue;

class PgConnectionTest : public ::testing::Test {
 protected:
  void SetUp() override {
    Result<std::string> dsn = FreshDatabase();
    ASSERT_TRUE(dsn.ok()) << dsn.status().ToString();
    dsn_ = *dsn;
    auto connection = PgConnection::Open(dsn_);
    ASSERT_TRUE(connection.ok()) << connection.status().ToString();
    db_ = std::move(*connection);
    ASSERT_TRUE(db_->ExecScript("CREATE TABLE device (id bigint PRIMARY KEY, model text,"
                                " bands text, price integer)")
                    .ok());
    ASSERT_TRUE(db_->Prepare("insert", "INSERT INTO device VALUES ($1, $2, $3, $4)").ok());
    ASSERT_TRUE(
        db_->Prepare("select", "SELECT id, model, bands, price FROM device WHERE id = $1").ok());
  }

  std::string dsn_;
  std::unique_ptr<PgConnection> db_;
};

TEST_F(PgConnectionTest, PreparedStatementRoundTripsNullsAndNonAsciiText) {
  const std::string model = "Zoë Fōne 東京 ☎ \"quoted\" 'single' \\ back\ttab\nline";
  auto inserted = db_->Execute("insert", PgParams().Int64(7).Text(model).Null().Int64(-12));
  ASSERT_TRUE(inserted.ok()) << inserted.status().ToString();
  EXPECT_EQ(inserted->affected_rows(), 1);

  for (PgFormat format : {PgFormat::kText, PgFormat::kBinary}) {
    auto row = db_->Execute("select", PgParams().Int64(7), format);
    ASSERT_TRUE(row.ok()) << row.status().ToString();
    ASSERT_EQ(row->rows(), 1);
    ASSERT_EQ(row->columns(), 4);
    EXPECT_EQ(*row->Int64(0, 0), 7);
    EXPECT_EQ(row->Text(0, 1), model);
    EXPECT_TRUE(row->IsNull(0, 2));
    EXPECT_EQ(row->Text(0, 2), "");
    EXPECT_EQ(*row->Int64(0, 3), -12);
    EXPECT_FALSE(row->Int64(0, 2).ok()) << "NULL is not an integer";
  }
  // An empty string is a value, not NULL.
  ASSERT_TRUE(db_->Execute("insert", PgParams().Int64(8).Text("").Text("").Null()).ok());
  auto row = db_->Execute("select", PgParams().Int64(8));
  ASSERT_TRUE(row.ok());
  EXPECT_FALSE(row->IsNull(0, 1));
  EXPECT_TRUE(row->IsNull(0, 3));
}

TEST_F(PgConnectionTest, BinaryIntegersOfEveryWidthKeepTheirSign) {
  ASSERT_TRUE(db_->Prepare("widths", "SELECT $1::int2, $2::int4, $3::int8").ok());
  auto row = db_->Execute("widths", PgParams().Int64(-2).Int64(-70000).Int64(-9007199254740993LL),
                          PgFormat::kBinary);
  ASSERT_TRUE(row.ok()) << row.status().ToString();
  EXPECT_EQ(*row->Int64(0, 0), -2);
  EXPECT_EQ(*row->Int64(0, 1), -70000);
  EXPECT_EQ(*row->Int64(0, 2), -9007199254740993LL);
}

TEST_F(PgConnectionTest, BadSqlErrorCarriesSqlStateAndServerMessage) {
  Status syntax = db_->Prepare("bad", "SELEC 1");
  EXPECT_EQ(syntax.code(), StatusCode::kInternal);
  EXPECT_EQ(SqlStateOf(syntax), "42601");
  EXPECT_NE(syntax.message().find("syntax error at or near \"SELEC\""), std::string::npos)
      << syntax.message();
  EXPECT_NE(syntax.message().find("'bad'"), std::string::npos) << syntax.message();

  Status missing = db_->Prepare("missing", "SELECT * FROM no_such_table");
  EXPECT_EQ(SqlStateOf(missing), "42P01");
  EXPECT_NE(missing.message().find("relation \"no_such_table\" does not exist"), std::string::npos)
      << missing.message();

  ASSERT_TRUE(db_->Execute("insert", PgParams().Int64(1).Text("a").Text("b").Int64(1)).ok());
  auto duplicate = db_->Execute("insert", PgParams().Int64(1).Text("a").Text("b").Int64(1));
  EXPECT_EQ(duplicate.status().code(), StatusCode::kAlreadyExists);
  EXPECT_EQ(SqlStateOf(duplicate.status()), "23505");

  auto not_a_number = db_->Execute("insert", PgParams().Int64(2).Text("a").Text("b").Text("x"));
  EXPECT_EQ(not_a_number.status().code(), StatusCode::kInvalidInput);
  EXPECT_EQ(SqlStateOf(not_a_number.status()), "22P02");
  // Errors leave the connection usable.
  EXPECT_TRUE(db_->connected());
  EXPECT_EQ(QueryValue(*db_, "SELECT count(*) FROM device"), "1");
}

TEST_F(PgConnectionTest, StatementsMustBePreparedOnceUnderOneName) {
  auto unprepared = db_->Execute("never_prepared");
  EXPECT_EQ(unprepared.status().code(), StatusCode::kInternal);
  EXPECT_TRUE(
      db_->Prepare("select", "SELECT id, model, bands, price FROM device WHERE id = $1").ok());
  EXPECT_EQ(db_->Prepare("select", "SELECT 1").code(), StatusCode::kInternal);
}

TEST(PgConnectionOpenTest, NoServerIsUnavailable) {
  // Port 1 on loopback: nothing listens there (it would need root and a daemon).
  auto connection = PgConnection::Open("host=127.0.0.1 port=1 dbname=x connect_timeout=5");
  EXPECT_EQ(connection.status().code(), StatusCode::kUnavailable);
  EXPECT_EQ(SqlStateOf(connection.status()), "08006");
}

TEST(PgClusterTest, ClusterIsStoppedAndRemovedWithItsFixture) {
  std::string error;
  auto cluster = openceir::testing::PgCluster::Start(&error);
  ASSERT_NE(cluster, nullptr) << error;
  const std::string dir = cluster->dir();
  const std::string dsn = cluster->dsn();
  {
    auto connection = PgConnection::Open(dsn);
    ASSERT_TRUE(connection.ok()) << connection.status().ToString();
    EXPECT_EQ(QueryValue(**connection, "SHOW listen_addresses"), "127.0.0.1");
    EXPECT_EQ(QueryValue(**connection, "SHOW lc_collate"), "C");
    EXPECT_EQ(QueryValue(**connection, "SHOW server_encoding"), "UTF8");
  }
  cluster.reset();
  EXPECT_FALSE(std::filesystem::exists(dir));
  EXPECT_EQ(PgConnection::Open(dsn).status().code(), StatusCode::kUnavailable);
}

TEST_F(PgConnectionTest, KilledBackendMakesTheNextCallFailAsConnectionLost) {
  auto admin = PgConnection::Open(dsn_);
  ASSERT_TRUE(admin.ok());
  ASSERT_TRUE(db_->ExecScript("BEGIN").ok());
  for (int id = 1; id <= 100; ++id) {
    ASSERT_TRUE(db_->Execute("insert", PgParams().Int64(id).Text("m").Text("b").Int64(id)).ok());
  }
  ASSERT_TRUE(testing::TerminateBackend(**admin, *db_));

  auto next = db_->Execute("insert", PgParams().Int64(101).Text("m").Text("b").Int64(1));
  EXPECT_EQ(next.status().code(), StatusCode::kUnavailable) << next.status().ToString();
  EXPECT_TRUE(SqlStateOf(next.status()).has_value()) << next.status().ToString();
  EXPECT_FALSE(db_->connected());
  // Every later call fails the same way, at once.
  EXPECT_EQ(db_->ExecScript("COMMIT").code(), StatusCode::kUnavailable);
  EXPECT_EQ(db_->Execute("select", PgParams().Int64(1)).status().code(), StatusCode::kUnavailable);
  // Nothing of the uncommitted transaction is in the table.
  EXPECT_EQ(QueryValue(**admin, "SELECT count(*) FROM device"), "0");
}

}  // namespace
}  // namespace openceir::store::postgresql
