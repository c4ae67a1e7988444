#include "openceir/observe/operator_file_name.h"

#include <gtest/gtest.h>

namespace openceir::observe {
namespace {

const Date kToday = *DateFromCivil(2026, 11, 28);

TEST(OperatorFileNameTest, AcceptsValidNamesPlainAndCompressed) {
  for (const char* name : {"op1_20261101_20261128.csv", "op1_20261101_20261101.csv.gz",
                           "op1_20261101_20261127.csv.zst", "op1_20261101_20261127.csv.zip"}) {
    OperatorFileNameCheck check = CheckOperatorFileName(name, "op1", kToday);
    EXPECT_TRUE(check.ok) << name << ": " << check.message;
    EXPECT_EQ(check.name.first_day, *DateFromCivil(2026, 11, 1));
  }
  OperatorFileNameCheck underscores =
      CheckOperatorFileName("big_op_20261101_20261102.csv", "big_op", kToday);
  EXPECT_TRUE(underscores.ok);
  EXPECT_EQ(underscores.name.last_day, *DateFromCivil(2026, 11, 2));
}

TEST(OperatorFileNameTest, NamesTheRuleBroken) {
  struct Case {
    const char* name;
    const char* rule;
  };
  for (const Case& c : {Case{"op1_20261101.csv", "bad_file_name"},
                        Case{"op1_20261101_20261102.txt", "bad_file_name"},
                        Case{"_20261101_20261102.csv", "bad_file_name"},
                        Case{"op2_20261101_20261102.csv", "operator_mismatch"},
                        Case{"op1_20261131_20261102.csv", "bad_file_date"},
                        Case{"op1_20261101_2026110.csv", "bad_file_date"},
                        Case{"op1_20261103_20261102.csv", "bad_date_range"},
                        Case{"op1_20261101_20261129.csv", "date_range_in_future"}}) {
    OperatorFileNameCheck check = CheckOperatorFileName(c.name, "op1", kToday);
    EXPECT_FALSE(check.ok) << c.name;
    EXPECT_EQ(check.rule, c.rule) << c.name << ": " << check.message;
  }
}

}  // namespace
}  // namespace openceir::observe
