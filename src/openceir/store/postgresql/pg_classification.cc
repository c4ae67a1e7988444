// Classification state in the PostgreSQL registry store: starting runs, reading state, runs'
// records and genuine users, and the regulator's revocation.
#include <fmt/format.h>

#include <charconv>

#include "openceir/store/postgresql/pg_classification_run.h"
#include "openceir/store/postgresql/pg_registry_sql.h"
#include "openceir/store/postgresql/pg_registry_store_impl.h"
#include "openceir/store/postgresql/pg_transaction.h"

namespace openceir::store::postgresql {
namespace {

Result<std::optional<std::int64_t>> OptionalInt64(const PgResult& rows, int row, int column) {
  if (rows.IsNull(row, column)) return std::optional<std::int64_t>();
  OPENCEIR_ASSIGN_OR_RETURN(std::int64_t value, rows.Int64(row, column));
  return std::optional<std::int64_t>(value);
}

bool BoolOf(const PgResult& rows, int row, int column) { return rows.Text(row, column) == "t"; }

Result<double> DoubleOf(const PgResult& rows, int row, int column) {
  std::string_view text = rows.Text(row, column);
  double value = 0;
  auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (error != std::errc() || end != text.data() + text.size()) {
    return InternalError(fmt::format("column {} holds '{}', not a number", column, text));
  }
  return value;
}

// Reads a row selected with the state columns (pg_registry_sql.h) into `out`, reusing its
// strings' capacity.
Status ReadStateRow(const PgResult& rows, int r, ClassificationRow& out) {
  out.imei_norm.assign(rows.Text(r, 0));
  out.condition.assign(rows.Text(r, 1));
  OPENCEIR_ASSIGN_OR_RETURN(out.start_run, rows.Int64(r, 2));
  OPENCEIR_ASSIGN_OR_RETURN(out.end_run, OptionalInt64(rows, r, 3));
  OPENCEIR_ASSIGN_OR_RETURN(std::int64_t start_date, rows.Int64(r, 4));
  out.start_date = DateOfYyyymmdd(start_date);
  OPENCEIR_ASSIGN_OR_RETURN(auto end_date, OptionalInt64(rows, r, 5));
  out.end_date = end_date ? std::optional<Date>(DateOfYyyymmdd(*end_date)) : std::nullopt;
  OPENCEIR_ASSIGN_OR_RETURN(std::int64_t block_date, rows.Int64(r, 6));
  out.block_date = DateOfYyyymmdd(block_date);
  out.amnesty_granted = BoolOf(rows, r, 7);
  out.evidence_json.assign(rows.Text(r, 8));
  return Status::Ok();
}

Status ReadGenuineUserRow(const PgResult& rows, int r, GenuineUserRow& out) {
  out.imei_norm.assign(rows.Text(r, 0));
  out.imsi.assign(rows.Text(r, 1));
  out.reason.assign(rows.Text(r, 2));
  OPENCEIR_ASSIGN_OR_RETURN(out.start_run, rows.Int64(r, 3));
  OPENCEIR_ASSIGN_OR_RETURN(out.end_job, OptionalInt64(rows, r, 4));
  OPENCEIR_ASSIGN_OR_RETURN(out.revoked_at, OptionalInt64(rows, r, 5));
  out.revoked_by.assign(rows.Text(r, 6));
  out.revoke_note.assign(rows.Text(r, 7));
  return Status::Ok();
}

Result<ClassificationRunRecord> ReadRun(const PgResult& rows, int r) {
  ClassificationRunRecord run;
  OPENCEIR_ASSIGN_OR_RETURN(run.run, rows.Int64(r, 0));
  OPENCEIR_ASSIGN_OR_RETURN(std::int64_t curr_date, rows.Int64(r, 1));
  run.curr_date = DateOfYyyymmdd(curr_date);
  OPENCEIR_ASSIGN_OR_RETURN(run.started_at, rows.Int64(r, 2));
  OPENCEIR_ASSIGN_OR_RETURN(run.finished_at, rows.Int64(r, 3));
  OPENCEIR_ASSIGN_OR_RETURN(run.seen_imeis, rows.Int64(r, 4));
  OPENCEIR_ASSIGN_OR_RETURN(run.genuine_users_started, rows.Int64(r, 5));
  OPENCEIR_ASSIGN_OR_RETURN(run.genuine_users_continued, rows.Int64(r, 6));
  OPENCEIR_ASSIGN_OR_RETURN(run.genuine_users_ended, rows.Int64(r, 7));
  OPENCEIR_ASSIGN_OR_RETURN(run.genuine_users_refused, rows.Int64(r, 8));
  return run;
}

Status ReadRunConditions(PgConnection& connection, ClassificationRunRecord& run) {
  OPENCEIR_ASSIGN_OR_RETURN(PgResult rows,
                            Run(connection, sql::kRunConditions, PgParams().Int64(run.run)));
  for (int r = 0; r < rows.rows(); ++r) {
    ConditionRunRecord& c = run.conditions.emplace_back();
    c.spec.label = rows.Text(r, 0);
    c.spec.reason = rows.Text(r, 1);
    c.spec.blocking = BoolOf(rows, r, 2);
    c.spec.sticky = BoolOf(rows, r, 3);
    OPENCEIR_ASSIGN_OR_RETURN(std::int64_t grace, rows.Int64(r, 4));
    c.spec.grace_period_days = static_cast<int>(grace);
    OPENCEIR_ASSIGN_OR_RETURN(c.spec.max_allowed_matching_ratio, DoubleOf(rows, r, 5));
    OPENCEIR_ASSIGN_OR_RETURN(auto amnesty, OptionalInt64(rows, r, 6));
    if (amnesty) c.spec.amnesty_block_date = DateOfYyyymmdd(*amnesty);
    c.applied = BoolOf(rows, r, 7);
    OPENCEIR_ASSIGN_OR_RETURN(c.matching, rows.Int64(r, 8));
    OPENCEIR_ASSIGN_OR_RETURN(c.matching_ratio, DoubleOf(rows, r, 9));
    OPENCEIR_ASSIGN_OR_RETURN(c.started, rows.Int64(r, 10));
    OPENCEIR_ASSIGN_OR_RETURN(c.continued, rows.Int64(r, 11));
    OPENCEIR_ASSIGN_OR_RETURN(c.ended, rows.Int64(r, 12));
  }
  return Status::Ok();
}

template <typename Row>
Result<std::vector<Row>> ReadAll(const PgResult& rows,
                                 Status (*read_row)(const PgResult&, int, Row&)) {
  std::vector<Row> out(static_cast<std::size_t>(rows.rows()));
  for (int r = 0; r < rows.rows(); ++r) {
    OPENCEIR_RETURN_IF_ERROR(read_row(rows, r, out[static_cast<std::size_t>(r)]));
  }
  return out;
}

}  // namespace

Result<std::unique_ptr<ClassificationRun>> PgRegistryStore::BeginClassificationRun(
    JobId id, Date curr_date, std::span<const ConditionSpec> conditions) {
  return PgClassificationRun::Begin(dsn_, clock_, id, curr_date, conditions);
}

Status PgRegistryStore::ScanClassificationAsOf(JobId run, const ClassificationRowVisitor& visit) {
  OPENCEIR_RETURN_IF_ERROR(GetClassificationRun(run).status());  // NotFound for no such run
  ClassificationRow row;
  OPENCEIR_ASSIGN_OR_RETURN(PgConnection * scans, ScanConnection());
  return ScanWithCursor(*scans, sql::kScanStateAsOf, PgParams().Int64(run),
                        [&](const PgResult& rows, int r) -> Status {
                          OPENCEIR_RETURN_IF_ERROR(ReadStateRow(rows, r, row));
                          return visit(row);
                        });
}

Result<std::vector<ClassificationRow>> PgRegistryStore::FindClassificationRows(
    const std::string& imei_norm) {
  OPENCEIR_ASSIGN_OR_RETURN(PgResult rows,
                            Run(*connection_, sql::kFindStateRows, PgParams().Text(imei_norm)));
  return ReadAll<ClassificationRow>(rows, ReadStateRow);
}

Result<std::vector<ClassificationRunRecord>> PgRegistryStore::ListClassificationRuns(int limit) {
  if (limit < 0) return InvalidInputError(fmt::format("run list limit {} is negative", limit));
  OPENCEIR_ASSIGN_OR_RETURN(PgResult rows,
                            Run(*connection_, sql::kListRuns, PgParams().Int64(limit)));
  std::vector<ClassificationRunRecord> runs;
  for (int r = 0; r < rows.rows(); ++r) {
    OPENCEIR_ASSIGN_OR_RETURN(ClassificationRunRecord run, ReadRun(rows, r));
    runs.push_back(std::move(run));
  }
  for (ClassificationRunRecord& run : runs) {
    OPENCEIR_RETURN_IF_ERROR(ReadRunConditions(*connection_, run));
  }
  return runs;
}

Result<ClassificationRunRecord> PgRegistryStore::GetClassificationRun(JobId run) {
  OPENCEIR_ASSIGN_OR_RETURN(PgResult rows, Run(*connection_, sql::kGetRun, PgParams().Int64(run)));
  if (rows.rows() == 0) return NotFoundError(fmt::format("no classification run {}", run));
  OPENCEIR_ASSIGN_OR_RETURN(ClassificationRunRecord record, ReadRun(rows, 0));
  OPENCEIR_RETURN_IF_ERROR(ReadRunConditions(*connection_, record));
  return record;
}

Status PgRegistryStore::ScanGenuineUsersAsOf(JobId as_of, const GenuineUserVisitor& visit) {
  OPENCEIR_RETURN_IF_ERROR(GetJob(as_of).status());  // NotFound for an unknown job
  GenuineUserRow row;
  OPENCEIR_ASSIGN_OR_RETURN(PgConnection * scans, ScanConnection());
  return ScanWithCursor(*scans, sql::kScanGenuineUsersAsOf, PgParams().Int64(as_of),
                        [&](const PgResult& rows, int r) -> Status {
                          OPENCEIR_RETURN_IF_ERROR(ReadGenuineUserRow(rows, r, row));
                          return visit(row);
                        });
}

Result<std::vector<GenuineUserRow>> PgRegistryStore::FindGenuineUsers(
    const std::string& imei_norm) {
  OPENCEIR_ASSIGN_OR_RETURN(PgResult rows,
                            Run(*connection_, sql::kFindGenuineUsers, PgParams().Text(imei_norm)));
  return ReadAll<GenuineUserRow>(rows, ReadGenuineUserRow);
}

Status PgRegistryStore::RevokeGenuineUser(JobId id, const std::string& imei_norm,
                                          const std::string& imsi, const std::string& note) {
  OPENCEIR_ASSIGN_OR_RETURN(PgTransaction transaction, PgTransaction::Begin(connection_.get()));
  OPENCEIR_RETURN_IF_ERROR(RequireRunningJob(*connection_, id));
  OPENCEIR_ASSIGN_OR_RETURN(JobRecord job, GetJob(id));
  OPENCEIR_RETURN_IF_ERROR(
      AdvanceHead(*connection_, sql::kClassificationHead, id, "the classification state"));
  const UnixSeconds now = clock_->Now();
  OPENCEIR_ASSIGN_OR_RETURN(PgResult revoked, Run(*connection_, sql::kRevokeGenuineUser,
                                                  PgParams()
                                                      .Text(imei_norm)
                                                      .Text(imsi)
                                                      .Int64(id)
                                                      .Int64(now)
                                                      .Text(job.start.user)
                                                      .Text(note)));
  if (revoked.affected_rows() != 1) {
    return NotFoundError(fmt::format("IMEI {} with IMSI {} has no genuine-user exception in force",
                                     imei_norm, imsi));
  }
  JobCounts counts;
  counts.removed = 1;
  OPENCEIR_RETURN_IF_ERROR(
      EndRunningJob(*connection_, id, JobOutcome::kSucceeded, now, counts, ""));
  return transaction.Commit();
}

}  // namespace openceir::store::postgresql
