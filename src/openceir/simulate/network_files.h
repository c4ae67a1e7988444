// The operators' network data: for each operator, one operator data file
// (<op>_<YYYYMMDD>_<YYYYMMDD>.csv: date,imei,imsi,msisdn,rat) and one events file
// (<op>_<YYYYMMDD>_<YYYYMMDD>.events.csv: timestamp,imei,imsi,msisdn,rat,cell_id) for the
// whole period, in date order.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "openceir/simulate/geography.h"
#include "openceir/simulate/population.h"
#include "openceir/simulate/simulation_spec.h"

namespace openceir::simulate {

struct NetworkFileStats {
  std::int64_t data_rows = 0;
  std::int64_t event_rows = 0;
  std::int64_t noisy_rows = 0;     // data rows given a data-quality defect
  std::vector<std::string> files;  // names written, relative to the output folder
};

// "<op>_<start>_<end>" for the spec's period.
std::string OperatorFileStem(const SimulationSpec& spec, const std::string& operator_id);

// Writes both files of every operator into `out_dir`. A device is active on a day with its
// usage's chance; each active day gives one data row per SIM and 1-3 events at cells of its
// city. spec.noise_share of data rows carry one defect: an empty IMEI, IMSI, MSISDN or RAT, or
// an IMSI cut to 13 digits.
Status WriteNetworkFiles(const SimulationSpec& spec, const Population& population,
                         const CellPlan& cells, const std::string& out_dir,
                         NetworkFileStats* stats);

}  // namespace openceir::simulate
