// `openceir version`: the program version and the store schema version it expects.
#include <fmt/format.h>

#include "cli/commands.h"

#ifndef OPENCEIR_VERSION
#error "OPENCEIR_VERSION must be defined by the build"
#endif

namespace openceir::cli {

int RunVersion() {
  fmt::print("openceir {} (store schema version {})\n", OPENCEIR_VERSION,
             store::RegistryStore::LatestSchemaVersion());
  return kExitOk;
}

}  // namespace openceir::cli
