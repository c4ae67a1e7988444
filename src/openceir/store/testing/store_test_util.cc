// StoreTestbed over the SQLite stores.
#include "openceir/store/testing/store_test_util.h"

#include <fmt/format.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>

#include "openceir/store/sqlite/sqlite_observation_store.h"
#include "openceir/store/sqlite/sqlite_registry_store.h"

namespace openceir::store::testing {

Date Day(const char* yyyymmdd) {
  auto date = ParseYyyymmdd(yyyymmdd);
  if (!date) std::abort();
  return *date;
}

Result<std::unique_ptr<StoreTestbed>> StoreTestbed::Create(const std::string& name) {
  std::unique_ptr<StoreTestbed> bed(new StoreTestbed());
  OPENCEIR_RETURN_IF_ERROR(bed->Open(name));
  return bed;
}

Status StoreTestbed::Open(const std::string& name) {
  dir_ = (std::filesystem::temp_directory_path() / fmt::format("openceir-{}-{}", name, ::getpid()))
             .string();
  std::filesystem::remove_all(dir_);
  std::filesystem::create_directories(dir_);
  std::string path = dir_ + "/store.db";
  OPENCEIR_ASSIGN_OR_RETURN(registry_, OpenSqliteRegistryStore(path, &clock_));
  OPENCEIR_RETURN_IF_ERROR(registry_->Migrate());
  OPENCEIR_ASSIGN_OR_RETURN(observations_, OpenSqliteObservationStore(path, &clock_));
  return observations_->Migrate();
}

StoreTestbed::~StoreTestbed() {
  registry_.reset();
  observations_.reset();
  std::error_code ignored;
  std::filesystem::remove_all(dir_, ignored);
}

Result<JobId> StoreTestbed::ChangeList(ListKind kind, std::vector<ListRow> added,
                                       std::vector<ListRow> removed) {
  clock_.Advance(60);
  JobStart start;
  start.command = fmt::format("import {}", SchemaOf(kind).name);
  start.pid = ::getpid();
  OPENCEIR_ASSIGN_OR_RETURN(JobId id, registry_->StartJob(start));
  ListChanges changes;
  changes.added = std::move(added);
  changes.removed = std::move(removed);
  OPENCEIR_RETURN_IF_ERROR(registry_->CommitListChanges(id, kind, changes, JobCounts{}));
  return id;
}

Result<JobId> StoreTestbed::Classify(
    Date curr_date, const std::vector<ConditionSpec>& conditions,
    const std::vector<TestMatch>& matches,
    const std::vector<std::pair<std::string, std::string>>& genuine_users,
    std::int64_t unmatched_seen_imeis) {
  clock_.Advance(60);
  JobStart start;
  start.command = "classify";
  start.pid = ::getpid();
  OPENCEIR_ASSIGN_OR_RETURN(JobId id, registry_->StartJob(start));
  OPENCEIR_ASSIGN_OR_RETURN(auto run, registry_->BeginClassificationRun(id, curr_date, conditions));
  std::vector<ConditionMatch> staged;
  for (const TestMatch& match : matches) staged.push_back({match.condition, match.imei_norm, {}});
  OPENCEIR_RETURN_IF_ERROR(run->AddMatches(staged));
  std::vector<GenuineUserDesignation> users;
  for (const auto& [imei, imsi] : genuine_users) users.push_back({imei, imsi, "first and most"});
  OPENCEIR_RETURN_IF_ERROR(run->AddGenuineUsers(users));
  auto seen = static_cast<std::int64_t>(matches.size()) + unmatched_seen_imeis;
  OPENCEIR_ASSIGN_OR_RETURN(auto record, run->Commit(seen, JobCounts{}));
  return record.run;
}

Status StoreTestbed::See(const std::vector<SeenTriplet>& triplets) {
  OPENCEIR_ASSIGN_OR_RETURN(auto batch, observations_->BeginBatch());
  std::vector<TripletMonth> rows;
  for (const SeenTriplet& t : triplets) {
    TripletMonth row;
    row.operator_id = t.operator_id;
    row.month = MonthOf(t.day);
    row.imei_norm = t.imei_norm;
    row.imsi = t.imsi;
    row.msisdn = t.msisdn;
    row.first_seen = t.day;
    row.last_seen = t.day;
    row.day_mask = DayMask{1} << (t.day.days - FirstDayOf(row.month).days);
    row.imsi_class = t.imsi_class;
    rows.push_back(std::move(row));
  }
  OPENCEIR_RETURN_IF_ERROR(batch->MergeTriplets(rows));
  ObservationImport import;
  import.job_id = ++imports_;
  import.operator_id = triplets.empty() ? "op1" : triplets.front().operator_id;
  import.file_sha256 = fmt::format("{:064x}", imports_);
  import.rows = static_cast<std::int64_t>(rows.size());
  return batch->Commit(import);
}

}  // namespace openceir::store::testing
