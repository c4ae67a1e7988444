#include "openceir/base/status.h"

#include <gtest/gtest.h>

namespace openceir {
namespace {

Result<int> Half(int n) {
  if (n % 2 != 0) return InvalidInputError("odd");
  return n / 2;
}

Result<int> Quarter(int n) {
  OPENCEIR_ASSIGN_OR_RETURN(int half, Half(n));
  OPENCEIR_ASSIGN_OR_RETURN(int quarter, Half(half));
  return quarter;
}

TEST(StatusTest, DefaultIsOk) {
  Status s;
  EXPECT_TRUE(s.ok());
  EXPECT_EQ(s.ToString(), "OK");
}

TEST(StatusTest, ToStringNamesTheCode) {
  EXPECT_EQ(NotFoundError("no such job").ToString(), "NOT_FOUND: no such job");
}

TEST(ResultTest, PropagatesTheFirstError) {
  EXPECT_EQ(*Quarter(8), 2);
  auto r = Quarter(6);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().code(), StatusCode::kInvalidInput);
  EXPECT_EQ(r.status().message(), "odd");
}

}  // namespace
}  // namespace openceir
