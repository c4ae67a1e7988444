// SnapshotHolder: snapshots replaced while reader threads answer from them. Every answer must
// come from one whole snapshot (its version and its lists agree), a reader never goes back to
// an older snapshot, and replaced snapshots are freed once no reader holds them.
#include "openceir/eir/snapshot_holder.h"

#include <gtest/gtest.h>

#include <atomic>
#include <string>
#include <thread>
#include <vector>

#include "openceir/eir/snapshot_builder.h"

namespace openceir::eir {
namespace {

// The IMEI snapshot `version` blacklists: 14 digits ending in the version.
std::string ImeiOfVersion(std::uint64_t version) {
  std::string digits = std::to_string(version);
  return std::string(14 - digits.size(), '0').replace(0, 2, "35") + digits;
}

std::shared_ptr<const DecisionSnapshot> SnapshotOfVersion(std::uint64_t version) {
  SnapshotBuilder builder;
  EXPECT_TRUE(builder.AddBlacklisted(ImeiOfVersion(version), 20240101, "v").ok());
  // Some bulk, so that builds and frees take real time while readers run.
  for (int i = 0; i < 1000; ++i) {
    EXPECT_TRUE(builder.AddNotified("86" + std::to_string(100000000000 + i), 20250101, "n").ok());
  }
  auto built = std::move(builder).Build(version, static_cast<std::int64_t>(version));
  EXPECT_TRUE(built.ok());
  return *built;
}

// Checks that `snapshot` is whole: its own IMEI blacklisted, the previous version's not.
bool IsWhole(const DecisionSnapshot& snapshot) {
  const std::uint64_t version = snapshot.version();
  if (snapshot.Decide({ImeiOfVersion(version), std::nullopt}).status !=
      EquipmentStatus::kBlacklisted) {
    return false;
  }
  return version == 0 || snapshot.Decide({ImeiOfVersion(version - 1), std::nullopt}).status ==
                             EquipmentStatus::kWhitelisted;
}

TEST(SnapshotHolderTest, ReadersSeeWholeSnapshotsInOrderWhileTheyAreReplaced) {
  constexpr std::uint64_t kVersions = 200;
  SnapshotHolder holder(SnapshotOfVersion(1));
  std::atomic<bool> done{false};
  std::atomic<std::uint64_t> bad{0}, backwards{0}, answers{0};

  std::vector<std::thread> readers;
  for (int t = 0; t < 3; ++t) {
    readers.emplace_back([&, t] {
      SnapshotHolder::Reader reader(holder);
      std::uint64_t last_version = 0;
      while (!done.load(std::memory_order_acquire)) {
        // Half the threads use Current(), half a Reader.
        std::shared_ptr<const DecisionSnapshot> held;
        const DecisionSnapshot* snapshot = nullptr;
        if (t % 2 == 0) {
          held = holder.Current();
          snapshot = held.get();
        } else {
          snapshot = &reader.Get();
        }
        if (!IsWhole(*snapshot)) bad.fetch_add(1);
        if (snapshot->version() < last_version) backwards.fetch_add(1);
        last_version = snapshot->version();
        answers.fetch_add(1, std::memory_order_relaxed);
      }
    });
  }

  std::weak_ptr<const DecisionSnapshot> first = holder.Current();
  for (std::uint64_t version = 2; version <= kVersions; ++version) {
    holder.Replace(SnapshotOfVersion(version));
  }
  done.store(true, std::memory_order_release);
  for (std::thread& reader : readers) reader.join();

  EXPECT_EQ(bad.load(), 0u);
  EXPECT_EQ(backwards.load(), 0u);
  EXPECT_GT(answers.load(), 0u);
  EXPECT_EQ(holder.Current()->version(), kVersions);
  EXPECT_EQ(holder.generation(), kVersions - 1);
  EXPECT_TRUE(first.expired()) << "the first snapshot is still held after every reader left";
}

TEST(SnapshotHolderTest, ReaderFollowsReplaceAndReleasesTheOldSnapshot) {
  SnapshotHolder holder(SnapshotOfVersion(1));
  SnapshotHolder::Reader reader(holder);
  EXPECT_EQ(reader.Get().version(), 1u);
  std::weak_ptr<const DecisionSnapshot> old = holder.Current();
  holder.Replace(SnapshotOfVersion(2));
  EXPECT_FALSE(old.expired());  // the reader still holds it until its next Get()
  EXPECT_EQ(reader.Get().version(), 2u);
  EXPECT_TRUE(old.expired());
  holder.Replace(nullptr);  // ignored
  EXPECT_EQ(reader.Get().version(), 2u);
}

TEST(SnapshotHolderTest, EmptySnapshotWhitelistsAndTurnsOffDataPolicies) {
  DecisionPolicies policies;
  policies.unknown_imei = PolicyAnswer::kEquipmentUnknown;
  policies.unallocated_tac = PolicyAnswer::kBlacklisted;
  policies.test_tac = PolicyAnswer::kGreylisted;
  SnapshotHolder holder(DecisionSnapshot::Empty(policies));
  const auto snapshot = holder.Current();
  EXPECT_EQ(snapshot->version(), 0u);
  EXPECT_EQ(snapshot->Decide({"35123456123456", std::nullopt}).basis, DecisionBasis::kNotListed);
  EXPECT_EQ(snapshot->Decide({"00101712345678", std::nullopt}).basis,
            DecisionBasis::kTestTacPolicy);
  EXPECT_TRUE(snapshot->Decide({"bad", std::nullopt}).equipment_unknown);
}

}  // namespace
}  // namespace openceir::eir
