// The operator data row parser. One pass over each line; fields are views into the chunk.
#include "openceir/observe/operator_row_parser.h"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <cstring>

#include "openceir/csv/line_fields.h"
#include "openceir/observe/row_fields.h"
#include "openceir/observe/row_text.h"
#include "openceir/observe/triplet_aggregator.h"

namespace openceir::observe {
namespace {

using row_text::PackDigits;
using row_text::Shown;
using row_text::Trim;

}  // namespace

bool ParseOperatorHeader(std::string_view line, OperatorDataColumns* columns,
                         OperatorDataErrors* errors) {
  std::int64_t before = errors->total();
  *columns = OperatorDataColumns{};
  columns->names = row_fields::HeaderNames(line);
  for (int index = 0; index < static_cast<int>(columns->names.size()); ++index) {
    const std::string& name = columns->names[static_cast<std::size_t>(index)];
    int* slot = nullptr;
    if (name == "date") slot = &columns->date;
    if (name == "imei") slot = &columns->imei;
    if (name == "imsi") slot = &columns->imsi;
    if (name == "msisdn") slot = &columns->msisdn;
    if (name == "rat") slot = &columns->rat;
    if (name.empty()) {
      errors->Add(1, index + 1, "", "empty_column_name", "the header has an empty column name");
    } else if (slot == nullptr) {
      errors->Add(1, index + 1, name, "unknown_column",
                  fmt::format("unknown column '{}'; operator data has the columns "
                              "date,imei,imsi,msisdn[,rat]",
                              name));
    } else if (*slot >= 0) {
      errors->Add(1, index + 1, name, "duplicate_column",
                  fmt::format("column '{}' appears twice in the header", name));
    } else {
      *slot = index;
    }
  }
  columns->count = static_cast<int>(columns->names.size());
  for (auto [slot, name] :
       {std::pair{columns->date, "date"}, std::pair{columns->imei, "imei"},
        std::pair{columns->imsi, "imsi"}, std::pair{columns->msisdn, "msisdn"}}) {
    if (slot < 0) {
      errors->Add(1, 0, "", "missing_column",
                  fmt::format("the header has no '{}' column (required: date,imei,imsi,msisdn; "
                              "optional: rat)",
                              name));
    }
  }
  return errors->total() == before;
}

OperatorRowParser::OperatorRowParser(const RegionMatcher* region, Date first_day, Date last_day,
                                     OperatorDataErrors* errors)
    : region_(region), first_day_(first_day), last_day_(last_day), errors_(errors) {}

void OperatorRowParser::Error(int column, std::string rule, std::string message) {
  row_fields::AddFieldError(errors_, line_, columns_.names, column, std::move(rule),
                            std::move(message));
}

void OperatorRowParser::ParseChunk(std::string_view chunk, ParsedBatch* out) {
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
    if (line.size() > max_line_bytes_) {
      Error(0, "line_too_long", fmt::format("the line is longer than {} bytes", max_line_bytes_));
      continue;
    }
    if (!header_seen_) {
      if (line_ == 1 && line.substr(0, 3) == "\xEF\xBB\xBF") line.remove_prefix(3);
      if (line.empty()) continue;  // blank lines before the header
      header_seen_ = true;
      ParseOperatorHeader(line, &columns_, errors_);
      if (columns_.count > kMaxFields) {
        Error(0, "too_many_columns", fmt::format("the header has {} columns", columns_.count));
      }
      continue;
    }
    if (line.empty()) continue;  // as CsvReader: an empty line is not a record
    ParseLine(line, out);
  }
}

