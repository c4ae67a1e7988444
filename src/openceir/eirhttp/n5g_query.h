// The query of N5g-eir GetEquipmentStatus (TS 29.511, GET /equipment-status), checked against
// the TS 29.571 formats. The OpenAPI patterns end in "|.+" (any text), so a schema validator
// would accept anything: the formats are checked here, and a wrong one is a 400 with the
// TS 29.500 cause for that parameter.
#pragma once

#include <optional>
#include <string_view>

#include "openceir/eirhttp/problem_details.h"
#include "openceir/eirhttp/query_string.h"

namespace openceir::eirhttp {

enum class PeiForm {
  kImei,    // imei-<15 digits>
  kImeiSv,  // imeisv-<16 digits>
  kMac,     // mac-xx-xx-xx-xx-xx-xx[-untrusted] (wireline 5G-RG); no IMEI list covers it
  kEui64,   // eui-xx-xx-xx-xx-xx-xx-xx-xx
};

struct N5gQuery {
  PeiForm pei_form = PeiForm::kImei;
  std::string_view imei;                 // the 15 or 16 digits of an imei-/imeisv- PEI
  std::optional<std::string_view> imsi;  // the digits of an imsi- SUPI
};

// Checks the decoded parameters of `query`. Returns true and fills `out` when the request is
// well formed; otherwise fills `problem` (status 400, cause, the parameter, a reason) and
// returns false. The views point into `query`.
//
// Order of checks: pei missing, pei incorrect, an optional parameter incorrect, then
// parameters the operation does not have (INVALID_QUERY_PARAM). A parameter given twice is
// incorrect. SUPIs other than imsi- (nai-, gci-, gli-) are accepted and not used.
bool ParseN5gQuery(const QueryString& query, N5gQuery* out, Problem* problem);

}  // namespace openceir::eirhttp
