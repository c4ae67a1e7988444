// Names of the decision's enums, as logs, metrics and the REST answer spell them.
#include "openceir/eir/decision.h"

namespace openceir::eir {

std::string_view EquipmentStatusName(EquipmentStatus status) {
  switch (status) {
    case EquipmentStatus::kWhitelisted: return "WHITELISTED";
    case EquipmentStatus::kBlacklisted: return "BLACKLISTED";
    case EquipmentStatus::kGreylisted: return "GREYLISTED";
  }
  return "WHITELISTED";
}

std::string_view DecisionBasisName(DecisionBasis basis) {
  switch (basis) {
    case DecisionBasis::kNotListed: return "not_listed";
    case DecisionBasis::kBlacklist: return "blacklist";
    case DecisionBasis::kExceptionPair: return "exception_pair";
    case DecisionBasis::kNotification: return "notification";
    case DecisionBasis::kInvalidImeiPolicy: return "invalid_imei_policy";
    case DecisionBasis::kUnallocatedTacPolicy: return "unallocated_tac_policy";
    case DecisionBasis::kTestTacPolicy: return "test_tac_policy";
    case DecisionBasis::kUnknownImeiPolicy: return "unknown_imei_policy";
  }
  return "not_listed";
}

}  // namespace openceir::eir
