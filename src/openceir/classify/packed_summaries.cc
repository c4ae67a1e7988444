// PackedSummaries (packed_summaries.h). Layout of one IMEI, fields in native byte order (the
// bytes never leave the process):
//   imei_norm (u32 length + bytes), first_seen_ever (i32), one present byte a window, then for
//   each present window: first_seen, last_seen, days_seen (i32), imsi_days (i64),
//   distinct_imsis, distinct_msisdns (i32), rat_mask (u32), imsi_classes (u8); operators
//   (u32 count, each a text); IMSIs (u32 count, each a text, days_seen (i32), u32 word count +
//   day words); MSISDNs (u32 count, each a text).
#include "openceir/classify/packed_summaries.h"

#include <algorithm>
#include <cassert>
#include <cstring>
#include <string>
#include <type_traits>

namespace openceir::classify {
namespace {

// Writes into room reserved beforehand (PackedSize): no check or growth per field.
class Writer {
 public:
  explicit Writer(char* at) : at_(at) {}

  template <typename T>
  void Put(T value) {
    static_assert(std::is_trivially_copyable_v<T>);
    std::memcpy(at_, &value, sizeof(T));
    at_ += sizeof(T);
  }
  void PutText(std::string_view text) {
    Put(static_cast<std::uint32_t>(text.size()));
    if (!text.empty()) std::memcpy(at_, text.data(), text.size());
    at_ += text.size();
  }
  void PutWords(const std::vector<std::uint64_t>& words) {
    Put(static_cast<std::uint32_t>(words.size()));
    const std::size_t size = words.size() * sizeof(std::uint64_t);
    if (size != 0) std::memcpy(at_, words.data(), size);
    at_ += size;
  }
  const char* at() const { return at_; }

 private:
  char* at_;
};

constexpr std::size_t kTextHeader = sizeof(std::uint32_t);
constexpr std::size_t kSummaryFixed = 3 * sizeof(std::int32_t) + sizeof(std::int64_t) +
                                      2 * sizeof(std::int32_t) + sizeof(store::RatMask) +
                                      sizeof(std::uint8_t) + 3 * sizeof(std::uint32_t);

std::size_t TextsSize(const std::vector<std::string>& texts) {
  std::size_t size = 0;
  for (const std::string& text : texts) size += kTextHeader + text.size();
  return size;
}

// The bytes Append writes for one window's summary.
std::size_t PackedSize(const store::ImeiSummary& summary) {
  std::size_t size = kSummaryFixed + TextsSize(summary.operators) + TextsSize(summary.msisdns);
  for (const store::ImsiSeen& seen : summary.imsis) {
    size += kTextHeader + seen.imsi.size() + sizeof(std::int32_t) + sizeof(std::uint32_t) +
            seen.days.size() * sizeof(std::uint64_t);
  }
  return size;
}

class Reader {
 public:
  explicit Reader(const char* at) : at_(at) {}

  template <typename T>
  T Get() {
    T value;
    std::memcpy(&value, at_, sizeof(T));
    at_ += sizeof(T);
    return value;
  }
  std::string_view GetText() {
    const auto size = Get<std::uint32_t>();
    std::string_view text(at_, size);
    at_ += size;
    return text;
  }
  void GetWords(std::vector<std::uint64_t>* words) {
    const auto count = Get<std::uint32_t>();
    words->resize(count);
    if (count != 0) std::memcpy(words->data(), at_, count * sizeof(std::uint64_t));
    at_ += count * sizeof(std::uint64_t);
  }

