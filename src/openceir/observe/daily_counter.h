// DailyCounter: the distinct IMEIs, IMSIs, MSISDNs and triplets one operator reported per day,
// as HyperLogLog sketches (bounded memory, mergeable), plus exact row counts. Feeds
// store::DailyCounts for the volume-against-history check.
//
// Sketch inputs are the identifiers' text (SketchHashesOf), so counts from the operator data
// import and the events import of the same day merge correctly.
#pragma once

#include <array>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "openceir/base/date.h"
#include "openceir/base/hyperloglog.h"
#include "openceir/base/status.h"
#include "openceir/store/observation_types.h"

namespace openceir::observe {

// The four sketch hashes of one row; `present` bit i set = hash i is counted (null values and
// rows without an IMEI leave theirs out).
struct SketchHashes {
  enum : std::uint8_t { kImei = 1, kImsi = 2, kMsisdn = 4, kTriplet = 8 };
  std::uint8_t present = 0;
  std::uint64_t imei = 0;
  std::uint64_t imsi = 0;
  std::uint64_t msisdn = 0;
  std::uint64_t triplet = 0;
};

// Hashes of one row ("" = null). The triplet is counted only when imei_norm is non-empty.
SketchHashes SketchHashesOf(std::string_view imei_norm, std::string_view imsi,
                            std::string_view msisdn);

// store::DailyCounts::sketches: the four HyperLogLog serialisations (imeis, imsis, msisdns,
// triplets) concatenated, 4 * HyperLogLog::kRegisters bytes.
std::string SerializeDailySketches(const std::array<HyperLogLog, 4>& sketches);
Result<std::array<HyperLogLog, 4>> ParseDailySketches(std::string_view bytes);

// Not thread-safe.
class DailyCounter {
 public:
  explicit DailyCounter(std::string operator_id) : operator_id_(std::move(operator_id)) {}

  void Add(Date day, const SketchHashes& hashes) {
    DayState& state = StateOf(day);
    ++state.rows;
    if (hashes.present & SketchHashes::kImei) state.sketches[0].AddHash(hashes.imei);
    if (hashes.present & SketchHashes::kImsi) state.sketches[1].AddHash(hashes.imsi);
    if (hashes.present & SketchHashes::kMsisdn) state.sketches[2].AddHash(hashes.msisdn);
    if (hashes.present & SketchHashes::kTriplet) state.sketches[3].AddHash(hashes.triplet);
  }

  // One row per day seen, by day, with estimates and serialised sketches.
  std::vector<store::DailyCounts> Finish() const;
  std::size_t days() const { return days_.size(); }

 private:
  struct DayState {
    std::int64_t rows = 0;
    std::array<HyperLogLog, 4> sketches;
  };
  DayState& StateOf(Date day) {
    if (last_ == nullptr || last_day_ != day) {
      auto& slot = days_[day.days];
      if (!slot) slot = std::make_unique<DayState>();
      last_ = slot.get();
      last_day_ = day;
    }
    return *last_;
  }

  std::string operator_id_;
  std::unordered_map<std::int32_t, std::unique_ptr<DayState>> days_;
  DayState* last_ = nullptr;
  Date last_day_;
};

}  // namespace openceir::observe
