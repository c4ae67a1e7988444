// SplitLineFields: plain and quoted lines, the field-count cap, and each quote problem with the
// field it names.
#include "openceir/csv/line_fields.h"

#include <gtest/gtest.h>

#include <array>
#include <string>
#include <vector>

namespace openceir::csv {
namespace {

struct Split {
  int count = 0;
  std::vector<std::string> fields;
  LineFieldsProblem problem;
};

Split SplitOf(std::string_view line, std::size_t capacity = 4) {
  std::array<std::string_view, 8> storage{};
  Split split;
  split.count = SplitLineFields(line, std::span(storage).first(capacity), &split.problem);
  for (int i = 0; i < split.count && i < static_cast<int>(capacity); ++i) {
    split.fields.emplace_back(storage[static_cast<std::size_t>(i)]);
  }
  return split;
}

TEST(LineFieldsTest, SplitsPlainAndQuotedFieldsAlike) {
  for (std::string_view line : {"a,,b,c", "\"a\",,b,\"c\"", "a,\"\",\"b\",c"}) {
    const Split split = SplitOf(line);
    ASSERT_EQ(split.count, 4) << line;
    EXPECT_EQ(split.fields[0], "a") << line;
    EXPECT_EQ(split.fields[1], "") << line;
    EXPECT_EQ(split.fields[2], "b") << line;
    EXPECT_EQ(split.fields[3], "c") << line;
  }
  EXPECT_EQ(SplitOf("").count, 1);
  EXPECT_EQ(SplitOf("x,").fields, (std::vector<std::string>{"x", ""}));
}

TEST(LineFieldsTest, DoubledQuoteInsideQuotesIsKeptAsIs) {
  const Split split = SplitOf("\"a\"\"b\",c");
  ASSERT_EQ(split.count, 2);
  EXPECT_EQ(split.fields[0], "a\"\"b");
}

TEST(LineFieldsTest, MoreFieldsThanRoomCountsOneMore) {
  EXPECT_EQ(SplitOf("1,2,3,4,5,6", 4).count, 5);
  EXPECT_EQ(SplitOf("\"1\",2,3,4,5,6", 4).count, 5);
  EXPECT_EQ(SplitOf("1,2,3,4", 4).count, 4);
}

TEST(LineFieldsTest, QuoteProblemsNameTheirField) {
  Split split = SplitOf("a,\"b");
  EXPECT_EQ(split.count, -1);
  EXPECT_EQ(split.problem.field, 2);
  EXPECT_EQ(split.problem.rule, "csv_unterminated_quote");

  split = SplitOf("a,b,\"c\"x");
  EXPECT_EQ(split.count, -1);
  EXPECT_EQ(split.problem.field, 3);
  EXPECT_EQ(split.problem.rule, "csv_stray_quote");
  EXPECT_EQ(split.problem.message, "text after the closing quote of a field");

  split = SplitOf("a,b\"c,d");
  EXPECT_EQ(split.count, -1);
  EXPECT_EQ(split.problem.field, 2);
  EXPECT_EQ(split.problem.message, "a quote inside an unquoted field");
}

}  // namespace
}  // namespace openceir::csv
