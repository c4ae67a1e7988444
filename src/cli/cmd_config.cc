// `openceir config check`: loads and validates the configuration exactly as every other command
// does (LoadContext), so it also tells which file and store those commands would use. Every
// configuration problem is printed on its own line, already naming file:line:column and the key
// path (from the config loader). Exit 0 when valid, 1 when not.
#include <fmt/format.h>

#include "cli/commands.h"

namespace openceir::cli {

int RunConfigCheck(const GlobalOptions& global) {
  auto context = LoadContext(global);
  if (!context.ok()) {
    // The loader's messages start with the file name, so it is not repeated here.
    if (context.status().code() == StatusCode::kInvalidInput) {
      fmt::print(stderr, "openceir: invalid configuration:\n{}\n", context.status().message());
      return ExitCodeFor(context.status());
    }
    return ReportError(context.status());
  }
  const config::Config& config = context->config;
  std::string source = context->config_path.empty()
                           ? fmt::format("no file at {}: built-in defaults", global.config_path)
                           : context->config_path;
  fmt::print("{}: OK (region {}, {} operator(s), {} condition(s), store {} at {})\n", source,
             config.region.name, config.region.operators.size(), config.conditions.size(),
             context->store_kind == StoreKind::kPostgresql ? "postgresql" : "sqlite",
             context->store_name);
  return kExitOk;
}

}  // namespace openceir::cli