void OperatorRowParser::ParseLine(std::string_view line, ParsedBatch* out) {
  if (columns_.count > kMaxFields || columns_.date < 0 || columns_.imei < 0 || columns_.imsi < 0 ||
      columns_.msisdn < 0) {
    return;  // the header is already wrong; every row would repeat it
  }
  csv::LineFieldsProblem problem;
  const int count = csv::SplitLineFields(line, fields_, &problem);
  if (count < 0) {
    Error(problem.field, std::string(problem.rule), std::string(problem.message));
    return;
  }
  if (count != columns_.count) {
    Error(0, "wrong_field_count",
          fmt::format("the row has {} fields, the header {}", count, columns_.count));
    return;
  }
  ParsedRow row;

  // date
  std::string_view date_text = Trim(fields_[columns_.date]);
  std::uint64_t date_word = 0;
  if (date_text.size() == 8) std::memcpy(&date_word, date_text.data(), 8);
  if (date_text.size() != 8 || date_word != last_date_text_ || !last_date_ok_) {
    std::optional<Date> day = ParseYyyymmdd(date_text);
    last_date_ok_ = false;
    if (!day) {
      Error(columns_.date + 1, "bad_date",
            fmt::format("'{}' is not a date (YYYYMMDD)", Shown(date_text)));
    } else if (*day < first_day_ || *day > last_day_) {
      Error(columns_.date + 1, "date_outside_range",
            fmt::format("{} is outside the file name's range {}..{}", date_text,
                        FormatYyyymmdd(first_day_), FormatYyyymmdd(last_day_)));
    } else {
      last_date_text_ = date_word;
      last_date_ = *day;
      last_date_ok_ = true;
    }
  }
  row.day = last_date_;

  // imei -> imei_norm
  std::string_view imei = Trim(fields_[columns_.imei]);
  std::string_view imei_norm;
  bool imei_null = imei.empty();
  bool imei_unclean = false;
  if (!imei_null) {
    row_fields::ImeiText read = row_fields::ReadImei(imei);
    if (!read.valid) {
      Error(columns_.imei + 1, "bad_imei", row_fields::BadImeiMessage(imei));
    } else {
      imei_unclean = !read.packed();
      imei_norm = row_fields::SetImei(read, imei, &row, &out->arena);
    }
    if (imei.front() == '0') ++counts_.imei_starts_0;
    if (imei.front() == '1') {
      ++counts_.imei_starts_1;
      if (read.packed()) {
        ++counts_.shifted_tacs[static_cast<std::uint32_t>(read.leading_value / 10'000'000)];
      }
    }
  }

  // imsi
  std::string_view imsi = Trim(fields_[columns_.imsi]);
  bool imsi_unclean = false;
  bool imsi_out = false;
  if (!imsi.empty()) {
    if (!PackDigits(imsi, &row.imsi_key)) {
      Error(columns_.imsi + 1, "bad_imsi",
            fmt::format("'{}' is not an IMSI (up to 15 decimal digits)", Shown(imsi)));
    } else {
      imsi_unclean = imsi.size() < 14;
      std::uint64_t prefix = row_fields::ImsiPrefix(imsi);
      if (prefix != last_imsi_prefix_ || imsi.size() < 6) {
        last_imsi_facts_ = region_->FactsOfImsi(imsi);
        last_imsi_prefix_ = prefix;
      }
      imsi_out = !last_imsi_facts_.in_region;
      row.imsi_class = last_imsi_facts_.imsi_class;
      if (!last_imsi_facts_.home_network) ++counts_.non_home_network;
    }
  }

  // msisdn
  std::string_view msisdn = Trim(fields_[columns_.msisdn]);
  bool msisdn_out = false;
  if (!msisdn.empty()) {
    if (!PackDigits(msisdn, &row.msisdn_key)) {
      Error(columns_.msisdn + 1, "bad_msisdn",
            fmt::format("'{}' is not an MSISDN (up to 15 decimal digits, no '+')", Shown(msisdn)));
    } else {
      msisdn_out = !region_->MsisdnInRegion(msisdn);
    }
  }

  // rat
  if (columns_.rat >= 0) {
    std::string_view rat = Trim(fields_[columns_.rat]);
    if (rat.empty()) {
      ++counts_.null_rat;
    } else if (Result<std::uint32_t> mask = rats_.Parse(rat); mask.ok()) {
      row.rat_mask = *mask;
    } else {
      Error(columns_.rat + 1, "bad_rat",
            fmt::format("'{}' is not a RAT list: {}", Shown(rat), mask.status().message()));
    }
  }

  ++counts_.rows;
  bool imsi_null = imsi.empty();
  bool msisdn_null = msisdn.empty();
  counts_.null_imei += imei_null;
  counts_.null_imsi += imsi_null;
  counts_.null_msisdn += msisdn_null;
  counts_.null_combined += imei_null || imsi_null || msisdn_null;
  counts_.unclean_imei += imei_unclean;
  counts_.unclean_imsi += imsi_unclean;
  counts_.unclean_combined += imei_unclean || imsi_unclean;
  counts_.out_of_region_imsi += imsi_out;
  counts_.out_of_region_msisdn += msisdn_out;
  counts_.out_of_region_combined += imsi_out || msisdn_out;

  if (errors_->total() != 0) {
    // Nothing is emitted once the file has an error; drop this row's arena bytes.
    if (row.imei_key == ParsedRow::kArenaImei) out->arena.resize(row.arena_offset);
    return;
  }
  row.hashes = row_fields::HashesOf(row, imei_norm);
  out->rows.push_back(row);
}

void OperatorRowParser::ReportLineTooLong(std::size_t max_bytes) {
  row_fields::ReportLineTooLong(errors_, line_, max_bytes);
}

void OperatorRowParser::Finish() {
  row_fields::ReportMissingRows(errors_, header_seen_, counts_.rows);
}

}  // namespace openceir::observe
