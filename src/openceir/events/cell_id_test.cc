#include "openceir/events/cell_id.h"

#include <gtest/gtest.h>

namespace openceir::events {
namespace {

TEST(CellIdTest, RoundTripsCanonicalIds) {
  for (std::string id : {"214-01-1234-56789", "310-030-0-0", "001-01-4294967295-68719476735",
                         "262-02-65535-268435455"}) {
    std::optional<CellKey> key = ParseCellId(id);
    ASSERT_TRUE(key.has_value()) << id;
    EXPECT_EQ(FormatCellId(*key), id);
  }
}

TEST(CellIdTest, LeadingZerosOfLacAndCiDoNotMakeAnotherCell) {
  EXPECT_EQ(ParseCellId("214-01-001234-0056789"), ParseCellId("214-01-1234-56789"));
  EXPECT_EQ(FormatCellId(*ParseCellId("214-01-001234-0056789")), "214-01-1234-56789");
}

TEST(CellIdTest, TwoAndThreeDigitMncsDiffer) {
  EXPECT_NE(ParseCellId("310-01-1-1"), ParseCellId("310-001-1-1"));
}

TEST(CellIdTest, RejectsMalformedIds) {
  for (std::string id :
       {"", "214-01-1234", "214-01-1234-56789-1", "21-01-1-1", "2144-01-1-1", "214-1-1-1",
        "214-0001-1-1", "214-01--1", "214-01-1-", "214-01-a-1", "214-01-4294967296-1",
        "214-01-1-68719476736", "214-01-1-+1", "214 01 1 1"}) {
    EXPECT_FALSE(ParseCellId(id).has_value()) << id;
  }
}

}  // namespace
}  // namespace openceir::events
