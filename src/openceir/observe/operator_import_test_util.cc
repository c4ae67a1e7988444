#include "openceir/observe/operator_import_test_util.h"

#include <stdlib.h>

#include <filesystem>
#include <fstream>

#include "openceir/store/sqlite/sqlite_observation_store.h"
#include "openceir/store/sqlite/sqlite_registry_store.h"

namespace openceir::observe::testing {

config::Config DemolandConfig() {
  config::Config config;
  config.region.name = "Demoland";
  config.region.mccs = {"999"};
  config.region.country_codes = {"999"};
  config.region.operators = {{"op1", "Demo Mobile", {"99901"}},
                             {"op2", "Second Net", {"99902"}},
                             {"op3", "Third Wave", {"99903", "999040"}}};
  return config;
}

void OperatorImportFixture::SetUp() {
  std::string pattern =
      (std::filesystem::temp_directory_path() / "openceir-observe-XXXXXX").string();
  ASSERT_NE(mkdtemp(pattern.data()), nullptr);
  dir_ = pattern;
  db_path_ = dir_ + "/openceir.db";
  Reopen();
  ASSERT_TRUE(registry_->Migrate().ok());
  ASSERT_TRUE(observations_->Migrate().ok());
}

void OperatorImportFixture::TearDown() {
  observations_.reset();
  registry_.reset();
  std::error_code ignored;
  std::filesystem::remove_all(dir_, ignored);
}

void OperatorImportFixture::Reopen() {
  observations_.reset();
  registry_.reset();
  auto registry = store::OpenSqliteRegistryStore(db_path_, &clock_);
  ASSERT_TRUE(registry.ok()) << registry.status().ToString();
  registry_ = std::move(*registry);
  auto observations = store::OpenSqliteObservationStore(db_path_, &clock_);
  ASSERT_TRUE(observations.ok()) << observations.status().ToString();
  observations_ = std::move(*observations);
}

std::string OperatorImportFixture::WriteFile(const std::string& name, const std::string& content) {
  std::string path = dir_ + "/" + name;
  std::ofstream(path, std::ios::binary) << content;
  return path;
}

Result<OperatorImportReport> OperatorImportFixture::Import(const std::string& operator_id,
                                                           const std::string& path,
                                                           OperatorImportOptions options) {
  options.clock = &clock_;
  if (options.temp_dir.empty()) options.temp_dir = dir_;
  return ImportOperatorData(*registry_, *observations_, config_, operator_id, path, options);
}

std::vector<store::TripletMonth> OperatorImportFixture::Triplets(const std::string& operator_id) {
  std::vector<store::TripletMonth> out;
  store::DateWindow window{*DateFromCivil(2020, 1, 1), *DateFromCivil(2030, 12, 31)};
  Status s = observations_->ScanTriplets(operator_id, window, [&](const store::TripletMonth& t) {
    out.push_back(t);
    return Status::Ok();
  });
  EXPECT_TRUE(s.ok()) << s.ToString();
  return out;
}

std::vector<store::DailyCounts> OperatorImportFixture::DailyCounts(const std::string& operator_id) {
  std::vector<store::DailyCounts> out;
  store::DateWindow window{*DateFromCivil(2020, 1, 1), *DateFromCivil(2030, 12, 31)};
  Status s = observations_->ScanDailyCounts(operator_id, window, [&](const store::DailyCounts& c) {
    out.push_back(c);
    return Status::Ok();
  });
  EXPECT_TRUE(s.ok()) << s.ToString();
  return out;
}

store::JobRecord OperatorImportFixture::Job(store::JobId id) {
  auto job = registry_->GetJob(id);
  EXPECT_TRUE(job.ok()) << job.status().ToString();
  return job.ok() ? *job : store::JobRecord{};
}

}  // namespace openceir::observe::testing
