// Notification lists: for every notified IMEI (imei_decisions.h), one row per triplet
// (IMEI, IMSI, MSISDN) seen in the look-back window, unless the pair is excepted
// (exception_lists.h: paired, or the genuine user of a cloned IMEI). A row goes to the operator
// whose MCC-MNC the IMSI carries; an IMSI of no configured operator (an inbound roamer) is
// notified to each operator it was seen on. Triplets without an IMSI or MSISDN are left out: an
// operator cannot reach or tell apart such a subscriber (DIRBS does the same).
//
// Streaming: each operator's triplets are scanned once in imei_norm order and merged with the
// sorted decisions; the rows routed from each scanned operator to each receiving operator are
// spilled to a sorted file, and each receiving operator's files are then merged (duplicates
// from several networks removed). Memory holds a few rows per file, never the triplets.
#pragma once

#include <map>
#include <string>
#include <vector>

#include "openceir/base/status.h"
#include "openceir/identifiers/mcc_mnc_table.h"
#include "openceir/lists/exception_lists.h"
#include "openceir/lists/imei_decisions.h"
#include "openceir/store/imei_summary.h"
#include "openceir/store/observation_store.h"

namespace openceir::lists {

// Writes one sorted row file per operator into `work_dir`, rows
// imei_norm,imsi,msisdn,block_date,reasons,amnesty_granted ("True"/"False"), and returns
// operator id -> path. Errors: IoError, or from the store.
Result<std::map<std::string, std::string>> WriteNotificationLists(
    store::ObservationStore& observations, store::DateWindow lookback,
    const ImeiDecisions& decisions, const std::vector<ExceptionPair>& pairs,
    const std::vector<config::OperatorConfig>& operators, const identifiers::MccMncTable& mcc_mncs,
    const std::string& work_dir);

}  // namespace openceir::lists
