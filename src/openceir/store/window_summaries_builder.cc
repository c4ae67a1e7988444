// WindowSummariesBuilder (window_summaries_builder.h): one fold of an IMEI's triplets over the
// span of several windows, each window's summary cut out of it at Finish.
#include "openceir/store/window_summaries_builder.h"

#include <algorithm>
#include <bit>
#include <cassert>

namespace openceir::store {
namespace {

// Sets in `bits` (offsets from the span's first day) the days of `days` (bit i: the month's day
// i + 1, all inside the span), the month starting `month_offset` days after the span.
void OrDays(std::vector<std::uint64_t>& bits, std::uint64_t days, int month_offset) {
  if (month_offset < 0) {
    days >>= -month_offset;  // the bits shifted out are before the span: already masked off
    month_offset = 0;
  }
  const auto word = static_cast<std::size_t>(month_offset / 64);
  const int bit = month_offset % 64;
  bits[word] |= days << bit;
  if (bit != 0 && (days >> (64 - bit)) != 0) bits[word + 1] |= days >> (64 - bit);
}

// `count` bits of `bits` from bit `offset` on, into `slice` ((count + 63) / 64 words). Returns
// true when any is set.
bool Slice(const std::vector<std::uint64_t>& bits, int offset, int count,
           std::vector<std::uint64_t>& slice) {
  const auto words = static_cast<std::size_t>((count + 63) / 64);
  slice.resize(words);
  std::uint64_t any = 0;
  for (std::size_t i = 0; i < words; ++i) {
    const auto position = static_cast<std::size_t>(offset) + 64 * i;
    const std::size_t word = position / 64;
    const auto shift = static_cast<int>(position % 64);
    std::uint64_t value = word < bits.size() ? bits[word] >> shift : 0;
    if (shift != 0 && word + 1 < bits.size()) value |= bits[word + 1] << (64 - shift);
    slice[i] = value;
  }
  if (const int tail = count % 64; tail != 0 && words > 0) {
    slice[words - 1] &= (std::uint64_t{1} << tail) - 1;
  }
  for (std::uint64_t word : slice) any |= word;
  return any != 0;
}

int CountDays(const std::vector<std::uint64_t>& bits) {
  int count = 0;
  for (std::uint64_t word : bits) count += std::popcount(word);
  return count;
}

// The entry of `key` among the first `*count` of `entries` (unsorted, the one found last tried
// first), or a new one there (reusing a spare entry's buffers); `fresh` set when new.
template <typename T, typename KeyOf>
T& FindOrAppend(std::vector<T>& entries, std::size_t* count, std::size_t* last,
                const std::string& key, KeyOf key_of, bool* fresh) {
  *fresh = false;
  if (*last < *count && key_of(entries[*last]) == key) return entries[*last];
  for (std::size_t i = 0; i < *count; ++i) {
    if (key_of(entries[i]) == key) {
      *last = i;
      return entries[i];
    }
  }
  if (*count == entries.size()) entries.emplace_back();
  *last = (*count)++;
  *fresh = true;
  T& entry = entries[*last];
  key_of(entry).assign(key);
  return entry;
}

}  // namespace

WindowSummariesBuilder::WindowSummariesBuilder(std::span<const DateWindow> windows) {
  assert(windows.size() <= kMaxWindows);
  bool have_span = false;
  for (const DateWindow& window : windows) {
    if (window.last < window.first) continue;
    if (!have_span) span_ = window;
    have_span = true;
    span_.first = std::min(span_.first, window.first);
    span_.last = std::max(span_.last, window.last);
  }
  span_words_ = have_span ? (span_.days() + 63) / 64 : 0;
  for (const DateWindow& window : windows) {
    Window w;
    w.window = window;
    if (!(window.last < window.first)) {
      w.offset = window.first.days - span_.first.days;
      w.words = (window.days() + 63) / 64;
    }
    windows_.push_back(w);
  }
}

void WindowSummariesBuilder::SetMonth(MonthIndex month) {
  month_ = month;
  const std::int32_t start = FirstDayOf(month).days;
  const int last_bit = DaysIn(month) - 1;
  span_month_mask_ = 0;
  for (Window& w : windows_) {
    w.month_mask = 0;
    if (w.window.last < w.window.first) continue;
    const int lo = std::max(0, w.window.first.days - start);
    const int hi = std::min(last_bit, w.window.last.days - start);
    if (lo <= hi) w.month_mask = ((DayMask{1} << (hi - lo + 1)) - 1) << lo;
    span_month_mask_ |= w.month_mask;
  }
  month_offset_ = start - span_.first.days;
}

void WindowSummariesBuilder::Start(const std::string& imei_norm, Date first_seen_ever) {
  imei_norm_.assign(imei_norm);
  first_seen_ever_ = first_seen_ever;
  seen_windows_ = 0;
  all_days_.assign(static_cast<std::size_t>(span_words_), 0);
  for (std::size_t w = 0; w < windows_.size(); ++w) {
    rat_masks_[w] = 0;
    imsi_classes_[w] = 0;
  }
  operator_count_ = 0;
  imsi_count_ = 0;
  msisdns_.clear();
}

void WindowSummariesBuilder::Add(const TripletMonth& triplet) {
  if (triplet.month != month_) SetMonth(triplet.month);
  const std::uint64_t days = triplet.day_mask & span_month_mask_;
  if (days == 0) return;
  std::uint32_t in_windows = 0;
  for (std::size_t w = 0; w < windows_.size(); ++w) {
    if ((triplet.day_mask & windows_[w].month_mask) == 0) continue;
    in_windows |= std::uint32_t{1} << w;
    rat_masks_[w] |= triplet.rat_mask;
    imsi_classes_[w] |= triplet.imsi_class;
  }
  seen_windows_ |= in_windows;
  OrDays(all_days_, days, month_offset_);

  bool fresh = false;
  Operator& op = FindOrAppend(
      operators_, &operator_count_, &last_operator_, triplet.operator_id,
      [](Operator& entry) -> std::string& { return entry.id; }, &fresh);
  if (fresh) op.windows = 0;
  op.windows |= in_windows;
  if (!triplet.imsi.empty()) {
    Imsi& imsi = FindOrAppend(
        imsis_, &imsi_count_, &last_imsi_, triplet.imsi,
        [](Imsi& entry) -> std::string& { return entry.imsi; }, &fresh);
    if (fresh) imsi.days.assign(static_cast<std::size_t>(span_words_), 0);
    OrDays(imsi.days, days, month_offset_);
  }
  if (!triplet.msisdn.empty()) msisdns_.push_back({triplet.msisdn, in_windows});
}

void WindowSummariesBuilder::Finish(std::span<ImeiSummary* const> out) {
  assert(out.size() == windows_.size());
  std::sort(operators_.begin(), operators_.begin() + static_cast<std::ptrdiff_t>(operator_count_),
            [](const Operator& a, const Operator& b) { return a.id < b.id; });
  order_.resize(imsi_count_);
  for (std::size_t i = 0; i < imsi_count_; ++i) order_[i] = static_cast<std::uint32_t>(i);
  std::sort(order_.begin(), order_.end(),
            [this](std::uint32_t a, std::uint32_t b) { return imsis_[a].imsi < imsis_[b].imsi; });
  // Distinct MSISDNs, each with every window it was seen in.
  std::sort(msisdns_.begin(), msisdns_.end(),
            [](const Msisdn& a, const Msisdn& b) { return a.msisdn < b.msisdn; });
  std::size_t distinct = 0;
  for (std::size_t i = 0; i < msisdns_.size(); ++i) {
    if (distinct > 0 && msisdns_[distinct - 1].msisdn == msisdns_[i].msisdn) {
      msisdns_[distinct - 1].windows |= msisdns_[i].windows;
    } else {
      if (distinct != i) std::swap(msisdns_[distinct], msisdns_[i]);
      ++distinct;
    }
  }
  msisdns_.resize(distinct);
  for (std::size_t w = 0; w < windows_.size(); ++w) {
    if (any(w)) FillWindow(w, out[w]);
  }
  seen_windows_ = 0;
}

void WindowSummariesBuilder::FillWindow(std::size_t w, ImeiSummary* out) {
  const Window& window = windows_[w];
  const std::uint32_t bit = std::uint32_t{1} << w;
  ImeiSummary& summary = *out;
  summary.imei_norm.assign(imei_norm_);
  summary.first_seen_ever = first_seen_ever_;
  const int days = window.window.days();
  Slice(all_days_, window.offset, days, slice_);
  summary.days_seen = CountDays(slice_);
  int first_offset = -1;
  int last_offset = -1;
  for (std::size_t word = 0; word < slice_.size(); ++word) {
    const std::uint64_t bits = slice_[word];
    if (bits == 0) continue;
    const int base = static_cast<int>(word) * 64;
    if (first_offset < 0) first_offset = base + std::countr_zero(bits);
    last_offset = base + 63 - std::countl_zero(bits);
  }
  summary.first_seen = Date{window.window.first.days + std::max(first_offset, 0)};
  summary.last_seen = Date{window.window.first.days + std::max(last_offset, 0)};
  summary.rat_mask = rat_masks_[w];
  summary.imsi_classes = imsi_classes_[w];

  // Entries of the summary handed back are overwritten in place (their buffers reused); only
  // those past the new count go (IMSIs to spare_, for their day vectors).
  std::size_t count = 0;
  for (std::size_t i = 0; i < operator_count_; ++i) {
    if ((operators_[i].windows & bit) == 0) continue;
    if (count < summary.operators.size()) {
      summary.operators[count].assign(operators_[i].id);
    } else {
      summary.operators.push_back(operators_[i].id);
    }
    ++count;
  }
  summary.operators.resize(count);

  count = 0;
  summary.imsi_days = 0;
  for (std::uint32_t index : order_) {
    const Imsi& imsi = imsis_[index];
    if (!Slice(imsi.days, window.offset, days, slice_)) continue;
    if (count == summary.imsis.size()) {
      summary.imsis.emplace_back();
      if (!spare_.empty()) {
        summary.imsis.back() = std::move(spare_.back());
        spare_.pop_back();
      }
    }
    ImsiSeen& seen = summary.imsis[count++];
    seen.imsi.assign(imsi.imsi);
    seen.days.assign(slice_.begin(), slice_.end());
    seen.days_seen = CountDays(seen.days);
    summary.imsi_days += seen.days_seen;
  }
  while (summary.imsis.size() > count) {
    spare_.push_back(std::move(summary.imsis.back()));
    summary.imsis.pop_back();
  }
  summary.distinct_imsis = static_cast<int>(summary.imsis.size());

  count = 0;
  for (const Msisdn& msisdn : msisdns_) {
    if ((msisdn.windows & bit) == 0) continue;
    if (count < summary.msisdns.size()) {
      summary.msisdns[count].assign(msisdn.msisdn);
    } else {
      summary.msisdns.push_back(msisdn.msisdn);
    }
    ++count;
  }
  summary.msisdns.resize(count);
  summary.distinct_msisdns = static_cast<int>(summary.msisdns.size());
}

ImeiWindowsFold::ImeiWindowsFold(std::span<const DateWindow> windows)
    : windows_(windows),
      summaries_(windows.size()),
      targets_(windows.size(), nullptr),
      visited_(windows.size(), nullptr) {
  constexpr std::size_t kGroup = WindowSummariesBuilder::kMaxWindows;
  for (std::size_t first = 0; first < windows.size(); first += kGroup) {
    builders_.emplace_back(windows.subspan(first, std::min(kGroup, windows.size() - first)));
  }
  for (std::size_t w = 0; w < windows.size(); ++w) targets_[w] = &summaries_[w];
}

void ImeiWindowsFold::Start(const std::string& imei_norm, Date first_seen_ever) {
  current_ = imei_norm;
  for (WindowSummariesBuilder& builder : builders_) builder.Start(current_, first_seen_ever);
}

void ImeiWindowsFold::Add(const TripletMonth& triplet) {
  for (WindowSummariesBuilder& builder : builders_) builder.Add(triplet);
}

Status ImeiWindowsFold::Finish(const Visitor& visit) {
  if (current_.empty()) return Status::Ok();
  current_.clear();
  constexpr std::size_t kGroup = WindowSummariesBuilder::kMaxWindows;
  bool any = false;
  for (std::size_t g = 0; g < builders_.size(); ++g) {
    const std::size_t first = g * kGroup;
    const std::size_t count = std::min(kGroup, windows_.size() - first);
    for (std::size_t w = 0; w < count; ++w) {
      visited_[first + w] = builders_[g].any(w) ? &summaries_[first + w] : nullptr;
    }
    if (!builders_[g].any()) continue;
    builders_[g].Finish(std::span<ImeiSummary* const>(targets_).subspan(first, count));
    any = true;
  }
  return any ? visit(visited_) : Status::Ok();
}

}  // namespace openceir::store
