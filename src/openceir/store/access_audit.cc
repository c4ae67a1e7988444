// Role names and the checks every backend applies before writing keys and audit entries.
#include "openceir/store/access_audit.h"

#include <fmt/format.h>

#include <nlohmann/json.hpp>

namespace openceir::store {

std::string_view ApiRoleName(ApiRole role) {
  switch (role) {
    case ApiRole::kPublic: return "public";
    case ApiRole::kOperator: return "operator";
    case ApiRole::kPolice: return "police";
    case ApiRole::kRegulator: return "regulator";
  }
  return "unknown";
}

Result<ApiRole> ParseApiRole(std::string_view name) {
  for (ApiRole role :
       {ApiRole::kPublic, ApiRole::kOperator, ApiRole::kPolice, ApiRole::kRegulator}) {
    if (ApiRoleName(role) == name) return role;
  }
  return InvalidInputError(
      fmt::format("unknown role '{}' (expected public, operator, police or regulator)", name));
}

Status CheckAuditChange(const AuditChange& change) {
  if (change.actor.empty()) return InvalidInputError("an audit entry needs an actor");
  if (change.action.empty()) return InvalidInputError("an audit entry needs an action");
  if (change.subject.empty()) return InvalidInputError("an audit entry needs a subject");
  auto detail = nlohmann::json::parse(change.detail_json, nullptr, /*allow_exceptions=*/false);
  if (!detail.is_object()) {
    return InvalidInputError(fmt::format("audit detail of {} is not a JSON object", change.action));
  }
  return Status::Ok();
}

Status CheckNewApiKey(const NewApiKey& key) {
  if (key.name.empty()) return InvalidInputError("an API key needs a name");
  if (key.role == ApiRole::kOperator && key.operator_id.empty()) {
    return InvalidInputError("an operator key needs an operator id");
  }
  if (key.role != ApiRole::kOperator && !key.operator_id.empty()) {
    return InvalidInputError(
        fmt::format("a {} key has no operator id (only operator keys do)", ApiRoleName(key.role)));
  }
  if (key.key_hash.size() != 64 ||
      key.key_hash.find_first_not_of("0123456789abcdef") != std::string::npos) {
    return InvalidInputError("an API key hash must be 64 lower-case hex digits");
  }
  return Status::Ok();
}

AuditChange ApiKeyCreatedChange(ApiKeyId id, const NewApiKey& key, const std::string& actor) {
  nlohmann::json detail = {{"name", key.name}, {"role", ApiRoleName(key.role)}};
  if (!key.operator_id.empty()) detail["operator_id"] = key.operator_id;
  return AuditChange{actor, "apikey.create", fmt::format("apikey:{}", id), detail.dump()};
}

AuditChange ApiKeyRevokedChange(const ApiKeyRecord& key, const std::string& actor) {
  nlohmann::json detail = {{"name", key.name}, {"role", ApiRoleName(key.role)}};
  return AuditChange{actor, "apikey.revoke", fmt::format("apikey:{}", key.id), detail.dump()};
}

}  // namespace openceir::store
