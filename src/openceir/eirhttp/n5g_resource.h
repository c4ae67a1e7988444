// N5g-eir GetEquipmentStatus (TS 29.511 V17.0.0, OpenAPI 1.2.0-alpha.1):
// GET /n5g-eir-eic/v1/equipment-status?pei=...[&supi=...][&gpsi=...][&supported-features=...]
//
//   200 application/json {"status":"WHITELISTED"|"BLACKLISTED"|"GREYLISTED"}
//   400 application/problem+json, cause MANDATORY_QUERY_PARAM_MISSING / _INCORRECT,
//       OPTIONAL_QUERY_PARAM_INCORRECT or INVALID_QUERY_PARAM, with invalidParams
//   404 application/problem+json, cause ERROR_EQUIPMENT_UNKNOWN: the snapshot's policy says
//       "unknown", or the PEI is a MAC / EUI-64 address (no IMEI list can cover it)
#pragma once

#include <string_view>

#include "openceir/eir/metrics.h"
#include "openceir/eir/snapshot.h"
#include "openceir/eirhttp/exchange.h"
#include "openceir/eirhttp/query_string.h"

namespace openceir::eirhttp {

inline constexpr std::string_view kN5gEquipmentStatusPath = "/n5g-eir-eic/v1/equipment-status";

// Answers one GetEquipmentStatus whose query is already split (`query`), from `snapshot`.
// `path` is the request path, echoed as the ProblemDetails "instance". Returns the metrics
// label of the answer. Allocation-free for 200 answers.
eir::Answer AnswerEquipmentStatus(const QueryString& query, std::string_view path,
                                  const eir::DecisionSnapshot& snapshot, Response* response);

}  // namespace openceir::eirhttp
