#include "openceir/observe/daily_counter.h"

#include <algorithm>
#include <optional>

#include "openceir/observe/triplet_aggregator.h"

namespace openceir::observe {

namespace {

// Hash of a packed identifier; `kind` keeps an IMEI apart from a subscriber number with the
// same packed value.
std::uint64_t PackedHash(std::uint64_t packed, std::uint64_t kind) {
  return SketchHashOfNumber(packed, kind);
}
constexpr std::uint64_t kImeiKind = 1;
constexpr std::uint64_t kSubscriberKind = 2;

std::optional<std::uint64_t> PackedImeiOf(std::string_view imei_norm) {
  if (imei_norm.size() != 14) return std::nullopt;
  std::uint64_t value = 0;
  for (char c : imei_norm) {
    if (c < '0' || c > '9') return std::nullopt;
    value = value * 10 + static_cast<std::uint64_t>(c - '0');
  }
  return value;
}

}  // namespace

SketchHashes SketchHashesOfKeys(std::uint64_t imei_key, std::string_view imei_text,
                                std::uint64_t imsi_key, std::uint64_t msisdn_key) {
  SketchHashes h;
  // Null members take part in the triplet as a fixed value: (A, null, X) and (A, X, null)
  // stay distinct.
  const std::uint64_t imsi_hash = imsi_key == 0 ? 0 : PackedHash(imsi_key, kSubscriberKind);
  const std::uint64_t msisdn_hash = msisdn_key == 0 ? 0 : PackedHash(msisdn_key, kSubscriberKind);
  const bool has_imei = imei_key != kTextImei || !imei_text.empty();
  if (has_imei) {
    h.present |= SketchHashes::kImei | SketchHashes::kTriplet;
    h.imei = imei_key != kTextImei ? PackedHash(imei_key, kImeiKind) : SketchHash(imei_text);
    h.triplet = CombineSketchHashes(h.imei, imsi_hash, msisdn_hash);
  }
  if (imsi_key != 0) {
    h.present |= SketchHashes::kImsi;
    h.imsi = imsi_hash;
  }
  if (msisdn_key != 0) {
    h.present |= SketchHashes::kMsisdn;
    h.msisdn = msisdn_hash;
  }
  return h;
}

SketchHashes SketchHashesOf(std::string_view imei_norm, std::string_view imsi,
                            std::string_view msisdn) {
  // Subscriber numbers that do not pack (not valid operator data) are hashed as text, apart.
  auto subscriber = [](std::string_view text, std::uint64_t* key, std::uint64_t* text_hash) {
    *text_hash = 0;
    if (text.empty()) {
      *key = 0;
      return;
    }
    std::optional<std::uint64_t> packed = PackSubscriberId(text);
    *key = packed ? *packed : 0;
    if (!packed) *text_hash = SketchHash(text);
  };
  std::uint64_t imsi_key = 0, imsi_text_hash = 0, msisdn_key = 0, msisdn_text_hash = 0;
  subscriber(imsi, &imsi_key, &imsi_text_hash);
  subscriber(msisdn, &msisdn_key, &msisdn_text_hash);
  const std::optional<std::uint64_t> imei_key = PackedImeiOf(imei_norm);
  SketchHashes h =
      SketchHashesOfKeys(imei_key ? *imei_key : kTextImei, imei_norm, imsi_key, msisdn_key);
  if (imsi_text_hash != 0 || msisdn_text_hash != 0) {
    if (imsi_text_hash != 0) {
      h.present |= SketchHashes::kImsi;
      h.imsi = imsi_text_hash;
    }
    if (msisdn_text_hash != 0) {
      h.present |= SketchHashes::kMsisdn;
      h.msisdn = msisdn_text_hash;
    }
    if ((h.present & SketchHashes::kTriplet) != 0) {
      h.triplet = CombineSketchHashes(h.imei, imsi_key != 0 ? h.imsi : imsi_text_hash,
                                      msisdn_key != 0 ? h.msisdn : msisdn_text_hash);
    }
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
