// Writing the ME-Identity-Check-Answer (TS 29.272 section 7.2.20) for an IdentityCheckAnswer:
//   Session-Id (from the request), Result-Code 2001 + Equipment-Status, or
//   Experimental-Result {Vendor-Id 10415, Experimental-Result-Code 5422}, or Result-Code 5005 +
//   Failed-AVP naming the missing AVP; always Auth-Session-State 1 (NO_STATE_MAINTAINED),
//   Origin-Host and Origin-Realm. Shared by the S13 server and the constant stand-in EIR, so the
//   benchmark compares the same answer-building work.
#pragma once

#include <freeDiameter/freeDiameter-host.h>
#include <freeDiameter/libfdcore.h>

#include "openceir/s13/identity_check.h"
#include "openceir/s13/s13_dictionary.h"

namespace openceir::s13 {

// Replaces the request `*message` by its answer (the request stays reachable from it through
// fd_msg_answ_getq until the answer is freed). Returns 0 or freeDiameter's error; on error
// `*message` may already be the (partial) answer.
int WriteIdentityCheckAnswer(const S13Dictionary& dictionary, const IdentityCheckAnswer& answer,
                             struct msg** message);

// Replaces a request by an answer carrying only Result-Code `result_code` (and the origin and
// Auth-Session-State): the fallback when the real answer could not be built.
int WriteResultCodeAnswer(const S13Dictionary& dictionary, std::uint32_t result_code,
                          struct msg** message);

}  // namespace openceir::s13
