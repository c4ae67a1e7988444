// libFuzzer target: ParseConfigYaml must never crash, throw or leak on any bytes, and its
// outcome must be consistent (a Status with text exactly when there are problems).
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "openceir/config/config_loader.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  openceir::config::ConfigParseOutcome outcome =
      openceir::config::ParseConfigYamlWithProblems(text, "/base");
  openceir::Result<openceir::config::Config> config =
      openceir::config::ParseConfigYaml(text, "fuzz.yaml", "/base");
  if (config.ok() != outcome.ok()) std::abort();
  if (!config.ok() && config.status().message().empty()) std::abort();
  for (const openceir::config::ConfigProblem& problem : outcome.problems) {
    if (problem.message.empty() || problem.line < 0 || problem.column < 0) std::abort();
  }
  return 0;
}
