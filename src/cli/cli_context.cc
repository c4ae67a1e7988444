// Global options, configuration, store opening and the exit-code mapping for `openceir`.
#include "cli/cli_context.h"

#include <fmt/format.h>
#include <pwd.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>

#include "openceir/config/config_loader.h"
#include "openceir/store/sqlite/sqlite_observation_store.h"
#include "openceir/store/sqlite/sqlite_registry_store.h"

namespace openceir::cli {

int ExitCodeFor(const Status& status) {
  switch (status.code()) {
    case StatusCode::kOk: return kExitOk;
    case StatusCode::kInvalidInput:
    case StatusCode::kNotFound:
    case StatusCode::kAlreadyExists:
    case StatusCode::kFailedPrecondition:
    case StatusCode::kAborted: return kExitRejected;
    case StatusCode::kIoError:
    case StatusCode::kUnavailable:
    case StatusCode::kInternal: return kExitInternal;
  }
  return kExitInternal;
}

int ReportError(const Status& status) {
  if (!status.ok()) fmt::print(stderr, "openceir: {}\n", status.ToString());
  return ExitCodeFor(status);
}

Result<Context> LoadContext(const GlobalOptions& options) {
  Context context;
  namespace fs = std::filesystem;
  std::error_code ec;
  if (options.config_given || fs::exists(options.config_path, ec)) {
    OPENCEIR_ASSIGN_OR_RETURN(context.config, config::LoadConfigFile(options.config_path));
    context.config_path = options.config_path;
  }
  // LoadConfigFile already resolved a relative store.path against the file's folder; on the
  // built-in defaults the default relative path means the current directory.
  context.store_path = options.store_path.empty() ? context.config.store.path : options.store_path;
  if (context.config.store.kind != "sqlite") {
    return InvalidInputError(
        fmt::format("store.kind: '{}' is not supported by this build", context.config.store.kind));
  }
  return context;
}

Result<std::unique_ptr<store::RegistryStore>> OpenStore(const Context& context, OpenMode mode,
                                                        const Clock* clock) {
  std::error_code ec;
  if (mode != OpenMode::kCreate && !std::filesystem::exists(context.store_path, ec)) {
    return FailedPreconditionError(
        fmt::format("no store at {}: run `openceir db init` first", context.store_path));
  }
  OPENCEIR_ASSIGN_OR_RETURN(std::unique_ptr<store::RegistryStore> opened,
                            store::OpenSqliteRegistryStore(context.store_path, clock));
  if (mode == OpenMode::kExistingLatest) {
    OPENCEIR_ASSIGN_OR_RETURN(int version, opened->SchemaVersion());
    int latest = store::RegistryStore::LatestSchemaVersion();
    if (version != latest) {
      return FailedPreconditionError(
          fmt::format("store {} is at schema version {}, this build needs {}: run `openceir db {}`",
                      context.store_path, version, latest, version == 0 ? "init" : "migrate"));
    }
  }
  return opened;
}

Result<std::unique_ptr<store::ObservationStore>> OpenObservationStore(const Context& context,
                                                                      OpenMode mode,
                                                                      const Clock* clock) {
  std::error_code ec;
  if (mode != OpenMode::kCreate && !std::filesystem::exists(context.store_path, ec)) {
    return FailedPreconditionError(
        fmt::format("no store at {}: run `openceir db init` first", context.store_path));
  }
  OPENCEIR_ASSIGN_OR_RETURN(std::unique_ptr<store::ObservationStore> opened,
                            store::OpenSqliteObservationStore(context.store_path, clock));
  if (mode == OpenMode::kExistingLatest) {
    OPENCEIR_ASSIGN_OR_RETURN(int version, opened->SchemaVersion());
    int latest = store::ObservationStore::LatestSchemaVersion();
    if (version != latest) {
      return FailedPreconditionError(fmt::format(
          "the observation tables of store {} are at schema version {}, this build needs {}: "
          "run `openceir db migrate`",
          context.store_path, version, latest));
    }
  }
  return opened;
}

Result<Stores> OpenStores(const GlobalOptions& global, const Clock* clock) {
  Stores stores;
  OPENCEIR_ASSIGN_OR_RETURN(stores.context, LoadContext(global));
  OPENCEIR_ASSIGN_OR_RETURN(stores.registry,
                            OpenStore(stores.context, OpenMode::kExistingLatest, clock));
  OPENCEIR_ASSIGN_OR_RETURN(stores.observations,
                            OpenObservationStore(stores.context, OpenMode::kExistingLatest, clock));
  return stores;
}

std::string CurrentUser() {
  if (const char* user = std::getenv("USER"); user != nullptr && *user != '\0') return user;
  if (const passwd* entry = ::getpwuid(::geteuid()); entry != nullptr && entry->pw_name) {
    return entry->pw_name;
  }
  return fmt::format("uid:{}", ::geteuid());
}

}  // namespace openceir::cli
