#include "openceir/observe/operator_file_name.h"

#include <fmt/format.h>

#include <optional>

namespace openceir::observe {
namespace {

OperatorFileNameCheck Fail(std::string rule, std::string message) {
  OperatorFileNameCheck check;
  check.rule = std::move(rule);
  check.message = std::move(message);
  return check;
}

bool EndsWith(std::string_view text, std::string_view suffix) {
  return text.size() >= suffix.size() && text.substr(text.size() - suffix.size()) == suffix;
}

}  // namespace

OperatorFileNameCheck CheckOperatorFileName(std::string_view file_name,
                                            std::string_view operator_id, Date today) {
  std::string_view stem = file_name;
  for (std::string_view compression : {".gz", ".zst", ".zip"}) {
    if (EndsWith(stem, compression)) {
      stem.remove_suffix(compression.size());
      break;
    }
  }
  const std::string pattern_help = fmt::format(
      "the file name '{}' does not have the form <operator>_<YYYYMMDD>_<YYYYMMDD>.csv", file_name);
  if (!EndsWith(stem, ".csv")) return Fail("bad_file_name", pattern_help);
  stem.remove_suffix(4);
  std::size_t second = stem.rfind('_');
  if (second == std::string_view::npos || second == 0) return Fail("bad_file_name", pattern_help);
  std::size_t first = stem.rfind('_', second - 1);
  if (first == std::string_view::npos || first == 0) return Fail("bad_file_name", pattern_help);
  std::string_view name_operator = stem.substr(0, first);
  std::string_view first_text = stem.substr(first + 1, second - first - 1);
  std::string_view last_text = stem.substr(second + 1);

  if (name_operator != operator_id) {
    return Fail("operator_mismatch",
                fmt::format("the file name names operator '{}', but the import is for '{}'",
                            name_operator, operator_id));
  }
  std::optional<Date> first_day = ParseYyyymmdd(first_text);
  if (!first_day) {
    return Fail("bad_file_date",
                fmt::format("'{}' in the file name is not a date (YYYYMMDD)", first_text));
  }
  std::optional<Date> last_day = ParseYyyymmdd(last_text);
  if (!last_day) {
    return Fail("bad_file_date",
                fmt::format("'{}' in the file name is not a date (YYYYMMDD)", last_text));
  }
  if (*first_day > *last_day) {
    return Fail("bad_date_range",
                fmt::format("the range in the file name starts on {} after it ends on {}",
                            first_text, last_text));
  }
  if (*last_day > today) {
    return Fail("date_range_in_future",
                fmt::format("the range in the file name ends on {}, after today ({})", last_text,
                            FormatYyyymmdd(today)));
  }
  OperatorFileNameCheck check;
  check.ok = true;
  check.name = OperatorFileName{std::string(name_operator), *first_day, *last_day};
  return check;
}

}  // namespace openceir::observe
