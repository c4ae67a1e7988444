#include "openceir/base/hyperloglog.h"

#include <gtest/gtest.h>

#include <cmath>
#include <string>

namespace openceir {
namespace {

double RelativeError(std::int64_t estimate, std::int64_t truth) {
  return std::abs(static_cast<double>(estimate - truth)) / static_cast<double>(truth);
}

TEST(HyperLogLogTest, EmptySketchEstimatesZero) {
  HyperLogLog sketch;
  EXPECT_TRUE(sketch.empty());
  EXPECT_EQ(sketch.Estimate(), 0);
}

TEST(HyperLogLogTest, SmallCountsAreNearlyExact) {
  HyperLogLog sketch;
  for (int i = 0; i < 100; ++i) sketch.Add("3512345678" + std::to_string(1000 + i));
  for (int i = 0; i < 100; ++i) sketch.Add("3512345678" + std::to_string(1000 + i));  // repeats
  EXPECT_NEAR(static_cast<double>(sketch.Estimate()), 100.0, 2.0);
}

TEST(HyperLogLogTest, LargeCountsWithinFourStandardErrors) {
  for (std::int64_t truth : {10'000, 200'000}) {
    HyperLogLog sketch;
    for (std::int64_t i = 0; i < truth; ++i) sketch.Add("41001" + std::to_string(i));
    EXPECT_LT(RelativeError(sketch.Estimate(), truth), 4 * 0.0163) << truth;
  }
}

TEST(HyperLogLogTest, MergeEqualsSketchOfTheUnion) {
  HyperLogLog a, b, both;
  for (int i = 0; i < 30'000; ++i) {
    std::string value = std::to_string(i);
    (i % 3 == 0 ? a : b).Add(value);
    if (i % 5 == 0) a.Add(value);  // overlap
    both.Add(value);
  }
  a.Merge(b);
  EXPECT_EQ(a.Serialize(), both.Serialize());
  EXPECT_EQ(a.Estimate(), both.Estimate());
}

TEST(HyperLogLogTest, SerializeRoundTripsAndRejectsBadBytes) {
  HyperLogLog sketch;
  for (int i = 0; i < 500; ++i) sketch.Add(std::to_string(i));
  Result<HyperLogLog> back = HyperLogLog::Deserialize(sketch.Serialize());
  ASSERT_TRUE(back.ok());
  EXPECT_EQ(back->Estimate(), sketch.Estimate());
  EXPECT_EQ(HyperLogLog::Deserialize("short").status().code(), StatusCode::kInvalidInput);
  std::string bad(HyperLogLog::kRegisters, '\0');
  bad[7] = static_cast<char>(200);
  EXPECT_EQ(HyperLogLog::Deserialize(bad).status().code(), StatusCode::kInvalidInput);
}

}  // namespace
}  // namespace openceir
