// PgTransaction: BEGIN, COMMIT and the rollback on destruction.
#include "openceir/store/postgresql/pg_transaction.h"

#include <fmt/format.h>
#include <libpq-fe.h>

#include <utility>

namespace openceir::store::postgresql {

Result<PgTransaction> PgTransaction::Begin(PgConnection* connection, std::string_view mode) {
  OPENCEIR_RETURN_IF_ERROR(
      connection->ExecScript(mode.empty() ? std::string("BEGIN") : fmt::format("BEGIN {}", mode)));
  return PgTransaction(connection);
}

PgTransaction::PgTransaction(PgTransaction&& other) noexcept
    : connection_(std::exchange(other.connection_, nullptr)) {}

PgTransaction::~PgTransaction() {
  if (connection_ != nullptr && connection_->connected()) Rollback().IgnoreError();
}

Status PgTransaction::Commit() {
  PgConnection* connection = std::exchange(connection_, nullptr);
  if (connection == nullptr) return InternalError("commit of a transaction that has ended");
  // After a failed statement the server answers COMMIT with a rollback, not an error.
  if (PQtransactionStatus(connection->raw()) == PQTRANS_INERROR) {
    connection->ExecScript("ROLLBACK").IgnoreError();
    return AbortedError("commit refused: a statement of the transaction failed; rolled back");
  }
  return connection->ExecScript("COMMIT");
}

Status PgTransaction::Rollback() {
  PgConnection* connection = std::exchange(connection_, nullptr);
  if (connection == nullptr) return InternalError("rollback of a transaction that has ended");
  return connection->ExecScript("ROLLBACK");
}

}  // namespace openceir::store::postgresql
