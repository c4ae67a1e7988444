// PgAdvisoryLock over pg_try_advisory_lock / pg_advisory_unlock (bigint keys).
#include "openceir/store/postgresql/pg_advisory_lock.h"

#include <fmt/format.h>

#include <utility>

namespace openceir::store::postgresql {
namespace {

constexpr const char* kTryLock = "openceir_advisory_try_lock";
constexpr const char* kUnlock = "openceir_advisory_unlock";
constexpr const char* kHolder = "openceir_advisory_holder";

// A bigint key is stored in pg_locks as classid = high 32 bits, objid = low 32 bits, objsubid 1.
constexpr std::string_view kHolderSql =
    "SELECT pid FROM pg_locks WHERE locktype = 'advisory' AND granted AND objsubid = 1 "
    "AND classid = (($1::bigint >> 32) & 4294967295)::bigint::oid "
    "AND objid = ($1::bigint & 4294967295)::bigint::oid";

}  // namespace

std::int64_t AdvisoryLockKey(std::string_view name) {
  std::uint64_t hash = 14695981039346656037ull;
  for (char c : name) {
    hash ^= static_cast<unsigned char>(c);
    hash *= 1099511628211ull;
  }
  return static_cast<std::int64_t>(hash);
}

Result<PgAdvisoryLock> PgAdvisoryLock::TryAcquire(PgConnection* connection, std::string_view name) {
  OPENCEIR_RETURN_IF_ERROR(connection->Prepare(kTryLock, "SELECT pg_try_advisory_lock($1)"));
  const std::int64_t key = AdvisoryLockKey(name);
  OPENCEIR_ASSIGN_OR_RETURN(PgResult taken, connection->Execute(kTryLock, PgParams().Int64(key)));
  if (taken.Text(0, 0) == "t") return PgAdvisoryLock(connection, std::string(name));

  OPENCEIR_RETURN_IF_ERROR(connection->Prepare(kHolder, kHolderSql));
  OPENCEIR_ASSIGN_OR_RETURN(PgResult holder, connection->Execute(kHolder, PgParams().Int64(key)));
  std::string held_by = holder.rows() > 0 ? fmt::format(" (backend pid {})", holder.Text(0, 0))
                                          : std::string(" (it was just released; try again)");
  return AbortedError(fmt::format("the lock '{}' is held by another session{}", name, held_by));
}

PgAdvisoryLock::PgAdvisoryLock(PgAdvisoryLock&& other) noexcept
    : connection_(std::exchange(other.connection_, nullptr)), name_(std::move(other.name_)) {}

PgAdvisoryLock::~PgAdvisoryLock() {
  if (connection_ != nullptr && connection_->connected()) Release().IgnoreError();
}

Status PgAdvisoryLock::Release() {
  PgConnection* connection = std::exchange(connection_, nullptr);
  if (connection == nullptr) return InternalError(fmt::format("lock '{}' not held", name_));
  OPENCEIR_RETURN_IF_ERROR(connection->Prepare(kUnlock, "SELECT pg_advisory_unlock($1)"));
  OPENCEIR_ASSIGN_OR_RETURN(PgResult released,
                            connection->Execute(kUnlock, PgParams().Int64(AdvisoryLockKey(name_))));
  if (released.Text(0, 0) != "t") {
    return InternalError(fmt::format("lock '{}' was not held by this session", name_));
  }
  return Status::Ok();
}

}  // namespace openceir::store::postgresql