 private:
  const char* at_;
};

void PutTexts(Writer& writer, const std::vector<std::string>& texts) {
  writer.Put(static_cast<std::uint32_t>(texts.size()));
  for (const std::string& text : texts) writer.PutText(text);
}

void GetTexts(Reader& reader, std::vector<std::string>* texts) {
  const auto count = reader.Get<std::uint32_t>();
  texts->resize(count);
  for (std::string& text : *texts) text.assign(reader.GetText());
}

}  // namespace

void PackedSummaries::Clear() {
  size_ = 0;
  starts_.clear();
}

char* PackedSummaries::Reserve(std::size_t size) {
  if (capacity_ - size_ < size) {
    const std::size_t capacity = std::max(2 * capacity_, size_ + size);
    auto bigger = std::make_unique_for_overwrite<char[]>(capacity);
    if (size_ != 0) std::memcpy(bigger.get(), bytes_.get(), size_);
    bytes_ = std::move(bigger);
    capacity_ = capacity;
  }
  return bytes_.get() + size_;
}

void PackedSummaries::Append(std::span<const store::ImeiSummary* const> summaries) {
  const store::ImeiSummary* any = nullptr;
  for (const store::ImeiSummary* summary : summaries) {
    if (summary != nullptr) {
      any = summary;
      break;
    }
  }
  assert(any != nullptr);
  std::size_t size = kTextHeader + any->imei_norm.size() + sizeof(std::int32_t) + summaries.size();
  for (const store::ImeiSummary* summary : summaries) {
    if (summary != nullptr) size += PackedSize(*summary);
  }
  starts_.push_back(size_);
  char* const first = Reserve(size);
  Writer writer(first);
  writer.PutText(any->imei_norm);
  writer.Put(any->first_seen_ever.days);
  for (const store::ImeiSummary* summary : summaries) {
    writer.Put(static_cast<std::uint8_t>(summary != nullptr));
  }
  for (const store::ImeiSummary* summary : summaries) {
    if (summary == nullptr) continue;
    writer.Put(summary->first_seen.days);
    writer.Put(summary->last_seen.days);
    writer.Put(static_cast<std::int32_t>(summary->days_seen));
    writer.Put(summary->imsi_days);
    writer.Put(static_cast<std::int32_t>(summary->distinct_imsis));
    writer.Put(static_cast<std::int32_t>(summary->distinct_msisdns));
    writer.Put(summary->rat_mask);
    writer.Put(summary->imsi_classes);
    PutTexts(writer, summary->operators);
    writer.Put(static_cast<std::uint32_t>(summary->imsis.size()));
    for (const store::ImsiSeen& seen : summary->imsis) {
      writer.PutText(seen.imsi);
      writer.Put(static_cast<std::int32_t>(seen.days_seen));
      writer.PutWords(seen.days);
    }
    PutTexts(writer, summary->msisdns);
  }
  assert(writer.at() == first + size);
  size_ += size;
}

std::string_view PackedSummaries::Unpack(std::size_t index, std::span<store::ImeiSummary> out,
                                         std::span<bool> present,
                                         std::vector<store::ImsiSeen>* spare) const {
  assert(index < starts_.size() && out.size() == present.size());
  Reader reader(bytes_.get() + starts_[index]);
  const std::string_view imei_norm = reader.GetText();
  const Date first_seen_ever{reader.Get<std::int32_t>()};
  for (bool& seen : present) seen = reader.Get<std::uint8_t>() != 0;
  for (std::size_t w = 0; w < out.size(); ++w) {
    if (!present[w]) continue;
    store::ImeiSummary& summary = out[w];
    summary.imei_norm.assign(imei_norm);
    summary.first_seen_ever = first_seen_ever;
    summary.first_seen = Date{reader.Get<std::int32_t>()};
    summary.last_seen = Date{reader.Get<std::int32_t>()};
    summary.days_seen = reader.Get<std::int32_t>();
    summary.imsi_days = reader.Get<std::int64_t>();
    summary.distinct_imsis = reader.Get<std::int32_t>();
    summary.distinct_msisdns = reader.Get<std::int32_t>();
    summary.rat_mask = reader.Get<store::RatMask>();
    summary.imsi_classes = reader.Get<std::uint8_t>();
    GetTexts(reader, &summary.operators);
    const auto imsis = reader.Get<std::uint32_t>();
    while (summary.imsis.size() > imsis) {
      spare->push_back(std::move(summary.imsis.back()));
      summary.imsis.pop_back();
    }
    while (summary.imsis.size() < imsis) {
      if (spare->empty()) {
        summary.imsis.emplace_back();
      } else {
        summary.imsis.push_back(std::move(spare->back()));
        spare->pop_back();
      }
    }
    for (store::ImsiSeen& seen : summary.imsis) {
      seen.imsi.assign(reader.GetText());
      seen.days_seen = reader.Get<std::int32_t>();
      reader.GetWords(&seen.days);
    }
    GetTexts(reader, &summary.msisdns);
  }
  return imei_norm;
}

}  // namespace openceir::classify
