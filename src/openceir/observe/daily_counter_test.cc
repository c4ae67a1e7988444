#include "openceir/observe/daily_counter.h"

#include <gtest/gtest.h>

namespace openceir::observe {
namespace {

TEST(DailyCounterTest, CountsDistinctValuesPerDayLeavingNullsOut) {
  DailyCounter counter("op1");
  Date d1 = *DateFromCivil(2026, 1, 1);
  Date d2 = *DateFromCivil(2026, 1, 2);
  counter.Add(d1, SketchHashesOf("35123456789012", "999010000000001", "999100000001"));
  counter.Add(d1, SketchHashesOf("35123456789012", "999010000000002", ""));
  counter.Add(d1, SketchHashesOf("", "999010000000002", "999100000001"));
  counter.Add(d2, SketchHashesOf("35123456789013", "", ""));
  auto counts = counter.Finish();
  ASSERT_EQ(counts.size(), 2u);
  EXPECT_EQ(counts[0].day, d1);
  EXPECT_EQ(counts[0].rows, 3);
  EXPECT_EQ(counts[0].imeis, 1);
  EXPECT_EQ(counts[0].imsis, 2);
  EXPECT_EQ(counts[0].msisdns, 1);
  EXPECT_EQ(counts[0].triplets, 2);
  EXPECT_EQ(counts[1].rows, 1);
  EXPECT_EQ(counts[1].imsis, 0);
  auto sketches = store::DailySketches::Deserialize(counts[0].sketches);
  ASSERT_TRUE(sketches.ok());
  EXPECT_EQ(sketches->imsis.Estimate(), 2);
}

}  // namespace
}  // namespace openceir::observe
