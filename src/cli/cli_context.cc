// Global options, configuration, store opening and the exit-code mapping for `openceir`.
#include "cli/cli_context.h"

#include <fmt/format.h>
#include <pwd.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>

#include "openceir/config/config_loader.h"
#include "openceir/store/postgresql/pg_dsn.h"
#include "openceir/store/postgresql/pg_observation_store.h"
#include "openceir/store/postgresql/pg_registry_store.h"
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
  if (!options.store_path.empty()) {
    // --store replaces the configured store whole, kind included.
    bool is_pg = store::IsPgUri(options.store_path);
    context.store_kind = is_pg ? StoreKind::kPostgresql : StoreKind::kSqlite;
    (is_pg ? context.store_dsn : context.store_path) = options.store_path;
  } else if (context.config.store.kind == "postgresql") {
    context.store_kind = StoreKind::kPostgresql;
    context.store_dsn = context.config.store.dsn;
  } else if (context.config.store.kind == "sqlite") {
    // LoadConfigFile already resolved a relative store.path against the file's folder; on the
    // built-in defaults the default relative path means the current directory.
    context.store_path = context.config.store.path;
  } else {
    return InvalidInputError(
        fmt::format("store.kind: '{}' is not supported by this build", context.config.store.kind));
  }
  if (context.store_kind == StoreKind::kPostgresql) {
    OPENCEIR_ASSIGN_OR_RETURN(context.store_name, store::DescribePgDsn(context.store_dsn));
  } else {
    context.store_name = context.store_path;
  }
  return context;
}

namespace {

Status CheckStoreFileExists(const Context& context, OpenMode mode) {
  std::error_code ec;
  if (context.store_kind == StoreKind::kSqlite && mode != OpenMode::kCreate &&
      !std::filesystem::exists(context.store_path, ec)) {
    return FailedPreconditionError(
        fmt::format("no store at {}: run `openceir db init` first", context.store_path));
  }
  return Status::Ok();
}

}  // namespace

Result<std::unique_ptr<store::RegistryStore>> OpenStore(const Context& context, OpenMode mode,
                                                        const Clock* clock) {
  OPENCEIR_RETURN_IF_ERROR(CheckStoreFileExists(context, mode));
  OPENCEIR_ASSIGN_OR_RETURN(std::unique_ptr<store::RegistryStore> opened,
                            context.store_kind == StoreKind::kPostgresql
                                ? store::OpenPgRegistryStore(context.store_dsn, clock)
                                : store::OpenSqliteRegistryStore(context.store_path, clock));
  if (mode == OpenMode::kExistingLatest) {
    OPENCEIR_ASSIGN_OR_RETURN(int version, opened->SchemaVersion());
    int latest = store::RegistryStore::LatestSchemaVersion();
    if (version != latest) {
      return FailedPreconditionError(
          fmt::format("store {} is at schema version {}, this build needs {}: run `openceir db {}`",
                      context.store_name, version, latest, version == 0 ? "init" : "migrate"));
    }
  }
  return opened;
}

Result<std::unique_ptr<store::ObservationStore>> OpenObservationStore(const Context& context,
                                                                      OpenMode mode,
                                                                      const Clock* clock) {
  OPENCEIR_RETURN_IF_ERROR(CheckStoreFileExists(context, mode));
  OPENCEIR_ASSIGN_OR_RETURN(std::unique_ptr<store::ObservationStore> opened,
                            OpenObservationReader(context, clock));
  if (mode == OpenMode::kExistingLatest) {
    OPENCEIR_ASSIGN_OR_RETURN(int version, opened->SchemaVersion());
    int latest = store::ObservationStore::LatestSchemaVersion();
    if (version != latest) {
      return FailedPreconditionError(fmt::format(
          "the observation tables of store {} are at schema version {}, this build needs {}: "
          "run `openceir db migrate`",
          context.store_name, version, latest));
    }
  }
  return opened;
}

Result<std::unique_ptr<store::ObservationStore>> OpenObservationReader(const Context& context,
                                                                       const Clock* clock) {
  if (context.store_kind == StoreKind::kPostgresql) {
    return store::OpenPgObservationStore(context.store_dsn, clock);
  }
  return store::OpenSqliteObservationStore(context.store_path, clock);
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
