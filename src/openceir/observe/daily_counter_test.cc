#include "openceir/observe/daily_counter.h"

#include <gtest/gtest.h>

#include "openceir/observe/triplet_aggregator.h"

namespace openceir::observe {
namespace {

void ExpectSameHashes(const SketchHashes& a, const SketchHashes& b) {
  EXPECT_EQ(a.present, b.present);
  EXPECT_EQ(a.imei, b.imei);
  EXPECT_EQ(a.imsi, b.imsi);
  EXPECT_EQ(a.msisdn, b.msisdn);
  EXPECT_EQ(a.triplet, b.triplet);
}

// The parsers hash packed keys; the text form must give the same hashes, or an operator file
// and an events file of the same day would count one phone twice.
TEST(SketchHashesTest, PackedKeysHashLikeTheirText) {
  const std::uint64_t imsi = *PackSubscriberId("999011234567890");
  const std::uint64_t msisdn = *PackSubscriberId("0999123");  // the leading zero counts
  ExpectSameHashes(SketchHashesOfKeys(35209900176148, "", imsi, msisdn),
                   SketchHashesOf("35209900176148", "999011234567890", "0999123"));
  ExpectSameHashes(SketchHashesOfKeys(kTextImei, "3520990017614A", imsi, 0),
                   SketchHashesOf("3520990017614A", "999011234567890", ""));
  ExpectSameHashes(SketchHashesOfKeys(kTextImei, "", 0, msisdn), SketchHashesOf("", "", "0999123"));
  EXPECT_EQ(SketchHashesOf("", "", "0999123").present, SketchHashes::kMsisdn);
  // Distinct values, distinct hashes: the IMEI and a subscriber number of the same digits,
  // "0999123" and "999123", and the IMSI and MSISDN slots of a triplet.
  EXPECT_NE(SketchHashesOf("12345678901234", "", "").imei,
            SketchHashesOf("", "12345678901234", "").imsi);
  EXPECT_NE(SketchHashesOf("", "", "0999123").msisdn, SketchHashesOf("", "", "999123").msisdn);
  EXPECT_NE(SketchHashesOf("35209900176148", "999123", "").triplet,
            SketchHashesOf("35209900176148", "", "999123").triplet);
  // A subscriber number that does not pack is still counted, by its text.
  EXPECT_EQ(SketchHashesOf("", "99901x", "").present, SketchHashes::kImsi);
}

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
