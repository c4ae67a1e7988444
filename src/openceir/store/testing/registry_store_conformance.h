// The registry store conformance suite: the behaviour every RegistryStore backend must have
// (temporal lists, jobs, atomic commits, several store objects on one database), written once
// and instantiated per backend:
//
//   INSTANTIATE_TEST_SUITE_P(Sqlite, RegistryStoreConformanceTest,
//                            ::testing::Values(RegistryStoreBackend{"sqlite", MakeSqlite}),
//                            RegistryStoreBackendName);
#pragma once

#include <gtest/gtest.h>

#include <functional>
#include <memory>
#include <string>

#include "openceir/base/clock.h"
#include "openceir/base/status.h"
#include "openceir/store/registry_store.h"

namespace openceir::store::testing {

// One database for one test. Created empty; destroyed with the object.
class TestDatabase {
 public:
  virtual ~TestDatabase() = default;
  // Opens a new store object on this database (unmigrated on first use). May be called more
  // than once: the objects share the database like separate processes would.
  virtual Result<std::unique_ptr<RegistryStore>> Open(const Clock* clock) = 0;
};

// A backend under test: a name (letters and digits) and a way to create an empty database.
struct RegistryStoreBackend {
  std::string name;
  std::function<Result<std::unique_ptr<TestDatabase>>()> create_database;
};

// Test-name generator for INSTANTIATE_TEST_SUITE_P.
std::string RegistryStoreBackendName(const ::testing::TestParamInfo<RegistryStoreBackend>& info);

// The fixture: a fresh database, and a migrated store on it (`store()`), stamped by `clock()`.
class RegistryStoreConformanceTest : public ::testing::TestWithParam<RegistryStoreBackend> {
 protected:
  void SetUp() override;

  RegistryStore& store() { return *store_; }
  TestDatabase& database() { return *database_; }
  ManualClock& clock() { return clock_; }

 private:
  ManualClock clock_{1'790'000'000};
  std::unique_ptr<TestDatabase> database_;
  std::unique_ptr<RegistryStore> store_;
};

}  // namespace openceir::store::testing
