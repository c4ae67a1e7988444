// TravelBuffer: the events of a file that can take part in travel checks, grouped by IMEI and
// sorted by time, in bounded memory.
//
// The detector needs each IMEI's events in time order, but files come in any order. Events are
// kept as 32-byte records in one vector per IMEI-hash partition; past the memory budget the
// largest partition is appended to a temporary file and cleared. Finish() hands over one
// partition at a time (spilled and in-memory records together), sorted by (IMEI, time), so the
// largest amount in memory is one partition, whatever the file's size.
#pragma once

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <functional>
#include <span>
#include <string>
#include <vector>

#include "openceir/base/status.h"

namespace openceir::events {

struct TravelRecord {
  std::uint64_t imei_key = 0;    // identifiers::PackImei, or kInternedImei | intern index
  std::int64_t time = 0;         // Unix seconds UTC
  std::uint64_t subscriber = 0;  // packed IMSI (observe::PackSubscriberId), non-zero
  std::uint32_t cell = 0;        // index into the caller's cell table
  std::uint32_t unused = 0;
};
static_assert(sizeof(TravelRecord) == 32);

// imei_key flag for an imei_norm that is not 14 digits (packed keys are below 10^14).
inline constexpr std::uint64_t kInternedImei = std::uint64_t{1} << 63;

using TravelPartitionVisitor = std::function<Status(std::span<const TravelRecord>)>;

// Not thread-safe.
class TravelBuffer {
 public:
  // `spill_dir` empty = the system's temporary folder. partitions in 1..4096.
  TravelBuffer(int partitions, std::size_t memory_budget_bytes, std::string spill_dir);
  ~TravelBuffer();  // removes spill files
  TravelBuffer(const TravelBuffer&) = delete;
  TravelBuffer& operator=(const TravelBuffer&) = delete;

  // Errors: kIoError when a spill fails.
  Status Add(const TravelRecord& record) {
    std::vector<TravelRecord>& part = partitions_[PartitionOf(record.imei_key)];
    part.push_back(record);
    if (++in_memory_ > max_in_memory_) return SpillLargest();
    return Status::Ok();
  }

  // Visits each non-empty partition, its records sorted by (imei_key, time, subscriber, cell);
  // every record of one IMEI is in one call. Empties the buffer. Stops at the first error.
  Status Finish(const TravelPartitionVisitor& visit);

  std::int64_t records() const { return records_ + static_cast<std::int64_t>(in_memory_); }
  std::int64_t spilled_bytes() const { return spilled_bytes_; }

 private:
  std::size_t PartitionOf(std::uint64_t imei_key) const {
    std::uint64_t h = imei_key * 0x9E3779B97F4A7C15ULL;
    return static_cast<std::size_t>((h >> 32) % partitions_.size());
  }
  Status SpillLargest();
  Status OpenSpillDir();
  std::string SpillPath(std::size_t partition) const;

  std::vector<std::vector<TravelRecord>> partitions_;
  std::vector<std::FILE*> spill_files_;
  std::size_t in_memory_ = 0;
  std::size_t max_in_memory_;
  std::int64_t records_ = 0;  // spilled ones
  std::int64_t spilled_bytes_ = 0;
  std::string spill_parent_;
  std::string spill_dir_;  // created on the first spill
};

}  // namespace openceir::events
