// `openceir db export DIR` and `openceir db import DIR`: the whole store (registry and observation
// tables) to and from a backend-neutral store dump (store/store_dump.h), to move a deployment
// from SQLite to PostgreSQL, or back, without loss.
#include <fmt/format.h>

#include <ctime>
#include <filesystem>

#include "cli/commands.h"
#include "openceir/store/postgresql/pg_store_dump.h"
#include "openceir/store/sqlite/sqlite_store_dump.h"
#include "openceir/store/store_dump.h"

namespace openceir::cli {
namespace {

struct SchemaVersions {
  int registry = 0;
  int observations = 0;
};

// Opens both stores of `context` (creating a missing SQLite file when `create`), migrates them
// when `migrate`, and returns their schema versions; the store objects are closed again.
Result<SchemaVersions> StoreVersions(const Context& context, bool create, bool migrate) {
  SystemClock clock;
  OpenMode mode = create ? OpenMode::kCreate : OpenMode::kExistingLatest;
  SchemaVersions versions;
  OPENCEIR_ASSIGN_OR_RETURN(auto registry, OpenStore(context, mode, &clock));
  if (migrate) OPENCEIR_RETURN_IF_ERROR(registry->Migrate());
  OPENCEIR_ASSIGN_OR_RETURN(versions.registry, registry->SchemaVersion());
  OPENCEIR_ASSIGN_OR_RETURN(auto observations, OpenObservationStore(context, mode, &clock));
  if (migrate) OPENCEIR_RETURN_IF_ERROR(observations->Migrate());
  OPENCEIR_ASSIGN_OR_RETURN(versions.observations, observations->SchemaVersion());
  return versions;
}

std::int64_t TotalRows(const store::DumpManifest& manifest) {
  std::int64_t rows = 0;
  for (const store::DumpTable& table : manifest.tables) rows += table.rows;
  return rows;
}

}  // namespace

int RunDbExport(const GlobalOptions& global, const std::string& dir) {
  auto context = LoadContext(global);
  if (!context.ok()) return ReportError(context.status());
  auto versions = StoreVersions(*context, /*create=*/false, /*migrate=*/false);
  if (!versions.ok()) return ReportError(versions.status());
  namespace fs = std::filesystem;
  std::error_code ec;
  bool existed = fs::exists(dir, ec);
  auto writer = store::StoreDumpWriter::Create(dir);
  if (!writer.ok()) return ReportError(writer.status());
  Status exported = context->store_kind == StoreKind::kPostgresql
                        ? store::ExportPgStore(context->store_dsn, **writer)
                        : store::ExportSqliteStore(context->store_path, **writer);
  Result<store::DumpManifest> manifest =
      exported.ok() ? (*writer)->Finish(versions->registry, versions->observations,
                                        static_cast<std::int64_t>(std::time(nullptr)))
                    : Result<store::DumpManifest>(exported);
  if (!manifest.ok()) {
    // An unfinished dump has no manifest and would be refused anyway; leave no debris.
    if (existed) {
      for (const auto& entry : fs::directory_iterator(dir, ec)) fs::remove(entry.path(), ec);
    } else {
      fs::remove_all(dir, ec);
    }
    return ReportError(manifest.status());
  }
  fmt::print("exported store {} to {}: {} tables, {} rows (schema versions {} and {})\n",
             context->store_name, dir, manifest->tables.size(), TotalRows(*manifest),
             versions->registry, versions->observations);
  return kExitOk;
}

int RunDbImport(const GlobalOptions& global, const std::string& dir) {
  auto reader = store::StoreDumpReader::Open(dir);
  if (!reader.ok()) return ReportError(reader.status());
  const store::DumpManifest& manifest = (*reader)->manifest();
  auto context = LoadContext(global);
  if (!context.ok()) return ReportError(context.status());
  // The dump's versions must be this build's: the target is migrated to the latest.
  if (manifest.registry_schema_version != store::RegistryStore::LatestSchemaVersion() ||
      manifest.observation_schema_version != store::ObservationStore::LatestSchemaVersion()) {
    return ReportError(FailedPreconditionError(fmt::format(
        "{}: the dump is of schema versions {} and {}, this build writes {} and {}: export it "
        "with the same version of openceir (after `openceir db migrate` on the source)",
        dir, manifest.registry_schema_version, manifest.observation_schema_version,
        store::RegistryStore::LatestSchemaVersion(),
        store::ObservationStore::LatestSchemaVersion())));
  }
  auto versions = StoreVersions(*context, /*create=*/true, /*migrate=*/true);
  if (!versions.ok()) return ReportError(versions.status());
  Status imported = context->store_kind == StoreKind::kPostgresql
                        ? store::ImportPgStore(context->store_dsn, **reader)
                        : store::ImportSqliteStore(context->store_path, **reader);
  if (!imported.ok()) return ReportError(imported);
  fmt::print("imported {} into store {}: {} tables, {} rows\n", dir, context->store_name,
             manifest.tables.size(), TotalRows(manifest));
  return kExitOk;
}

}  // namespace openceir::cli
