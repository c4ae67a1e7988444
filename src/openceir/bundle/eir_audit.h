// Q.5053 audit of an EIR node (issue 5 item 7, `openceir audit-eir URL --sample N`): asks the
// node over N5g-eir (HTTP/2, libcurl) about a sample of IMEIs of the central lists (blacklisted,
// notified, exception pairs with their IMSI) and of unlisted IMEIs beside them, and compares each
// answer with what the central lists decide (a snapshot built from them with the same policies:
// eir/snapshot.h's rules, FORMATS.md).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "openceir/base/status.h"
#include "openceir/bundle/bundle_content.h"
#include "openceir/bundle/bundle_sync.h"
#include "openceir/eir/policies.h"

namespace openceir::bundle {

struct AuditQuery {
  std::string imei;                 // 15 digits (14 and the Luhn digit): pei imei-<imei>
  std::optional<std::string> imsi;  // supi imsi-<imsi> (exception pairs)
  std::string category;             // "blacklisted", "notified", "exception_pair", "unlisted"
};

// Up to `sample` queries spread evenly over the four categories (a category with fewer rows
// gives its share to the others), drawn with `seed`. Unlisted IMEIs are neighbours of listed
// ones (same TAC) on no list.
std::vector<AuditQuery> DrawAuditSample(const BundleContent& central, std::size_t sample,
                                        std::uint64_t seed);

struct AuditDisagreement {
  AuditQuery query;
  std::string expected;  // "WHITELISTED", "BLACKLISTED", "GREYLISTED" or "EQUIPMENT_UNKNOWN"
  std::string answered;  // the same, or what else came back ("HTTP 500", a transport error)
};

struct AuditReport {
  std::int64_t asked = 0;
  std::vector<AuditDisagreement> disagreements;
};

// Asks the node at `base_url` (its apiRoot: "http://host:port") every query and compares with
// `central` decided under `policies` (policy data from `central`). kUnavailable when the node
// cannot be reached at all (not a disagreement); kFailedPrecondition when a policy needs data
// `central` lacks.
Result<AuditReport> AuditEirNode(const std::string& base_url, const BundleContent& central,
                                 const eir::DecisionPolicies& policies,
                                 const std::vector<AuditQuery>& queries, const HttpOptions& http);

}  // namespace openceir::bundle
