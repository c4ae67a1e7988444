// ErrorSink and InputError::ToString.
#include "openceir/ingest/error_sink.h"

#include <fmt/format.h>

#include <utility>

namespace openceir::ingest {

std::string InputError::ToString() const {
  std::string out = file;
  if (line > 0) {
    out += fmt::format(":{}", line);
    if (column > 0) out += fmt::format(":{}", column);
  }
  if (!column_name.empty()) out += fmt::format(" ({})", column_name);
  if (!out.empty()) out += ": ";
  out += rule;
  if (!message.empty()) out += ": " + message;
  return out;
}

ErrorSink::ErrorSink(std::string file, int max_listed)
    : file_(std::move(file)),
      max_listed_(max_listed > 0 ? static_cast<std::size_t>(max_listed) : 0) {}

void ErrorSink::Add(std::int64_t line, int column, std::string column_name, std::string rule,
                    std::string message) {
  ++total_;
  if (listed_.size() >= max_listed_) return;
  listed_.push_back(
      InputError{file_, line, column, std::move(column_name), std::move(rule), std::move(message)});
}

}  // namespace openceir::ingest
