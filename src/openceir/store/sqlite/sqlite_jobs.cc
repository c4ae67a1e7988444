// Job records in the SQLite registry store.
#include <fmt/format.h>

#include <optional>

#include "openceir/store/sqlite/sqlite_registry_store_impl.h"
#include "openceir/store/sqlite/sqlite_sql.h"

namespace openceir::store::sqlite {
namespace {

std::optional<JobOutcome> OutcomeFromName(std::string_view name) {
  for (JobOutcome outcome : {JobOutcome::kRunning, JobOutcome::kSucceeded, JobOutcome::kRejected,
                             JobOutcome::kFailed, JobOutcome::kInterrupted}) {
    if (JobOutcomeName(outcome) == name) return outcome;
  }
  return std::nullopt;
}

// Reads a row selected with the job columns (see sqlite_sql.h).
Result<JobRecord> ReadJob(const Statement& select) {
  JobRecord job;
  job.id = select.ColumnInt64(0);
  job.start.command = select.ColumnText(1);
  job.start.arguments = select.ColumnText(2);
  job.start.user = select.ColumnText(3);
  job.start.input_path = select.ColumnText(4);
  job.start.input_sha256 = select.ColumnText(5);
  job.start.pid = select.ColumnInt64(6);
  job.started_at = select.ColumnInt64(7);
  if (!select.ColumnIsNull(8)) job.ended_at = select.ColumnInt64(8);
  auto outcome = OutcomeFromName(select.ColumnText(9));
  if (!outcome) {
    return InternalError(
        fmt::format("job {} has an unknown outcome '{}'", job.id, select.ColumnText(9)));
  }
  job.outcome = *outcome;
  job.counts.rows_read = select.ColumnInt64(10);
  job.counts.added = select.ColumnInt64(11);
  job.counts.removed = select.ColumnInt64(12);
  job.counts.changed = select.ColumnInt64(13);
  job.counts.unchanged = select.ColumnInt64(14);
  job.error = select.ColumnText(15);
  return job;
}

Result<std::vector<JobRecord>> ReadJobs(Statement& select) {
  std::vector<JobRecord> jobs;
  for (;;) {
    OPENCEIR_ASSIGN_OR_RETURN(bool row, select.Step());
    if (!row) break;
    OPENCEIR_ASSIGN_OR_RETURN(JobRecord job, ReadJob(select));
    jobs.push_back(std::move(job));
  }
  return jobs;
}

// Binds the parameters of sql::kEndJob.
Status BindEndJob(Statement& update, JobId id, JobOutcome outcome, UnixSeconds ended_at,
                  const JobCounts& counts, std::string_view error) {
  OPENCEIR_RETURN_IF_ERROR(update.BindInt64(1, id));
  OPENCEIR_RETURN_IF_ERROR(update.BindText(2, JobOutcomeName(outcome)));
  OPENCEIR_RETURN_IF_ERROR(update.BindInt64(3, ended_at));
  OPENCEIR_RETURN_IF_ERROR(update.BindInt64(4, counts.rows_read));
  OPENCEIR_RETURN_IF_ERROR(update.BindInt64(5, counts.added));
  OPENCEIR_RETURN_IF_ERROR(update.BindInt64(6, counts.removed));
  OPENCEIR_RETURN_IF_ERROR(update.BindInt64(7, counts.changed));
  OPENCEIR_RETURN_IF_ERROR(update.BindInt64(8, counts.unchanged));
  return update.BindText(9, error);
}

}  // namespace

Status SqliteRegistryStore::RequireRunning(JobId id) { return RequireRunningJob(*connection_, id); }

Status RequireRunningJob(Connection& connection, JobId id) {
  OPENCEIR_ASSIGN_OR_RETURN(Statement select, connection.Prepare(sql::kGetJobOutcome));
  OPENCEIR_RETURN_IF_ERROR(select.BindInt64(1, id));
  OPENCEIR_ASSIGN_OR_RETURN(bool row, select.Step());
  if (!row) return NotFoundError(fmt::format("no job {}", id));
  if (select.ColumnText(0) != JobOutcomeName(JobOutcome::kRunning)) {
    return FailedPreconditionError(
        fmt::format("job {} is not running (it is {})", id, select.ColumnText(0)));
  }
  return Status::Ok();
}

Status MarkJobSucceeded(Connection& connection, JobId id, UnixSeconds ended_at,
                        const JobCounts& counts) {
  OPENCEIR_ASSIGN_OR_RETURN(Statement update, connection.Prepare(sql::kEndJob));
  OPENCEIR_RETURN_IF_ERROR(BindEndJob(update, id, JobOutcome::kSucceeded, ended_at, counts, ""));
  return update.Run();
}

Status AdvanceHead(Connection& connection, std::string_view head, JobId id) {
  OPENCEIR_ASSIGN_OR_RETURN(Statement get, connection.Prepare(sql::kGetListHead));
  OPENCEIR_RETURN_IF_ERROR(get.BindText(1, head));
  OPENCEIR_ASSIGN_OR_RETURN(bool has_head, get.Step());
  if (has_head && get.ColumnInt64(0) > id) {
    return AbortedError(fmt::format("job {} cannot change {}: newer job {} changed it first", id,
                                    head, get.ColumnInt64(0)));
  }
  OPENCEIR_ASSIGN_OR_RETURN(Statement set, connection.Prepare(sql::kSetListHead));
  OPENCEIR_RETURN_IF_ERROR(set.BindText(1, head));
  OPENCEIR_RETURN_IF_ERROR(set.BindInt64(2, id));
  return set.Run();
}

Result<JobId> SqliteRegistryStore::StartJob(const JobStart& start) {
  // A single INSERT in autocommit mode: its own transaction, durable when it returns.
  OPENCEIR_ASSIGN_OR_RETURN(Statement insert, connection_->Prepare(sql::kInsertJob));
  OPENCEIR_RETURN_IF_ERROR(insert.BindText(1, start.command));
  OPENCEIR_RETURN_IF_ERROR(insert.BindText(2, start.arguments));
  OPENCEIR_RETURN_IF_ERROR(insert.BindText(3, start.user));
  OPENCEIR_RETURN_IF_ERROR(insert.BindText(4, start.input_path));
  OPENCEIR_RETURN_IF_ERROR(insert.BindText(5, start.input_sha256));
  OPENCEIR_RETURN_IF_ERROR(insert.BindInt64(6, start.pid));
  OPENCEIR_RETURN_IF_ERROR(insert.BindInt64(7, clock_->Now()));
  OPENCEIR_RETURN_IF_ERROR(insert.Run());
  return connection_->LastInsertRowid();
}

Status SqliteRegistryStore::SetJobInputSha256(JobId id, const std::string& input_sha256) {
  if (input_sha256.empty()) {
    return InvalidInputError(fmt::format("job {}: the input hash to record is empty", id));
  }
  OPENCEIR_ASSIGN_OR_RETURN(auto transaction, Transaction::Begin(connection_.get()));
  OPENCEIR_RETURN_IF_ERROR(RequireRunning(id));
  OPENCEIR_ASSIGN_OR_RETURN(Statement update, connection_->Prepare(sql::kSetJobInputSha256));
  OPENCEIR_RETURN_IF_ERROR(update.BindInt64(1, id));
  OPENCEIR_RETURN_IF_ERROR(update.BindText(2, input_sha256));
  OPENCEIR_RETURN_IF_ERROR(update.Run());
  if (connection_->Changes() != 1) {
    return FailedPreconditionError(
        fmt::format("job {} already has an input hash; it is recorded once", id));
  }
  return transaction->Commit();
}

Status SqliteRegistryStore::EndJob(JobId id, JobOutcome outcome, const JobCounts& counts,
                                   const std::string& error) {
  if (outcome == JobOutcome::kRunning) {
    return InvalidInputError(fmt::format("job {} cannot end as running", id));
  }
  OPENCEIR_ASSIGN_OR_RETURN(auto transaction, Transaction::Begin(connection_.get()));
  OPENCEIR_RETURN_IF_ERROR(RequireRunning(id));
  OPENCEIR_ASSIGN_OR_RETURN(Statement update, connection_->Prepare(sql::kEndJob));
  OPENCEIR_RETURN_IF_ERROR(BindEndJob(update, id, outcome, clock_->Now(), counts, error));
  OPENCEIR_RETURN_IF_ERROR(update.Run());
  return transaction->Commit();
}

Result<std::vector<JobRecord>> SqliteRegistryStore::ListJobs(int limit) {
  if (limit < 0) return InvalidInputError(fmt::format("job list limit {} is negative", limit));
  OPENCEIR_ASSIGN_OR_RETURN(Statement select, connection_->Prepare(sql::kListJobs));
  OPENCEIR_RETURN_IF_ERROR(select.BindInt64(1, limit));
  return ReadJobs(select);
}

Result<JobRecord> SqliteRegistryStore::GetJob(JobId id) {
  OPENCEIR_ASSIGN_OR_RETURN(Statement select, connection_->Prepare(sql::kGetJob));
  OPENCEIR_RETURN_IF_ERROR(select.BindInt64(1, id));
  OPENCEIR_ASSIGN_OR_RETURN(std::vector<JobRecord> jobs, ReadJobs(select));
  if (jobs.empty()) return NotFoundError(fmt::format("no job {}", id));
  return std::move(jobs.front());
}

Result<std::optional<JobRecord>> SqliteRegistryStore::FindSucceededJob(
    const std::string& command, const std::string& input_sha256) {
  OPENCEIR_ASSIGN_OR_RETURN(Statement select, connection_->Prepare(sql::kFindSucceededJob));
  OPENCEIR_RETURN_IF_ERROR(select.BindText(1, command));
  OPENCEIR_RETURN_IF_ERROR(select.BindText(2, input_sha256));
  OPENCEIR_ASSIGN_OR_RETURN(std::vector<JobRecord> jobs, ReadJobs(select));
  if (jobs.empty()) return std::optional<JobRecord>();
  return std::optional<JobRecord>(std::move(jobs.front()));
}

Result<std::vector<std::pair<JobId, std::int64_t>>> SqliteRegistryStore::DeadRunningJobs() {
  OPENCEIR_ASSIGN_OR_RETURN(Statement select, connection_->Prepare(sql::kRunningJobs));
  std::vector<std::pair<JobId, std::int64_t>> dead;
  for (;;) {
    OPENCEIR_ASSIGN_OR_RETURN(bool row, select.Step());
    if (!row) break;
    std::int64_t pid = select.ColumnInt64(1);
    if (ProcessIsGone(pid)) dead.emplace_back(select.ColumnInt64(0), pid);
  }
  return dead;
}

Result<int> SqliteRegistryStore::MarkInterruptedJobs() {
  OPENCEIR_ASSIGN_OR_RETURN(auto transaction, Transaction::Begin(connection_.get()));
  OPENCEIR_ASSIGN_OR_RETURN(auto dead, DeadRunningJobs());
  OPENCEIR_ASSIGN_OR_RETURN(Statement update, connection_->Prepare(sql::kEndJob));
  const UnixSeconds now = clock_->Now();
  for (const auto& [id, pid] : dead) {
    // The counts stay "not applicable": an interrupted job changed nothing.
    OPENCEIR_RETURN_IF_ERROR(
        BindEndJob(update, id, JobOutcome::kInterrupted, now, JobCounts{},
                   fmt::format("process {} ended without finishing the job", pid)));
    OPENCEIR_RETURN_IF_ERROR(update.Run());
  }
  OPENCEIR_RETURN_IF_ERROR(transaction->Commit());
  return static_cast<int>(dead.size());
}

}  // namespace openceir::store::sqlite
