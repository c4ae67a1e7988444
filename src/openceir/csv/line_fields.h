// Splitting one line of a data file into fields, for the import hot paths (operator data,
// events) that cut their input into lines themselves. No valid value of those files holds a
// quote, comma or line break, so a quoted field can only wrap a plain value: it is RFC 4180
// on one line, and a field's inner text is taken as is.
#pragma once

#include <cstring>
#include <span>
#include <string_view>

namespace openceir::csv {

// Why a line could not be split: the 1-based field, the rule and a message.
struct LineFieldsProblem {
  int field = 0;
  std::string_view rule;     // csv_unterminated_quote | csv_stray_quote
  std::string_view message;  // static text
};

// The line with at least one quote (see SplitLineFields).
int SplitQuotedLineFields(std::string_view line, std::span<std::string_view> fields,
                          LineFieldsProblem* problem);

// Splits `line` (without its line break) into `fields`. Returns the number of fields, or
// fields.size() + 1 when the line has more (the rest is not split); -1 with `problem` set when
// its quotes are wrong. Views point into `line`.
inline int SplitLineFields(std::string_view line, std::span<std::string_view> fields,
                           LineFieldsProblem* problem) {
  if (std::memchr(line.data(), '"', line.size()) != nullptr) {
    return SplitQuotedLineFields(line, fields, problem);
  }
  const int capacity = static_cast<int>(fields.size());
  int count = 0;
  const char* p = line.data();
  const char* end = p + line.size();
  for (;;) {
    if (count == capacity) return count + 1;
    const char* comma =
        static_cast<const char*>(std::memchr(p, ',', static_cast<std::size_t>(end - p)));
    if (comma == nullptr) {
      fields[static_cast<std::size_t>(count++)] =
          std::string_view(p, static_cast<std::size_t>(end - p));
      return count;
    }
    fields[static_cast<std::size_t>(count++)] =
        std::string_view(p, static_cast<std::size_t>(comma - p));
    p = comma + 1;
  }
}

}  // namespace openceir::csv
