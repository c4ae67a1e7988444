// StagedRows: the parsed rows of one input file held compactly (one byte arena plus a small
// index entry per row) so that a national-size list fits in memory, sortable by key.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "openceir/ingest/row_parser.h"
#include "openceir/store/list_schema.h"

namespace openceir::ingest {

class StagedRows {
 public:
  // Rows of `column_count` columns whose first `key_size` form the key.
  StagedRows(std::size_t column_count, std::size_t key_size);

  // Appends a copy of `row` (column_count values), with its delta change and source line.
  void Add(const store::ListRow& row, ChangeType change, std::int64_t line);

  std::size_t size() const { return entries_.size(); }
  std::string_view Field(std::size_t i, std::size_t column) const;
  ChangeType change(std::size_t i) const { return entries_[i].change; }
  std::int64_t line(std::size_t i) const { return entries_[i].line; }
  store::ListRow Row(std::size_t i) const;
  // The key of row i joined for messages: "35123456789012" or "35123456789012/410011234567890".
  std::string KeyText(std::size_t i) const;

  // Orders the rows by key (column by column, bytewise like SQLite's BINARY collation), and
  // rows with equal keys by line.
  void SortByKey();

  // <0, 0, >0 as the key of row a compares with the key of row b / with `row`'s key.
  int CompareKey(std::size_t a, std::size_t b) const;
  int CompareKeyWith(std::size_t a, const store::ListRow& row) const;
  // True when rows a and b have the same values in every column and the same change.
  bool SameRow(std::size_t a, std::size_t b) const;
  // True when row a has the same values as `row` in every column.
  bool SameValuesAs(std::size_t a, const store::ListRow& row) const;

  std::size_t column_count() const { return column_count_; }
  std::size_t key_size() const { return key_size_; }
  // Bytes held (arena plus index), for tests and benchmarks.
  std::size_t MemoryBytes() const;

 private:
  struct Entry {
    // The first 16 bytes of the first key column, big-endian, zero-padded: sorting compares
    // these two integers and reads the arena only when they are equal (a 14-digit imei_norm
    // fits whole, so a million-row sort rarely leaves the index).
    std::uint64_t prefix_high;
    std::uint64_t prefix_low;
    std::uint64_t offset;  // of the row's first field in arena_
    std::int64_t line;
    ChangeType change;
  };

  // Full key order of two entries, ties by line.
  bool EntryLess(const Entry& a, const Entry& b) const;
  int CompareEntryKeys(const Entry& a, const Entry& b) const;
  std::string_view FieldAt(std::uint64_t offset, std::size_t column) const;

  std::size_t column_count_;
  std::size_t key_size_;
  std::string arena_;  // per field: 4-byte length (host order) + bytes
  std::vector<Entry> entries_;
};

}  // namespace openceir::ingest
