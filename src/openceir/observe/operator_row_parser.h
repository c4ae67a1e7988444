// OperatorRowParser: the hot path of the operator data import. Splits complete lines of a
// chunk into fields (views, no allocation per row), validates every value (FORMATS.md), counts
// what the data-quality checks need, and emits compact rows (packed keys, sketch hashes) for the
// aggregation stage.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "openceir/base/date.h"
#include "openceir/observe/daily_counter.h"
#include "openceir/observe/operator_data_error.h"
#include "openceir/observe/region_matcher.h"
#include "openceir/observe/row_fields.h"

namespace openceir::observe {

// Where each column is (0-based field index); rat = -1 when the file has no rat column.
struct OperatorDataColumns {
  int date = -1;
  int imei = -1;
  int imsi = -1;
  int msisdn = -1;
  int rat = -1;
  int count = 0;
  std::vector<std::string> names;  // header names, lower-case, by index
};

// Parses the header line (case-insensitive names, any order). Adds missing_column,
// duplicate_column, unknown_column and empty_column_name errors (line 1); true when none.
bool ParseOperatorHeader(std::string_view line, OperatorDataColumns* columns,
                         OperatorDataErrors* errors);

// What the data-quality checks measure, over all data rows.
struct QualityCounts {
  std::int64_t rows = 0;
  std::int64_t null_imei = 0;
  std::int64_t null_imsi = 0;
  std::int64_t null_msisdn = 0;
  std::int64_t null_rat = 0;
  std::int64_t null_combined = 0;  // rows with any of IMEI, IMSI, MSISDN null
  std::int64_t unclean_imei = 0;   // non-null imei_norm that is not 14 digits
  std::int64_t unclean_imsi = 0;   // non-null IMSI that is not 14-15 digits
  std::int64_t unclean_combined = 0;
  std::int64_t out_of_region_imsi = 0;    // non-null IMSI whose MCC is not the region's
  std::int64_t out_of_region_msisdn = 0;  // non-null MSISDN without a region country code
  std::int64_t out_of_region_combined = 0;
  std::int64_t non_home_network = 0;  // non-null IMSI not of the importing operator
  std::int64_t imei_starts_0 = 0;     // non-null IMEIs starting with '0'
  std::int64_t imei_starts_1 = 0;     // ... with '1'
  // 14-digit IMEIs starting with '1', by the TAC they would have with a leading 0 restored
  // ("0" + their first 7 digits, as a number).
  std::unordered_map<std::uint32_t, std::int64_t> shifted_tacs;
};

// One validated data row, compact. imei_key: a packed 14-digit imei_norm, kArenaImei (the
// imei_norm is batch.arena[arena_offset, +arena_length)), or kNullImei.
struct ParsedRow {
  static constexpr std::uint64_t kNullImei = ~std::uint64_t{0};
  static constexpr std::uint64_t kArenaImei = ~std::uint64_t{0} - 1;
  std::uint64_t imei_key = kNullImei;
  std::uint64_t imsi_key = 0;    // PackSubscriberId; 0 = null
  std::uint64_t msisdn_key = 0;  // PackSubscriberId; 0 = null
  Date day;
  std::uint32_t rat_mask = 0;
  std::uint32_t arena_offset = 0;
  std::uint8_t arena_length = 0;
  std::uint8_t imsi_class = 0;
  SketchHashes hashes;
};

struct ParsedBatch {
  std::vector<ParsedRow> rows;
  std::string arena;
  void clear() {
    rows.clear();
    arena.clear();
  }
};

// Not thread-safe; one parser reads one file, chunk after chunk, in order.
class OperatorRowParser {
 public:
  // `errors` (not owned) receives every problem; `first_day`..`last_day` is the file name's
  // range. The parser expects the header as the first line of the first chunk.
  OperatorRowParser(const RegionMatcher* region, Date first_day, Date last_day,
                    OperatorDataErrors* errors);

  // Parses `chunk`: whole lines (the last may lack its line break only at the end of the
  // file). Valid rows are appended to `out` until the first error anywhere in the file; after
  // that rows are still validated (to count errors) but not emitted.
  void ParseChunk(std::string_view chunk, ParsedBatch* out);

  // Call after the last chunk: reports an empty file or a file with a header only.
  void Finish();
  // The line after the last one parsed is longer than `max_bytes` (reading stopped there).
  void ReportLineTooLong(std::size_t max_bytes);
  // Lines longer than this are line_too_long errors (default 1 MiB).
  void set_max_line_bytes(std::size_t bytes) { max_line_bytes_ = bytes; }

  const QualityCounts& counts() const { return counts_; }
  bool header_seen() const { return header_seen_; }
  const OperatorDataColumns& columns() const { return columns_; }
  std::int64_t lines() const { return line_; }

 private:
  void ParseLine(std::string_view line, ParsedBatch* out);
  void Error(int column, std::string rule, std::string message);

  const RegionMatcher* region_;
  Date first_day_;
  Date last_day_;
  OperatorDataErrors* errors_;
  OperatorDataColumns columns_;
  bool header_seen_ = false;
  std::size_t max_line_bytes_ = std::size_t{1} << 20;
  std::int64_t line_ = 0;
  QualityCounts counts_;
  static constexpr int kMaxFields = 16;
  std::string_view fields_[kMaxFields];
  // Caches: consecutive rows mostly repeat the day, RAT list and IMSI prefix.
  std::uint64_t last_date_text_ = 0;
  Date last_date_;
  bool last_date_ok_ = false;
  row_fields::RatListCache rats_;
  std::uint64_t last_imsi_prefix_ = ~std::uint64_t{0};
  ImsiFacts last_imsi_facts_;
};

}  // namespace openceir::observe
