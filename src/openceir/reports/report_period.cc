#include "openceir/reports/report_period.h"

#include <fmt/format.h>

namespace openceir::reports {
namespace {

constexpr int kAllRuns = 1'000'000;

}  // namespace

Result<store::DateWindow> MonthWindow(int month, int year) {
  if (month < 1 || month > 12 || year < 1970 || year > 9999) {
    return InvalidInputError(fmt::format(
        "month {} of year {}: the month must be 1-12 and the year 1970-9999", month, year));
  }
  store::MonthIndex index = year * 12 + (month - 1);
  Date first = store::FirstDayOf(index);
  return store::DateWindow{first, Date{first.days + store::DaysIn(index) - 1}};
}

Result<store::DateWindow> ParseWindow(const std::string& first, const std::string& last) {
  std::optional<Date> from = ParseYyyymmdd(first);
  std::optional<Date> to = ParseYyyymmdd(last);
  if (!from || !to) {
    return InvalidInputError(fmt::format("'{}' is not a day YYYYMMDD", !from ? first : last));
  }
  if (*to < *from) {
    return InvalidInputError(
        fmt::format("the period ends ({}) before it starts ({})", last, first));
  }
  return store::DateWindow{*from, *to};
}

Result<std::optional<store::ClassificationRunRecord>> ChooseRun(
    store::RegistryStore& registry, store::DateWindow window,
    std::optional<store::JobId> requested) {
  if (requested) {
    OPENCEIR_ASSIGN_OR_RETURN(store::ClassificationRunRecord run,
                              registry.GetClassificationRun(*requested));
    return std::optional<store::ClassificationRunRecord>(std::move(run));
  }
  OPENCEIR_ASSIGN_OR_RETURN(std::vector<store::ClassificationRunRecord> runs,
                            registry.ListClassificationRuns(kAllRuns));
  const Date day_after{window.last.days + 1};
  std::optional<store::ClassificationRunRecord> after;
  for (store::ClassificationRunRecord& run : runs) {  // newest first
    if (run.curr_date >= window.first && run.curr_date <= day_after) {
      return std::optional<store::ClassificationRunRecord>(std::move(run));
    }
    if (run.curr_date > day_after) after = std::move(run);  // ends as the earliest after
  }
  return after;
}

}  // namespace openceir::reports
