// The content of a list bundle (issue 5 item 5): what an EIR node needs from a lists run, in a
// canonical form (sorted, deduplicated, one reasons table), so that the same lists always encode
// to the same bytes and a delta applied to its base gives exactly the full state (checked by the
// state's SHA-256 in the signed manifest).
//
// Encoded state ("OCEIRST1", or "OCEIRST2" when it carries policy data): little-endian varints;
// IMEIs as packed 14-digit keys delta-coded against the previous row; see bundle_content.cc.
#pragma once

#include <compare>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "openceir/base/status.h"
#include "openceir/eir/snapshot_builder.h"

namespace openceir::bundle {

struct ListedImei {
  std::uint64_t imei_key;  // eir::ImeiKeyOf
  std::uint32_t block_date;
  std::uint32_t reasons;  // index into BundleContent::reasons
};

struct ExceptionKey {
  std::uint64_t imei_key;
  std::uint64_t imsi_key;  // eir::ImsiKeyOf
  friend auto operator<=>(const ExceptionKey&, const ExceptionKey&) = default;
};

struct BundleContent {
  std::vector<std::string> reasons;      // distinct, sorted, each used by some row
  std::vector<ListedImei> blacklist;     // by imei_key, unique
  std::vector<ListedImei> notified;      // by imei_key, unique, none also blacklisted
  std::vector<ExceptionKey> exceptions;  // sorted, unique
  // Policy data (eir/policies.h), empty when the publisher carried none: the TACs of the GSMA
  // TAC database (8-digit TAC as a number) for the unallocated-TAC policy, and the IMEIs the
  // country knows (registration list, packed keys) for whitelist mode. Sorted, unique.
  std::vector<std::uint32_t> allocated_tacs;
  std::vector<std::uint64_t> known_imeis;
};

// Collects rows in any order, then Finish() makes the canonical content: an IMEI listed twice
// keeps its earliest block date (and that row's reasons); a notified IMEI also blacklisted is
// only blacklisted.
class ContentBuilder {
 public:
  void AddBlacklisted(std::uint64_t imei_key, std::uint32_t block_date, std::string_view reasons);
  void AddNotified(std::uint64_t imei_key, std::uint32_t block_date, std::string_view reasons);
  void AddException(std::uint64_t imei_key, std::uint64_t imsi_key);
  void AddAllocatedTac(std::uint32_t tac);
  void AddKnownImei(std::uint64_t imei_key);
  BundleContent Finish() &&;

 private:
  std::uint32_t Intern(std::string_view reasons);
  std::vector<std::string> reasons_;
  // Tiny cache of recent indices into reasons_ (indices, not views: reasons_ reallocates and
  // short texts move with it).
  std::vector<std::uint32_t> recent_;
  std::vector<ListedImei> blacklist_, notified_;
  std::vector<ExceptionKey> exceptions_;
  std::vector<std::uint32_t> allocated_tacs_;
  std::vector<std::uint64_t> known_imeis_;
};

// The canonical encoding of `content`.
std::string EncodeState(const BundleContent& content);
// Inverse of EncodeState. kInvalidInput saying where when the bytes are not a state.
Result<BundleContent> DecodeState(std::string_view bytes);

// Feeds `content` to a snapshot builder (policy data included).
Status AddToSnapshot(const BundleContent& content, eir::SnapshotBuilder& builder);

// What changed from one content to the next.
struct ContentDelta {
  std::vector<std::string> reasons;  // the reasons the upserts use (their own table)
  std::vector<std::uint64_t> blacklist_removed;
  std::vector<ListedImei> blacklist_upserted;  // added or changed (block date or reasons)
  std::vector<std::uint64_t> notified_removed;
  std::vector<ListedImei> notified_upserted;
  std::vector<ExceptionKey> exceptions_removed;
  std::vector<ExceptionKey> exceptions_added;
  std::vector<std::uint64_t> allocated_tacs_removed;  // TACs as numbers
  std::vector<std::uint64_t> allocated_tacs_added;
  std::vector<std::uint64_t> known_imeis_removed;
  std::vector<std::uint64_t> known_imeis_added;
};

struct DeltaCounts {
  std::int64_t blacklist_added = 0, blacklist_changed = 0, blacklist_removed = 0;
  std::int64_t notified_added = 0, notified_changed = 0, notified_removed = 0;
  std::int64_t exceptions_added = 0, exceptions_removed = 0;
};

// The delta from `base` to `next`, and its counts.
ContentDelta Diff(const BundleContent& base, const BundleContent& next, DeltaCounts* counts);
// `base` with `delta` applied, canonical. kInvalidInput when the delta does not fit the base
// (removes a row that is not there, adds one that is).
Result<BundleContent> ApplyDelta(const BundleContent& base, const ContentDelta& delta);

std::string EncodeDelta(const ContentDelta& delta);
Result<ContentDelta> DecodeDelta(std::string_view bytes);

}  // namespace openceir::bundle
