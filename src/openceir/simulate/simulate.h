// `openceir simulate`: a synthetic country for the demo, the tests and the benchmarks.
//
// Writes, into one folder: the GSMA TAC database (gsma_tac.txt), a cell table (cells.csv),
// per operator an operator data file and an events file for the whole period, the reference
// lists (reference_lists.h) and truth.csv naming each device's category. Every file follows
// docs/FORMATS.md.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "openceir/base/status.h"
#include "openceir/simulate/simulation_spec.h"

namespace openceir::simulate {

struct SimulationSummary {
  std::int64_t local_subscribers = 0;
  std::int64_t roaming_subscribers = 0;
  std::int64_t devices = 0;
  std::int64_t cells = 0;
  std::int64_t data_rows = 0;      // operator data rows, all operators
  std::int64_t event_rows = 0;     // event rows, all operators
  std::int64_t noisy_rows = 0;     // data rows with a data-quality defect
  std::vector<std::string> files;  // written, relative to the output folder, in write order
};

// Generates the country described by `spec` into `out_dir` (created when missing; files of
// the same names are replaced). The same spec always gives byte-identical files.
// Errors: InvalidInput for a bad spec (ValidateSpec), IoError naming the file or folder that
// could not be written. Not thread-safe for the same out_dir.
Status Simulate(const SimulationSpec& spec, const std::string& out_dir,
                SimulationSummary* summary = nullptr);

}  // namespace openceir::simulate
