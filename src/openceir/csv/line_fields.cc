// The quoted case of SplitLineFields: one field at a time, quotes checked.
#include "openceir/csv/line_fields.h"

namespace openceir::csv {

int SplitQuotedLineFields(std::string_view line, std::span<std::string_view> fields,
                          LineFieldsProblem* problem) {
  const auto fail = [problem](int field, std::string_view rule, std::string_view message) {
    *problem = LineFieldsProblem{field, rule, message};
    return -1;
  };
  const int capacity = static_cast<int>(fields.size());
  int n = 0;
  std::size_t i = 0;
  for (;;) {
    if (n == capacity) return n + 1;
    if (i < line.size() && line[i] == '"') {
      std::size_t j = i + 1;
      for (;;) {
        if (j >= line.size()) {
          return fail(n + 1, "csv_unterminated_quote",
                      "a quoted field is not closed on its line (values never hold line breaks)");
        }
        if (line[j] == '"') {
          if (j + 1 < line.size() && line[j + 1] == '"') {  // "" inside quotes
            j += 2;
            continue;
          }
          break;
        }
        ++j;
      }
      fields[static_cast<std::size_t>(n++)] = line.substr(i + 1, j - i - 1);
      i = j + 1;
      if (i < line.size() && line[i] != ',') {
        return fail(n, "csv_stray_quote", "text after the closing quote of a field");
      }
    } else {
      const std::size_t comma = line.find(',', i);
      const std::size_t stop = comma == std::string_view::npos ? line.size() : comma;
      const std::string_view field = line.substr(i, stop - i);
      if (field.find('"') != std::string_view::npos) {
        return fail(n + 1, "csv_stray_quote", "a quote inside an unquoted field");
      }
      fields[static_cast<std::size_t>(n++)] = field;
      i = stop;
    }
    if (i >= line.size()) return n;
    ++i;  // the comma
  }
}

}  // namespace openceir::csv
