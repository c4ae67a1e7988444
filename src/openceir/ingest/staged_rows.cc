// StagedRows: length-prefixed fields in one arena; the index is sorted, never the arena.
#include "openceir/ingest/staged_rows.h"

#include <algorithm>
#include <cstring>

namespace openceir::ingest {
namespace {

int Compare(std::string_view a, std::string_view b) {
  int c = a.compare(b);  // char_traits<char> compares as unsigned char, like memcmp
  return c < 0 ? -1 : (c > 0 ? 1 : 0);
}

// Bytes [from, from + 8) of `value` as a big-endian integer, zero past its end, so that integer
// order is bytewise (unsigned) order.
std::uint64_t BigEndianPrefix(std::string_view value, std::size_t from) {
  std::uint64_t prefix = 0;
  for (std::size_t i = 0; i < 8; ++i) {
    std::size_t at = from + i;
    auto byte = at < value.size() ? static_cast<unsigned char>(value[at]) : 0u;
    prefix = (prefix << 8) | byte;
  }
  return prefix;
}

}  // namespace

StagedRows::StagedRows(std::size_t column_count, std::size_t key_size)
    : column_count_(column_count), key_size_(key_size) {}

void StagedRows::Add(const store::ListRow& row, ChangeType change, std::int64_t line) {
  const std::string_view first_key = key_size_ > 0 ? std::string_view(row[0]) : std::string_view();
  entries_.push_back(Entry{BigEndianPrefix(first_key, 0), BigEndianPrefix(first_key, 8),
                           arena_.size(), line, change});
  for (std::size_t c = 0; c < column_count_; ++c) {
    const std::string& value = row[c];
    auto length = static_cast<std::uint32_t>(value.size());
    char prefix[sizeof length];
    std::memcpy(prefix, &length, sizeof length);
    arena_.append(prefix, sizeof prefix);
    arena_.append(value);
  }
}

std::string_view StagedRows::Field(std::size_t i, std::size_t column) const {
  return FieldAt(entries_[i].offset, column);
}

std::string_view StagedRows::FieldAt(std::uint64_t offset, std::size_t column) const {
  std::size_t at = offset;
  for (std::size_t c = 0;; ++c) {
    std::uint32_t length = 0;
    std::memcpy(&length, arena_.data() + at, sizeof length);
    at += sizeof length;
    if (c == column) return std::string_view(arena_.data() + at, length);
    at += length;
  }
}

store::ListRow StagedRows::Row(std::size_t i) const {
  store::ListRow row;
  row.reserve(column_count_);
  for (std::size_t c = 0; c < column_count_; ++c) row.emplace_back(Field(i, c));
  return row;
}

std::string StagedRows::KeyText(std::size_t i) const {
  std::string text;
  for (std::size_t c = 0; c < key_size_; ++c) {
    if (c > 0) text.push_back('/');
    text += Field(i, c);
  }
  return text;
}

int StagedRows::CompareKey(std::size_t a, std::size_t b) const {
  return CompareEntryKeys(entries_[a], entries_[b]);
}

int StagedRows::CompareEntryKeys(const Entry& a, const Entry& b) const {
  if (a.prefix_high != b.prefix_high) return a.prefix_high < b.prefix_high ? -1 : 1;
  if (a.prefix_low != b.prefix_low) return a.prefix_low < b.prefix_low ? -1 : 1;
  for (std::size_t c = 0; c < key_size_; ++c) {
    if (int r = Compare(FieldAt(a.offset, c), FieldAt(b.offset, c)); r != 0) return r;
  }
  return 0;
}

bool StagedRows::EntryLess(const Entry& a, const Entry& b) const {
  int r = CompareEntryKeys(a, b);
  return r != 0 ? r < 0 : a.line < b.line;
}

int StagedRows::CompareKeyWith(std::size_t a, const store::ListRow& row) const {
  for (std::size_t c = 0; c < key_size_; ++c) {
    if (int r = Compare(Field(a, c), row[c]); r != 0) return r;
  }
  return 0;
}

bool StagedRows::SameRow(std::size_t a, std::size_t b) const {
  if (entries_[a].change != entries_[b].change) return false;
  for (std::size_t c = 0; c < column_count_; ++c) {
    if (Field(a, c) != Field(b, c)) return false;
  }
  return true;
}

bool StagedRows::SameValuesAs(std::size_t a, const store::ListRow& row) const {
  if (row.size() != column_count_) return false;
  for (std::size_t c = 0; c < column_count_; ++c) {
    if (Field(a, c) != row[c]) return false;
  }
  return true;
}

void StagedRows::SortByKey() {
  // Lines are unique, so this order is total and the plain sort is deterministic.
  std::sort(entries_.begin(), entries_.end(),
            [this](const Entry& a, const Entry& b) { return EntryLess(a, b); });
}

std::size_t StagedRows::MemoryBytes() const {
  return arena_.capacity() + entries_.capacity() * sizeof(Entry);
}

}  // namespace openceir::ingest
