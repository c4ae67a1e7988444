// `openceir apikey create|revoke|list`: API keys for the REST API. The key is printed once at
// creation; the store keeps only its hash. Creation and revocation are recorded in the audit
// trail as "user:<login>".
#include <fmt/format.h>

#include <nlohmann/json.hpp>

#include "cli/api_commands.h"
#include "openceir/api/api_key.h"

namespace openceir::cli {
namespace {

std::string Actor() { return "user:" + CurrentUser(); }

nlohmann::json KeyJson(const store::ApiKeyRecord& key) {
  return {
      {"id", key.id},
      {"name", key.name},
      {"role", std::string(store::ApiRoleName(key.role))},
      {"operator_id", key.operator_id},
      {"created_at", FormatIso8601Utc(key.created_at)},
      {"created_by", key.created_by},
      {"revoked_at", key.revoked_at ? nlohmann::json(FormatIso8601Utc(*key.revoked_at))
                                    : nlohmann::json(nullptr)},
      {"revoked_by", key.revoked_at ? nlohmann::json(key.revoked_by) : nlohmann::json(nullptr)}};
}

Result<std::unique_ptr<store::RegistryStore>> OpenRegistry(const GlobalOptions& global,
                                                           const Clock* clock) {
  OPENCEIR_ASSIGN_OR_RETURN(Context context, LoadContext(global));
  return OpenStore(context, OpenMode::kExistingLatest, clock);
}

}  // namespace

int RunApiKeyCreate(const GlobalOptions& global, const ApiKeyCreateOptions& options) {
  auto role = store::ParseApiRole(options.role);
  if (!role.ok()) return ReportError(role.status());
  SystemClock clock;
  auto registry = OpenRegistry(global, &clock);
  if (!registry.ok()) return ReportError(registry.status());
  api::NewKeyMaterial material = api::GenerateApiKey();
  auto created = (*registry)->CreateApiKey(
      store::NewApiKey{options.name, *role, options.operator_id, material.hash}, Actor());
  if (!created.ok()) return ReportError(created.status());
  if (options.json) {
    nlohmann::json out = KeyJson(*created);
    out["key"] = material.text;
    fmt::print("{}\n", out.dump(2));
  } else {
    fmt::print(stderr, "API key {} ({}{}, \"{}\") created. It is shown only now; keep it safe:\n",
               created->id, store::ApiRoleName(created->role),
               created->operator_id.empty() ? "" : " of " + created->operator_id, created->name);
    fmt::print("{}\n", material.text);
  }
  return kExitOk;
}

int RunApiKeyRevoke(const GlobalOptions& global, std::int64_t id) {
  SystemClock clock;
  auto registry = OpenRegistry(global, &clock);
  if (!registry.ok()) return ReportError(registry.status());
  if (Status status = (*registry)->RevokeApiKey(id, Actor()); !status.ok()) {
    return ReportError(status);
  }
  fmt::print("API key {} revoked\n", id);
  return kExitOk;
}

int RunApiKeyList(const GlobalOptions& global, bool json) {
  SystemClock clock;
  auto registry = OpenRegistry(global, &clock);
  if (!registry.ok()) return ReportError(registry.status());
  auto keys = (*registry)->ListApiKeys();
  if (!keys.ok()) return ReportError(keys.status());
  if (json) {
    nlohmann::json out = nlohmann::json::array();
    for (const store::ApiKeyRecord& key : *keys) out.push_back(KeyJson(key));
    fmt::print("{}\n", out.dump(2));
    return kExitOk;
  }
  fmt::print("{:>5}  {:<9}  {:<10}  {:<20}  {:<20}  {}\n", "id", "role", "operator", "created",
             "revoked", "name");
  for (const store::ApiKeyRecord& key : *keys) {
    fmt::print("{:>5}  {:<9}  {:<10}  {:<20}  {:<20}  {}\n", key.id, store::ApiRoleName(key.role),
               key.operator_id.empty() ? "-" : key.operator_id, FormatIso8601Utc(key.created_at),
               key.revoked_at ? FormatIso8601Utc(*key.revoked_at) : "-", key.name);
  }
  return kExitOk;
}

}  // namespace openceir::cli
