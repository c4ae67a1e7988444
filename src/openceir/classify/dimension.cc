#include "openceir/classify/dimension.h"

#include <algorithm>

namespace openceir::classify {

ImeiFacts ImeiFacts::Of(std::string_view imei_norm, const store::ImeiSummary* summary) {
  ImeiFacts facts;
  facts.imei = ImeiKey::Of(imei_norm);
  facts.tac = facts.imei.packed != identifiers::kNotPacked
                  ? identifiers::TacOfPacked(facts.imei.packed)
                  : TacOf(imei_norm);
  facts.summary = summary;
  if (summary != nullptr) facts.first_seen_ever = summary->first_seen_ever;
  return facts;
}

store::DateWindow WindowOfDays(Date curr_date, int days) {
  return {Date{curr_date.days - days}, Date{curr_date.days - 1}};
}

store::DateWindow WindowOfMonths(Date curr_date, int months) {
  int year = 0, month = 0, day = 0;
  CivilFromDate(curr_date, &year, &month, &day);
  int index = year * 12 + (month - 1) - months;
  const int start_year = index / 12;
  const int start_month = index % 12 + 1;
  std::optional<Date> start;
  for (int d = day; d >= 28 && !start; --d) start = DateFromCivil(start_year, start_month, d);
  if (!start) start = DateFromCivil(start_year, start_month, day);
  return {start.value_or(curr_date), Date{curr_date.days - 1}};
}

}  // namespace openceir::classify
