// ImeiSummaryBuilder: folds one IMEI's monthly triplets into its window summary (see
// imei_summary.h). Days are kept as bitmaps over the window, so overlapping triplets (several
// operators, several MSISDNs of one IMSI) count each day once.
#include "openceir/store/imei_summary.h"

#include <algorithm>
#include <bit>
#include <cassert>

namespace openceir::store {
namespace {

// Sets in `bits` (offsets from the window's first day) the days of `days` (bit i: the month's
// day i + 1, all inside the window), the month starting `month_offset` days after the window.
void OrDays(std::vector<std::uint64_t>& bits, std::uint64_t days, int month_offset) {
  if (month_offset < 0) {
    days >>= -month_offset;  // the bits shifted out are before the window: already masked off
    month_offset = 0;
  }
  const auto word = static_cast<std::size_t>(month_offset / 64);
  const int bit = month_offset % 64;
  bits[word] |= days << bit;
  if (bit != 0 && (days >> (64 - bit)) != 0) bits[word + 1] |= days >> (64 - bit);
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

DayMask WindowDaysOf(MonthIndex month, DateWindow window) {
  const std::int32_t start = FirstDayOf(month).days;
  const int lo = std::max(0, window.first.days - start);
  const int hi = std::min(DaysIn(month) - 1, window.last.days - start);
  if (lo > hi) return 0;
  return ((DayMask{1} << (hi - lo + 1)) - 1) << lo;  // at most 31 bits wide
}

ImeiSummaryBuilder::ImeiSummaryBuilder(DateWindow window)
    : window_(window), words_(window.days() > 0 ? (window.days() + 63) / 64 : 0) {}

void ImeiSummaryBuilder::Start(const std::string& imei_norm, Date first_seen_ever) {
  any_ = false;
  // Every field is reset, keeping the buffers (the summary may be one handed back by a caller).
  current_.imei_norm.assign(imei_norm);
  current_.first_seen = Date{};
  current_.last_seen = Date{};
  current_.first_seen_ever = first_seen_ever;
  current_.days_seen = 0;
  current_.imsi_days = 0;
  current_.distinct_imsis = 0;
  current_.distinct_msisdns = 0;
  current_.rat_mask = 0;
  current_.imsi_classes = 0;
  current_.operators.clear();
  for (ImsiSeen& seen : current_.imsis) spare_imsis_.push_back(std::move(seen));
  current_.imsis.clear();
  current_.msisdns.clear();
  all_days_.assign(static_cast<std::size_t>(words_), 0);
  msisdns_.clear();
}

void ImeiSummaryBuilder::Add(const TripletMonth& triplet) {
  // The triplet's days inside the window, as the month's day bits shifted to window offsets
  // (whole words at a time, not day by day). Bits past the end of the month name no day of it
  // and are ignored.
  if (triplet.month != month_) {
    month_ = triplet.month;
    const std::int32_t start = FirstDayOf(month_).days;
    const int last_bit = DaysIn(month_) - 1;
    const int lo = std::max(0, window_.first.days - start);
    const int hi = std::min(last_bit, window_.last.days - start);
    month_mask_ = lo > hi ? 0 : ((DayMask{1} << (hi - lo + 1)) - 1) << lo;
    month_offset_ = start - window_.first.days;
  }
  const std::uint64_t days = triplet.day_mask & month_mask_;
  if (days == 0) return;
  any_ = true;

  OrDays(all_days_, days, month_offset_);
  current_.rat_mask |= triplet.rat_mask;
  current_.imsi_classes |= triplet.imsi_class;
  FindOrInsertSorted(current_.operators, triplet.operator_id, &Itself,
                     [&] { return triplet.operator_id; });
  if (!triplet.imsi.empty()) {
    ImsiSeen& seen = FindOrInsertSorted(current_.imsis, triplet.imsi, &ImsiOf, [&] {
      ImsiSeen fresh;
      if (!spare_imsis_.empty()) {
        fresh = std::move(spare_imsis_.back());
        spare_imsis_.pop_back();
      }
      fresh.imsi.assign(triplet.imsi);
      fresh.days_seen = 0;
      fresh.days.assign(static_cast<std::size_t>(words_), 0);
      return fresh;
    });
    OrDays(seen.days, days, month_offset_);
  }
  if (!triplet.msisdn.empty()) msisdns_.push_back(triplet.msisdn);
}

ImeiSummary ImeiSummaryBuilder::Finish() {
  ImeiSummary out;
  Finish(&out);
  return out;
}

void ImeiSummaryBuilder::Finish(ImeiSummary* out) {
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
  current_.msisdns.swap(msisdns_);
  current_.distinct_msisdns = static_cast<int>(current_.msisdns.size());
  any_ = false;
  std::swap(current_, *out);
}

}  // namespace openceir::store
