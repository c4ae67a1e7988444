// The decision snapshot (issue 5 item 1): an immutable in-memory image of a list bundle that
// answers equipment checks. Built once by SnapshotBuilder, then shared read-only by every
// request thread (SnapshotHolder swaps it RCU-style).
//
// Decide, for (IMEI or IMEISV [, IMSI]), keyed on the first 14 digits (never on a check digit):
//   1. not 14 digits (or not 14-16 characters)        -> policies.invalid_imei
//   2. blacklisted and (IMEI, IMSI) not an exception   -> BLACKLISTED           (kBlacklist)
//   3. listed (blacklisted or notified) and the pair
//      is an exception                                 -> WHITELISTED           (kExceptionPair)
//   4. notified (tracked)                              -> GREYLISTED            (kNotification)
//   5. test TAC, unallocated TAC, unknown IMEI in whitelist mode (each when its policy is on)
//   6. otherwise                                       -> WHITELISTED           (kNotListed)
// An exception pair also takes its pair off a notification (FORMATS.md: a pairing "removes it
// from notifications"). An IMEI both blacklisted and notified is blacklisted.
//
// Memory: listed IMEIs are packed 64-bit keys in one sorted array with a bucket directory over
// the key range, a parallel array of (block date, reasons index), and a deduplicated reasons
// table: about 20 bytes a listed IMEI (MemoryBytes() says exactly).
#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "openceir/eir/decision.h"
#include "openceir/eir/policies.h"
#include "openceir/eir/sorted_keys.h"

namespace openceir::eir {

class DecisionSnapshot {
 public:
  // Thread-safe, lock-free, never allocates. `reasons` in the answer points into this snapshot.
  Decision Decide(const EquipmentQuery& query) const noexcept;

  // The bundle sequence number this snapshot was built from (0: the empty snapshot).
  std::uint64_t version() const noexcept { return version_; }
  // When the lists were generated (Unix seconds, UTC).
  std::int64_t built_unix_seconds() const noexcept { return built_unix_seconds_; }

  std::size_t blacklisted_count() const noexcept { return blacklisted_count_; }
  std::size_t notified_count() const noexcept { return notified_count_; }
  std::size_t exception_pair_count() const noexcept { return exception_pairs_.size(); }
  std::size_t allocated_tac_count() const noexcept { return allocated_tacs_.size(); }
  std::size_t known_imei_count() const noexcept { return known_imeis_.size(); }
  const DecisionPolicies& policies() const noexcept { return policies_; }

  // Heap bytes held (arrays, directories, reasons), for the memory figures and metrics.
  std::size_t MemoryBytes() const noexcept;

  // The empty snapshot a node serves before its first bundle: every valid IMEI whitelisted.
  static std::shared_ptr<const DecisionSnapshot> Empty(const DecisionPolicies& policies);

 private:
  friend class SnapshotBuilder;
  DecisionSnapshot() = default;

  // What is known about one listed IMEI. The top bit of reasons_and_kind marks blacklisted.
  struct ListedEntry {
    std::uint32_t block_date;
    std::uint32_t reasons_and_kind;
  };
  static constexpr std::uint32_t kBlacklistedBit = 0x8000'0000u;

  struct ExceptionPair {
    std::uint64_t imei_key;
    std::uint64_t imsi_key;
    friend auto operator<=>(const ExceptionPair&, const ExceptionPair&) = default;
  };

  bool IsExceptionPair(std::uint64_t imei_key, std::string_view imsi) const noexcept;
  Decision ApplyPolicy(PolicyAnswer answer, DecisionBasis basis) const noexcept;
  std::string_view ReasonsAt(std::uint32_t index) const noexcept;

  std::uint64_t version_ = 0;
  std::int64_t built_unix_seconds_ = 0;
  DecisionPolicies policies_;
  SortedKeys listed_;                 // packed IMEI keys, blacklisted and notified
  std::vector<ListedEntry> entries_;  // parallel to listed_
  std::size_t blacklisted_count_ = 0;
  std::size_t notified_count_ = 0;
  std::string reasons_text_;                    // every distinct reasons text, back to back
  std::vector<std::uint32_t> reasons_offsets_;  // reasons i = [offsets[i], offsets[i+1])
  std::vector<ExceptionPair> exception_pairs_;  // sorted
  std::vector<std::uint32_t> allocated_tacs_;   // sorted
  SortedKeys known_imeis_;
};

}  // namespace openceir::eir
