#include "openceir/identifiers/rat.h"

#include <gtest/gtest.h>

namespace openceir::identifiers {
namespace {

TEST(RatTest, MapsEveryKnownCodeToItsOwnBit) {
  std::uint32_t seen = 0;
  for (const char* code : {"001", "002", "003", "004", "005", "006", "007", "008", "101", "102",
                           "103", "104", "105"}) {
    std::optional<std::uint32_t> bit = RatBit(code);
    ASSERT_TRUE(bit.has_value()) << code;
    EXPECT_EQ(seen & *bit, 0u) << code;
    seen |= *bit;
  }
}

TEST(RatTest, RejectsUnknownCodes) {
  for (const char* code : {"", "000", "009", "100", "106", "1", "0001", "a01", "201"}) {
    EXPECT_FALSE(RatBit(code).has_value()) << code;
  }
}

TEST(RatTest, ParsesPipeJoinedLists) {
  EXPECT_EQ(*ParseRatList(""), 0u);
  EXPECT_EQ(*ParseRatList("002|006"), *RatBit("002") | *RatBit("006"));
  EXPECT_EQ(ParseRatList("002|").status().code(), StatusCode::kInvalidInput);
  EXPECT_EQ(ParseRatList("002|999").status().code(), StatusCode::kInvalidInput);
}

TEST(RatTest, GenerationsFollowTheRadio) {
  EXPECT_EQ(GenerationsOfRatMask(*ParseRatList("002")), kGen2G);
  EXPECT_EQ(GenerationsOfRatMask(*ParseRatList("001|005")), kGen3G);
  EXPECT_EQ(GenerationsOfRatMask(*ParseRatList("006|008")), kGen4G | kGen5G);
  EXPECT_EQ(GenerationsOfRatMask(*ParseRatList("003|004|007")), 0);
}

}  // namespace
}  // namespace openceir::identifiers
