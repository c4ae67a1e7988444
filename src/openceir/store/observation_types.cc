// Month arithmetic and names for the observation store rows (see observation_types.h).
#include "openceir/store/observation_types.h"

#include <fmt/format.h>

namespace openceir::store {
namespace {

// Floor division, so months before year 0 still map to the right year.
constexpr std::int32_t FloorDiv(std::int32_t a, std::int32_t b) {
  return a / b - ((a % b != 0) && ((a < 0) != (b < 0)) ? 1 : 0);
}

// Howard Hinnant's days_from_civil for the first day of a month: total over every MonthIndex,
// unlike DateFromCivil, which refuses years outside 1-9999.
std::int32_t DaysFromCivilFirst(std::int32_t y, std::int32_t m) {
  y -= m <= 2 ? 1 : 0;
  const std::int32_t era = (y >= 0 ? y : y - 399) / 400;
  const std::int32_t yoe = y - era * 400;
  const std::int32_t doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5;
  const std::int32_t doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + doe - 719468;
}

}  // namespace

MonthIndex MonthOf(Date date) {
  int year = 0;
  int month = 0;
  int day = 0;
  CivilFromDate(date, &year, &month, &day);
  return year * 12 + (month - 1);
}

Date FirstDayOf(MonthIndex month) {
  const std::int32_t year = FloorDiv(month, 12);
  return Date{DaysFromCivilFirst(year, month - year * 12 + 1)};
}

int DaysIn(MonthIndex month) { return FirstDayOf(month + 1).days - FirstDayOf(month).days; }

std::string FormatMonth(MonthIndex month) {
  const std::int32_t year = FloorDiv(month, 12);
  return fmt::format("{:04d}{:02d}", year, month - year * 12 + 1);
}

std::string_view ObservationImportKindName(ObservationImportKind kind) {
  switch (kind) {
    case ObservationImportKind::kOperatorData: return "operator";
    case ObservationImportKind::kEvents: return "events";
    case ObservationImportKind::kCells: return "cells";
  }
  return "unknown";
}

}  // namespace openceir::store
