// DailySketches: the four HyperLogLog sketches of one operator's day (see daily_sketches.h).
#include "openceir/store/daily_sketches.h"

#include <fmt/format.h>

namespace openceir::store {

void DailySketches::Merge(const DailySketches& other) {
  imeis.Merge(other.imeis);
  imsis.Merge(other.imsis);
  msisdns.Merge(other.msisdns);
  triplets.Merge(other.triplets);
}

std::string DailySketches::Serialize() const {
  std::string bytes;
  bytes.reserve(kSerializedSize);
  bytes += imeis.Serialize();
  bytes += imsis.Serialize();
  bytes += msisdns.Serialize();
  bytes += triplets.Serialize();
  return bytes;
}

Result<DailySketches> DailySketches::Deserialize(std::string_view bytes) {
  if (bytes.size() != kSerializedSize) {
    return InvalidInputError(
        fmt::format("daily sketches are {} bytes, expected {}", bytes.size(), kSerializedSize));
  }
  constexpr std::size_t kPart = HyperLogLog::kRegisters;
  DailySketches sketches;
  HyperLogLog* parts[] = {&sketches.imeis, &sketches.imsis, &sketches.msisdns, &sketches.triplets};
  for (std::size_t i = 0; i < 4; ++i) {
    OPENCEIR_ASSIGN_OR_RETURN(*parts[i], HyperLogLog::Deserialize(bytes.substr(i * kPart, kPart)));
  }
  return sketches;
}

void DailySketches::FillCounts(DailyCounts* counts) const {
  counts->imeis = imeis.Estimate();
  counts->imsis = imsis.Estimate();
  counts->msisdns = msisdns.Estimate();
  counts->triplets = triplets.Estimate();
  counts->sketches = Serialize();
}

}  // namespace openceir::store
