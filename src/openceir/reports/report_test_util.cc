#include "openceir/reports/report_test_util.h"

#include <fmt/format.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>

#include "openceir/store/sqlite/sqlite_observation_store.h"
#include "openceir/store/sqlite/sqlite_registry_store.h"

namespace openceir::reports {

Date Day(const char* yyyymmdd) {
  auto date = ParseYyyymmdd(yyyymmdd);
  if (!date) std::abort();
  return *date;
}

Result<std::unique_ptr<ReportsTestbed>> ReportsTestbed::Create(const std::string& name) {
  std::unique_ptr<ReportsTestbed> bed(new ReportsTestbed());
  bed->dir_ =
      (std::filesystem::temp_directory_path() / fmt::format("openceir-{}-{}", name, ::getpid()))
          .string();
  std::filesystem::remove_all(bed->dir_);
  std::filesystem::create_directories(bed->dir_);
  std::string path = bed->dir_ + "/store.db";
  OPENCEIR_ASSIGN_OR_RETURN(bed->registry_, store::OpenSqliteRegistryStore(path, &bed->clock_));
  OPENCEIR_RETURN_IF_ERROR(bed->registry_->Migrate());
  OPENCEIR_ASSIGN_OR_RETURN(bed->observations_,
                            store::OpenSqliteObservationStore(path, &bed->clock_));
  OPENCEIR_RETURN_IF_ERROR(bed->observations_->Migrate());
  return bed;
}

ReportsTestbed::~ReportsTestbed() {
  registry_.reset();
  observations_.reset();
  std::error_code ignored;
  std::filesystem::remove_all(dir_, ignored);
}

std::vector<config::OperatorConfig> ReportsTestbed::Operators() {
  return {{"op1", "Operator One", {"41001"}}, {"op2", "Operator <Two>", {"41002"}}};
}

Result<store::JobId> ReportsTestbed::ChangeList(store::ListKind kind,
                                                std::vector<store::ListRow> added) {
  clock_.Advance(60);
  store::JobStart start;
  start.command = fmt::format("import {}", store::SchemaOf(kind).name);
  start.pid = ::getpid();
  OPENCEIR_ASSIGN_OR_RETURN(store::JobId id, registry_->StartJob(start));
  store::ListChanges changes;
  changes.added = std::move(added);
  OPENCEIR_RETURN_IF_ERROR(registry_->CommitListChanges(id, kind, changes, store::JobCounts{}));
  return id;
}

Result<store::JobId> ReportsTestbed::Classify(
    Date curr_date, const std::vector<store::ConditionSpec>& conditions,
    const std::vector<std::pair<std::uint32_t, std::string>>& matches) {
  clock_.Advance(60);
  store::JobStart start;
  start.command = "classify";
  start.pid = ::getpid();
  OPENCEIR_ASSIGN_OR_RETURN(store::JobId id, registry_->StartJob(start));
  OPENCEIR_ASSIGN_OR_RETURN(auto run, registry_->BeginClassificationRun(id, curr_date, conditions));
  std::vector<store::ConditionMatch> staged;
  for (const auto& [condition, imei] : matches) staged.push_back({condition, imei, {}});
  OPENCEIR_RETURN_IF_ERROR(run->AddMatches(staged));
  OPENCEIR_ASSIGN_OR_RETURN(
      auto record,
      run->Commit(static_cast<std::int64_t>(matches.size()) + 100, store::JobCounts{}));
  return record.run;
}

Status ReportsTestbed::See(const std::vector<SeenTriplet>& triplets) {
  OPENCEIR_ASSIGN_OR_RETURN(auto batch, observations_->BeginBatch());
  std::vector<store::TripletMonth> rows;
  for (const SeenTriplet& t : triplets) {
    store::TripletMonth row;
    row.operator_id = t.operator_id;
    row.month = store::MonthOf(t.day);
    row.imei_norm = t.imei_norm;
    row.imsi = t.imsi;
    row.msisdn = t.msisdn;
    row.first_seen = t.day;
    row.last_seen = t.day;
    row.day_mask = store::DayMask{1} << (t.day.days - store::FirstDayOf(row.month).days);
    row.imsi_class = t.imsi_class;
    rows.push_back(std::move(row));
  }
  OPENCEIR_RETURN_IF_ERROR(batch->MergeTriplets(rows));
  store::ObservationImport import;
  import.job_id = ++imports_;
  import.operator_id = triplets.empty() ? "op1" : triplets.front().operator_id;
  import.file_sha256 = fmt::format("{:064x}", imports_);
  import.rows = static_cast<std::int64_t>(rows.size());
  return batch->Commit(import);
}

}  // namespace openceir::reports
