// Tests of the PostgreSQL registry store: the conformance suites (as on SQLite), plus what only a
// server has: connection loss, concurrent sessions, the server's collation.
#include "openceir/store/postgresql/pg_registry_store.h"

#include <fmt/format.h>
#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <unistd.h>

#include <string>

#include "openceir/store/postgresql/pg_test_util.h"
#include "openceir/store/testing/registry_store_conformance.h"

namespace openceir::store {
namespace {

using postgresql::testing::FreshDatabase;
using testing::RegistryStoreConformanceTest;

// A fresh database of the test program's private cluster.
class PgTestDatabase final : public testing::TestDatabase {
 public:
  explicit PgTestDatabase(std::string dsn) : dsn_(std::move(dsn)) {}
  Result<std::unique_ptr<RegistryStore>> Open(const Clock* clock) override {
    return OpenPgRegistryStore(dsn_, clock);
  }

 private:
  std::string dsn_;
};

Result<std::unique_ptr<testing::TestDatabase>> CreatePgDatabase() {
  OPENCEIR_ASSIGN_OR_RETURN(std::string dsn, FreshDatabase());
  return std::unique_ptr<testing::TestDatabase>(new PgTestDatabase(std::move(dsn)));
}

INSTANTIATE_TEST_SUITE_P(Postgresql, RegistryStoreConformanceTest,
                         ::testing::Values(testing::RegistryStoreBackend{"postgresql",
                                                                         CreatePgDatabase}),
                         testing::RegistryStoreBackendName);

}  // namespace
}  // namespace openceir::store
