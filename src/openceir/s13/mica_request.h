// Reading an ME-Identity-Check-Request (TS 29.272 section 7.2.19) into an IdentityCheckRequest:
// User-Name, and Terminal-Information's IMEI, Software-Version and 3GPP2-MEID. Other AVPs
// (Vendor-Specific-Application-Id, which the spec says not to send but MMEs do, Supported-
// Features, Proxy-Info, ...) are ignored. AVPs are matched by code and vendor, so the request
// needs no further dictionary lookups.
#pragma once

#include <freeDiameter/freeDiameter-host.h>
#include <freeDiameter/libfdproto.h>

#include "openceir/s13/identity_check.h"

namespace openceir::s13 {

// The views in the result point into `request`: valid while it is alive. No allocation.
IdentityCheckRequest ReadIdentityCheckRequest(struct msg* request) noexcept;

}  // namespace openceir::s13
