// The lists of one classification run in internal form: sorted row files keyed by imei_norm
// (identifiers as stored, no output options applied), built in a work folder. list_generator.h
// turns them, and their deltas against a base run's, into the published files.
#pragma once

#include <map>
#include <string>
#include <vector>

#include "openceir/identifiers/mcc_mnc_table.h"
#include "openceir/lists/exception_lists.h"
#include "openceir/lists/imei_decisions.h"
#include "openceir/lists/list_request.h"
#include "openceir/store/observation_store.h"
#include "openceir/store/registry_store.h"

namespace openceir::lists {

struct RunLists {
  ImeiDecisions decisions;
  std::vector<ExceptionPair> pairs;
  std::string blacklist;                             // imei_norm,block_date,reasons
  std::map<std::string, std::string> notifications;  // operator -> file (notification_lists.h)
  std::map<std::string, std::string> exceptions;     // operator -> file (exception_lists.h)
};

// The look-back window of list date `list_date`: the `lookback_days` days before it.
store::DateWindow LookbackWindow(Date list_date, int lookback_days);

// Builds the lists of `run` for `list_date` into `work_dir` (which must exist). With `recorded`
// (a recorded generation of the same run and date, list_history.h), the notification rows are
// the recorded ones instead of being read from network data.
Result<RunLists> BuildRunLists(
    store::RegistryStore& registry, store::ObservationStore& observations,
    const store::ClassificationRunRecord& run, Date list_date, const ListOptions& options,
    const std::vector<config::OperatorConfig>& operators, const identifiers::MccMncTable& mcc_mncs,
    const store::ListGenerationRecord* recorded, const std::string& work_dir);

}  // namespace openceir::lists
