// EventRowParser: the hot path of the events import. Splits complete lines of a chunk into
// fields (views, no allocation per row), validates every value and emits compact rows.
//
// Columns (any order, names case-insensitive): timestamp, imei, imsi, msisdn, cell_id required;
// rat optional. Rules:
//   timestamp  YYYY-MM-DDTHH:MM:SS[.fraction](Z|+00:00), a real UTC instant; its day inside the
//              file name's range                                 bad_timestamp,
//              timestamp_outside_range
//   imei       [0-9A-Fa-f*#]{1,16} or empty (null); imei_norm as FORMATS.md     bad_imei
//   imsi, msisdn  up to 15 decimal digits or empty                    bad_imsi, bad_msisdn
//   rat        a RAT list (identifiers/rat.h) or empty                           bad_rat
//   cell_id    MCC-MNC-LAC-CI (events/cell_id.h) or empty (no cell)          bad_cell_id
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "openceir/base/date.h"
#include "openceir/events/cell_id.h"
#include "openceir/events/cell_index.h"
#include "openceir/observe/daily_counter.h"
#include "openceir/observe/operator_data_error.h"
#include "openceir/observe/region_matcher.h"
#include "openceir/observe/row_fields.h"

namespace openceir::events {

struct EventColumns {
  int timestamp = -1;
  int imei = -1;
  int imsi = -1;
  int msisdn = -1;
  int rat = -1;
  int cell_id = -1;
  int count = 0;
  std::vector<std::string> names;  // header names, lower-case, by index
};

// One validated event. imei_key: a packed 14-digit imei_norm (identifiers::PackImei),
// kArenaImei (the imei_norm is batch.arena[arena_offset, +arena_length)) or kNullImei.
struct ParsedEvent {
  static constexpr std::uint64_t kNullImei = ~std::uint64_t{0};
  static constexpr std::uint64_t kArenaImei = ~std::uint64_t{0} - 1;
  std::uint64_t imei_key = kNullImei;
  std::uint64_t imsi_key = 0;    // observe::PackSubscriberId; 0 = null
  std::uint64_t msisdn_key = 0;  // observe::PackSubscriberId; 0 = null
  std::int64_t time = 0;         // Unix seconds UTC
  static constexpr std::uint32_t kCellNotInTable = ~std::uint32_t{0};
  CellKey cell;
  bool has_cell = false;
  // The cell's index in the parser's CellIndex (set_cells), or kCellNotInTable.
  std::uint32_t cell_index = kCellNotInTable;
  Date day;
  std::uint32_t rat_mask = 0;
  std::uint32_t arena_offset = 0;
  std::uint8_t arena_length = 0;
  std::uint8_t imsi_class = 0;
  observe::SketchHashes hashes;
};

struct EventBatch {
  std::vector<ParsedEvent> rows;
  std::string arena;
  void clear() {
    rows.clear();
    arena.clear();
  }
};

// Parses an ISO-8601 UTC timestamp (see above) to Unix seconds; false when it is not one.
bool ParseUtcTimestamp(std::string_view text, std::int64_t* seconds);

// Not thread-safe; one parser reads one file, chunk after chunk, in order.
class EventRowParser {
 public:
  // `errors` (not owned) receives every problem; `first_day`..`last_day` is the file name's
  // range; `region` gives the IMSI classes.
  EventRowParser(const observe::RegionMatcher* region, Date first_day, Date last_day,
                 observe::OperatorDataErrors* errors);

  // Events' cells are looked up in `cells` (not owned; null = none are) by the parser's thread,
  // which has time to spare, instead of the consumer's.
  void set_cells(const CellIndex* cells) { cells_ = cells; }

  // Parses whole lines (the last may lack its line break only at the end of the file). Valid
  // rows are appended to `out` until the first error in the file; after that rows are still
  // validated (to count errors) but not emitted.
  void ParseChunk(std::string_view chunk, EventBatch* out);
  // Call after the last chunk: reports an empty file or a header without rows.
  void Finish();
  void ReportLineTooLong(std::size_t max_bytes);

  std::int64_t rows() const { return rows_; }
  const EventColumns& columns() const { return columns_; }

 private:
  bool ParseHeader(std::string_view line);
  void ParseLine(std::string_view line, EventBatch* out);
  void Error(int column, std::string rule, std::string message);

  const observe::RegionMatcher* region_;
  const CellIndex* cells_ = nullptr;
  Date first_day_;
  Date last_day_;
  observe::OperatorDataErrors* errors_;
  EventColumns columns_;
  bool header_seen_ = false;
  bool header_ok_ = false;
  std::int64_t line_ = 0;
  std::int64_t rows_ = 0;
  static constexpr int kMaxFields = 16;
  std::string_view fields_[kMaxFields];
  // Caches: consecutive rows mostly repeat the day, the RAT list and the IMSI's network.
  char last_day_text_[10] = {};
  std::int64_t last_day_start_ = 0;
  Date last_day_value_;
  bool last_day_ok_ = false;
  observe::row_fields::RatListCache rats_;
  std::uint64_t last_imsi_prefix_ = ~std::uint64_t{0};
  std::uint8_t last_imsi_class_ = 0;
};

}  // namespace openceir::events
