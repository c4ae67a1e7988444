// The audit log's hash chain: how an entry's hash is computed, how backends build the next entry
// from the head, and how the whole chain is verified (`openceir audit verify`).
//
// hash = BLAKE2b-256 (libsodium crypto_generichash, no key) over a canonical encoding of
// (seq, at, actor, action, subject, detail, prev_hash): a domain tag, then each field as a
// netstring ("<length>:<bytes>,"; integers in decimal), so no two different entries encode the
// same. Each entry names its predecessor's hash, so changing, inserting or deleting a past
// entry breaks every later link; the head row (AuditHead) catches deleting the newest entries.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "openceir/base/status.h"
#include "openceir/store/access_audit.h"
#include "openceir/store/registry_store.h"

namespace openceir::store {

// The canonical bytes that are hashed (exposed for tests).
std::string AuditEntryEncoding(const AuditEntry& entry);
// Lower-case hex BLAKE2b-256 of AuditEntryEncoding(entry) (the entry's own `hash` is ignored).
std::string AuditEntryHash(const AuditEntry& entry);

// The entry that follows `head` for `change` at time `at`: seq head.seq + 1, prev_hash
// head.hash, hash computed. Backends call it inside the append's transaction, with the head
// read under the lock that serialises appenders.
AuditEntry NextAuditEntry(const AuditHead& head, const AuditChange& change, UnixSeconds at);

struct AuditVerification {
  std::int64_t entries = 0;  // entries read
  // The first entry (by seq) where the chain breaks, and why; nullopt when intact.
  std::optional<std::int64_t> broken_seq;
  std::string problem;
  bool intact() const { return !broken_seq.has_value(); }
};

// Reads the whole log in seq order and checks every link: seq follows its predecessor, prev_hash
// is its predecessor's hash, hash is the entry's recomputed hash; then that the head names the
// last entry. A broken chain is a result (intact() false), not an error. Errors: the store's.
Result<AuditVerification> VerifyAuditChain(RegistryStore& store);

}  // namespace openceir::store
