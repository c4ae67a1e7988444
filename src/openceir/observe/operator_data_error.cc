#include "openceir/observe/operator_data_error.h"

#include <fmt/format.h>

namespace openceir::observe {

std::string OperatorDataError::ToString() const {
  std::string out = file;
  if (line > 0) {
    out += fmt::format(":{}", line);
    if (column > 0) out += fmt::format(":{}", column);
  }
  if (!column_name.empty()) out += fmt::format(" ({})", column_name);
  out += fmt::format(": {}: {}", rule, message);
  return out;
}

void OperatorDataErrors::Add(std::int64_t line, int column, std::string column_name,
                             std::string rule, std::string message) {
  ++total_;
  if (listed_.size() >= max_listed_) return;
  listed_.push_back(OperatorDataError{file_, line, column, std::move(column_name), std::move(rule),
                                      std::move(message)});
}

void OperatorDataErrors::Append(OperatorDataErrors&& other) {
  for (OperatorDataError& error : other.listed_) {
    if (listed_.size() >= max_listed_) break;
    listed_.push_back(std::move(error));
  }
  total_ += other.total_;
  other.listed_.clear();
  other.total_ = 0;
}

}  // namespace openceir::observe
