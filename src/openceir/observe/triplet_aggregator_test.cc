#include "openceir/observe/triplet_aggregator.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <tuple>
#include <vector>

namespace openceir::observe {
namespace {

Date Day(int y, int m, int d) { return *DateFromCivil(y, m, d); }

std::vector<store::TripletMonth> FinishSorted(TripletAggregator& aggregator) {
  std::vector<store::TripletMonth> all;
  Status s = aggregator.Finish([&](std::span<const store::TripletMonth> rows) {
    all.insert(all.end(), rows.begin(), rows.end());
    return Status::Ok();
  });
  EXPECT_TRUE(s.ok()) << s.ToString();
  std::sort(all.begin(), all.end(), [](const auto& a, const auto& b) {
    return std::tie(a.imei_norm, a.imsi, a.msisdn, a.month) <
           std::tie(b.imei_norm, b.imsi, b.msisdn, b.month);
  });
  return all;
}

TripletAggregatorOptions Options() {
  TripletAggregatorOptions options;
  options.operator_id = "op1";
  options.partitions = 8;
  return options;
}

TEST(PackSubscriberIdTest, KeepsLeadingZerosAndNull) {
  for (std::string id : {"", "0", "00", "001010123456789", "999011234567890", "12"}) {
    auto packed = PackSubscriberId(id);
    ASSERT_TRUE(packed.has_value()) << id;
    EXPECT_EQ(UnpackSubscriberId(*packed), id);
  }
  EXPECT_EQ(*PackSubscriberId(""), 0u);
  EXPECT_NE(*PackSubscriberId("0"), *PackSubscriberId("00"));
  EXPECT_FALSE(PackSubscriberId("1234567890123456").has_value());
  EXPECT_FALSE(PackSubscriberId("12a").has_value());
}

TEST(TripletAggregatorTest, SetsDayBitsAndFirstLastSeenWithinAMonth) {
  TripletAggregator aggregator(Options());
  for (int d : {5, 1, 31, 17}) {
    ASSERT_TRUE(aggregator
                    .Add("35123456789012", "999011234567890", "999123456789", Day(2026, 1, d), 1,
                         store::kImsiLocalSubscriber)
                    .ok());
  }
  auto rows = FinishSorted(aggregator);
  ASSERT_EQ(rows.size(), 1u);
  EXPECT_EQ(rows[0].operator_id, "op1");
  EXPECT_EQ(rows[0].month, 2026 * 12 + 0);
  EXPECT_EQ(rows[0].day_mask, (1u << 0) | (1u << 4) | (1u << 16) | (1u << 30));
  EXPECT_EQ(rows[0].first_seen, Day(2026, 1, 1));
  EXPECT_EQ(rows[0].last_seen, Day(2026, 1, 31));
  EXPECT_EQ(rows[0].imsi, "999011234567890");
  EXPECT_EQ(rows[0].msisdn, "999123456789");
}

TEST(TripletAggregatorTest, SplitsAcrossMonthAndYearBoundaries) {
  TripletAggregator aggregator(Options());
  for (Date day :
       {Day(2025, 12, 31), Day(2026, 1, 1), Day(2026, 1, 2), Day(2026, 2, 28), Day(2026, 3, 1)}) {
    ASSERT_TRUE(aggregator.Add("35123456789012", "", "", day, 0, 0).ok());
  }
  auto rows = FinishSorted(aggregator);
  ASSERT_EQ(rows.size(), 4u);
  EXPECT_EQ(rows[0].month, 2025 * 12 + 11);
  EXPECT_EQ(rows[0].first_seen, Day(2025, 12, 31));
  EXPECT_EQ(rows[0].last_seen, Day(2025, 12, 31));
  EXPECT_EQ(rows[0].day_mask, 1u << 30);
  EXPECT_EQ(rows[1].first_seen, Day(2026, 1, 1));
  EXPECT_EQ(rows[1].last_seen, Day(2026, 1, 2));
  EXPECT_EQ(rows[1].day_mask, 3u);
  EXPECT_EQ(rows[2].first_seen, Day(2026, 2, 28));
  EXPECT_EQ(rows[2].last_seen, Day(2026, 2, 28));
  EXPECT_EQ(rows[3].first_seen, Day(2026, 3, 1));
  EXPECT_EQ(rows[3].imsi, "");
  EXPECT_EQ(rows[3].msisdn, "");
}

TEST(TripletAggregatorTest, OrsRatMasksAndImsiClassesOfOneTriplet) {
  TripletAggregator aggregator(Options());
  ASSERT_TRUE(aggregator.Add("35123456789012", "41001", "", Day(2026, 1, 3), 1, 2).ok());
  ASSERT_TRUE(aggregator.Add("35123456789012", "41001", "", Day(2026, 1, 3), 32, 1).ok());
  auto rows = FinishSorted(aggregator);
  ASSERT_EQ(rows.size(), 1u);
  EXPECT_EQ(rows[0].rat_mask, 33u);
  EXPECT_EQ(rows[0].imsi_class, 3);
}

TEST(TripletAggregatorTest, KeepsDistinctKeysApartAndInternsMalformedImeis) {
  TripletAggregator aggregator(Options());
  ASSERT_TRUE(aggregator.Add("35123456789012", "1", "", Day(2026, 1, 3), 0, 0).ok());
  ASSERT_TRUE(aggregator.Add("35123456789012", "01", "", Day(2026, 1, 3), 0, 0).ok());
  ASSERT_TRUE(aggregator.Add("00000000000001", "1", "", Day(2026, 1, 3), 0, 0).ok());
  ASSERT_TRUE(aggregator.Add("ABC*#1", "1", "", Day(2026, 1, 3), 0, 0).ok());
  ASSERT_TRUE(aggregator.Add("ABC*#1", "1", "", Day(2026, 1, 4), 0, 0).ok());
  auto rows = FinishSorted(aggregator);
  ASSERT_EQ(rows.size(), 4u);
  EXPECT_EQ(rows[0].imei_norm, "00000000000001");
  EXPECT_EQ(rows[1].imei_norm, "35123456789012");
  EXPECT_EQ(rows[1].imsi, "01");
  EXPECT_EQ(rows[2].imsi, "1");
  EXPECT_EQ(rows[3].imei_norm, "ABC*#1");
  EXPECT_EQ(rows[3].day_mask, 0b1100u);
}

TEST(TripletAggregatorTest, RejectsBadSubscriberIdsAndEmptyImei) {
  TripletAggregator aggregator(Options());
  EXPECT_EQ(aggregator.Add("", "1", "", Day(2026, 1, 3), 0, 0).code(), StatusCode::kInvalidInput);
  EXPECT_EQ(aggregator.Add("35123456789012", "12x", "", Day(2026, 1, 3), 0, 0).code(),
            StatusCode::kInvalidInput);
  EXPECT_EQ(aggregator.Add("35123456789012", "", "1234567890123456", Day(2026, 1, 3), 0, 0).code(),
            StatusCode::kInvalidInput);
}

TEST(TripletAggregatorTest, SpillingGivesTheSameTripletsAsMemory) {
  auto feed = [](TripletAggregator& aggregator) {
    for (int i = 0; i < 20000; ++i) {
      std::uint64_t imei = 35000000000000ULL + static_cast<std::uint64_t>(i % 3000) * 7919;
      std::uint64_t imsi = *PackSubscriberId(
          std::to_string(std::uint64_t{999010000000000} + static_cast<std::uint64_t>(i % 4000)));
      Date day{Day(2026, 1, 1).days + (i * 13) % 59};
      ASSERT_TRUE(aggregator.AddPacked(imei, imsi, 0, day, 1u << (i % 5), 1).ok());
    }
  };
  TripletAggregator in_memory(Options());
  feed(in_memory);
  EXPECT_EQ(in_memory.spills(), 0);

  std::filesystem::path dir = std::filesystem::temp_directory_path() / "observe_spill_test";
  std::filesystem::create_directories(dir);
  TripletAggregatorOptions small = Options();
  small.memory_budget_bytes = 200 * 1024;
  small.spill_dir = dir.string();
  std::vector<store::TripletMonth> spilled_rows;
  {
    TripletAggregator spilling(small);
    feed(spilling);
    EXPECT_GT(spilling.spills(), 0);
    EXPECT_GT(spilling.spilled_bytes(), 0);
    EXPECT_LE(spilling.memory_bytes(), small.memory_budget_bytes);
    spilled_rows = FinishSorted(spilling);
  }
  auto memory_rows = FinishSorted(in_memory);
  ASSERT_EQ(spilled_rows.size(), memory_rows.size());
  for (std::size_t i = 0; i < memory_rows.size(); ++i) {
    EXPECT_EQ(spilled_rows[i].imei_norm, memory_rows[i].imei_norm);
    EXPECT_EQ(spilled_rows[i].imsi, memory_rows[i].imsi);
    EXPECT_EQ(spilled_rows[i].month, memory_rows[i].month);
    EXPECT_EQ(spilled_rows[i].day_mask, memory_rows[i].day_mask) << i;
    EXPECT_EQ(spilled_rows[i].rat_mask, memory_rows[i].rat_mask) << i;
  }
  // The spill folder is removed with the aggregator.
  EXPECT_TRUE(std::filesystem::is_empty(dir));
  std::filesystem::remove_all(dir);
}

}  // namespace
}  // namespace openceir::observe
