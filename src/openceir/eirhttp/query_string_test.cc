#include "openceir/eirhttp/query_string.h"

#include <gtest/gtest.h>

#include <string>

namespace openceir::eirhttp {
namespace {

TEST(QueryStringTest, SplitsPairsAndDecodesPercentEscapes) {
  QueryString query;
  ASSERT_TRUE(query.Parse("pei=imei-%33%35123&supi=imsi-1&a%2Db=x%20y"));
  ASSERT_EQ(query.size(), 3u);
  EXPECT_EQ(query[0].name, "pei");
  EXPECT_EQ(query[0].value, "imei-35123");
  EXPECT_EQ(query[1].name, "supi");
  EXPECT_EQ(query[1].value, "imsi-1");
  EXPECT_EQ(query[2].name, "a-b");
  EXPECT_EQ(query[2].value, "x y");
  for (const QueryParam& param : query) {
    EXPECT_TRUE(param.name_ok && param.value_ok && param.has_value) << param.name;
  }
}

TEST(QueryStringTest, PlusIsALiteralPlus) {
  QueryString query;
  ASSERT_TRUE(query.Parse("gpsi=msisdn-+123"));
  EXPECT_EQ(query[0].value, "msisdn-+123");
}

TEST(QueryStringTest, MarksMalformedEscapesAndKeepsTheRawText) {
  struct Case {
    const char* query;
    bool name_ok;
    bool value_ok;
  };
  for (const Case& c :
       {Case{"pei=%4", true, false}, Case{"pei=%zz1", true, false}, Case{"pei=abc%", true, false},
        Case{"p%g1=1", false, true}, Case{"pei=%41", true, true}}) {
    QueryString query;
    ASSERT_TRUE(query.Parse(c.query)) << c.query;
    ASSERT_EQ(query.size(), 1u) << c.query;
    EXPECT_EQ(query[0].name_ok, c.name_ok) << c.query;
    EXPECT_EQ(query[0].value_ok, c.value_ok) << c.query;
  }
  QueryString query;
  ASSERT_TRUE(query.Parse("pei=%zz"));
  EXPECT_EQ(query[0].value, "%zz");
}

TEST(QueryStringTest, SkipsEmptyPairsAndNotesNamesWithoutValue) {
  QueryString query;
  ASSERT_TRUE(query.Parse("&&pei&supi=&"));
  ASSERT_EQ(query.size(), 2u);
  EXPECT_EQ(query[0].name, "pei");
  EXPECT_FALSE(query[0].has_value);
  EXPECT_EQ(query[1].name, "supi");
  EXPECT_TRUE(query[1].has_value);
  EXPECT_EQ(query[1].value, "");
  ASSERT_TRUE(query.Parse(""));
  EXPECT_EQ(query.size(), 0u);
}

TEST(QueryStringTest, RefusesMoreParametersThanTheLimit) {
  std::string text;
  for (std::size_t i = 0; i <= QueryString::kMaxParams; ++i) text += "a=1&";
  QueryString query;
  EXPECT_FALSE(query.Parse(text));
  text.resize(text.size() - 4);  // exactly kMaxParams
  EXPECT_TRUE(query.Parse(text));
  EXPECT_EQ(query.size(), QueryString::kMaxParams);
}

TEST(QueryStringTest, ReuseAfterALongerQueryGivesTheNewParameters) {
  QueryString query;
  ASSERT_TRUE(query.Parse("pei=imei-123456789012345&supi=imsi-001010000000001"));
  ASSERT_TRUE(query.Parse("x=%41"));
  ASSERT_EQ(query.size(), 1u);
  EXPECT_EQ(query[0].name, "x");
  EXPECT_EQ(query[0].value, "A");
}

}  // namespace
}  // namespace openceir::eirhttp
