// Importing a cell table (OpenCelliD layout, FORMATS.md) into the observation store, as one
// recorded registry job: every field validated (cell_row_parser.h), cells upserted by cell_id
// (MCC-MNC-LAC-CI) through one ObservationBatch and committed with the import record. A rejected
// file changes nothing but its job record; the same file twice is refused (already_imported).
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "openceir/base/status.h"
#include "openceir/config/config.h"
#include "openceir/observe/recorded_import.h"
#include "openceir/store/job.h"
#include "openceir/store/observation_store.h"
#include "openceir/store/registry_store.h"

namespace openceir::events {

struct CellsImportOptions {
  std::string user;       // for the job record
  std::string arguments;  // the command line, for the job record
};

struct CellsImportReport : observe::RecordedImportReport {
  std::int64_t rows = 0;  // data rows read
  std::int64_t cells_before = 0;
  std::int64_t cells_after = 0;  // cells in the store after the import (accepted files)
};

// Imports `path`. Returns the report for accepted and rejected files alike; a non-OK Status only
// for failures that are not the input's fault (I/O, store), after recording the job as failed.
Result<CellsImportReport> ImportCells(store::RegistryStore& registry,
                                      store::ObservationStore& observations,
                                      const config::Config& config, const std::string& path,
                                      const CellsImportOptions& options);

}  // namespace openceir::events
