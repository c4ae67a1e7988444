// Tests of MccMncTable: validation errors naming the clash, and IMSI resolution.
#include "openceir/identifiers/mcc_mnc_table.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace openceir::identifiers {
namespace {

TEST(MccMncTableTest, ResolvesTwoAndThreeDigitMncs) {
  auto table = MccMncTable::Create(
      {{"op1", "41001"}, {"op2", "41003"}, {"op2", "41004"}, {"op3", "310260"}});
  ASSERT_TRUE(table.ok()) << table.status().ToString();
  EXPECT_EQ(table->size(), 4U);

  auto match = table->Resolve("410031234567890");
  ASSERT_TRUE(match.has_value());
  EXPECT_EQ(match->operator_id, "op2");
  EXPECT_EQ(match->mcc, "410");
  EXPECT_EQ(match->mnc, "03");

  match = table->Resolve("310260123456789");
  ASSERT_TRUE(match.has_value());
  EXPECT_EQ(match->operator_id, "op3");
  EXPECT_EQ(match->mcc, "310");
  EXPECT_EQ(match->mnc, "260");

  EXPECT_FALSE(table->Resolve("410021234567890").has_value());  // not configured
  EXPECT_FALSE(table->Resolve("31026").has_value());            // 3-digit MNC, too short
  EXPECT_FALSE(table->Resolve("4100").has_value());
  EXPECT_FALSE(table->Resolve("").has_value());
  EXPECT_TRUE(table->Resolve("41001").has_value());
}

TEST(MccMncTableTest, LongestMatchWithSameNumericValue) {
  // "12345" and "012345" have one numeric value but are different MCC-MNCs.
  auto table = MccMncTable::Create({{"a", "12345"}, {"b", "012345"}});
  ASSERT_TRUE(table.ok()) << table.status().ToString();
  EXPECT_EQ(table->Resolve("0123456789")->operator_id, "b");
  EXPECT_EQ(table->Resolve("1234567890")->operator_id, "a");
}

TEST(MccMncTableTest, RejectsBadConfigurationNamingTheClash) {
  struct Case {
    std::vector<OperatorMccMnc> entries;
    std::string message;
  };
  const std::vector<Case> cases = {
      {{{"op1", "4100"}}, "MCC-MNC \"4100\" of operator \"op1\" must be 5 or 6 decimal digits"},
      {{{"op1", "4100123"}}, "MCC-MNC \"4100123\" of operator \"op1\" must be 5 or 6"},
      {{{"op1", "4100A"}}, "MCC-MNC \"4100A\" of operator \"op1\" must be 5 or 6"},
      {{{"", "41001"}}, "MCC-MNC \"41001\" has an empty operator id"},
      {{{"op1", "41001"}, {"op2", "41001"}},
       "MCC-MNC \"41001\" is configured for both operator \"op1\" and operator \"op2\""},
      {{{"op1", "41001"}, {"op1", "41001"}},
       "MCC-MNC \"41001\" is listed twice for operator \"op1\""},
      {{{"op2", "410012"}, {"op9", "41002"}, {"op1", "41001"}},
       "MCC-MNC \"41001\" of operator \"op1\" is a prefix of MCC-MNC \"410012\" of operator "
       "\"op2\""},
  };
  for (const Case& c : cases) {
    auto table = MccMncTable::Create(c.entries);
    ASSERT_FALSE(table.ok()) << c.message;
    EXPECT_EQ(table.status().code(), StatusCode::kInvalidInput);
    EXPECT_NE(table.status().message().find(c.message), std::string::npos)
        << "got: " << table.status().message();
  }
}

TEST(MccMncTableTest, EmptyTableResolvesNothing) {
  MccMncTable table;
  EXPECT_EQ(table.size(), 0U);
  EXPECT_FALSE(table.Resolve("410011234567890").has_value());
}

}  // namespace
}  // namespace openceir::identifiers
