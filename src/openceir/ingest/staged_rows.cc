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

}  // namespace

StagedRows::StagedRows(std::size_t column_count, std::size_t key_size)
    : column_count_(column_count), key_size_(key_size) {}

void StagedRows::Add(const store::ListRow& row, ChangeType change, std::int64_t line) {
  entries_.push_back(Entry{arena_.size(), line, change});
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
  std::size_t at = entries_[i].offset;
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
  for (std::size_t c = 0; c < key_size_; ++c) {
    if (int r = Compare(Field(a, c), Field(b, c)); r != 0) return r;
  }
  return 0;
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
  std::vector<std::size_t> order(entries_.size());
  for (std::size_t i = 0; i < order.size(); ++i) order[i] = i;
  std::sort(order.begin(), order.end(), [this](std::size_t a, std::size_t b) {
    int r = CompareKey(a, b);
    return r != 0 ? r < 0 : entries_[a].line < entries_[b].line;
  });
  std::vector<Entry> sorted;
  sorted.reserve(entries_.size());
  for (std::size_t i : order) sorted.push_back(entries_[i]);
  entries_.swap(sorted);
}

std::size_t StagedRows::MemoryBytes() const {
  return arena_.capacity() + entries_.capacity() * sizeof(Entry);
}

}  // namespace openceir::ingest
