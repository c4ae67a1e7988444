#include "openceir/events/cell_row_parser.h"

#include <fmt/format.h>

#include <algorithm>
#include <charconv>
#include <cmath>

namespace openceir::events {
namespace {

constexpr std::array<std::string_view, kCellColumnCount> kNames = {
    "radio", "mcc",   "net",     "area",       "cell",    "unit",    "lon",
    "lat",   "range", "samples", "changeable", "created", "updated", "averagesignal"};

std::string_view Trim(std::string_view text) {
  while (!text.empty() && (text.front() == ' ' || text.front() == '\t')) text.remove_prefix(1);
  while (!text.empty() && (text.back() == ' ' || text.back() == '\t')) text.remove_suffix(1);
  return text;
}

std::string Lower(std::string_view text) {
  std::string out(text);
  for (char& c : out) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return out;
}

std::string Shown(std::string_view value) {
  constexpr std::size_t kMax = 40;
  if (value.size() <= kMax) return std::string(value);
  return fmt::format("{}...", value.substr(0, kMax));
}

// Requires AllDigits(text) and at most 9 digits.
unsigned DigitsValue(std::string_view text) {
  unsigned v = 0;
  for (char c : text) v = v * 10 + static_cast<unsigned>(c - '0');
  return v;
}

bool AllDigits(std::string_view text) {
  if (text.empty()) return false;
  for (char c : text) {
    if (c < '0' || c > '9') return false;
  }
  return true;
}

// An optionally signed decimal integer that fits in int64.
bool ParseInteger(std::string_view text, std::int64_t* value) {
  if (text.empty()) return false;
  const char* first = text.data();
  if (*first == '+') ++first;
  auto [ptr, ec] = std::from_chars(first, text.data() + text.size(), *value);
  return ec == std::errc() && ptr == text.data() + text.size() && first != ptr;
}

bool ParseDecimal(std::string_view text, double* value) {
  if (text.empty()) return false;
  const char* first = text.data();
  if (*first == '+') ++first;
  auto [ptr, ec] =
      std::from_chars(first, text.data() + text.size(), *value, std::chars_format::fixed);
  return ec == std::errc() && ptr == text.data() + text.size() && first != ptr &&
         std::isfinite(*value);
}

}  // namespace

void CellRowParser::Error(std::int64_t line, int column, std::string rule, std::string message) {
  std::string name;
  if (column > 0 && column <= static_cast<int>(names_.size())) {
    name = names_[static_cast<std::size_t>(column - 1)];
  }
  errors_->Add(line, column, std::move(name), std::move(rule), std::move(message));
}

bool CellRowParser::ParseHeader(std::int64_t line, const std::vector<std::string_view>& fields) {
  std::int64_t before = errors_->total();
  index_.fill(-1);
  names_.clear();
  for (std::size_t i = 0; i < fields.size(); ++i) {
    std::string_view raw = Trim(fields[i]);
    if (i == 0 && raw.substr(0, 3) == "\xEF\xBB\xBF") raw.remove_prefix(3);
    names_.push_back(Lower(raw));
  }
  for (std::size_t i = 0; i < names_.size(); ++i) {
    const std::string& name = names_[i];
    int column = static_cast<int>(i) + 1;
    auto known = std::find(kNames.begin(), kNames.end(), name);
    if (known == kNames.end()) {
      Error(line, column, "unknown_column",
            fmt::format("unknown column '{}'; the cell table has the columns radio,mcc,net,area,"
                        "cell,unit,lon,lat,range,samples,changeable,created,updated,"
                        "averageSignal",
                        Shown(name)));
      continue;
    }
    int& slot = index_[static_cast<std::size_t>(known - kNames.begin())];
    if (slot >= 0) {
      Error(line, column, "duplicate_column",
            fmt::format("column '{}' appears twice in the header", name));
    } else {
      slot = static_cast<int>(i);
    }
  }
  for (std::size_t c = 0; c < kCellColumnCount; ++c) {
    if (index_[c] < 0) {
      errors_->Add(line, 0, "", "missing_column",
                   fmt::format("the header has no '{}' column", kNames[c]));
    }
  }
  return errors_->total() == before;
}

bool CellRowParser::ParseRow(std::int64_t line, const std::vector<std::string_view>& fields,
                             store::Cell* cell) {
  if (fields.size() != names_.size()) {
    Error(line, 0, "wrong_field_count",
          fmt::format("the row has {} fields, the header {}", fields.size(), names_.size()));
    return false;
  }
  std::int64_t before = errors_->total();
  auto field = [&](CellColumn c) { return Trim(fields[static_cast<std::size_t>(index_[c])]); };
  auto column = [&](CellColumn c) { return index_[c] + 1; };

  std::string radio = std::string(field(kRadio));
  for (char& ch : radio) {
    if (ch >= 'a' && ch <= 'z') ch = static_cast<char>(ch - 'a' + 'A');
  }
  if (radio != "GSM" && radio != "UMTS" && radio != "LTE" && radio != "NR" && radio != "CDMA") {
    Error(line, column(kRadio), "bad_radio",
          fmt::format("'{}' is not a radio (GSM, UMTS, LTE, NR or CDMA)", Shown(field(kRadio))));
  }
  std::string_view mcc = field(kMcc);
  if (mcc.size() != 3 || !AllDigits(mcc)) {
    Error(line, column(kMcc), "bad_mcc", fmt::format("'{}' is not an MCC (3 digits)", Shown(mcc)));
  }
  std::string_view net = field(kNet);
  if (net.size() < 2 || net.size() > 3 || !AllDigits(net)) {
    Error(line, column(kNet), "bad_net",
          fmt::format("'{}' is not an MNC (2 or 3 digits, leading zeros kept)", Shown(net)));
  }
  std::int64_t area = 0, ci = 0;
  if (!AllDigits(field(kArea)) || !ParseInteger(field(kArea), &area) ||
      static_cast<std::uint64_t>(area) > kMaxLac) {
    Error(line, column(kArea), "bad_area",
          fmt::format("'{}' is not an area code (integer 0..{})", Shown(field(kArea)), kMaxLac));
  }
  if (!AllDigits(field(kCellColumn)) || !ParseInteger(field(kCellColumn), &ci) ||
      static_cast<std::uint64_t>(ci) > kMaxCi) {
    Error(line, column(kCellColumn), "bad_cell",
          fmt::format("'{}' is not a cell identity (integer 0..{})", Shown(field(kCellColumn)),
                      kMaxCi));
  }
  double lon = 0, lat = 0;
  if (!ParseDecimal(field(kLon), &lon) || lon < -180 || lon > 180) {
    Error(line, column(kLon), "bad_lon",
          fmt::format("'{}' is not a longitude (decimal degrees in [-180, 180])",
                      Shown(field(kLon))));
  }
  if (!ParseDecimal(field(kLat), &lat) || lat < -90 || lat > 90) {
    Error(line, column(kLat), "bad_lat",
          fmt::format("'{}' is not a latitude (decimal degrees in [-90, 90])", Shown(field(kLat))));
  }
  std::int64_t range = 0;
  for (CellColumn c : {kRange, kSamples, kCreated, kUpdated}) {
    std::int64_t value = 0;
    if (!ParseInteger(field(c), &value) || value < 0) {
      Error(line, column(c), fmt::format("bad_{}", kNames[c]),
            fmt::format("'{}' is not a {} (integer >= 0)", Shown(field(c)), kNames[c]));
    }
    if (c == kRange) range = value;
  }
  if (field(kChangeable) != "0" && field(kChangeable) != "1") {
    Error(line, column(kChangeable), "bad_changeable",
          fmt::format("'{}' is not 0 or 1", Shown(field(kChangeable))));
  }
  for (CellColumn c : {kUnit, kAverageSignal}) {
    std::int64_t value = 0;
    if (!field(c).empty() && !ParseInteger(field(c), &value)) {
      Error(line, column(c), c == kUnit ? "bad_unit" : "bad_averagesignal",
            fmt::format("'{}' is not an integer", Shown(field(c))));
    }
  }
  if (errors_->total() != before) return false;

  CellKey key = MakeCellKey(DigitsValue(mcc), DigitsValue(net), static_cast<int>(net.size()),
                            static_cast<std::uint64_t>(area), static_cast<std::uint64_t>(ci));
  auto [it, inserted] = seen_.emplace(key, line);
  if (!inserted) {
    Error(line, 0, "duplicate_cell",
          fmt::format("cell {} is also on line {}", FormatCellId(key), it->second));
    return false;
  }
  cell->cell_id = FormatCellId(key);
  cell->radio = std::move(radio);
  cell->lat = lat;
  cell->lon = lon;
  cell->range_m = static_cast<std::int32_t>(std::min<std::int64_t>(range, INT32_MAX));
  return true;
}

}  // namespace openceir::events
