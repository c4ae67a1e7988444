// Builds a DecisionSnapshot from list rows (a bundle, or the CSV lists of a run). Single
// threaded; Add* in any order (sorted input, or two sorted runs such as a blacklist then a
// notification list, is not sorted again), then Build once. Holds the rows compactly while it
// collects them (16 bytes a listed IMEI, 16 an exception pair), so a 50 M-IMEI blacklist builds in
// seconds and in about the snapshot's own size.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "openceir/base/status.h"
#include "openceir/eir/policies.h"
#include "openceir/eir/snapshot.h"

namespace openceir::eir {

class SnapshotBuilder {
 public:
  SnapshotBuilder();

  // `imei`: 14-16 digits (imei_norm, with a check digit, or an IMEISV); keyed on the first
  // 14. `block_date`: YYYYMMDD. `reasons`: the list's "|"-joined reasons. kInvalidInput
  // naming the value when the IMEI is not 14-16 digits or the date is not YYYYMMDD.
  // An IMEI added twice keeps its earliest block date (and that row's reasons); an IMEI both
  // blacklisted and notified is blacklisted.
  Status AddBlacklisted(std::string_view imei, std::uint32_t block_date, std::string_view reasons);
  Status AddNotified(std::string_view imei, std::uint32_t block_date, std::string_view reasons);
  // `imsi`: 1-15 digits. Duplicates are kept once.
  Status AddExceptionPair(std::string_view imei, std::string_view imsi);

  // The same from packed keys (ImeiKeyOf / ImsiKeyOf), as a bundle holds them: no text is
  // rendered and parsed again. kInvalidInput when a key is not one those functions make.
  Status AddBlacklistedKey(std::uint64_t imei_key, std::uint32_t block_date,
                           std::string_view reasons);
  Status AddNotifiedKey(std::uint64_t imei_key, std::uint32_t block_date, std::string_view reasons);
  Status AddExceptionPairKey(std::uint64_t imei_key, std::uint64_t imsi_key);
  Status AddKnownImeiKey(std::uint64_t imei_key);
  // Room for this many more listed IMEIs and exception pairs (a bundle knows its counts), so
  // collecting 50 M rows does not copy them as the vectors grow.
  void Reserve(std::size_t listed, std::size_t exception_pairs);

  void SetPolicies(const DecisionPolicies& policies);
  // A TAC of the GSMA TAC database (8 digits), for the unallocated-TAC policy.
  Status AddAllocatedTac(std::string_view tac);
  // An IMEI the country knows (registration list etc.), for whitelist mode.
  Status AddKnownImei(std::string_view imei);

  // Sorts, deduplicates and indexes. kFailedPrecondition when a policy needs data that was
  // not added (unallocated-TAC policy without TACs, whitelist mode without known IMEIs);
  // kInvalidInput when more than 2^31 distinct reasons texts were added.
  Result<std::shared_ptr<const DecisionSnapshot>> Build(std::uint64_t version,
                                                        std::int64_t built_unix_seconds) &&;

 private:
  struct Row {
    std::uint64_t imei_key;
    std::uint32_t block_date;
    std::uint32_t reasons_and_kind;  // as DecisionSnapshot::ListedEntry
  };
  Status AddListed(std::string_view imei, std::uint32_t block_date, std::string_view reasons,
                   bool blacklisted);
  Status AddListedKey(std::uint64_t imei_key, std::uint32_t block_date, std::string_view reasons,
                      bool blacklisted);
  void SortRows();
  std::uint32_t InternReasons(std::string_view reasons);

  std::vector<Row> rows_;
  std::vector<std::pair<std::uint64_t, std::uint64_t>> exception_pairs_;
  std::vector<std::uint32_t> allocated_tacs_;
  std::vector<std::uint64_t> known_imeis_;
  DecisionPolicies policies_;
  std::string reasons_text_;
  std::vector<std::uint32_t> reasons_offsets_;
  std::unordered_map<std::string, std::uint32_t> reasons_index_;
  std::vector<std::pair<std::string_view, std::uint32_t>> recent_reasons_;  // keys of the map
};

// Key helpers shared with bundles. The packed key of the first 14 characters of a 14-16 digit
// IMEI/IMEISV, or nullopt.
std::optional<std::uint64_t> ImeiKeyOf(std::string_view imei);
// An IMSI of 1-15 digits as value * 16 + digit count (leading zeros kept apart), or nullopt.
std::optional<std::uint64_t> ImsiKeyOf(std::string_view imsi);
// Inverse of ImsiKeyOf.
std::string ImsiOfKey(std::uint64_t imsi_key);

}  // namespace openceir::eir
