// SnapshotBuilder: input errors name the value, duplicates resolve as documented, unsorted input
// is sorted, and the memory per listed IMEI stays within the 32 bytes.
#include "openceir/eir/snapshot_builder.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <random>
#include <set>

namespace openceir::eir {
namespace {

// 14 digits with leading zeros.
std::string ImeiText(std::uint64_t key) {
  std::string digits(14, '0');
  for (std::size_t i = 14; i-- > 0; key /= 10) digits[i] = static_cast<char>('0' + key % 10);
  return digits;
}

TEST(SnapshotBuilderTest, RejectsBadImeiNamingIt) {
  SnapshotBuilder builder;
  for (std::string_view imei : {"", "1234567890123", "12345678901234567", "1234567890123X"}) {
    const Status status = builder.AddBlacklisted(imei, 20240101, "stolen");
    EXPECT_EQ(status.code(), StatusCode::kInvalidInput) << imei;
    EXPECT_NE(status.message().find("'" + std::string(imei) + "'"), std::string::npos)
        << status.message();
  }
  EXPECT_EQ(builder.AddExceptionPair("12345678901234", "31015A").code(), StatusCode::kInvalidInput);
  EXPECT_EQ(builder.AddExceptionPair("12345678901234", "").code(), StatusCode::kInvalidInput);
  EXPECT_EQ(builder.AddExceptionPair("12345678901234", "1234567890123456").code(),
            StatusCode::kInvalidInput);
  EXPECT_EQ(builder.AddAllocatedTac("1234567").code(), StatusCode::kInvalidInput);
  EXPECT_EQ(builder.AddKnownImei("x").code(), StatusCode::kInvalidInput);
}

TEST(SnapshotBuilderTest, RejectsBlockDateThatIsNotYyyymmdd) {
  SnapshotBuilder builder;
  for (std::uint32_t date : {0u, 2024010u, 20241301u, 20240100u, 20240132u}) {
    const Status status = builder.AddNotified("12345678901234", date, "");
    EXPECT_EQ(status.code(), StatusCode::kInvalidInput) << date;
    EXPECT_NE(status.message().find(std::to_string(date)), std::string::npos);
  }
}

TEST(SnapshotBuilderTest, PolicyWithoutItsDataFailsToBuild) {
  {
    SnapshotBuilder builder;
    DecisionPolicies policies;
    policies.unallocated_tac = PolicyAnswer::kEquipmentUnknown;
    builder.SetPolicies(policies);
    EXPECT_EQ(std::move(builder).Build(1, 0).status().code(), StatusCode::kFailedPrecondition);
  }
  {
    SnapshotBuilder builder;
    DecisionPolicies policies;
    policies.unknown_imei = PolicyAnswer::kEquipmentUnknown;
    builder.SetPolicies(policies);
    EXPECT_EQ(std::move(builder).Build(1, 0).status().code(), StatusCode::kFailedPrecondition);
  }
}

TEST(SnapshotBuilderTest, DuplicateImeiKeepsEarliestBlockDateAndItsReasons) {
  SnapshotBuilder builder;
  ASSERT_TRUE(builder.AddNotified("12345678901234", 20250301, "late").ok());
  ASSERT_TRUE(builder.AddNotified("123456789012340", 20250201, "early").ok());
  ASSERT_TRUE(builder.AddNotified("1234567890123401", 20250401, "later").ok());
  auto snapshot = std::move(builder).Build(3, 100);
  ASSERT_TRUE(snapshot.ok());
  EXPECT_EQ((*snapshot)->notified_count(), 1u);
  const Decision decision = (*snapshot)->Decide({"12345678901234", std::nullopt});
  EXPECT_EQ(decision.status, EquipmentStatus::kGreylisted);
  EXPECT_EQ(decision.block_date, 20250201u);
  EXPECT_EQ(decision.reasons, "early");
  EXPECT_EQ((*snapshot)->version(), 3u);
  EXPECT_EQ((*snapshot)->built_unix_seconds(), 100);
}

TEST(SnapshotBuilderTest, ImsiWithLeadingZerosIsADifferentSubscriber) {
  SnapshotBuilder builder;
  ASSERT_TRUE(builder.AddBlacklisted("12345678901234", 20240101, "stolen").ok());
  ASSERT_TRUE(builder.AddExceptionPair("12345678901234", "001010000000001").ok());
  auto snapshot = std::move(builder).Build(1, 0);
  ASSERT_TRUE(snapshot.ok());
  EXPECT_EQ((*snapshot)->Decide({"12345678901234", "001010000000001"}).basis,
            DecisionBasis::kExceptionPair);
  EXPECT_EQ((*snapshot)->Decide({"12345678901234", "1010000000001"}).basis,
            DecisionBasis::kBlacklist);
  EXPECT_EQ((*snapshot)->Decide({"12345678901234", "0x1"}).basis, DecisionBasis::kBlacklist);
  EXPECT_EQ(ImsiOfKey(*ImsiKeyOf("001010000000001")), "001010000000001");
}

// Random keys, clustered the way real lists are (a few TACs, contiguous serials), added out of
// order: every added IMEI is found with its own row, and a sample of others is not.
TEST(SnapshotBuilderTest, FindsEveryAddedImeiAndNoOther) {
  std::mt19937_64 random(42);
  std::set<std::uint64_t> added;
  SnapshotBuilder builder;
  for (int i = 0; i < 200000; ++i) {
    const std::uint64_t tac = 35000000 + random() % 50;
    const std::uint64_t key = tac * 1'000'000 + random() % 40000;
    if (!added.insert(key).second) continue;
    const std::string imei = ImeiText(key);
    const bool black = key % 3 != 0;
    const std::uint32_t date = 20240101 + static_cast<std::uint32_t>(key % 28);
    const std::string reasons = "r" + std::to_string(key % 17);
    ASSERT_TRUE((black ? builder.AddBlacklisted(imei, date, reasons)
                       : builder.AddNotified(imei, date, reasons))
                    .ok());
  }
  auto built = std::move(builder).Build(1, 0);
  ASSERT_TRUE(built.ok());
  const DecisionSnapshot& snapshot = **built;
  EXPECT_EQ(snapshot.blacklisted_count() + snapshot.notified_count(), added.size());
  for (std::uint64_t key : added) {
    const Decision decision = snapshot.Decide({ImeiText(key), std::nullopt});
    ASSERT_EQ(decision.status,
              key % 3 != 0 ? EquipmentStatus::kBlacklisted : EquipmentStatus::kGreylisted)
        << key;
    ASSERT_EQ(decision.block_date, 20240101 + key % 28);
    ASSERT_EQ(decision.reasons, "r" + std::to_string(key % 17));
  }
  for (int i = 0; i < 100000; ++i) {
    const std::uint64_t key = (35000000 + random() % 60) * 1'000'000 + random() % 50000;
    if (added.count(key) != 0) continue;
    ASSERT_EQ(snapshot.Decide({ImeiText(key), std::nullopt}).basis, DecisionBasis::kNotListed)
        << key;
  }
}

TEST(SnapshotBuilderTest, UsesAtMost32BytesPerListedImei) {
  std::mt19937_64 random(7);
  SnapshotBuilder builder;
  constexpr int kCount = 1'000'000;
  for (int i = 0; i < kCount; ++i) {
    const std::uint64_t key = random() % 100'000'000'000'000;
    ASSERT_TRUE(
        builder.AddBlacklisted(ImeiText(key), 20240101, i % 2 ? "stolen" : "duplicate").ok());
  }
  auto snapshot = std::move(builder).Build(1, 0);
  ASSERT_TRUE(snapshot.ok());
  const double bytes_per_imei = static_cast<double>((*snapshot)->MemoryBytes()) /
                                static_cast<double>((*snapshot)->blacklisted_count());
  EXPECT_LE(bytes_per_imei, 32.0);
  RecordProperty("bytes_per_imei", std::to_string(bytes_per_imei));
}

}  // namespace
}  // namespace openceir::eir
