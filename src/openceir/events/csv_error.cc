#include "openceir/events/csv_error.h"

#include <fmt/format.h>

#include <charconv>
#include <string_view>

namespace openceir::events {
namespace {

bool TakeNumber(std::string_view* text, std::int64_t* value) {
  auto [ptr, ec] = std::from_chars(text->data(), text->data() + text->size(), *value);
  if (ec != std::errc() || ptr == text->data() || ptr == text->data() + text->size() ||
      *ptr != ':') {
    return false;
  }
  text->remove_prefix(static_cast<std::size_t>(ptr - text->data()) + 1);
  return true;
}

}  // namespace

void AddCsvError(const Status& error, const std::string& display_name,
                 observe::OperatorDataErrors* errors) {
  std::string_view text = error.message();
  std::int64_t line = 0, column = 0;
  if (text.substr(0, display_name.size()) == display_name &&
      text.substr(display_name.size(), 1) == ":") {
    std::string_view rest = text.substr(display_name.size() + 1);
    if (TakeNumber(&rest, &line) && TakeNumber(&rest, &column)) {
      if (!rest.empty() && rest.front() == ' ') rest.remove_prefix(1);
      std::size_t colon = rest.find(": ");
      if (colon != std::string_view::npos) {
        // CsvReader counts bytes; our columns count fields, so the byte goes in the message.
        errors->Add(line, 0, "", std::string(rest.substr(0, colon)),
                    fmt::format("{} (at byte {} of the line)", rest.substr(colon + 2), column));
        return;
      }
    }
  }
  errors->Add(0, 0, "", "csv_error", std::string(text));
}

}  // namespace openceir::events
