#include "openceir/events/travel_buffer.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <random>
#include <tuple>

namespace openceir::events {
namespace {

bool Less(const TravelRecord& a, const TravelRecord& b) {
  return std::tie(a.imei_key, a.time, a.subscriber, a.cell) <
         std::tie(b.imei_key, b.time, b.subscriber, b.cell);
}

// Adds `n` random records and returns them sorted; checks Finish gives them all back, every
// partition sorted and no IMEI split over two partitions.
void CheckRoundTrip(TravelBuffer& buffer, int n) {
  std::mt19937_64 random(7);
  std::vector<TravelRecord> added;
  for (int i = 0; i < n; ++i) {
    TravelRecord r{random() % 500, static_cast<std::int64_t>(random() % 100000), 1 + random() % 9,
                   static_cast<std::uint32_t>(random() % 50)};
    added.push_back(r);
    ASSERT_TRUE(buffer.Add(r).ok());
  }
  EXPECT_EQ(buffer.records(), n);
  std::vector<TravelRecord> seen;
  std::vector<std::uint64_t> imeis_seen;
  ASSERT_TRUE(buffer
                  .Finish([&](std::span<const TravelRecord> part) -> Status {
                    EXPECT_TRUE(std::is_sorted(part.begin(), part.end(), Less));
                    for (std::size_t i = 0; i < part.size(); ++i) {
                      if (i == 0 || part[i].imei_key != part[i - 1].imei_key) {
                        EXPECT_EQ(
                            std::count(imeis_seen.begin(), imeis_seen.end(), part[i].imei_key), 0);
                        imeis_seen.push_back(part[i].imei_key);
                      }
                    }
                    seen.insert(seen.end(), part.begin(), part.end());
                    return Status::Ok();
                  })
                  .ok());
  std::sort(added.begin(), added.end(), Less);
  std::sort(seen.begin(), seen.end(), Less);
  ASSERT_EQ(seen.size(), added.size());
  for (std::size_t i = 0; i < seen.size(); ++i) {
    EXPECT_FALSE(Less(seen[i], added[i]) || Less(added[i], seen[i])) << i;
  }
  EXPECT_EQ(buffer.records(), 0);
}

TEST(TravelBufferTest, GroupsAndSortsInMemory) {
  TravelBuffer buffer(8, std::size_t{64} << 20, "");
  CheckRoundTrip(buffer, 5000);
  EXPECT_EQ(buffer.spilled_bytes(), 0);
}

TEST(TravelBufferTest, SpillsPastTheBudgetAndStillGivesEverythingBack) {
  std::filesystem::path dir = std::filesystem::temp_directory_path() / "travel_buffer_test";
  std::filesystem::create_directories(dir);
  {
    TravelBuffer buffer(8, 1024 * sizeof(TravelRecord), dir.string());  // the smallest budget
    CheckRoundTrip(buffer, 20000);
    EXPECT_GT(buffer.spilled_bytes(), 0);
  }
  // The destructor removed its spill folder.
  EXPECT_TRUE(std::filesystem::is_empty(dir));
  std::filesystem::remove_all(dir);
}

}  // namespace
}  // namespace openceir::events
