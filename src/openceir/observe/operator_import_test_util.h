// Test fixture for whole operator data imports: a temporary folder, one SQLite file holding the
// registry and the observation store, a fixed "today", and the Demoland configuration.
#pragma once

#include <gtest/gtest.h>

#include <memory>
#include <string>
#include <vector>

#include "openceir/base/clock.h"
#include "openceir/config/config.h"
#include "openceir/observe/operator_import.h"
#include "openceir/store/observation_store.h"
#include "openceir/store/registry_store.h"

namespace openceir::observe::testing {

// Demoland: region MCC 999, country code 999, op1 = 99901, op2 = 99902, op3 = 99903/999040.
config::Config DemolandConfig();

// 2026-11-28 12:00 UTC.
inline constexpr UnixSeconds kToday = 1795867200;

class OperatorImportFixture : public ::testing::Test {
 protected:
  void SetUp() override;
  void TearDown() override;

  // Writes `content` to `name` in the temporary folder; returns the path.
  std::string WriteFile(const std::string& name, const std::string& content);
  Result<OperatorImportReport> Import(const std::string& operator_id, const std::string& path,
                                      OperatorImportOptions options = {});
  // Every stored per-operator triplet of `operator_id` in 2020-2030.
  std::vector<store::TripletMonth> Triplets(const std::string& operator_id);
  std::vector<store::DailyCounts> DailyCounts(const std::string& operator_id);
  store::JobRecord Job(store::JobId id);
  // Re-opens both stores (after another process wrote to the file).
  void Reopen();

  std::string dir_;
  std::string db_path_;
  ManualClock clock_{kToday};
  config::Config config_ = DemolandConfig();
  std::unique_ptr<store::RegistryStore> registry_;
  std::unique_ptr<store::ObservationStore> observations_;
};

}  // namespace openceir::observe::testing
