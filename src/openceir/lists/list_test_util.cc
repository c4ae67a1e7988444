// ListsTestbed over the SQLite stores.
#include "openceir/lists/list_test_util.h"

#include <fmt/format.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>

#include "openceir/io/zip_reader.h"
#include "openceir/store/sqlite/sqlite_observation_store.h"
#include "openceir/store/sqlite/sqlite_registry_store.h"

namespace openceir::lists {

Date Day(const char* yyyymmdd) {
  auto date = ParseYyyymmdd(yyyymmdd);
  if (!date) std::abort();
  return *date;
}

Result<std::unique_ptr<ListsTestbed>> ListsTestbed::Create(const std::string& name) {
  std::unique_ptr<ListsTestbed> bed(new ListsTestbed());
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

ListsTestbed::~ListsTestbed() {
  registry_.reset();
  observations_.reset();
  std::error_code ignored;
  std::filesystem::remove_all(dir_, ignored);
}

std::vector<config::OperatorConfig> ListsTestbed::Operators() {
  return {{"op1", "Operator One", {"41001"}}, {"op2", "Operator Two", {"41002"}}};
}

Result<store::JobId> ListsTestbed::ChangeList(store::ListKind kind,
                                              std::vector<store::ListRow> added,
                                              std::vector<store::ListRow> removed) {
  clock_.Advance(60);
  store::JobStart start;
  start.command = fmt::format("import {}", store::SchemaOf(kind).name);
  start.pid = ::getpid();
  OPENCEIR_ASSIGN_OR_RETURN(store::JobId id, registry_->StartJob(start));
  store::ListChanges changes;
  changes.added = std::move(added);
  changes.removed = std::move(removed);
  OPENCEIR_RETURN_IF_ERROR(registry_->CommitListChanges(id, kind, changes, store::JobCounts{}));
  return id;
}

Result<store::JobId> ListsTestbed::Classify(
    Date curr_date, const std::vector<store::ConditionSpec>& conditions,
    const std::vector<TestMatch>& matches,
    const std::vector<std::pair<std::string, std::string>>& genuine_users) {
  clock_.Advance(60);
  store::JobStart start;
  start.command = "classify";
  start.pid = ::getpid();
  OPENCEIR_ASSIGN_OR_RETURN(store::JobId id, registry_->StartJob(start));
  OPENCEIR_ASSIGN_OR_RETURN(auto run, registry_->BeginClassificationRun(id, curr_date, conditions));
  std::vector<store::ConditionMatch> staged;
  for (const TestMatch& match : matches) staged.push_back({match.condition, match.imei_norm, {}});
  OPENCEIR_RETURN_IF_ERROR(run->AddMatches(staged));
  std::vector<store::GenuineUserDesignation> users;
  for (const auto& [imei, imsi] : genuine_users) users.push_back({imei, imsi, "first and most"});
  OPENCEIR_RETURN_IF_ERROR(run->AddGenuineUsers(users));
  auto seen = static_cast<std::int64_t>(matches.size()) + 1;
  OPENCEIR_ASSIGN_OR_RETURN(auto record, run->Commit(seen, store::JobCounts{}));
  return record.run;
}

Status ListsTestbed::See(const std::vector<TestTriplet>& triplets) {
  OPENCEIR_ASSIGN_OR_RETURN(auto batch, observations_->BeginBatch());
  std::vector<store::TripletMonth> rows;
  for (const TestTriplet& t : triplets) {
    store::TripletMonth row;
    row.operator_id = t.operator_id;
    row.month = store::MonthOf(t.day);
    row.imei_norm = t.imei_norm;
    row.imsi = t.imsi;
    row.msisdn = t.msisdn;
    row.first_seen = t.day;
    row.last_seen = t.day;
    row.day_mask = store::DayMask{1} << (t.day.days - store::FirstDayOf(row.month).days);
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

Result<ListsManifest> ListsTestbed::Generate(store::JobId run, std::optional<store::JobId> base,
                                             const ListOptions& options, const std::string& out,
                                             std::optional<Date> list_date) {
  ListRequest request;
  request.run = run;
  request.base_run = base;
  request.list_date = list_date;
  request.options = options;
  request.operators = Operators();
  request.output_dir = dir_ + "/" + out;
  std::filesystem::create_directories(request.output_dir);
  return GenerateLists(*registry_, *observations_, request);
}

Result<std::map<std::string, std::string>> ReadLists(const ListsManifest& manifest) {
  std::map<std::string, std::string> files;
  for (const ZipRecord& zip : manifest.zips) {
    OPENCEIR_ASSIGN_OR_RETURN(auto entries, io::ReadZipEntries(manifest.folder + "/" + zip.name));
    for (io::ZipEntry& entry : entries) files[entry.name] = std::move(entry.bytes);
  }
  return files;
}

}  // namespace openceir::lists
