// GoldenHashOf: the MD5 test vectors of RFC 1321 and IMEIs whose hashes DIRBS golden lists hold.
#include "openceir/identifiers/golden_hash.h"

#include <gtest/gtest.h>

namespace openceir::identifiers {
namespace {

TEST(GoldenHashTest, IsLowerCaseHexMd5OfTheImeiNorm) {
  EXPECT_EQ(GoldenHashOf(""), "d41d8cd98f00b204e9800998ecf8427e");
  EXPECT_EQ(GoldenHashOf("abc"), "900150983cd24fb0d6963f7d28e17f72");
  EXPECT_EQ(GoldenHashOf("35123456789012"), "62028ff9bd5d1e206675d8eb7bf81005");
  EXPECT_EQ(GoldenHashOf("35209900176148"), "2a696780b6ee5b472ef01510f60cc040");
  EXPECT_EQ(GoldenHashOf("01234567890123"), "ae248bb2a77e470cb92d8e69e5f5affc");
}

}  // namespace
}  // namespace openceir::identifiers
