// Importing one operator data file (`<operator>_<YYYYMMDD>_<YYYYMMDD>.csv`, FORMATS.md) into the
// observation store, as one recorded registry job.
//
// file name rules -> re-import check -> streaming parse and validation of every value (a reader
// thread splits, a parser thread validates, the calling thread aggregates) -> data-quality
// checks -> monthly triplets and daily counts written through one ObservationBatch and
// committed with the import record -> job succeeded. A rejected file changes nothing but its job
// record, and the report says which rule or check failed; a killed import leaves the
// observation store as before. Memory stays bounded: triplets spill to temporary files past the
// memory budget.
#pragma once

#include <cstddef>
#include <cstdint>
#include <functional>
#include <set>
#include <string>
#include <vector>

#include "openceir/base/clock.h"
#include "openceir/base/date.h"
#include "openceir/base/status.h"
#include "openceir/config/config.h"
#include "openceir/observe/operator_data_error.h"
#include "openceir/observe/quality_checks.h"
#include "openceir/observe/recorded_import.h"
#include "openceir/store/observation_store.h"
#include "openceir/store/registry_store.h"

namespace openceir::observe {

// Data rows read so far (called every chunk, about every 64 thousand rows).
using OperatorImportProgress = std::function<void(std::int64_t rows_read)>;

struct OperatorImportOptions {
  // Quality checks to skip, by name (QualityCheckNames()); an unknown name is kInvalidInput.
  std::set<std::string> disabled_checks;
  const Clock* clock = nullptr;     // "today" for the file name rule; null = the system clock
  OperatorImportProgress progress;  // may be empty
  std::string temp_dir;             // for triplet spill files; empty = the system's
  std::size_t memory_budget_bytes = std::size_t{512} << 20;  // for the triplet tables
  int history_days = 30;  // days before the file's range read for the volume checks
  std::string user;       // for the job record
  std::string arguments;  // the command line, for the job record
};

struct OperatorImportReport : RecordedImportReport {
  std::string operator_id;
  Date first_day;  // the file name's range (when the name was valid)
  Date last_day;
  std::int64_t rows = 0;      // data rows read
  std::int64_t triplets = 0;  // monthly triplets written (accepted files)
  std::int64_t days = 0;      // days with rows
  std::int64_t spilled_bytes = 0;
  std::vector<QualityCheck> checks;        // every check, measured (empty if not reached)
  std::vector<std::string> failed_checks;  // names of the enabled checks that failed
};

// Imports `path` for `operator_id`. Returns the report for accepted and rejected files alike; a
// non-OK Status only for failures that are not the input's fault (I/O, store) or for bad
// options (unknown check name: kInvalidInput, before any job starts). On a non-OK status the
// job is recorded as failed and nothing changed. The operator must be configured.
Result<OperatorImportReport> ImportOperatorData(store::RegistryStore& registry,
                                                store::ObservationStore& observations,
                                                const config::Config& config,
                                                const std::string& operator_id,
                                                const std::string& path,
                                                const OperatorImportOptions& options);

}  // namespace openceir::observe
