#include "openceir/base/date.h"

#include <fmt/format.h>

#include <array>
#include <cctype>

namespace openceir {
namespace {

// Howard Hinnant's days_from_civil / civil_from_days.
std::int32_t DaysFromCivil(int y, int m, int d) {
  y -= m <= 2 ? 1 : 0;
  const int era = (y >= 0 ? y : y - 399) / 400;
  const int yoe = y - era * 400;
  const int doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
  const int doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + doe - 719468;
}

bool IsLeap(int y) { return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0; }

int DaysInMonth(int y, int m) {
  static constexpr std::array<int, 12> kDays = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  return m == 2 && IsLeap(y) ? 29 : kDays[static_cast<std::size_t>(m - 1)];
}

// At most 9 digits, so the value always fits an int (callers then range-check it).
std::optional<int> ParseDigits(std::string_view text) {
  if (text.empty() || text.size() > 9) return std::nullopt;
  int value = 0;
  for (char c : text) {
    if (c < '0' || c > '9') return std::nullopt;
    value = value * 10 + (c - '0');
  }
  return value;
}

}  // namespace

std::optional<Date> DateFromCivil(int year, int month, int day) {
  if (year < 1 || year > 9999 || month < 1 || month > 12) return std::nullopt;
  if (day < 1 || day > DaysInMonth(year, month)) return std::nullopt;
  return Date{DaysFromCivil(year, month, day)};
}

void CivilFromDate(Date date, int* year, int* month, int* day) {
  const int z = date.days + 719468;
  const int era = (z >= 0 ? z : z - 146096) / 146097;
  const int doe = z - era * 146097;
  const int yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  const int doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const int mp = (5 * doy + 2) / 153;
  *day = doy - (153 * mp + 2) / 5 + 1;
  *month = mp + (mp < 10 ? 3 : -9);
  *year = yoe + era * 400 + (*month <= 2 ? 1 : 0);
}

std::optional<Date> ParseYyyymmdd(std::string_view text) {
  if (text.size() != 8) return std::nullopt;
  auto y = ParseDigits(text.substr(0, 4));
  auto m = ParseDigits(text.substr(4, 2));
  auto d = ParseDigits(text.substr(6, 2));
  if (!y || !m || !d) return std::nullopt;
  return DateFromCivil(*y, *m, *d);
}

std::string FormatYyyymmdd(Date date) {
  int y = 0, m = 0, d = 0;
  CivilFromDate(date, &y, &m, &d);
  return fmt::format("{:04d}{:02d}{:02d}", y, m, d);
}

std::optional<Date> ParseDdMonYyyy(std::string_view text) {
  static constexpr std::array<std::string_view, 12> kMonths = {
      "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"};
  const auto first = text.find('-');
  const auto second = text.rfind('-');
  if (first == std::string_view::npos || second == first) return std::nullopt;
  auto d = ParseDigits(text.substr(0, first));
  auto y = ParseDigits(text.substr(second + 1));
  std::string_view mon = text.substr(first + 1, second - first - 1);
  if (!d || !y || mon.size() != 3 || text.size() - second - 1 != 4) return std::nullopt;
  int month = 0;
  for (std::size_t i = 0; i < kMonths.size(); ++i) {
    bool same = true;
    for (std::size_t k = 0; k < 3; ++k) {
      const auto c = static_cast<char>(std::tolower(static_cast<unsigned char>(mon[k])));
      if (c != kMonths[i][k]) same = false;
    }
    if (same) month = static_cast<int>(i) + 1;
  }
  if (month == 0) return std::nullopt;
  return DateFromCivil(*y, month, *d);
}

std::optional<Date> ParseIsoDate(std::string_view text) {
  if (text.size() != 10 || text[4] != '-' || text[7] != '-') return std::nullopt;
  auto y = ParseDigits(text.substr(0, 4));
  auto m = ParseDigits(text.substr(5, 2));
  auto d = ParseDigits(text.substr(8, 2));
  if (!y || !m || !d) return std::nullopt;
  return DateFromCivil(*y, *m, *d);
}

std::string FormatIsoDate(Date date) {
  int y = 0, m = 0, d = 0;
  CivilFromDate(date, &y, &m, &d);
  return fmt::format("{:04d}-{:02d}-{:02d}", y, m, d);
}

Date DateFromUnixSeconds(std::int64_t seconds) {
  std::int64_t days = seconds / 86400;
  if (seconds % 86400 < 0) --days;
  return Date{static_cast<std::int32_t>(days)};
}

}  // namespace openceir
