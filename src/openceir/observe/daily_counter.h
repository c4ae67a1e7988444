// DailyCounter: the distinct IMEIs, IMSIs, MSISDNs and triplets one operator reported per day,
// as HyperLogLog sketches (bounded memory, mergeable), plus exact row counts. Feeds
// store::DailyCounts for the volume-against-history check.
//
// Sketch inputs are the identifiers in their packed form where they have one (SketchHashesOf),
// so counts from the operator data import and the events import of the same day merge
// correctly.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "openceir/base/date.h"
#include "openceir/base/hyperloglog.h"
#include "openceir/base/status.h"
#include "openceir/store/daily_sketches.h"
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
// A 14-digit imei_norm, and IMSIs and MSISDNs of up to 15 digits, are hashed in packed form
// (identifiers::PackImei, PackSubscriberId): a few multiplications instead of hashing text.
SketchHashes SketchHashesOf(std::string_view imei_norm, std::string_view imsi,
                            std::string_view msisdn);
// The same from the parsers' packed keys: `imei_key` the PackImei value of a 14-digit
// imei_norm, or kTextImei with the imei_norm in `imei_text` ("" = null); `imsi_key` and
// `msisdn_key` PackSubscriberId values (0 = null). Equal to SketchHashesOf of the texts.
inline constexpr std::uint64_t kTextImei = ~std::uint64_t{0};
SketchHashes SketchHashesOfKeys(std::uint64_t imei_key, std::string_view imei_text,
                                std::uint64_t imsi_key, std::uint64_t msisdn_key);

// Not thread-safe.
class DailyCounter {
 public:
  explicit DailyCounter(std::string operator_id) : operator_id_(std::move(operator_id)) {}

  void Add(Date day, const SketchHashes& hashes) {
    DayState& state = StateOf(day);
    ++state.rows;
    if (hashes.present & SketchHashes::kImei) state.sketches.imeis.AddHash(hashes.imei);
    if (hashes.present & SketchHashes::kImsi) state.sketches.imsis.AddHash(hashes.imsi);
    if (hashes.present & SketchHashes::kMsisdn) state.sketches.msisdns.AddHash(hashes.msisdn);
    if (hashes.present & SketchHashes::kTriplet) state.sketches.triplets.AddHash(hashes.triplet);
  }

  // One row per day seen, by day, with estimates and serialised sketches (store::DailySketches).
  std::vector<store::DailyCounts> Finish() const;
  std::size_t days() const { return days_.size(); }

 private:
  struct DayState {
    std::int64_t rows = 0;
    store::DailySketches sketches;
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
