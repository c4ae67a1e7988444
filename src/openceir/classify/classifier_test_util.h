// A classification test bench: real SQLite registry and observation stores in a temporary
// folder, lists imported through the real importer, network sightings committed as an
// operator import would commit them, and Classify() with a reader opener.
#pragma once

#include <gtest/gtest.h>

#include <filesystem>
#include <memory>
#include <string>
#include <vector>

#include "openceir/base/clock.h"
#include "openceir/classify/classifier.h"
#include "openceir/config/config.h"
#include "openceir/store/observation_store.h"
#include "openceir/store/registry_store.h"

namespace openceir::classify::testing {

class ClassifierBench : public ::testing::Test {
 protected:
  void SetUp() override;
  void TearDown() override;

  // Imports `text` as the whole list `kind`.
  void Import(store::ListKind kind, const std::string& text);
  // Commits one operator import: `imei_norm` seen by `op` with (imsi, msisdn) on `days`.
  void See(const std::string& op, const std::string& imei_norm, const std::string& imsi,
           const std::vector<Date>& days, const std::string& msisdn = "");
  // A condition of one dimension.
  static config::ConditionConfig OneDimension(const std::string& label, const std::string& module,
                                              std::map<std::string, std::string> parameters = {},
                                              int grace_period_days = 0);
  Result<ClassifyReport> Run(Date curr_date);
  // Run() that must succeed.
  ClassifyReport MustRun(Date curr_date);
  // The state right after run `run`: "imei_norm condition start..block" per row.
  std::vector<store::ClassificationRow> StateAfter(store::JobId run);

  ManualClock clock_{1'790'000'000};
  std::filesystem::path dir_;
  std::string db_;
  config::Config config_;
  std::unique_ptr<store::RegistryStore> registry_;
  std::unique_ptr<store::ObservationStore> observations_;
  int imports_ = 0;
  // Whether Run() gives Classify a reader opener (the CLI does), so the scan starts early.
  bool own_reader_ = true;
};

}  // namespace openceir::classify::testing
