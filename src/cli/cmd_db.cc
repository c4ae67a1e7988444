// `openceir db init|migrate|check`: create and migrate the store (registry and observation
// tables, each with its own schema version), or check it.
#include <fmt/format.h>

#include "cli/commands.h"

namespace openceir::cli {
namespace {

int Init(const Context& context, const Clock& clock, bool create) {
  auto opened = OpenStore(context, create ? OpenMode::kCreate : OpenMode::kExisting, &clock);
  if (!opened.ok()) return ReportError(opened.status());
  store::RegistryStore& store = **opened;
  auto before = store.SchemaVersion();
  if (!before.ok()) return ReportError(before.status());
  if (Status status = store.Migrate(); !status.ok()) return ReportError(status);
  auto after = store.SchemaVersion();
  if (!after.ok()) return ReportError(after.status());
  if (*before == *after) {
    fmt::print("store {} is up to date (schema version {})\n", context.store_name, *after);
  } else {
    fmt::print("store {} migrated from schema version {} to {}\n", context.store_name, *before,
               *after);
  }
  auto observations = OpenObservationStore(context, OpenMode::kExisting, &clock);
  if (!observations.ok()) return ReportError(observations.status());
  auto obs_before = (*observations)->SchemaVersion();
  if (!obs_before.ok()) return ReportError(obs_before.status());
  if (Status status = (*observations)->Migrate(); !status.ok()) return ReportError(status);
  auto obs_after = (*observations)->SchemaVersion();
  if (!obs_after.ok()) return ReportError(obs_after.status());
  if (*obs_before != *obs_after) {
    fmt::print("observation tables migrated from schema version {} to {}\n", *obs_before,
               *obs_after);
  }
  return kExitOk;
}

int Check(const Context& context, const Clock& clock) {
  auto opened = OpenStore(context, OpenMode::kExisting, &clock);
  if (!opened.ok()) return ReportError(opened.status());
  store::RegistryStore& store = **opened;
  std::vector<std::string> problems;
  auto version = store.SchemaVersion();
  if (!version.ok()) return ReportError(version.status());
  if (*version != store::RegistryStore::LatestSchemaVersion()) {
    problems.push_back(
        fmt::format("schema version {}, this build needs {}: run `openceir db "
                    "migrate`",
                    *version, store::RegistryStore::LatestSchemaVersion()));
  }
  auto observations = OpenObservationStore(context, OpenMode::kExisting, &clock);
  if (!observations.ok()) return ReportError(observations.status());
  auto obs_version = (*observations)->SchemaVersion();
  if (!obs_version.ok()) return ReportError(obs_version.status());
  if (*obs_version != store::ObservationStore::LatestSchemaVersion()) {
    problems.push_back(fmt::format(
        "observation tables at schema version {}, this build needs {}: run `openceir db migrate`",
        *obs_version, store::ObservationStore::LatestSchemaVersion()));
  }
  // Jobs whose process died are marked first, so that Check() judges the rest.
  auto interrupted = store.MarkInterruptedJobs();
  if (!interrupted.ok()) return ReportError(interrupted.status());
  if (*interrupted > 0) {
    fmt::print("marked {} job(s) left running by a dead process as interrupted\n", *interrupted);
  }
  auto found = store.Check();
  if (!found.ok()) return ReportError(found.status());
  problems.insert(problems.end(), found->begin(), found->end());
  if (problems.empty()) {
    fmt::print("store {} is healthy (schema version {})\n", context.store_name, *version);
    return kExitOk;
  }
  fmt::print("store {}: {} problem(s)\n", context.store_name, problems.size());
  for (const std::string& problem : problems) fmt::print("  {}\n", problem);
  return kExitRejected;
}

}  // namespace

int RunDb(const GlobalOptions& global, DbAction action) {
  auto context = LoadContext(global);
  if (!context.ok()) return ReportError(context.status());
  SystemClock clock;
  switch (action) {
    case DbAction::kInit: return Init(*context, clock, /*create=*/true);
    case DbAction::kMigrate: return Init(*context, clock, /*create=*/false);
    case DbAction::kCheck: return Check(*context, clock);
  }
  return kExitInternal;
}

}  // namespace openceir::cli
