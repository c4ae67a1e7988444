// Session advisory locks: "one classification run (or list run) at a time" across processes and
// machines sharing one PostgreSQL database. A lock is named; the name maps to a stable 64-bit
// key (AdvisoryLockKey), the same in every build and process. It is held by the connection's
// session, so a process that dies or loses its connection releases it without help.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "openceir/base/status.h"
#include "openceir/store/postgresql/pg_connection.h"

namespace openceir::store::postgresql {

// FNV-1a of the name, as a signed bigint for pg_advisory_lock.
std::int64_t AdvisoryLockKey(std::string_view name);

class PgAdvisoryLock {
 public:
  // Takes the lock `name` without waiting. Errors with kAborted, naming the backend pid that
  // holds it, when another session holds it; with the connection's errors otherwise.
  // `connection` (not owned) must outlive the lock.
  static Result<PgAdvisoryLock> TryAcquire(PgConnection* connection, std::string_view name);

  // Releases the lock if still held (errors ignored: a lost connection released it).
  ~PgAdvisoryLock();
  PgAdvisoryLock(PgAdvisoryLock&& other) noexcept;
  PgAdvisoryLock& operator=(PgAdvisoryLock&&) = delete;
  PgAdvisoryLock(const PgAdvisoryLock&) = delete;

  Status Release();
  const std::string& name() const { return name_; }

 private:
  PgAdvisoryLock(PgConnection* connection, std::string name)
      : connection_(connection), name_(std::move(name)) {}

  PgConnection* connection_;  // null once released or moved from
  std::string name_;
};

}  // namespace openceir::store::postgresql
