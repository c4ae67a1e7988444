// The JSON form of the input errors an import reports (ingest::InputError,
// observe::OperatorDataError: the same fields), shared by the import commands' --json output.
#pragma once

#include <nlohmann/json.hpp>
#include <vector>

namespace openceir::cli {

template <typename InputErrorType>
nlohmann::json InputErrorsJson(const std::vector<InputErrorType>& errors) {
  nlohmann::json out = nlohmann::json::array();
  for (const InputErrorType& error : errors) {
    out.push_back({{"file", error.file},
                   {"line", error.line},
                   {"column", error.column},
                   {"column_name", error.column_name},
                   {"rule", error.rule},
                   {"message", error.message}});
  }
  return out;
}

}  // namespace openceir::cli
