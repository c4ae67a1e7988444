// Exception lists: the (IMEI, IMSI) pairs that keep service even when the IMEI is blacklisted.
// They are the pairing list as of the run plus the genuine users of cloned IMEIs designated by
// classification and not revoked as of the run (their MSISDN column is empty: the pair is what
// an EIR checks). Each pair goes to the operator whose MCC-MNC its IMSI carries; a pair whose
// IMSI is no configured operator's (a foreign SIM paired locally) goes to every operator, since
// it may attach to any of them.
#pragma once

#include <map>
#include <string>
#include <vector>

#include "openceir/base/status.h"
#include "openceir/identifiers/mcc_mnc_table.h"
#include "openceir/lists/imei_decisions.h"
#include "openceir/lists/list_request.h"
#include "openceir/store/registry_store.h"

namespace openceir::lists {

struct ExceptionPair {
  std::string imei_norm;
  std::string imsi;
  std::string msisdn;         // empty for a genuine-user exception
  bool genuine_user = false;  // from classification, not the pairing list
};

// The pairs in force as of `run`, sorted by (imei_norm, imsi, msisdn), duplicates removed.
// Memory: one ExceptionPair per pairing and genuine user.
Result<std::vector<ExceptionPair>> LoadExceptionPairs(store::RegistryStore& registry,
                                                      store::JobId run);

// True when the triplet (imei_norm, imsi, msisdn) is covered by a pair: same IMEI and either the
// same IMSI or, for a pairing with an MSISDN, the same MSISDN (a subscriber who swapped SIMs
// keeps the number: DIRBS's default). `pairs` sorted as LoadExceptionPairs returns them.
bool IsExcepted(const std::vector<ExceptionPair>& pairs, const std::string& imei_norm,
                const std::string& imsi, const std::string& msisdn);

// Writes one sorted row file per operator (imei_norm,imsi,msisdn) into `work_dir` and returns
// operator id -> path. Options: restrict to blacklisted IMEIs; leave out barred IMEIs and TACs
// (as of `run`) unless included. Errors: IoError, or from the store.
Result<std::map<std::string, std::string>> WriteExceptionLists(
    store::RegistryStore& registry, store::JobId run, const std::vector<ExceptionPair>& pairs,
    const ImeiDecisions& decisions, const ListOptions& options,
    const std::vector<config::OperatorConfig>& operators, const identifiers::MccMncTable& mcc_mncs,
    const std::string& work_dir);

}  // namespace openceir::lists
