// The events row parser. One pass over each line; fields are views into the chunk.
#include "openceir/events/event_row_parser.h"

#include <fmt/format.h>

#include <array>
#include <cstring>

#include "openceir/csv/line_fields.h"
#include "openceir/observe/row_fields.h"
#include "openceir/observe/row_text.h"

namespace openceir::events {
namespace {

namespace row_fields = observe::row_fields;
using observe::row_text::PackDigits;
using observe::row_text::Shown;
using observe::row_text::Trim;

// `n` digits at text[at..] -> value; -1 when any is not a digit.
inline int Digits(std::string_view text, std::size_t at, int n) {
  int value = 0;
  for (int i = 0; i < n; ++i) {
    unsigned d = static_cast<unsigned char>(text[at + static_cast<std::size_t>(i)]) - '0';
    if (d > 9) return -1;
    value = value * 10 + static_cast<int>(d);
  }
  return value;
}

// Checks the time-of-day part and zone of a timestamp whose date part (first 10 characters)
// was checked already; seconds since midnight, or -1.
int TimeOfDay(std::string_view text) {
  if (text.size() < 20 || text[10] != 'T' || text[13] != ':' || text[16] != ':') return -1;
  int hh = Digits(text, 11, 2);
  int mm = Digits(text, 14, 2);
  int ss = Digits(text, 17, 2);
  if (hh < 0 || hh > 23 || mm < 0 || mm > 59 || ss < 0 || ss > 59) return -1;
  std::string_view zone = text.substr(19);
  if (!zone.empty() && zone.front() == '.') {
    std::size_t i = 1;
    while (i < zone.size() && zone[i] >= '0' && zone[i] <= '9') ++i;
    if (i == 1) return -1;
    zone.remove_prefix(i);
  }
  if (zone != "Z" && zone != "+00:00") return -1;
  return hh * 3600 + mm * 60 + ss;
}

std::optional<Date> DatePart(std::string_view text) {
  if (text.size() < 10 || text[4] != '-' || text[7] != '-') return std::nullopt;
  int y = Digits(text, 0, 4);
  int m = Digits(text, 5, 2);
  int d = Digits(text, 8, 2);
  if (y < 0 || m < 0 || d < 0) return std::nullopt;
  return DateFromCivil(y, m, d);
}

}  // namespace

bool ParseUtcTimestamp(std::string_view text, std::int64_t* seconds) {
  std::optional<Date> day = DatePart(text);
  if (!day) return false;
  int time = TimeOfDay(text);
  if (time < 0) return false;
  *seconds = std::int64_t{day->days} * 86400 + time;
  return true;
}

EventRowParser::EventRowParser(const observe::RegionMatcher* region, Date first_day, Date last_day,
                               observe::OperatorDataErrors* errors)
    : region_(region), first_day_(first_day), last_day_(last_day), errors_(errors) {}

void EventRowParser::Error(int column, std::string rule, std::string message) {
  row_fields::AddFieldError(errors_, line_, columns_.names, column, std::move(rule),
                            std::move(message));
}

bool EventRowParser::ParseHeader(std::string_view line) {
  std::int64_t before = errors_->total();
  columns_.names = row_fields::HeaderNames(line);
  for (int index = 0; index < static_cast<int>(columns_.names.size()); ++index) {
    const std::string& name = columns_.names[static_cast<std::size_t>(index)];
    int* slot = nullptr;
    if (name == "timestamp") slot = &columns_.timestamp;
    if (name == "imei") slot = &columns_.imei;
    if (name == "imsi") slot = &columns_.imsi;
    if (name == "msisdn") slot = &columns_.msisdn;
    if (name == "rat") slot = &columns_.rat;
    if (name == "cell_id") slot = &columns_.cell_id;
    if (name.empty()) {
      Error(index + 1, "empty_column_name", "the header has an empty column name");
    } else if (slot == nullptr) {
      Error(index + 1, "unknown_column",
            fmt::format("unknown column '{}'; events have the columns "
                        "timestamp,imei,imsi,msisdn,rat,cell_id",
                        Shown(name)));
    } else if (*slot >= 0) {
      Error(index + 1, "duplicate_column",
            fmt::format("column '{}' appears twice in the header", name));
    } else {
      *slot = index;
    }
  }
  columns_.count = static_cast<int>(columns_.names.size());
  for (auto [slot, name] :
       {std::pair{columns_.timestamp, "timestamp"}, std::pair{columns_.imei, "imei"},
        std::pair{columns_.imsi, "imsi"}, std::pair{columns_.msisdn, "msisdn"},
        std::pair{columns_.cell_id, "cell_id"}}) {
    if (slot < 0) {
      Error(0, "missing_column",
            fmt::format("the header has no '{}' column (required: timestamp,imei,imsi,msisdn,"
                        "cell_id; optional: rat)",
                        name));
    }
  }
  if (columns_.count > kMaxFields) {
    Error(0, "too_many_columns", fmt::format("the header has {} columns", columns_.count));
  }
  return errors_->total() == before;
}

void EventRowParser::ParseChunk(std::string_view chunk, EventBatch* out) {
  const char* p = chunk.data();
  const char* end = p + chunk.size();
  while (p < end) {
    const char* nl =
        static_cast<const char*>(std::memchr(p, '\n', static_cast<std::size_t>(end - p)));
    const char* line_end = nl == nullptr ? end : nl;
    std::string_view line(p, static_cast<std::size_t>(line_end - p));
    p = nl == nullptr ? end : nl + 1;
    ++line_;
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    if (!header_seen_) {
      if (line_ == 1 && line.substr(0, 3) == "\xEF\xBB\xBF") line.remove_prefix(3);
      if (line.empty()) continue;
      header_seen_ = true;
      header_ok_ = ParseHeader(line);
      continue;
    }
    if (line.empty() || !header_ok_) continue;
    ParseLine(line, out);
  }
}

void EventRowParser::ParseLine(std::string_view line, EventBatch* out) {
  csv::LineFieldsProblem problem;
  const int count = csv::SplitLineFields(line, fields_, &problem);
  if (count < 0) {
    Error(problem.field, std::string(problem.rule), std::string(problem.message));
    return;
  }
  ++rows_;
  if (count != columns_.count) {
    Error(0, "wrong_field_count",
          fmt::format("the row has {} fields, the header {}", count, columns_.count));
    return;
  }
  ParsedEvent row;

  // timestamp
  std::string_view timestamp = Trim(fields_[columns_.timestamp]);
  if (timestamp.size() < 10 || std::memcmp(timestamp.data(), last_day_text_, 10) != 0 ||
      !last_day_ok_) {
    last_day_ok_ = false;
    std::optional<Date> day = DatePart(timestamp);
    if (day) {
      std::memcpy(last_day_text_, timestamp.data(), 10);
      last_day_value_ = *day;
      last_day_start_ = std::int64_t{day->days} * 86400;
      last_day_ok_ = true;
    }
  }
  int time_of_day = last_day_ok_ ? TimeOfDay(timestamp) : -1;
  if (time_of_day < 0) {
    Error(
        columns_.timestamp + 1, "bad_timestamp",
        fmt::format("'{}' is not a UTC timestamp (YYYY-MM-DDTHH:MM:SS[.fff]Z)", Shown(timestamp)));
  } else if (last_day_value_ < first_day_ || last_day_value_ > last_day_) {
    Error(columns_.timestamp + 1, "timestamp_outside_range",
          fmt::format("{} is outside the file name's range {}..{}", Shown(timestamp),
                      FormatYyyymmdd(first_day_), FormatYyyymmdd(last_day_)));
  } else {
    row.day = last_day_value_;
    row.time = last_day_start_ + time_of_day;
  }

  // imei -> imei_norm
  std::string_view imei = Trim(fields_[columns_.imei]);
  std::string_view imei_norm;
  if (!imei.empty()) {
    row_fields::ImeiText read = row_fields::ReadImei(imei);
    if (!read.valid) {
      Error(columns_.imei + 1, "bad_imei", row_fields::BadImeiMessage(imei));
    } else {
      imei_norm = row_fields::SetImei(read, imei, &row, &out->arena);
    }
  }

  // imsi
  std::string_view imsi = Trim(fields_[columns_.imsi]);
  if (!imsi.empty()) {
    if (!PackDigits(imsi, &row.imsi_key)) {
      Error(columns_.imsi + 1, "bad_imsi",
            fmt::format("'{}' is not an IMSI (up to 15 decimal digits)", Shown(imsi)));
    } else {
      std::uint64_t prefix = row_fields::ImsiPrefix(imsi);
      if (prefix != last_imsi_prefix_ || imsi.size() < 6) {
        last_imsi_class_ = region_->FactsOfImsi(imsi).imsi_class;
        last_imsi_prefix_ = prefix;
      }
      row.imsi_class = last_imsi_class_;
    }
  }

  // msisdn
  std::string_view msisdn = Trim(fields_[columns_.msisdn]);
  if (!msisdn.empty() && !PackDigits(msisdn, &row.msisdn_key)) {
    Error(columns_.msisdn + 1, "bad_msisdn",
          fmt::format("'{}' is not an MSISDN (up to 15 decimal digits, no '+')", Shown(msisdn)));
  }

  // rat
  if (columns_.rat >= 0) {
    std::string_view rat = Trim(fields_[columns_.rat]);
    if (rat.empty()) {
      // null RAT: the triplet gets no RAT bit
    } else if (Result<std::uint32_t> mask = rats_.Parse(rat); mask.ok()) {
      row.rat_mask = *mask;
    } else {
      Error(columns_.rat + 1, "bad_rat",
            fmt::format("'{}' is not a RAT list: {}", Shown(rat), mask.status().message()));
    }
  }

  // cell_id
  std::string_view cell_id = Trim(fields_[columns_.cell_id]);
  if (!cell_id.empty()) {
    std::optional<CellKey> key = ParseCellId(cell_id);
    if (!key) {
      Error(columns_.cell_id + 1, "bad_cell_id",
            fmt::format("'{}' is not a cell id (MCC-MNC-LAC-CI: 3 digits, 2-3 digits, LAC "
                        "0..{}, CI 0..{})",
                        Shown(cell_id), kMaxLac, kMaxCi));
    } else {
      row.cell = *key;
      row.has_cell = true;
      if (cells_ != nullptr) {
        if (std::optional<std::uint32_t> index = cells_->Find(*key)) row.cell_index = *index;
      }
    }
  }

  if (errors_->total() != 0) {
    // Nothing is emitted once the file has an error; drop this row's arena bytes.
    if (row.imei_key == ParsedEvent::kArenaImei) out->arena.resize(row.arena_offset);
    return;
  }
  row.hashes = row_fields::HashesOf(row, imei_norm);
  out->rows.push_back(row);
}

void EventRowParser::ReportLineTooLong(std::size_t max_bytes) {
  row_fields::ReportLineTooLong(errors_, line_, max_bytes);
}

void EventRowParser::Finish() { row_fields::ReportMissingRows(errors_, header_seen_, rows_); }

}  // namespace openceir::events
