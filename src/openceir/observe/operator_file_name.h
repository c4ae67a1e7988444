// The name rules of operator data files: `<operator>_<YYYYMMDD>_<YYYYMMDD>.csv` (optionally
// .gz, .zst or .zip on top), naming the operator that sends it and the days it covers.
#pragma once

#include <string>
#include <string_view>

#include "openceir/base/date.h"

namespace openceir::observe {

struct OperatorFileName {
  std::string operator_id;
  Date first_day;
  Date last_day;
};

// The outcome of checking a name: on failure `rule` and `message` say why.
struct OperatorFileNameCheck {
  bool ok = false;
  OperatorFileName name;
  std::string rule;  // bad_file_name, operator_mismatch, bad_file_date, bad_date_range,
                     // date_range_in_future
  std::string message;
};

// Checks `file_name` (no folder) for `operator_id`: the name pattern, the operator, both dates
// real days, first <= last, and last <= today (the range may not be in the future).
OperatorFileNameCheck CheckOperatorFileName(std::string_view file_name,
                                            std::string_view operator_id, Date today);

}  // namespace openceir::observe
