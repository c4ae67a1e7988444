// Input checks shared by the classification run backends.
#include "openceir/store/classification_input.h"

#include <fmt/format.h>

#include "openceir/store/evidence_json.h"

namespace openceir::store {

Status EncodeConditionMatch(const ConditionMatch& match, std::span<const ConditionSpec> conditions,
                            std::string& evidence_json) {
  if (match.condition >= conditions.size()) {
    return InvalidInputError(fmt::format("match of IMEI {} names condition {}, the run has {}",
                                         match.imei_norm, match.condition, conditions.size()));
  }
  if (match.imei_norm.empty()) return InvalidInputError("match with an empty imei_norm");
  Status encoded = AppendEvidenceJson(match.evidence, evidence_json);
  if (!encoded.ok()) {
    return InvalidInputError(fmt::format("condition '{}', IMEI {}: {}",
                                         conditions[match.condition].label, match.imei_norm,
                                         encoded.message()));
  }
  return Status::Ok();
}

Status CheckUnstagedMatches(std::uint32_t condition, std::int64_t count,
                            std::size_t condition_count) {
  if (condition >= condition_count || count < 0) {
    return InvalidInputError(fmt::format("{} unstaged matches of condition {}: the run has {}",
                                         count, condition, condition_count));
  }
  return Status::Ok();
}

Status CheckGenuineUser(const GenuineUserDesignation& user) {
  if (user.imei_norm.empty() || user.imsi.empty()) {
    return InvalidInputError(fmt::format("genuine user with an empty imei_norm or imsi ({}, {})",
                                         user.imei_norm, user.imsi));
  }
  return Status::Ok();
}

}  // namespace openceir::store
