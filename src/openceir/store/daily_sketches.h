// The sketch blob of DailyCounts (observation_types.h): four HyperLogLog sketches of one
// operator's day (distinct IMEIs, IMSIs, MSISDNs, triplets), so that two files of the same day
// merge into exact-as-HLL distinct counts. Importers build it; backends merge it.
//
// Serialised form: the four HyperLogLog::Serialize() strings concatenated, in the order imeis,
// imsis, msisdns, triplets (4 * HyperLogLog::kRegisters bytes).
#pragma once

#include <string>
#include <string_view>

#include "openceir/base/hyperloglog.h"
#include "openceir/base/status.h"
#include "openceir/store/observation_types.h"

namespace openceir::store {

struct DailySketches {
  static constexpr std::size_t kSerializedSize = 4 * HyperLogLog::kRegisters;

  HyperLogLog imeis;
  HyperLogLog imsis;
  HyperLogLog msisdns;
  HyperLogLog triplets;

  void Merge(const DailySketches& other);
  std::string Serialize() const;
  // Errors: kInvalidInput when `bytes` is not kSerializedSize long or holds a bad register.
  static Result<DailySketches> Deserialize(std::string_view bytes);
  // Sets counts->imeis .. counts->triplets to the estimates and counts->sketches to Serialize().
  void FillCounts(DailyCounts* counts) const;
};

}  // namespace openceir::store
