// The shared test cluster and its per-test databases.
#include "openceir/store/postgresql/pg_test_util.h"

#include <fmt/format.h>

#include <functional>

#include "tests/support/pg_cluster.h"

namespace openceir::store::postgresql::testing {
namespace {

struct SharedCluster {
  std::unique_ptr<openceir::testing::PgCluster> cluster;
  std::string error;
  int databases = 0;
};

// Started once, on first use; its destructor (at exit) stops the server and removes its folder.
SharedCluster& Shared() {
  static SharedCluster shared = [] {
    SharedCluster started;
    started.cluster = openceir::testing::PgCluster::Start(&started.error);
    return started;
  }();
  return shared;
}

}  // namespace

Result<std::string> AdminDsn() {
  SharedCluster& shared = Shared();
  if (shared.cluster == nullptr) {
    return UnavailableError("no PostgreSQL server for the tests: " + shared.error);
  }
  return shared.cluster->dsn();
}

Result<std::string> FreshDatabase() {
  OPENCEIR_ASSIGN_OR_RETURN(std::string admin_dsn, AdminDsn());
  OPENCEIR_ASSIGN_OR_RETURN(auto admin, PgConnection::Open(admin_dsn));
  SharedCluster& shared = Shared();
  const std::string name = fmt::format("test_{}", ++shared.databases);
  OPENCEIR_RETURN_IF_ERROR(admin->ExecScript(fmt::format("CREATE DATABASE {}", name)));
  return shared.cluster->Dsn(name);
}

std::string QueryValue(PgConnection& connection, const std::string& sql) {
  const std::string name = fmt::format("test_query_{}", std::hash<std::string>()(sql));
  if (Status prepared = connection.Prepare(name, sql); !prepared.ok()) return prepared.ToString();
  Result<PgResult> result = connection.Execute(name);
  if (!result.ok()) return result.status().ToString();
  if (result->rows() != 1 || result->columns() != 1) {
    return fmt::format("{} rows of {} columns", result->rows(), result->columns());
  }
  return result->IsNull(0, 0) ? "NULL" : std::string(result->Text(0, 0));
}

bool TerminateBackend(PgConnection& admin, const PgConnection& victim) {
  if (!admin.Prepare("test_terminate", "SELECT pg_terminate_backend($1, 10000)").ok()) {
    return false;
  }
  Result<PgResult> result = admin.Execute("test_terminate", PgParams().Int64(victim.backend_pid()));
  return result.ok() && result->Text(0, 0) == "t";
}

}  // namespace openceir::store::postgresql::testing
