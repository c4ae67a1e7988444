// `openceir config check`: loads and validates the configuration file; every error names the
// key path (from the config loader). Exit 0 when valid, 1 when not.
#include <fmt/format.h>

#include "cli/commands.h"
#include "openceir/config/config_loader.h"

namespace openceir::cli {

int RunConfigCheck(const GlobalOptions& global) {
  auto config = config::LoadConfigFile(global.config_path);
  if (!config.ok()) {
    fmt::print(stderr, "{}: invalid configuration\n{}\n", global.config_path,
               config.status().message());
    return ExitCodeFor(config.status());
  }
  fmt::print("{}: OK (region {}, {} operator(s), {} condition(s), store {} at {})\n",
             global.config_path, config->region.name, config->region.operators.size(),
             config->conditions.size(), config->store.kind, config->store.path);
  return kExitOk;
}

}  // namespace openceir::cli
