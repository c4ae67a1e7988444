// Formatting of configuration problems.
#include "openceir/config/config_problem.h"

#include <fmt/format.h>

#include <cassert>

namespace openceir::config {

std::string FormatConfigProblem(const std::string& source_name, const ConfigProblem& problem) {
  std::string out = source_name;
  if (problem.line > 0) {
    out += fmt::format(":{}:{}", problem.line, problem.column);
  }
  out += ": ";
  if (!problem.path.empty()) {
    out += problem.path;
    out += ": ";
  }
  out += problem.message;
  return out;
}

Status ConfigProblemsToStatus(const std::string& source_name,
                              const std::vector<ConfigProblem>& problems) {
  assert(!problems.empty());
  std::string message;
  for (const ConfigProblem& problem : problems) {
    if (!message.empty()) message += '\n';
    message += FormatConfigProblem(source_name, problem);
  }
  return InvalidInputError(std::move(message));
}

}  // namespace openceir::config
