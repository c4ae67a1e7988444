// TripletAggregator: folds network observations (one per day, IMEI, IMSI, MSISDN) into the
// monthly triplets of one operator (store::TripletMonth: day mask, RAT mask, IMSI classes),
// in bounded memory.
//
// Rows are kept in flat hash tables, one per IMEI-hash partition, with compact keys (a 14-digit
// imei_norm packed into 64 bits, other imei_norms interned; IMSI and MSISDN packed with their
// length). When the tables outgrow the memory budget the largest partition is written to a
// temporary file and cleared; Finish() merges each partition's spill with what is still in
// memory, one partition at a time, so an input larger than memory still aggregates exactly.
// Used by the operator data import and the events import.
#pragma once

#include <cstddef>
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>

#include "openceir/base/date.h"
#include "openceir/base/status.h"
#include "openceir/store/observation_types.h"

namespace openceir::observe {

// An IMSI or MSISDN (0..15 decimal digits) packed as value * 16 + digit count, so that leading
// zeros survive; 0 = null (the empty string). nullopt when `digits` is longer than 15 or holds
// anything but decimal digits.
std::optional<std::uint64_t> PackSubscriberId(std::string_view digits);
// Inverse of PackSubscriberId ("" for 0).
std::string UnpackSubscriberId(std::uint64_t packed);

struct TripletAggregatorOptions {
  std::string operator_id;  // put in every TripletMonth; must be non-empty
  // Bytes the hash tables may use before partitions are spilled (interned non-14-digit IMEIs
  // are not counted: they stay in memory).
  std::size_t memory_budget_bytes = std::size_t{256} << 20;
  // Folder for spill files (a private sub-folder is created there on the first spill and
  // removed by the destructor). Empty = std::filesystem::temp_directory_path().
  std::string spill_dir;
  // 1..4096. Few, so that each table is large enough for huge pages (see SlotBuffer); spills
  // still come in sixteenths of the budget.
  int partitions = 16;
};

// One observation in packed form, for TripletAggregator::AddPackedBatch.
struct PackedObservation {
  std::uint64_t imei_key = 0;  // identifiers::PackImei of a 14-digit imei_norm
  std::uint64_t imsi_key = 0;  // PackSubscriberId; 0 = null
  std::uint64_t msisdn_key = 0;
  Date day;
  store::RatMask rat_mask = 0;
  std::uint8_t imsi_class = 0;
};

// Receives the rows of one partition (no row repeated across calls; order unspecified).
using TripletPartitionVisitor = std::function<Status(std::span<const store::TripletMonth>)>;

// Not thread-safe: one thread adds, then the same (or another, after synchronisation) finishes.
class TripletAggregator {
 public:
  explicit TripletAggregator(TripletAggregatorOptions options);
  ~TripletAggregator();
  TripletAggregator(const TripletAggregator&) = delete;
  TripletAggregator& operator=(const TripletAggregator&) = delete;

  // Adds one observation: the IMEI was seen with the IMSI and MSISDN on `day` using the RATs
  // of `rat_mask`, with IMSI classes `imsi_class` (store::ImsiClassBits). `imei_norm` must be
  // non-empty; `imsi` and `msisdn` "" = null. Errors: kInvalidInput when `imsi` or `msisdn`
  // does not pack (see PackSubscriberId) or imei_norm is empty; kIoError when a spill fails.
  Status Add(std::string_view imei_norm, std::string_view imsi, std::string_view msisdn, Date day,
             store::RatMask rat_mask, std::uint8_t imsi_class);

  // Fast path for bulk input: `imei_key` = identifiers::PackImei(imei_norm) of a 14-digit
  // imei_norm, `imsi_key`/`msisdn_key` from PackSubscriberId. Errors: kIoError (spill).
  Status AddPacked(std::uint64_t imei_key, std::uint64_t imsi_key, std::uint64_t msisdn_key,
                   Date day, store::RatMask rat_mask, std::uint8_t imsi_class);

  // AddPacked for many observations; faster, as it fetches table slots ahead of use.
  Status AddPackedBatch(std::span<const PackedObservation> observations);

  // Emits every monthly triplet added so far, one partition per call to `visit` (partitions
  // with no rows are skipped), and empties the aggregator (spill files included). Stops at
  // the first error of `visit` or of reading a spill file and returns it.
  Status Finish(const TripletPartitionVisitor& visit);

  // Distinct (month, imei, imsi, msisdn) keys held in memory now (spilled ones not counted).
  std::int64_t rows_in_memory() const;
  // Bytes written to spill files so far, and how many spills happened.
  std::int64_t spilled_bytes() const;
  std::int64_t spills() const;
  // Bytes the hash tables use now.
  std::size_t memory_bytes() const;

 private:
  class Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace openceir::observe
