#include "openceir/observe/daily_counter.h"

#include <fmt/format.h>

#include <algorithm>

namespace openceir::observe {

SketchHashes SketchHashesOf(std::string_view imei_norm, std::string_view imsi,
                            std::string_view msisdn) {
  SketchHashes h;
  if (!imei_norm.empty()) {
    h.present |= SketchHashes::kImei | SketchHashes::kTriplet;
    h.imei = SketchHash(imei_norm);
    // imei_norm (<= 16), IMSI and MSISDN (<= 15 each) joined by a unit separator; longer
    // values (not valid operator data) are cut, which only merges their triplet counts.
    char buffer[64];
    std::size_t n = 0;
    auto put = [&](std::string_view part) {
      std::size_t take = std::min(part.size(), sizeof(buffer) - 1 - n);
      std::copy_n(part.data(), take, buffer + n);
      n += take;
    };
    put(imei_norm);
    put("\x1f");
    put(imsi);
    put("\x1f");
    put(msisdn);
    h.triplet = SketchHash(std::string_view(buffer, n));
  }
  if (!imsi.empty()) {
    h.present |= SketchHashes::kImsi;
    h.imsi = SketchHash(imsi);
  }
  if (!msisdn.empty()) {
    h.present |= SketchHashes::kMsisdn;
    h.msisdn = SketchHash(msisdn);
  }
  return h;
}

std::string SerializeDailySketches(const std::array<HyperLogLog, 4>& sketches) {
  std::string out;
  out.reserve(4 * HyperLogLog::kRegisters);
  for (const HyperLogLog& sketch : sketches) out += sketch.Serialize();
  return out;
}

Result<std::array<HyperLogLog, 4>> ParseDailySketches(std::string_view bytes) {
  if (bytes.size() != 4 * HyperLogLog::kRegisters) {
    return InvalidInputError(fmt::format("daily sketches are {} bytes, expected {}", bytes.size(),
                                         4 * HyperLogLog::kRegisters));
  }
  std::array<HyperLogLog, 4> sketches;
  for (std::size_t i = 0; i < 4; ++i) {
    OPENCEIR_ASSIGN_OR_RETURN(
        sketches[i], HyperLogLog::Deserialize(
                         bytes.substr(i * HyperLogLog::kRegisters, HyperLogLog::kRegisters)));
  }
  return sketches;
}

std::vector<store::DailyCounts> DailyCounter::Finish() const {
  std::vector<store::DailyCounts> out;
  out.reserve(days_.size());
  for (const auto& [days, state] : days_) {
    store::DailyCounts& c = out.emplace_back();
    c.operator_id = operator_id_;
    c.day = Date{days};
    c.rows = state->rows;
    c.imeis = state->sketches[0].Estimate();
    c.imsis = state->sketches[1].Estimate();
    c.msisdns = state->sketches[2].Estimate();
    c.triplets = state->sketches[3].Estimate();
    c.sketches = SerializeDailySketches(state->sketches);
  }
  std::sort(out.begin(), out.end(),
            [](const store::DailyCounts& a, const store::DailyCounts& b) { return a.day < b.day; });
  return out;
}

}  // namespace openceir::observe
