// The observation store conformance suite: the behaviour every ObservationStore backend must
// have (merge semantics, country rows, network IMEIs, daily counts, cells, travel state and
// evidence, atomic batches with import records, window scans, summaries equal to a brute-force
// computation), written once and instantiated per backend:
//
//   INSTANTIATE_TEST_SUITE_P(Sqlite, ObservationStoreConformanceTest,
//                            ::testing::Values(ObservationStoreBackend{"sqlite", MakeSqlite}),
//                            ObservationStoreBackendName);
#pragma once

#include <gtest/gtest.h>

#include <functional>
#include <memory>
#include <string>

#include "openceir/base/clock.h"
#include "openceir/base/status.h"
#include "openceir/store/observation_store.h"

namespace openceir::store::testing {

// One database for one test. Created empty; destroyed with the object.
class ObservationTestDatabase {
 public:
  virtual ~ObservationTestDatabase() = default;
  // Opens a new store object on this database (unmigrated on first use). May be called more
  // than once: the objects share the database like separate processes would.
  virtual Result<std::unique_ptr<ObservationStore>> Open(const Clock* clock) = 0;
};

// A backend under test: a name (letters and digits) and a way to create an empty database.
struct ObservationStoreBackend {
  std::string name;
  std::function<Result<std::unique_ptr<ObservationTestDatabase>>()> create_database;
};

// Test-name generator for INSTANTIATE_TEST_SUITE_P.
std::string ObservationStoreBackendName(
    const ::testing::TestParamInfo<ObservationStoreBackend>& info);

// The fixture: a fresh database, and a migrated store on it (`store()`), stamped by `clock()`.
class ObservationStoreConformanceTest : public ::testing::TestWithParam<ObservationStoreBackend> {
 protected:
  void SetUp() override;

  ObservationStore& store() { return *store_; }
  ObservationTestDatabase& database() { return *database_; }
  ManualClock& clock() { return clock_; }

 private:
  ManualClock clock_{1'790'000'000};
  std::unique_ptr<ObservationTestDatabase> database_;
  std::unique_ptr<ObservationStore> store_;
};

}  // namespace openceir::store::testing
