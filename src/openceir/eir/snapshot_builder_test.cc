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

// A bundle's shape: a sorted blacklist, then a sorted notification list (two sorted runs, some
// IMEIs in both), added as keys. The snapshot must answer exactly as one built from the same
// rows as text in random order (radix-sorted).
TEST(SnapshotBuilderTest, KeyedSortedRunsDecideLikeShuffledTextRows) {
  struct Listed {
    std::uint64_t key;
    std::uint32_t date;
    std::string reasons;
  };
  std::mt19937_64 random(11);
  std::vector<Listed> black;
  std::vector<Listed> notified;
  for (int i = 0; i < 50000; ++i) {
    const std::uint64_t key = (35000000 + random() % 20) * 1'000'000 + random() % 30000;
    Listed row{key, 20240101 + static_cast<std::uint32_t>(random() % 28),
               "r" + std::to_string(random() % 5)};
    (random() % 4 == 0 ? notified : black).push_back(std::move(row));
  }
  const auto by_key = [](const Listed& a, const Listed& b) { return a.key < b.key; };
  // Each list holds an IMEI once, as a bundle's do (the same IMEI may be in both).
  const auto same_key = [](const Listed& a, const Listed& b) { return a.key == b.key; };
  for (std::vector<Listed>* list : {&black, &notified}) {
    std::stable_sort(list->begin(), list->end(), by_key);
    list->erase(std::unique(list->begin(), list->end(), same_key), list->end());
  }

  SnapshotBuilder keyed;
  keyed.Reserve(black.size() + notified.size(), 1);
  for (const Listed& row : black) {
    ASSERT_TRUE(keyed.AddBlacklistedKey(row.key, row.date, row.reasons).ok());
  }
  for (const Listed& row : notified) {
    ASSERT_TRUE(keyed.AddNotifiedKey(row.key, row.date, row.reasons).ok());
  }
  ASSERT_TRUE(keyed.AddExceptionPairKey(black.front().key, *ImsiKeyOf("001010000000001")).ok());

  std::vector<std::pair<bool, Listed>> shuffled;
  for (const Listed& row : black) shuffled.emplace_back(true, row);
  for (const Listed& row : notified) shuffled.emplace_back(false, row);
  std::shuffle(shuffled.begin(), shuffled.end(), random);
  SnapshotBuilder text;
  for (const auto& [is_black, row] : shuffled) {
    ASSERT_TRUE((is_black ? text.AddBlacklisted(ImeiText(row.key), row.date, row.reasons)
                          : text.AddNotified(ImeiText(row.key), row.date, row.reasons))
                    .ok());
  }
  ASSERT_TRUE(text.AddExceptionPair(ImeiText(black.front().key), "001010000000001").ok());

  auto from_keys = std::move(keyed).Build(1, 0);
  auto from_text = std::move(text).Build(1, 0);
  ASSERT_TRUE(from_keys.ok() && from_text.ok());
  EXPECT_EQ((*from_keys)->blacklisted_count(), (*from_text)->blacklisted_count());
  EXPECT_EQ((*from_keys)->notified_count(), (*from_text)->notified_count());
  for (int i = 0; i < 200000; ++i) {
    const std::uint64_t key = (35000000 + random() % 22) * 1'000'000 + random() % 31000;
    const std::optional<std::string> imsi =
        i % 7 == 0 ? std::optional<std::string>("001010000000001") : std::nullopt;
    const Decision a = (*from_keys)->Decide({ImeiText(key), imsi});
    const Decision b = (*from_text)->Decide({ImeiText(key), imsi});
    ASSERT_EQ(a.status, b.status) << key;
    ASSERT_EQ(a.basis, b.basis) << key;
    ASSERT_EQ(a.block_date, b.block_date) << key;
    ASSERT_EQ(a.reasons, b.reasons) << key;
  }
}

TEST(SnapshotBuilderTest, RejectsKeysThatNoImeiOrImsiMakes) {
  SnapshotBuilder builder;
  EXPECT_EQ(builder.AddBlacklistedKey(100'000'000'000'000u, 20240101, "").code(),
            StatusCode::kInvalidInput);
  EXPECT_EQ(builder.AddNotifiedKey(12345678901234u, 20241301, "").code(),
            StatusCode::kInvalidInput);
  EXPECT_EQ(builder.AddKnownImeiKey(100'000'000'000'000u).code(), StatusCode::kInvalidInput);
  EXPECT_EQ(builder.AddExceptionPairKey(12345678901234u, 0).code(), StatusCode::kInvalidInput);
  EXPECT_EQ(builder.AddExceptionPairKey(12345678901234u, 100 * 16 + 2).code(),
            StatusCode::kInvalidInput);  // value 100 in 2 digits
  EXPECT_TRUE(builder.AddExceptionPairKey(12345678901234u, 99 * 16 + 2).ok());
  EXPECT_TRUE(builder.AddBlacklistedKey(99'999'999'999'999u, 20240101, "stolen").ok());
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
