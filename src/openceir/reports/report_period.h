// The period and the classification run a report covers.
#pragma once

#include <optional>

#include "openceir/base/status.h"
#include "openceir/store/imei_summary.h"
#include "openceir/store/registry_store.h"

namespace openceir::reports {

// The days of month `month` (1-12) of `year` (1970-9999). Errors: kInvalidInput otherwise.
Result<store::DateWindow> MonthWindow(int month, int year);

// The days from `first` to `last` (YYYYMMDD each). Errors: kInvalidInput for a bad date or
// `last` before `first`.
Result<store::DateWindow> ParseWindow(const std::string& first, const std::string& last);

// The classification run whose state a report over `window` shows.
//  * `requested` given: that run (kNotFound when it is not a committed classification run);
//  * else the latest run with curr_date inside the window or on the day after it (the day
//    `classify` picks by default for data ending with the window);
//  * else the earliest run after that;
//  * else none (nullopt): no run has looked at the window's data yet.
Result<std::optional<store::ClassificationRunRecord>> ChooseRun(
    store::RegistryStore& registry, store::DateWindow window,
    std::optional<store::JobId> requested);

}  // namespace openceir::reports
