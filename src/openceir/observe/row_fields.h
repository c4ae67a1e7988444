// The field rules that the row parsers of network data files (operator data, events) apply the
// same way: header names, errors naming their column, IMEI fields to compact keys, the IMSI
// prefix and RAT list caches, and the file-level errors. Inline: most run once per row or field
// on the import hot path.
#pragma once

#include <fmt/format.h>

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "openceir/base/status.h"
#include "openceir/identifiers/rat.h"
#include "openceir/observe/daily_counter.h"
#include "openceir/observe/operator_data_error.h"
#include "openceir/observe/row_text.h"

namespace openceir::observe::row_fields {

// The header's column names, by index: split at commas, a quoted name unquoted, trimmed and
// lower-cased.
inline std::vector<std::string> HeaderNames(std::string_view line) {
  std::vector<std::string> names;
  std::size_t start = 0;
  for (;;) {
    std::size_t comma = line.find(',', start);
    std::string_view raw =
        line.substr(start, comma == std::string_view::npos ? line.npos : comma - start);
    if (raw.size() >= 2 && raw.front() == '"' && raw.back() == '"') {
      raw = raw.substr(1, raw.size() - 2);
    }
    names.push_back(row_text::Lower(row_text::Trim(raw)));
    if (comma == std::string_view::npos) break;
    start = comma + 1;
  }
  return names;
}

// Adds an error on `line` about field `column` (1-based; 0 = the whole line), named from the
// header's `names` when it has one.
inline void AddFieldError(OperatorDataErrors* errors, std::int64_t line,
                          const std::vector<std::string>& names, int column, std::string rule,
                          std::string message) {
  std::string name;
  if (column > 0 && column <= static_cast<int>(names.size())) {
    name = names[static_cast<std::size_t>(column - 1)];
  }
  errors->Add(line, column, std::move(name), std::move(rule), std::move(message));
}

// What a non-empty, trimmed IMEI field holds.
struct ImeiText {
  bool valid = false;               // 1-16 characters of [0-9A-Fa-f*#]
  int leading_digits = 0;           // the decimal digits it starts with, at most 14
  std::uint64_t leading_value = 0;  // their value
  // Its imei_norm is its first 14 digits (FORMATS.md), kept packed.
  bool packed() const { return leading_digits == 14; }
};

inline ImeiText ReadImei(std::string_view imei) {
  ImeiText read;
  std::uint8_t all = row_text::kImeiChar;
  bool in_digit_run = true;
  for (char c : imei) {
    std::uint8_t cls = row_text::ClassOf(c);
    all &= cls;
    in_digit_run = in_digit_run && (cls & row_text::kDigit) != 0 && read.leading_digits < 14;
    if (in_digit_run) {
      read.leading_value = read.leading_value * 10 + static_cast<std::uint64_t>(c - '0');
      ++read.leading_digits;
    }
  }
  read.valid = all != 0 && imei.size() <= 16;
  return read;
}

inline std::string BadImeiMessage(std::string_view imei) {
  return fmt::format("'{}' is not an IMEI (1-16 characters of 0-9, A-F, * or #)",
                     row_text::Shown(imei));
}

// Sets the IMEI of `row` (a ParsedRow or ParsedEvent) from the valid field `imei` read as
// `read`: the packed imei_norm, or kArenaImei with the imei_norm (hex letters upper-cased)
// appended to `arena`. Returns the imei_norm, a view into `imei` or `arena`.
template <typename Row>
std::string_view SetImei(const ImeiText& read, std::string_view imei, Row* row,
                         std::string* arena) {
  if (read.packed()) {
    row->imei_key = read.leading_value;
    return imei.substr(0, 14);
  }
  row->imei_key = Row::kArenaImei;
  row->arena_offset = static_cast<std::uint32_t>(arena->size());
  row->arena_length = static_cast<std::uint8_t>(imei.size());
  for (char c : imei) arena->push_back(c >= 'a' && c <= 'f' ? static_cast<char>(c - 'a' + 'A') : c);
  return std::string_view(*arena).substr(row->arena_offset, row->arena_length);
}

// The sketch hashes of `row`'s identifiers; `imei_norm` as SetImei returned it.
template <typename Row>
SketchHashes HashesOf(const Row& row, std::string_view imei_norm) {
  return SketchHashesOfKeys(
      row.imei_key == Row::kArenaImei || row.imei_key == Row::kNullImei ? kTextImei : row.imei_key,
      row.imei_key == Row::kArenaImei ? imei_norm : std::string_view(), row.imsi_key,
      row.msisdn_key);
}

// The first 6 digits (MCC and MNC) of a valid IMSI as a number; ~0 when it has fewer. The
// facts of an IMSI follow from them, and consecutive rows mostly share them: a parser resolves
// an IMSI only when this changes (or is ~0).
inline std::uint64_t ImsiPrefix(std::string_view imsi) {
  std::uint64_t prefix = ~std::uint64_t{0};
  if (imsi.size() >= 6) {
    prefix = 0;
    for (std::size_t i = 0; i < 6; ++i) {
      prefix = prefix * 10 + static_cast<std::uint64_t>(imsi[i] - '0');
    }
  }
  return prefix;
}

// Parses non-empty RAT lists (identifiers/rat.h), remembering the last valid one: consecutive
// rows mostly repeat it.
class RatListCache {
 public:
  Result<std::uint32_t> Parse(std::string_view rat) {
    if (rat == last_text_) return last_mask_;
    Result<std::uint32_t> mask = identifiers::ParseRatList(rat);
    if (mask.ok()) {
      last_text_.assign(rat);
      last_mask_ = *mask;
    }
    return mask;
  }

 private:
  std::string last_text_;
  std::uint32_t last_mask_ = 0;
};

// The line after `line` is longer than `max_bytes`: reading stopped there.
inline void ReportLineTooLong(OperatorDataErrors* errors, std::int64_t line,
                              std::size_t max_bytes) {
  errors->Add(line + 1, 0, "", "line_too_long",
              fmt::format("the line is longer than {} bytes; reading stopped here", max_bytes));
}

// After the last line: an empty file, or a header with no data rows, is an error.
inline void ReportMissingRows(OperatorDataErrors* errors, bool header_seen,
                              std::int64_t data_rows) {
  if (!header_seen) {
    errors->Add(0, 0, "", "empty_file", "the file is empty (no header row)");
  } else if (data_rows == 0 && errors->empty()) {
    errors->Add(0, 0, "", "no_data_rows", "the file has a header but no data rows");
  }
}

}  // namespace openceir::observe::row_fields
