// The plain REST check for simple clients (issue 5 item 4), on the same server as N5g-eir:
// GET /v1/eir/check?imei=<14-16 digits>[&imsi=<5-15 digits>]
//
//   200 application/json {"imei":"...","status":"BLACKLISTED","basis":"blacklist",
//       "block_date":"2024-05-01","reasons":["stolen","duplicate"]}
//   "status" is WHITELISTED, BLACKLISTED, GREYLISTED or UNKNOWN (the policy answers
//   "equipment unknown"); "block_date" is null when the IMEI has none; "basis" is
//   eir::DecisionBasisName. A malformed query is a 400 ProblemDetails as in N5g-eir.
#pragma once

#include <string_view>

#include "openceir/eir/metrics.h"
#include "openceir/eir/snapshot.h"
#include "openceir/eirhttp/exchange.h"
#include "openceir/eirhttp/query_string.h"

namespace openceir::eirhttp {

inline constexpr std::string_view kRestCheckPath = "/v1/eir/check";

// Answers one check from `snapshot`; returns the metrics label of the answer.
eir::Answer AnswerRestCheck(const QueryString& query, std::string_view path,
                            const eir::DecisionSnapshot& snapshot, Response* response);

}  // namespace openceir::eirhttp
