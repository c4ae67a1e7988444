// A transaction on a PgConnection that rolls back unless committed, so an early return or a
// lost connection never leaves half a change: what is not committed is not there.
#pragma once

#include "openceir/base/status.h"
#include "openceir/store/postgresql/pg_connection.h"

namespace openceir::store::postgresql {

class PgTransaction {
 public:
  // BEGIN on `connection` (not owned; must outlive the transaction). `mode` is appended to
  // BEGIN, e.g. "ISOLATION LEVEL REPEATABLE READ"; empty for the default (READ COMMITTED).
  static Result<PgTransaction> Begin(PgConnection* connection, std::string_view mode = "");

  // Rolls back when neither Commit nor Rollback succeeded (errors ignored: a connection that is
  // gone has rolled back on the server already).
  ~PgTransaction();
  PgTransaction(PgTransaction&& other) noexcept;
  PgTransaction& operator=(PgTransaction&&) = delete;
  PgTransaction(const PgTransaction&) = delete;

  // COMMIT. On error (a deferred constraint, a lost connection) nothing was committed.
  Status Commit();
  Status Rollback();

 private:
  explicit PgTransaction(PgConnection* connection) : connection_(connection) {}

  PgConnection* connection_;  // null once ended or moved from
};

}  // namespace openceir::store::postgresql
