// Job records in the PostgreSQL registry store.
#include <fmt/format.h>

#include <optional>

#include "openceir/store/postgresql/pg_registry_sql.h"
#include "openceir/store/postgresql/pg_registry_store_impl.h"
#include "openceir/store/postgresql/pg_transaction.h"

namespace openceir::store::postgresql {
namespace {

std::optional<JobOutcome> OutcomeFromName(std::string_view name) {
  for (JobOutcome outcome : {JobOutcome::kRunning, JobOutcome::kSucceeded, JobOutcome::kRejected,
                             JobOutcome::kFailed, JobOutcome::kInterrupted}) {
    if (JobOutcomeName(outcome) == name) return outcome;
  }
  return std::nullopt;
}

// Reads the rows selected with the job columns (see pg_registry_sql.h).
Result<std::vector<JobRecord>> ReadJobs(const PgResult& rows) {
  std::vector<JobRecord> jobs;
  for (int r = 0; r < rows.rows(); ++r) {
    JobRecord& job = jobs.emplace_back();
    OPENCEIR_ASSIGN_OR_RETURN(job.id, rows.Int64(r, 0));
    job.start.command = rows.Text(r, 1);
    job.start.arguments = rows.Text(r, 2);
    job.start.user = rows.Text(r, 3);
    job.start.input_path = rows.Text(r, 4);
    job.start.input_sha256 = rows.Text(r, 5);
    OPENCEIR_ASSIGN_OR_RETURN(job.start.pid, rows.Int64(r, 6));
    OPENCEIR_ASSIGN_OR_RETURN(job.started_at, rows.Int64(r, 7));
    if (!rows.IsNull(r, 8)) {
      OPENCEIR_ASSIGN_OR_RETURN(job.ended_at, rows.Int64(r, 8));
    }
    auto outcome = OutcomeFromName(rows.Text(r, 9));
    if (!outcome) {
      return InternalError(
          fmt::format("job {} has an unknown outcome '{}'", job.id, rows.Text(r, 9)));
    }
    job.outcome = *outcome;
    OPENCEIR_ASSIGN_OR_RETURN(job.counts.rows_read, rows.Int64(r, 10));
    OPENCEIR_ASSIGN_OR_RETURN(job.counts.added, rows.Int64(r, 11));
    OPENCEIR_ASSIGN_OR_RETURN(job.counts.removed, rows.Int64(r, 12));
    OPENCEIR_ASSIGN_OR_RETURN(job.counts.changed, rows.Int64(r, 13));
    OPENCEIR_ASSIGN_OR_RETURN(job.counts.unchanged, rows.Int64(r, 14));
    job.error = rows.Text(r, 15);
  }
  return jobs;
}

}  // namespace

Status RequireRunningJob(PgConnection& connection, JobId id) {
  OPENCEIR_ASSIGN_OR_RETURN(PgResult select,
                            Run(connection, sql::kGetJobOutcomeForUpdate, PgParams().Int64(id)));
  if (select.rows() == 0) return NotFoundError(fmt::format("no job {}", id));
  if (select.Text(0, 0) != JobOutcomeName(JobOutcome::kRunning)) {
    return FailedPreconditionError(
        fmt::format("job {} is not running (it is {})", id, select.Text(0, 0)));
  }
  return Status::Ok();
}

Status EndRunningJob(PgConnection& connection, JobId id, JobOutcome outcome, UnixSeconds ended_at,
                     const JobCounts& counts, std::string_view error) {
  PgParams params;
  params.Int64(id)
      .Text(JobOutcomeName(outcome))
      .Int64(ended_at)
      .Int64(counts.rows_read)
      .Int64(counts.added)
      .Int64(counts.removed)
      .Int64(counts.changed)
      .Int64(counts.unchanged)
      .Text(error);
  OPENCEIR_ASSIGN_OR_RETURN(PgResult update, Run(connection, sql::kEndJob, params));
  if (update.affected_rows() != 1) {
    return FailedPreconditionError(fmt::format("job {} is not running", id));
  }
  return Status::Ok();
}

Status AdvanceHead(PgConnection& connection, std::string_view head, JobId id,
                   std::string_view what) {
  OPENCEIR_ASSIGN_OR_RETURN(PgResult advanced,
                            Run(connection, sql::kAdvanceHead, PgParams().Text(head).Int64(id)));
  if (advanced.rows() == 1) return Status::Ok();
  OPENCEIR_ASSIGN_OR_RETURN(PgResult newest, Run(connection, sql::kGetHead, PgParams().Text(head)));
  return AbortedError(fmt::format("job {} cannot change {}: newer job {} changed it first", id,
                                  what, newest.rows() == 1 ? newest.Text(0, 0) : "?"));
}

Result<JobId> PgRegistryStore::StartJob(const JobStart& start) {
  // A single INSERT outside any transaction: committed, and durable, when it returns.
  PgParams params;
  params.Text(start.command)
      .Text(start.arguments)
      .Text(start.user)
      .Text(start.input_path)
      .Text(start.input_sha256)
      .Int64(start.pid)
      .Int64(clock_->Now());
  OPENCEIR_ASSIGN_OR_RETURN(PgResult inserted, Run(*connection_, sql::kInsertJob, params));
  return inserted.Int64(0, 0);
}

Status PgRegistryStore::SetJobInputSha256(JobId id, const std::string& input_sha256) {
  if (input_sha256.empty()) {
    return InvalidInputError(fmt::format("job {}: the input hash to record is empty", id));
  }
  OPENCEIR_ASSIGN_OR_RETURN(PgTransaction transaction, PgTransaction::Begin(connection_.get()));
  OPENCEIR_RETURN_IF_ERROR(RequireRunningJob(*connection_, id));
  OPENCEIR_ASSIGN_OR_RETURN(PgResult update, Run(*connection_, sql::kSetJobInputSha256,
                                                 PgParams().Int64(id).Text(input_sha256)));
  if (update.affected_rows() != 1) {
    return FailedPreconditionError(
        fmt::format("job {} already has an input hash; it is recorded once", id));
  }
  return transaction.Commit();
}

Status PgRegistryStore::EndJob(JobId id, JobOutcome outcome, const JobCounts& counts,
                               const std::string& error) {
  if (outcome == JobOutcome::kRunning) {
    return InvalidInputError(fmt::format("job {} cannot end as running", id));
  }
  OPENCEIR_ASSIGN_OR_RETURN(PgTransaction transaction, PgTransaction::Begin(connection_.get()));
  OPENCEIR_RETURN_IF_ERROR(RequireRunningJob(*connection_, id));
  OPENCEIR_RETURN_IF_ERROR(EndRunningJob(*connection_, id, outcome, clock_->Now(), counts, error));
  return transaction.Commit();
}

Result<std::vector<JobRecord>> PgRegistryStore::ListJobs(int limit) {
  if (limit < 0) return InvalidInputError(fmt::format("job list limit {} is negative", limit));
  OPENCEIR_ASSIGN_OR_RETURN(PgResult rows,
                            Run(*connection_, sql::kListJobs, PgParams().Int64(limit)));
  return ReadJobs(rows);
}

Result<JobRecord> PgRegistryStore::GetJob(JobId id) {
  OPENCEIR_ASSIGN_OR_RETURN(PgResult rows, Run(*connection_, sql::kGetJob, PgParams().Int64(id)));
  OPENCEIR_ASSIGN_OR_RETURN(std::vector<JobRecord> jobs, ReadJobs(rows));
  if (jobs.empty()) return NotFoundError(fmt::format("no job {}", id));
  return std::move(jobs.front());
}

Result<std::optional<JobRecord>> PgRegistryStore::FindSucceededJob(
    const std::string& command, const std::string& input_sha256) {
  OPENCEIR_ASSIGN_OR_RETURN(PgResult rows, Run(*connection_, sql::kFindSucceededJob,
                                               PgParams().Text(command).Text(input_sha256)));
  OPENCEIR_ASSIGN_OR_RETURN(std::vector<JobRecord> jobs, ReadJobs(rows));
  if (jobs.empty()) return std::optional<JobRecord>();
  return std::optional<JobRecord>(std::move(jobs.front()));
}

Result<std::vector<std::pair<JobId, std::int64_t>>> PgRegistryStore::DeadRunningJobs() {
  OPENCEIR_ASSIGN_OR_RETURN(PgResult rows, Run(*connection_, sql::kRunningJobs));
  std::vector<std::pair<JobId, std::int64_t>> dead;
  for (int r = 0; r < rows.rows(); ++r) {
    OPENCEIR_ASSIGN_OR_RETURN(std::int64_t pid, rows.Int64(r, 1));
    if (!ProcessIsGone(pid)) continue;
    OPENCEIR_ASSIGN_OR_RETURN(JobId id, rows.Int64(r, 0));
    dead.emplace_back(id, pid);
  }
  return dead;
}

Result<int> PgRegistryStore::MarkInterruptedJobs() {
  OPENCEIR_ASSIGN_OR_RETURN(PgTransaction transaction, PgTransaction::Begin(connection_.get()));
  OPENCEIR_ASSIGN_OR_RETURN(auto dead, DeadRunningJobs());
  const UnixSeconds now = clock_->Now();
  int marked = 0;
  for (const auto& [id, pid] : dead) {
    // The counts stay "not applicable": an interrupted job changed nothing. A job another
    // process ended meanwhile is left as it ended.
    OPENCEIR_ASSIGN_OR_RETURN(
        PgResult update,
        Run(*connection_, sql::kEndJob,
            PgParams()
                .Int64(id)
                .Text(JobOutcomeName(JobOutcome::kInterrupted))
                .Int64(now)
                .Int64(-1)
                .Int64(-1)
                .Int64(-1)
                .Int64(-1)
                .Int64(-1)
                .Text(fmt::format("process {} ended without finishing the job", pid))));
    marked += static_cast<int>(update.affected_rows());
  }
  OPENCEIR_RETURN_IF_ERROR(transaction.Commit());
  return marked;
}

}  // namespace openceir::store::postgresql
