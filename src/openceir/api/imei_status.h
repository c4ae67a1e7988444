// What the API says about one IMEI and one TAC: the look-up (lookup::LookupImei) and the
// classification state's explanation (classify::ExplainImei) turned into the JSON of
// GET /v1/imeis/{imei} and GET /v1/tacs/{tac}, cut to what the caller's role may see.
//
// Status: "blocked" when a blocking condition's block date has come; "tracked" when the IMEI
// matches a condition that does not block (yet: informational, or its block date is ahead);
// "permitted" otherwise, and always for an IMEI on the golden list. The public and operator roles
// never get subscriber data (IMSI, MSISDN, UIDs) nor the reference-list entries; police and
// regulators get those under "registry".
#pragma once

#include <nlohmann/json.hpp>
#include <string_view>

#include "openceir/base/date.h"
#include "openceir/base/status.h"
#include "openceir/store/access_audit.h"
#include "openceir/store/registry_store.h"

namespace openceir::api {

// The JSON of one IMEI for `role`, as of `today`. Errors: the store's.
Result<nlohmann::json> ImeiStatusJson(store::RegistryStore& registry, std::string_view raw_imei,
                                      store::ApiRole role, Date today);

// The GSMA TAC database entry of `tac` (8 digits) and whether the TAC is barred, or kNotFound
// when the TAC database does not hold it. Errors: kInvalidInput for a TAC that is not 8 digits;
// the store's.
Result<nlohmann::json> TacInfoJson(store::RegistryStore& registry, std::string_view tac);

// True for the roles that may see subscriber data and reference-list entries.
bool SeesRegistryDetail(store::ApiRole role);

}  // namespace openceir::api
