// The ad-hoc reports (DIRBS's `dirbs-report` ones, plus OpenCEIR's), each one CSV file written
// into an output folder, streamed from the stores: memory holds counters and the small sets a
// report needs (the stolen list, the blacklist, the top N), never the period's triplets.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "openceir/base/status.h"
#include "openceir/config/config.h"
#include "openceir/store/imei_summary.h"
#include "openceir/store/observation_store.h"
#include "openceir/store/registry_store.h"

namespace openceir::reports {

struct AdhocRequest {
  store::DateWindow window;  // the network data looked at
  std::vector<config::OperatorConfig> operators;
  std::optional<store::JobId> run;  // classification-based reports; default: ChooseRun
  std::string output_dir;
  std::size_t top = 100;  // top-duplicates: rows kept
  int min_imsis = 2;      // top-duplicates: IMEIs with fewer IMSIs are left out
  int min_imeis = 5;      // transient-msisdns: MSISDNs with fewer IMEIs are left out
};

// What a report wrote: its file and its data rows.
struct AdhocResult {
  std::string path;
  std::int64_t rows = 0;
  std::optional<store::JobId> run;  // the classification run used, if any
};

// IMEIs with the most distinct IMSIs in the window (at least min_imsis), most first, ties by
// imei_norm: top_duplicates_<first>_<last>.csv.
Result<AdhocResult> WriteTopDuplicates(store::RegistryStore& registry,
                                       store::ObservationStore& observations,
                                       const AdhocRequest& request);
// IMEIs seen in the window whose TAC is not in the GSMA TAC database (or is no TAC at all):
// gsma_not_found_<first>_<last>.csv.
Result<AdhocResult> WriteGsmaNotFound(store::RegistryStore& registry,
                                      store::ObservationStore& observations,
                                      const AdhocRequest& request);
// IMEI-IMSI-MSISDN triplets of confirmed stolen IMEIs seen on a day after the reporting date,
// per operator: stolen_violations_<first>_<last>.csv.
Result<AdhocResult> WriteStolenViolations(store::RegistryStore& registry,
                                          store::ObservationStore& observations,
                                          const AdhocRequest& request);
// Triplets of blacklisted IMEIs (as of the run) seen on or after their block date, per operator,
// leaving out the pairs kept working (pairing list and genuine users as of the run):
// blacklist_violations_<first>_<last>.csv.
Result<AdhocResult> WriteBlacklistViolations(store::RegistryStore& registry,
                                             store::ObservationStore& observations,
                                             const AdhocRequest& request);
// The combinations of conditions the IMEIs seen in the window match (as of the run), with how
// many IMEIs match each combination: condition_overlaps_<first>_<last>.csv.
Result<AdhocResult> WriteConditionOverlaps(store::RegistryStore& registry,
                                           store::ObservationStore& observations,
                                           const AdhocRequest& request);
// IMSIs of local subscribers seen in the window that are not on the subscribers registration
// list, per operator: unregistered_subscribers_<first>_<last>.csv.
Result<AdhocResult> WriteUnregisteredSubscribers(store::RegistryStore& registry,
                                                 store::ObservationStore& observations,
                                                 const AdhocRequest& request);
// MSISDNs seen with at least min_imeis distinct IMEIs in the window, per operator (devices
// changing under one number: SIM boxes, test numbers): transient_msisdns_<first>_<last>.csv.
Result<AdhocResult> WriteTransientMsisdns(store::RegistryStore& registry,
                                          store::ObservationStore& observations,
                                          const AdhocRequest& request);

}  // namespace openceir::reports
