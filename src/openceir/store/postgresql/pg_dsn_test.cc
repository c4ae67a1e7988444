#include "openceir/store/postgresql/pg_dsn.h"

#include <gtest/gtest.h>

namespace openceir::store {
namespace {

TEST(DescribePgDsnTest, KeyValueDsnIsNamedWithoutItsPassword) {
  auto named = DescribePgDsn("host=10.0.0.5 port=5433 dbname=ceir user=openceir password=s3cret");
  ASSERT_TRUE(named.ok()) << named.status().ToString();
  EXPECT_EQ(*named, "postgresql://openceir@10.0.0.5:5433/ceir");
}

TEST(DescribePgDsnTest, UriIsNamedWithoutItsPasswordOrOptions) {
  auto named = DescribePgDsn("postgresql://openceir:s3cret@db.example:5432/ceir?sslmode=require");
  ASSERT_TRUE(named.ok()) << named.status().ToString();
  EXPECT_EQ(*named, "postgresql://openceir@db.example:5432/ceir");
}

TEST(DescribePgDsnTest, PartsLeftToLibpqDefaultsAreLeftOut) {
  auto named = DescribePgDsn("dbname=ceir");
  ASSERT_TRUE(named.ok()) << named.status().ToString();
  EXPECT_EQ(*named, "postgresql:///ceir");
}

TEST(DescribePgDsnTest, UnparsableDsnIsInvalidInputWithLibpqsReason) {
  auto named = DescribePgDsn("host=127.0.0.1 nosuchoption=1");
  ASSERT_FALSE(named.ok());
  EXPECT_EQ(named.status().code(), StatusCode::kInvalidInput);
  EXPECT_NE(named.status().message().find("nosuchoption"), std::string::npos)
      << named.status().message();
}

TEST(IsPgUriTest, OnlyPostgresqlSchemesNameADatabase) {
  EXPECT_TRUE(IsPgUri("postgresql://openceir@127.0.0.1:5432/ceir"));
  EXPECT_TRUE(IsPgUri("postgres://127.0.0.1/ceir"));
  EXPECT_FALSE(IsPgUri("openceir.db"));
  EXPECT_FALSE(IsPgUri("/var/lib/openceir/postgresql://x"));
  EXPECT_FALSE(IsPgUri("host=127.0.0.1 dbname=ceir"));
}

}  // namespace
}  // namespace openceir::store
