#include "openceir/observe/daily_counter.h"

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

std::vector<store::DailyCounts> DailyCounter::Finish() const {
  std::vector<store::DailyCounts> out;
  out.reserve(days_.size());
  for (const auto& [days, state] : days_) {
    store::DailyCounts& c = out.emplace_back();
    c.operator_id = operator_id_;
    c.day = Date{days};
    c.rows = state->rows;
    state->sketches.FillCounts(&c);
  }
  std::sort(out.begin(), out.end(),
            [](const store::DailyCounts& a, const store::DailyCounts& b) { return a.day < b.day; });
  return out;
}

}  // namespace openceir::observe
