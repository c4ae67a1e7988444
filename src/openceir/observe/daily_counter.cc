#include "openceir/observe/daily_counter.h"

#include <algorithm>

namespace openceir::observe {

SketchHashes SketchHashesOf(std::string_view imei_norm, std::string_view imsi,
                            std::string_view msisdn) {
  SketchHashes h;
  // Null members hash as "" for the triplet: (A, null, X) and (A, X, null) stay distinct.
  const std::uint64_t imsi_hash = SketchHash(imsi);
  const std::uint64_t msisdn_hash = SketchHash(msisdn);
  if (!imei_norm.empty()) {
    h.present |= SketchHashes::kImei | SketchHashes::kTriplet;
    h.imei = SketchHash(imei_norm);
    h.triplet = CombineSketchHashes(h.imei, imsi_hash, msisdn_hash);
  }
  if (!imsi.empty()) {
    h.present |= SketchHashes::kImsi;
    h.imsi = imsi_hash;
  }
  if (!msisdn.empty()) {
    h.present |= SketchHashes::kMsisdn;
    h.msisdn = msisdn_hash;
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
