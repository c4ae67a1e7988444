// Classification state in the SQLite registry store: starting runs, reading state, runs'
// records and genuine users, and the regulator's revocation.
#include <fmt/format.h>

#include "openceir/store/sqlite/sqlite_classification_run.h"
#include "openceir/store/sqlite/sqlite_classification_sql.h"
#include "openceir/store/sqlite/sqlite_registry_store_impl.h"

namespace openceir::store::sqlite {
namespace {

std::optional<std::int64_t> OptionalInt64(const Statement& select, int column) {
  if (select.ColumnIsNull(column)) return std::nullopt;
  return select.ColumnInt64(column);
}

// Reads a row selected with the state columns (sqlite_classification_sql.h) into `row`,
// reusing its strings' capacity.
void ReadStateRow(const Statement& select, ClassificationRow& row) {
  row.imei_norm.assign(select.ColumnText(0));
  row.condition.assign(select.ColumnText(1));
  row.start_run = select.ColumnInt64(2);
  row.end_run = OptionalInt64(select, 3);
  row.start_date = DateOfYyyymmdd(select.ColumnInt64(4));
  auto end_date = OptionalInt64(select, 5);
  row.end_date = end_date ? std::optional<Date>(DateOfYyyymmdd(*end_date)) : std::nullopt;
  row.block_date = DateOfYyyymmdd(select.ColumnInt64(6));
  row.amnesty_granted = select.ColumnInt64(7) != 0;
  row.evidence_json.assign(select.ColumnText(8));
}

void ReadGenuineUserRow(const Statement& select, GenuineUserRow& row) {
  row.imei_norm.assign(select.ColumnText(0));
  row.imsi.assign(select.ColumnText(1));
  row.reason.assign(select.ColumnText(2));
  row.start_run = select.ColumnInt64(3);
  row.end_job = OptionalInt64(select, 4);
  row.revoked_at = OptionalInt64(select, 5);
  row.revoked_by.assign(select.ColumnText(6));
  row.revoke_note.assign(select.ColumnText(7));
}

template <typename Row, typename ReadRow, typename Visit>
Status VisitAll(Statement& select, ReadRow read_row, const Visit& visit) {
  Row row;
  for (;;) {
    OPENCEIR_ASSIGN_OR_RETURN(bool has_row, select.Step());
    if (!has_row) return Status::Ok();
    read_row(select, row);
    OPENCEIR_RETURN_IF_ERROR(visit(row));
  }
}

ClassificationRunRecord ReadRun(const Statement& select) {
  ClassificationRunRecord run;
  run.run = select.ColumnInt64(0);
  run.curr_date = DateOfYyyymmdd(select.ColumnInt64(1));
  run.started_at = select.ColumnInt64(2);
  run.finished_at = select.ColumnInt64(3);
  run.seen_imeis = select.ColumnInt64(4);
  run.genuine_users_started = select.ColumnInt64(5);
  run.genuine_users_continued = select.ColumnInt64(6);
  run.genuine_users_ended = select.ColumnInt64(7);
  run.genuine_users_refused = select.ColumnInt64(8);
  return run;
}

Status ReadRunConditions(Connection& connection, ClassificationRunRecord& run) {
  OPENCEIR_ASSIGN_OR_RETURN(Statement select, connection.Prepare(sql::kRunConditions));
  OPENCEIR_RETURN_IF_ERROR(select.BindInt64(1, run.run));
  for (;;) {
    OPENCEIR_ASSIGN_OR_RETURN(bool has_row, select.Step());
    if (!has_row) return Status::Ok();
    ConditionRunRecord& c = run.conditions.emplace_back();
    c.spec.label = select.ColumnText(0);
    c.spec.reason = select.ColumnText(1);
    c.spec.blocking = select.ColumnInt64(2) != 0;
    c.spec.sticky = select.ColumnInt64(3) != 0;
    c.spec.grace_period_days = static_cast<int>(select.ColumnInt64(4));
    c.spec.max_allowed_matching_ratio = select.ColumnDouble(5);
    if (auto amnesty = OptionalInt64(select, 6)) {
      c.spec.amnesty_block_date = DateOfYyyymmdd(*amnesty);
    }
    c.applied = select.ColumnInt64(7) != 0;
    c.matching = select.ColumnInt64(8);
    c.matching_ratio = select.ColumnDouble(9);
    c.started = select.ColumnInt64(10);
    c.continued = select.ColumnInt64(11);
    c.ended = select.ColumnInt64(12);
  }
}

}  // namespace

Result<std::unique_ptr<ClassificationRun>> SqliteRegistryStore::BeginClassificationRun(
    JobId id, Date curr_date, std::span<const ConditionSpec> conditions) {
  return SqliteClassificationRun::Begin(connection_->path(), clock_, id, curr_date, conditions);
}

Status SqliteRegistryStore::ScanClassificationAsOf(JobId run,
                                                   const ClassificationRowVisitor& visit) {
  OPENCEIR_RETURN_IF_ERROR(GetClassificationRun(run).status());  // NotFound for no such run
  OPENCEIR_ASSIGN_OR_RETURN(Statement select, connection_->Prepare(sql::kScanStateAsOf));
  OPENCEIR_RETURN_IF_ERROR(select.BindInt64(1, run));
  return VisitAll<ClassificationRow>(select, ReadStateRow, visit);
}

Result<std::vector<ClassificationRow>> SqliteRegistryStore::FindClassificationRows(
    const std::string& imei_norm) {
  OPENCEIR_ASSIGN_OR_RETURN(Statement select, connection_->Prepare(sql::kFindStateRows));
  OPENCEIR_RETURN_IF_ERROR(select.BindText(1, imei_norm));
  std::vector<ClassificationRow> rows;
  OPENCEIR_RETURN_IF_ERROR(
      VisitAll<ClassificationRow>(select, ReadStateRow, [&rows](const ClassificationRow& row) {
        rows.push_back(row);
        return Status::Ok();
      }));
  return rows;
}

Result<std::vector<ClassificationRunRecord>> SqliteRegistryStore::ListClassificationRuns(
    int limit) {
  if (limit < 0) return InvalidInputError(fmt::format("run list limit {} is negative", limit));
  OPENCEIR_ASSIGN_OR_RETURN(Statement select, connection_->Prepare(sql::kListRuns));
  OPENCEIR_RETURN_IF_ERROR(select.BindInt64(1, limit));
  std::vector<ClassificationRunRecord> runs;
  for (;;) {
    OPENCEIR_ASSIGN_OR_RETURN(bool has_row, select.Step());
    if (!has_row) break;
    runs.push_back(ReadRun(select));
  }
  for (ClassificationRunRecord& run : runs) {
    OPENCEIR_RETURN_IF_ERROR(ReadRunConditions(*connection_, run));
  }
  return runs;
}

Result<ClassificationRunRecord> SqliteRegistryStore::GetClassificationRun(JobId run) {
  OPENCEIR_ASSIGN_OR_RETURN(Statement select, connection_->Prepare(sql::kGetRun));
  OPENCEIR_RETURN_IF_ERROR(select.BindInt64(1, run));
  OPENCEIR_ASSIGN_OR_RETURN(bool has_row, select.Step());
  if (!has_row) return NotFoundError(fmt::format("no classification run {}", run));
  ClassificationRunRecord record = ReadRun(select);
  OPENCEIR_RETURN_IF_ERROR(ReadRunConditions(*connection_, record));
  return record;
}

Status SqliteRegistryStore::ScanGenuineUsersAsOf(JobId as_of, const GenuineUserVisitor& visit) {
  OPENCEIR_RETURN_IF_ERROR(GetJob(as_of).status());  // NotFound for an unknown job
  OPENCEIR_ASSIGN_OR_RETURN(Statement select, connection_->Prepare(sql::kScanGenuineUsersAsOf));
  OPENCEIR_RETURN_IF_ERROR(select.BindInt64(1, as_of));
  return VisitAll<GenuineUserRow>(select, ReadGenuineUserRow, visit);
}

Result<std::vector<GenuineUserRow>> SqliteRegistryStore::FindGenuineUsers(
    const std::string& imei_norm) {
  OPENCEIR_ASSIGN_OR_RETURN(Statement select, connection_->Prepare(sql::kFindGenuineUsers));
  OPENCEIR_RETURN_IF_ERROR(select.BindText(1, imei_norm));
  std::vector<GenuineUserRow> rows;
  OPENCEIR_RETURN_IF_ERROR(
      VisitAll<GenuineUserRow>(select, ReadGenuineUserRow, [&rows](const GenuineUserRow& row) {
        rows.push_back(row);
        return Status::Ok();
      }));
  return rows;
}

Status SqliteRegistryStore::RevokeGenuineUser(JobId id, const std::string& imei_norm,
                                              const std::string& imsi, const std::string& note) {
  OPENCEIR_ASSIGN_OR_RETURN(auto transaction, Transaction::Begin(connection_.get()));
  OPENCEIR_RETURN_IF_ERROR(RequireRunning(id));
  OPENCEIR_ASSIGN_OR_RETURN(JobRecord job, GetJob(id));
  OPENCEIR_RETURN_IF_ERROR(AdvanceHead(*connection_, sql::kClassificationHead, id));
  const UnixSeconds now = clock_->Now();
  OPENCEIR_ASSIGN_OR_RETURN(Statement revoke, connection_->Prepare(sql::kRevokeGenuineUser));
  OPENCEIR_RETURN_IF_ERROR(revoke.BindText(1, imei_norm));
  OPENCEIR_RETURN_IF_ERROR(revoke.BindText(2, imsi));
  OPENCEIR_RETURN_IF_ERROR(revoke.BindInt64(3, id));
  OPENCEIR_RETURN_IF_ERROR(revoke.BindInt64(4, now));
  OPENCEIR_RETURN_IF_ERROR(revoke.BindText(5, job.start.user));
  OPENCEIR_RETURN_IF_ERROR(revoke.BindText(6, note));
  OPENCEIR_RETURN_IF_ERROR(revoke.Run());
  if (connection_->Changes() != 1) {
    return NotFoundError(fmt::format("IMEI {} with IMSI {} has no genuine-user exception in force",
                                     imei_norm, imsi));
  }
  JobCounts counts;
  counts.removed = 1;
  OPENCEIR_RETURN_IF_ERROR(MarkJobSucceeded(*connection_, id, now, counts));
  return transaction->Commit();
}

}  // namespace openceir::store::sqlite
