// The audit log's hash chain (see audit_chain.h). The hash is computed here, inside the store
// component, because it must be computed inside each backend's append transaction; this is why
// `store` is one of libsodium's owners in tools/check_layering.sh.
#include "openceir/store/audit_chain.h"

#include <fmt/format.h>
#include <sodium.h>

#include <array>

namespace openceir::store {
namespace {

constexpr std::string_view kDomainTag = "openceir-audit-v1";

void AppendNetstring(std::string& out, std::string_view field) {
  out += std::to_string(field.size());
  out += ':';
  out += field;
  out += ',';
}

std::string Hex(const unsigned char* bytes, std::size_t size) {
  static constexpr char kDigits[] = "0123456789abcdef";
  std::string hex;
  hex.reserve(size * 2);
  for (std::size_t i = 0; i < size; ++i) {
    hex += kDigits[bytes[i] >> 4];
    hex += kDigits[bytes[i] & 0xf];
  }
  return hex;
}

}  // namespace

std::string AuditEntryEncoding(const AuditEntry& entry) {
  std::string out;
  AppendNetstring(out, kDomainTag);
  AppendNetstring(out, std::to_string(entry.seq));
  AppendNetstring(out, std::to_string(entry.at));
  AppendNetstring(out, entry.actor);
  AppendNetstring(out, entry.action);
  AppendNetstring(out, entry.subject);
  AppendNetstring(out, entry.detail_json);
  AppendNetstring(out, entry.prev_hash);
  return out;
}

std::string AuditEntryHash(const AuditEntry& entry) {
  const std::string encoding = AuditEntryEncoding(entry);
  std::array<unsigned char, crypto_generichash_BYTES> digest{};
  static_assert(crypto_generichash_BYTES == 32);
  // crypto_generichash cannot fail with these sizes (its return value is always 0 then).
  crypto_generichash(digest.data(), digest.size(),
                     reinterpret_cast<const unsigned char*>(encoding.data()), encoding.size(),
                     nullptr, 0);
  return Hex(digest.data(), digest.size());
}

AuditEntry NextAuditEntry(const AuditHead& head, const AuditChange& change, UnixSeconds at) {
  AuditEntry entry;
  entry.seq = head.seq + 1;
  entry.at = at;
  entry.actor = change.actor;
  entry.action = change.action;
  entry.subject = change.subject;
  entry.detail_json = change.detail_json;
  entry.prev_hash = head.hash;
  entry.hash = AuditEntryHash(entry);
  return entry;
}

Result<AuditVerification> VerifyAuditChain(RegistryStore& store) {
  AuditVerification verification;
  AuditHead previous;  // seq 0, empty hash: what the first entry must follow
  OPENCEIR_RETURN_IF_ERROR(store.ScanAuditLog([&](const AuditEntry& entry) -> Status {
    ++verification.entries;
    if (verification.broken_seq) return Status::Ok();  // report the first break only
    std::string problem;
    std::int64_t broken = entry.seq;
    if (entry.seq != previous.seq + 1) {
      broken = previous.seq + 1;
      problem = fmt::format("entry {} follows entry {} (entries {} to {} are missing)", entry.seq,
                            previous.seq, previous.seq + 1, entry.seq - 1);
    } else if (entry.prev_hash != previous.hash) {
      problem = fmt::format(
          "entry {} does not name entry {}'s hash (it or its predecessor was "
          "changed)",
          entry.seq, previous.seq);
    } else if (AuditEntryHash(entry) != entry.hash) {
      problem = fmt::format(
          "entry {} does not match its hash (it was changed after it was "
          "written)",
          entry.seq);
    }
    if (!problem.empty()) {
      verification.broken_seq = broken;
      verification.problem = std::move(problem);
    }
    previous = AuditHead{entry.seq, entry.hash};
    return Status::Ok();
  }));
  if (verification.broken_seq) return verification;
  OPENCEIR_ASSIGN_OR_RETURN(AuditHead head, store.GetAuditHead());
  if (head.seq > previous.seq) {
    verification.broken_seq = previous.seq + 1;
    verification.problem = fmt::format(
        "the head names entry {} but the log ends at entry {} (entries {} to {} were deleted)",
        head.seq, previous.seq, previous.seq + 1, head.seq);
  } else if (head.seq < previous.seq) {
    verification.broken_seq = head.seq + 1;
    verification.problem = fmt::format(
        "the log goes on to entry {} but the head names entry {} (entries {} to {} were added "
        "behind the store's back)",
        previous.seq, head.seq, head.seq + 1, previous.seq);
  } else if (head.hash != previous.hash) {
    verification.broken_seq = previous.seq;
    verification.problem = fmt::format(
        "entry {} does not have the hash the head recorded (it was rewritten)", previous.seq);
  }
  return verification;
}

}  // namespace openceir::store
