// What every `openceir` command shares: the global options, loading the configuration, opening
// the registry store, the user for job records, and the ONE mapping from StatusCode to the
// process exit code.
//
// Exit codes (documented in README.md):
//   0  success
//   1  rejected input or failed check (bad file, bad IMEI argument, store check found problems,
//      invalid configuration, re-import refused, store not initialised)
//   2  usage error (unknown command or option, missing argument: CLI11 parse errors)
//   3  internal, I/O or unavailable-resource error (not the caller's fault; retry or report)
#pragma once

#include <memory>
#include <string>

#include "openceir/base/clock.h"
#include "openceir/base/status.h"
#include "openceir/config/config.h"
#include "openceir/store/observation_store.h"
#include "openceir/store/registry_store.h"

namespace openceir::cli {

inline constexpr int kExitOk = 0;
inline constexpr int kExitRejected = 1;
inline constexpr int kExitUsage = 2;
inline constexpr int kExitInternal = 3;

// Maps a Status to the process exit code (see the table above). kOk -> 0.
int ExitCodeFor(const Status& status);

// Prints "openceir: <message>" for a non-OK status on stderr and returns ExitCodeFor(status).
int ReportError(const Status& status);

struct GlobalOptions {
  std::string config_path;    // --config, else $OPENCEIR_CONFIG, else kDefaultConfigPath
  bool config_given = false;  // true when --config or $OPENCEIR_CONFIG named the file
  // --store: overrides the configuration's store: a SQLite file, or a PostgreSQL database
  // named by a postgresql:// URI.
  std::string store_path;
};

inline constexpr const char* kDefaultConfigPath = "etc/openceir.yaml";

enum class StoreKind { kSqlite, kPostgresql };

// Loaded configuration plus the resolved store location.
struct Context {
  config::Config config;
  std::string config_path;  // empty when running on built-in defaults
  StoreKind store_kind = StoreKind::kSqlite;
  std::string store_path;  // kSqlite: the file
  std::string store_dsn;   // kPostgresql: the libpq connection string or URI
  // The store as messages name it: the file, or postgresql://user@host:port/db (no password).
  std::string store_name;
};

// Loads the configuration. A file named by --config / $OPENCEIR_CONFIG must exist; when the
// default path does not exist, the built-in defaults are used. The store is --store if given (a
// postgresql:// URI names a PostgreSQL database, anything else a SQLite file), else the
// configuration's: store.kind sqlite with store.path (which LoadConfigFile returns resolved
// against the configuration file's folder; on built-in defaults, relative to the current
// directory), or store.kind postgresql with store.dsn.
Result<Context> LoadContext(const GlobalOptions& options);

// PostgreSQL databases are created by their administrator: there, kCreate and kExisting both
// connect to the database as it is (`db init` and `db migrate` then create the tables).
enum class OpenMode {
  kCreate,          // create the store file when missing (db init)
  kExisting,        // the store file must exist (db migrate, db check)
  kExistingLatest,  // ... and be at the latest schema version (every other command)
};

// Opens the store of `context`. A missing file (kExisting*) or an old schema (kExistingLatest)
// is a FailedPrecondition telling the user to run `openceir db init` / `db migrate`.
// `clock` must outlive the store.
Result<std::unique_ptr<store::RegistryStore>> OpenStore(const Context& context, OpenMode mode,
                                                        const Clock* clock);

// Opens the observation store of `context` (the same SQLite file, or PostgreSQL database, as the
// registry). Modes as for
// OpenStore: kCreate/kExisting open it as it is (db init/migrate then migrate it);
// kExistingLatest requires its own schema version to be the latest.
Result<std::unique_ptr<store::ObservationStore>> OpenObservationStore(const Context& context,
                                                                      OpenMode mode,
                                                                      const Clock* clock);

// The loaded context and both of its stores at the latest schema: what most commands open.
struct Stores {
  Context context;
  std::unique_ptr<store::RegistryStore> registry;
  std::unique_ptr<store::ObservationStore> observations;
};

// Opens another observation store object on the store of `context` as it is (for a second
// thread: the classifier's scan reads through its own connection).
Result<std::unique_ptr<store::ObservationStore>> OpenObservationReader(const Context& context,
                                                                       const Clock* clock);

// LoadContext, then OpenStore and OpenObservationStore with kExistingLatest. `clock` must
// outlive the stores.
Result<Stores> OpenStores(const GlobalOptions& global, const Clock* clock);

// $USER, else the name of the effective uid from the password database, else "uid:<n>".
std::string CurrentUser();

}  // namespace openceir::cli
