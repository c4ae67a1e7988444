// Calendar dates as days since 1970-01-01 (proleptic Gregorian), and their text forms.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace openceir {

// A calendar day. Ordered, hashable by `days`, cheap to copy.
struct Date {
  std::int32_t days = 0;  // days since 1970-01-01

  friend auto operator<=>(const Date&, const Date&) = default;
};

// Builds a date from year, month (1-12), day (1-31); nullopt when that day does not exist.
std::optional<Date> DateFromCivil(int year, int month, int day);
void CivilFromDate(Date date, int* year, int* month, int* day);

// "20261128" -> date; nullopt unless exactly 8 digits naming a real day.
std::optional<Date> ParseYyyymmdd(std::string_view text);
std::string FormatYyyymmdd(Date date);

// "17-Mar-2015" (GSMA TAC database form; month name case-insensitive) -> date.
std::optional<Date> ParseDdMonYyyy(std::string_view text);

// "2026-11-28" -> date; nullopt unless that exact form naming a real day.
std::optional<Date> ParseIsoDate(std::string_view text);
std::string FormatIsoDate(Date date);

// Whole days since the epoch for a Unix time (UTC).
Date DateFromUnixSeconds(std::int64_t seconds);

}  // namespace openceir
