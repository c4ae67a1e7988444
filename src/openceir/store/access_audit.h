// API keys and the audit trail (schema version 4), reached through RegistryStore.
//
// API keys: the store keeps only a key's hash (the key itself is shown once to the person who
// created it, by the api component); a key has a role, and an operator key names its operator.
// Audit trail: every change made by a person or key is one entry (who, what, when), appended in
// the same transaction as the change it records and chained by hash (audit_chain.h), so editing
// or deleting a past entry is detected by VerifyAuditChain.
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>

#include "openceir/base/clock.h"
#include "openceir/base/status.h"

namespace openceir::store {

// Who a key speaks for. Public keys are for clients that want a name (the public role needs no
// key); operators see their own data only; police and regulators see more (regulator: all).
enum class ApiRole { kPublic, kOperator, kPolice, kRegulator };

std::string_view ApiRoleName(ApiRole role);  // "public", "operator", "police", "regulator"
// Errors: kInvalidInput naming the text and the roles.
Result<ApiRole> ParseApiRole(std::string_view name);

using ApiKeyId = std::int64_t;

// What CreateApiKey needs. `key_hash` is the hex hash of the key (never the key itself).
struct NewApiKey {
  std::string name;
  ApiRole role = ApiRole::kPublic;
  std::string operator_id;  // required for kOperator, empty for the other roles
  std::string key_hash;
};

struct ApiKeyRecord {
  ApiKeyId id = 0;
  std::string name;
  ApiRole role = ApiRole::kPublic;
  std::string operator_id;
  std::string key_hash;
  UnixSeconds created_at = 0;
  std::string created_by;
  std::optional<UnixSeconds> revoked_at;  // nullopt while active
  std::string revoked_by;                 // empty while active
};

// A change to record: who did what to which thing. `detail_json` is a JSON object (as text,
// stored and hashed byte for byte); "{}" when there is nothing more to say.
struct AuditChange {
  std::string actor;    // a person ("user:alice") or a key ("apikey:3")
  std::string action;   // dotted verb, e.g. "apikey.create"
  std::string subject;  // what was changed, e.g. "apikey:3"
  std::string detail_json = "{}";
};

// One entry of the audit log. seq counts from 1 without gaps; prev_hash is the previous
// entry's hash (empty for the first); hash = AuditEntryHash(entry) (audit_chain.h), lower-case
// hex.
struct AuditEntry {
  std::int64_t seq = 0;
  UnixSeconds at = 0;
  std::string actor;
  std::string action;
  std::string subject;
  std::string detail_json;
  std::string prev_hash;
  std::string hash;
};

// The newest entry as the store's head row records it: seq 0 and an empty hash before the first.
// Kept apart from the log so that deleting the newest entries is detected too.
struct AuditHead {
  std::int64_t seq = 0;
  std::string hash;
};

using AuditEntryVisitor = std::function<Status(const AuditEntry& entry)>;

// Checks a change before it is appended: actor, action and subject non-empty, detail a JSON
// object. Errors: kInvalidInput naming the field.
Status CheckAuditChange(const AuditChange& change);
// Checks a key before it is created: name non-empty, operator_id given exactly for kOperator,
// key_hash 64 hex digits. Errors: kInvalidInput naming the field.
Status CheckNewApiKey(const NewApiKey& key);

// The audit entries key creation and revocation append (the same on every backend).
AuditChange ApiKeyCreatedChange(ApiKeyId id, const NewApiKey& key, const std::string& actor);
AuditChange ApiKeyRevokedChange(const ApiKeyRecord& key, const std::string& actor);

}  // namespace openceir::store
