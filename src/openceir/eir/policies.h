// What an EIR node answers for equipment its lists do not cover (issue 5 item 1): an IMEI that
// is not 14 digits, a TAC the GSMA TAC database never allocated, a test TAC, and, in whitelist
// mode, an IMEI the country does not know. Each policy answers a status or "equipment unknown"
// (N5g-eir 404 ERROR_EQUIPMENT_UNKNOWN, S13 5422).
#pragma once

#include <optional>
#include <string_view>

#include "openceir/base/status.h"
#include "openceir/eir/decision.h"

namespace openceir::eir {

enum class PolicyAnswer : std::uint8_t {
  kWhitelisted,
  kGreylisted,
  kBlacklisted,
  kEquipmentUnknown,
};

// "whitelisted", "greylisted", "blacklisted", "unknown" (config spelling).
std::string_view PolicyAnswerName(PolicyAnswer answer);
// Inverse of PolicyAnswerName, case-insensitive. kInvalidInput naming the text otherwise.
Result<PolicyAnswer> ParsePolicyAnswer(std::string_view text);

// Order of evaluation (snapshot.h): invalid IMEI, then the lists, then for an IMEI on no
// list: test TAC, unallocated TAC, unknown IMEI in whitelist mode, else whitelisted.
// An unset optional policy is off.
struct DecisionPolicies {
  // Not 14 decimal digits after taking the first 14 characters of 14-16 (always applies:
  // such an identifier cannot be looked up).
  PolicyAnswer invalid_imei = PolicyAnswer::kEquipmentUnknown;
  // A TAC (first 8 digits) the snapshot's allocated TACs do not hold. Needs allocated TACs.
  std::optional<PolicyAnswer> unallocated_tac;
  // A test TAC (identifiers::IsTestTac: 001..., 0044..., 0086..., 0091...).
  std::optional<PolicyAnswer> test_tac;
  // Whitelist mode: an IMEI the snapshot's known IMEIs do not hold. Needs known IMEIs.
  std::optional<PolicyAnswer> unknown_imei;

  friend bool operator==(const DecisionPolicies&, const DecisionPolicies&) = default;
};

}  // namespace openceir::eir
