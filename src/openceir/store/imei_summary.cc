// ImeiSummaryBuilder: folds one IMEI's monthly triplets into its window summary (see
// imei_summary.h). Days are kept as bitmaps over the window, so overlapping triplets (several
// operators, several MSISDNs of one IMSI) count each day once.
#include "openceir/store/imei_summary.h"

#include <algorithm>
#include <bit>
#include <cassert>

namespace openceir::store {
namespace {

void SetDay(std::vector<std::uint64_t>& bits, int offset) {
  bits[static_cast<std::size_t>(offset / 64)] |= std::uint64_t{1} << (offset % 64);
}

int CountDays(const std::vector<std::uint64_t>& bits) {
  int count = 0;
  for (std::uint64_t word : bits) count += std::popcount(word);
  return count;
}

// Inserts `value` into the sorted `values` unless present; returns its position. Triplets come
// sorted by (operator, imsi, msisdn) from the SQL backends, so this is usually an append.
template <typename T, typename Key, typename Make>
T& FindOrInsertSorted(std::vector<T>& values, const Key& key, const Key& (*key_of)(const T&),
                      Make make) {
  if (!values.empty() && key_of(values.back()) < key) return values.emplace_back(make());
  auto it = std::lower_bound(values.begin(), values.end(), key,
                             [key_of](const T& value, const Key& k) { return key_of(value) < k; });
  if (it != values.end() && key_of(*it) == key) return *it;
  return *values.insert(it, make());
}

const std::string& ImsiOf(const ImsiSeen& seen) { return seen.imsi; }
const std::string& Itself(const std::string& text) { return text; }

}  // namespace

ImeiSummaryBuilder::ImeiSummaryBuilder(DateWindow window)
    : window_(window), words_(window.days() > 0 ? (window.days() + 63) / 64 : 0) {}

void ImeiSummaryBuilder::Start(const std::string& imei_norm, Date first_seen_ever) {
  any_ = false;
  current_ = ImeiSummary{};
  current_.imei_norm = imei_norm;
  current_.first_seen_ever = first_seen_ever;
  all_days_.assign(static_cast<std::size_t>(words_), 0);
  msisdns_.clear();
}

void ImeiSummaryBuilder::Add(const TripletMonth& triplet) {
  // The triplet's days inside the window, as offsets from window_.first. Bits past the end of
  // the month name no day of it and are ignored.
  const Date month_start = FirstDayOf(triplet.month);
  const int month_days = DaysIn(triplet.month);
  int offsets[32];
  int count = 0;
  for (DayMask mask = triplet.day_mask; mask != 0; mask &= mask - 1) {
    const int bit = std::countr_zero(mask);
    if (bit >= month_days) break;
    const std::int32_t day = month_start.days + bit;
    if (day < window_.first.days || day > window_.last.days) continue;
    offsets[count++] = day - window_.first.days;
  }
  if (count == 0) return;
  any_ = true;

  for (int i = 0; i < count; ++i) SetDay(all_days_, offsets[i]);
  current_.rat_mask |= triplet.rat_mask;
  current_.imsi_classes |= triplet.imsi_class;
  FindOrInsertSorted(current_.operators, triplet.operator_id, &Itself,
                     [&] { return triplet.operator_id; });
  if (!triplet.imsi.empty()) {
    ImsiSeen& seen = FindOrInsertSorted(current_.imsis, triplet.imsi, &ImsiOf, [&] {
      ImsiSeen fresh;
      fresh.imsi = triplet.imsi;
      fresh.days.assign(static_cast<std::size_t>(words_), 0);
      return fresh;
    });
    for (int i = 0; i < count; ++i) SetDay(seen.days, offsets[i]);
  }
  if (!triplet.msisdn.empty()) msisdns_.push_back(triplet.msisdn);
}

ImeiSummary ImeiSummaryBuilder::Finish() {
  assert(any_ && "Finish() requires a triplet inside the window");
  current_.days_seen = CountDays(all_days_);
  int first_offset = -1;
  int last_offset = -1;
  for (int word = 0; word < words_; ++word) {
    const std::uint64_t bits = all_days_[static_cast<std::size_t>(word)];
    if (bits == 0) continue;
    if (first_offset < 0) first_offset = word * 64 + std::countr_zero(bits);
    last_offset = word * 64 + 63 - std::countl_zero(bits);
  }
  current_.first_seen = Date{window_.first.days + std::max(first_offset, 0)};
  current_.last_seen = Date{window_.first.days + std::max(last_offset, 0)};

  current_.imsi_days = 0;
  for (ImsiSeen& seen : current_.imsis) {
    seen.days_seen = CountDays(seen.days);
    current_.imsi_days += seen.days_seen;
  }
  current_.distinct_imsis = static_cast<int>(current_.imsis.size());

  std::sort(msisdns_.begin(), msisdns_.end());
  msisdns_.erase(std::unique(msisdns_.begin(), msisdns_.end()), msisdns_.end());
  current_.msisdns = std::move(msisdns_);
  msisdns_ = {};
  current_.distinct_msisdns = static_cast<int>(current_.msisdns.size());
  any_ = false;
  return std::move(current_);
}

}  // namespace openceir::store
