#include "openceir/base/date.h"

#include <gtest/gtest.h>

namespace openceir {
namespace {

TEST(DateTest, RoundTripsEveryDayOverFourCenturies) {
  for (int days = -150000; days < 150000; ++days) {
    std::string text = FormatYyyymmdd(Date{days});
    auto back = ParseYyyymmdd(text);
    ASSERT_TRUE(back.has_value()) << text;
    ASSERT_EQ(back->days, days) << text;
  }
}

TEST(DateTest, EpochIsDayZero) {
  EXPECT_EQ(ParseYyyymmdd("19700101")->days, 0);
  EXPECT_EQ(ParseIsoDate("1970-01-02")->days, 1);
}

TEST(DateTest, RejectsDaysThatDoNotExist) {
  for (const char* bad :
       {"20230229", "20231301", "20230001", "20230100", "2023011", "2023O101", "", "202301011"}) {
    EXPECT_FALSE(ParseYyyymmdd(bad).has_value()) << bad;
  }
  EXPECT_TRUE(ParseYyyymmdd("20240229").has_value());
}

TEST(DateTest, ParsesGsmaAllocationDates) {
  EXPECT_EQ(ParseDdMonYyyy("17-Mar-2015"), ParseYyyymmdd("20150317"));
  EXPECT_EQ(ParseDdMonYyyy("1-jan-2001"), ParseYyyymmdd("20010101"));
  EXPECT_FALSE(ParseDdMonYyyy("31-Feb-2015").has_value());
  EXPECT_FALSE(ParseDdMonYyyy("17-Mars-2015").has_value());
  EXPECT_FALSE(ParseDdMonYyyy("17-Mar-15").has_value());
  // A day part too long for an int is refused, not overflowed (found by list_row_fuzz).
  EXPECT_FALSE(ParseDdMonYyyy("99999999999999-Mar-2015").has_value());
  EXPECT_FALSE(ParseDdMonYyyy("0000000017-Mar-2015").has_value());
}

TEST(DateTest, UnixSecondsFloorToTheDay) {
  EXPECT_EQ(DateFromUnixSeconds(86399).days, 0);
  EXPECT_EQ(DateFromUnixSeconds(86400).days, 1);
  EXPECT_EQ(DateFromUnixSeconds(-1).days, -1);
}

}  // namespace
}  // namespace openceir
