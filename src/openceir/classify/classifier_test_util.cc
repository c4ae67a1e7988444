#include "openceir/classify/classifier_test_util.h"

#include <fmt/format.h>
#include <unistd.h>

#include <fstream>

#include "openceir/classify/classify_test_util.h"
#include "openceir/ingest/list_import.h"
#include "openceir/store/sqlite/sqlite_observation_store.h"
#include "openceir/store/sqlite/sqlite_registry_store.h"

namespace openceir::classify::testing {

void ClassifierBench::SetUp() {
  dir_ = std::filesystem::temp_directory_path() /
         ("openceir_classifier_" + std::to_string(::getpid()) + "_" +
          ::testing::UnitTest::GetInstance()->current_test_info()->name());
  std::filesystem::remove_all(dir_);
  std::filesystem::create_directories(dir_);
  db_ = (dir_ / "openceir.db").string();
  auto registry = store::OpenSqliteRegistryStore(db_, &clock_);
  ASSERT_TRUE(registry.ok()) << registry.status().ToString();
  registry_ = std::move(registry).value();
  ASSERT_TRUE(registry_->Migrate().ok());
  auto observations = store::OpenSqliteObservationStore(db_, &clock_);
  ASSERT_TRUE(observations.ok()) << observations.status().ToString();
  observations_ = std::move(observations).value();
  ASSERT_TRUE(observations_->Migrate().ok());
  config_.region = TestRegion();
  config_.conditions.clear();
}

void ClassifierBench::TearDown() {
  observations_.reset();
  registry_.reset();
  std::filesystem::remove_all(dir_);
}

void ClassifierBench::Import(store::ListKind kind, const std::string& text) {
  const std::string path = (dir_ / ("list" + std::to_string(++imports_) + ".csv")).string();
  std::ofstream(path) << text;
  auto report = ingest::ImportList(*registry_, config_, kind, path, {});
  ASSERT_TRUE(report.ok()) << report.status().ToString();
  ASSERT_TRUE(report->accepted) << report->summary;
}

void ClassifierBench::See(const std::string& op, const std::string& imei_norm,
                          const std::string& imsi, const std::vector<Date>& days,
                          const std::string& msisdn) {
  SummaryMaker maker(imei_norm, store::DateWindow{days.front(), days.back()}, days.front());
  maker.Seen(op, imsi, msisdn, days);
  auto batch = observations_->BeginBatch();
  ASSERT_TRUE(batch.ok()) << batch.status().ToString();
  ASSERT_TRUE((*batch)->MergeTriplets(maker.triplets()).ok());
  store::ObservationImport import;
  import.job_id = ++imports_;
  import.kind = store::ObservationImportKind::kOperatorData;
  import.operator_id = op;
  import.file_sha256 = fmt::format("{:064x}", imports_);
  import.first_day = days.front();
  import.last_day = days.back();
  import.rows = static_cast<std::int64_t>(days.size());
  Status committed = (*batch)->Commit(import);
  ASSERT_TRUE(committed.ok()) << committed.ToString();
}

config::ConditionConfig ClassifierBench::OneDimension(const std::string& label,
                                                      const std::string& module,
                                                      std::map<std::string, std::string> parameters,
                                                      int grace_period_days) {
  config::ConditionConfig condition;
  condition.label = label;
  condition.dimensions.push_back({module, std::move(parameters), false});
  condition.grace_period_days = grace_period_days;
  condition.blocking = true;
  condition.reason = label + " reason";
  condition.max_allowed_matching_ratio = 1.0;
  return condition;
}

Result<ClassifyReport> ClassifierBench::Run(Date curr_date) {
  ClassifyOptions options;
  options.curr_date = curr_date;
  options.job.command = "classify";
  options.job.user = "test";
  options.job.pid = ::getpid();
  if (own_reader_) {
    options.open_reader = [this]() { return store::OpenSqliteObservationStore(db_, &clock_); };
  }
  clock_.Advance(60);
  return Classify(*registry_, *observations_, config_, options);
}

ClassifyReport ClassifierBench::MustRun(Date curr_date) {
  auto report = Run(curr_date);
  EXPECT_TRUE(report.ok()) << report.status().ToString();
  return report.ok() ? *report : ClassifyReport{};
}

std::vector<store::ClassificationRow> ClassifierBench::StateAfter(store::JobId run) {
  std::vector<store::ClassificationRow> rows;
  Status scanned = registry_->ScanClassificationAsOf(run, [&](const store::ClassificationRow& row) {
    rows.push_back(row);
    return Status::Ok();
  });
  EXPECT_TRUE(scanned.ok()) << scanned.ToString();
  return rows;
}

}  // namespace openceir::classify::testing
