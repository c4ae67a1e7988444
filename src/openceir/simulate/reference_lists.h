// The reference lists of the synthetic country (FORMATS.md, "Inputs") and the truth file.
#pragma once

#include <string>
#include <vector>

#include "openceir/simulate/population.h"
#include "openceir/simulate/simulation_spec.h"
#include "openceir/simulate/tac_catalog.h"

namespace openceir::simulate {

// Writes into `out_dir`, and appends the names written to *files:
//   stolen.csv        imei,reporting_date,status: stolen and stolen-recovered devices (status
//                     blacklist, or pending for some stolen ones)
//   stolen_delta.csv  the same columns + change_type: `remove` of every recovered device
//   registration.csv  registered devices; the two IMEIs of a dual-SIM phone share device_id
//   pairing.csv       imei,imsi,msisdn of about 2 % of genuine devices and their SIM
//   golden.csv        golden_imei: about 0.1 % of genuine devices (at least one)
//   barred.csv        imei: about 10 % of counterfeit devices
//   barred_tac.csv    tac: one unallocated TAC and one 2G feature phone TAC
//   subscribers.csv   uid,imsi: about 30 % of genuine owners
//   association.csv   uid,imei: the same owners and their devices
//   monitoring.csv    imei: some cloned and stolen devices
//   truth.csv         imei,category,details: every device once (its IMEI as networks send it)
Status WriteReferenceLists(const SimulationSpec& spec, const TacCatalog& catalog,
                           const Population& population, const std::string& out_dir,
                           std::vector<std::string>* files);

}  // namespace openceir::simulate
