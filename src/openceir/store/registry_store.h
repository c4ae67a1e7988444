// The registry store: transactional data (reference lists with full history, and jobs).
//
// Also the classification state (classification_state.h): condition matches with history,
// classification runs, and genuine-user exceptions; and the record of list generations
// (list_history.h).
//
// Backends (SQLite now, PostgreSQL later) implement this interface and depend on nothing else
// in OpenCEIR above `store`. Callers never see SQL.
//
// History: every list row carries the job that added it and the job that ended it (NULL while
// current). The current list is the open rows; the list as it was after any job J is the rows
// with start_job <= J and (end_job is NULL or end_job > J).
//
// Thread-safety: one RegistryStore object is used by one thread at a time. Several processes
// may open the same store; writes are serialised by the backend's transactions.
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "openceir/base/date.h"
#include "openceir/base/status.h"
#include "openceir/store/access_audit.h"
#include "openceir/store/classification_state.h"
#include "openceir/store/job.h"
#include "openceir/store/list_history.h"
#include "openceir/store/list_schema.h"

namespace openceir::store {

// The change one import makes to one list. Rows are full rows in schema column order;
// `removed` rows need only their key columns to be right.
struct ListChanges {
  std::vector<ListRow> added;
  std::vector<ListRow> removed;
  std::vector<ListRow> updated;  // new values for rows whose key exists
};

// Callback for scans. Return a non-OK status to stop the scan with that status.
using ListRowVisitor = std::function<Status(const ListRow& row)>;
using ClassificationRowVisitor = std::function<Status(const ClassificationRow& row)>;
using GenuineUserVisitor = std::function<Status(const GenuineUserRow& row)>;

// The positions of `columns` in `schema`. Errors: kInvalidInput naming an unknown column.
Result<std::vector<std::size_t>> ColumnIndexes(const ListSchema& schema,
                                               std::span<const std::string_view> columns);

class RegistryStore {
 public:
  virtual ~RegistryStore() = default;

  // --- Schema -------------------------------------------------------------------------------

  // Schema version the store is at, and the version this build expects.
  virtual Result<int> SchemaVersion() = 0;
  static int LatestSchemaVersion();
  // Applies every pending migration, each in its own transaction. Idempotent.
  virtual Status Migrate() = 0;
  // Integrity check (backend's own checks plus OpenCEIR invariants: at most one current row
  // per key, no row ended before it started, no job left running by a dead process).
  // Returns the problems found, empty when healthy.
  virtual Result<std::vector<std::string>> Check() = 0;

  // --- Jobs ---------------------------------------------------------------------------------

  // Records a job as running and commits that record at once, so even a killed job is seen.
  virtual Result<JobId> StartJob(const JobStart& start) = 0;
  // Records the input's hash of a job started without one (an input hashed while it is read,
  // so the file is read once). Requires the job to be running with an empty input_sha256:
  // FailedPrecondition otherwise, NotFound for an unknown job, InvalidInput for an empty hash.
  virtual Status SetJobInputSha256(JobId id, const std::string& input_sha256) = 0;
  // Ends a job that changed nothing (rejected, failed). Requires the job to be running.
  virtual Status EndJob(JobId id, JobOutcome outcome, const JobCounts& counts,
                        const std::string& error) = 0;
  // Newest first, at most `limit`.
  virtual Result<std::vector<JobRecord>> ListJobs(int limit) = 0;
  virtual Result<JobRecord> GetJob(JobId id) = 0;
  // The newest succeeded job with this command and input hash, if any (re-import detection).
  virtual Result<std::optional<JobRecord>> FindSucceededJob(const std::string& command,
                                                            const std::string& input_sha256) = 0;
  // Marks jobs left running by processes that no longer exist as interrupted. Returns how many.
  virtual Result<int> MarkInterruptedJobs() = 0;

  // --- Reference lists ----------------------------------------------------------------------

  // Visits the current rows of a list in key order.
  virtual Status ScanCurrentList(ListKind kind, const ListRowVisitor& visit) = 0;
  // The same rows holding only `columns` (schema column names; row[i] is columns[i]), for
  // readers of a few columns of a large list. Errors: kInvalidInput naming a column the list does
  // not have (nothing visited). The default projects ScanCurrentList's rows.
  virtual Status ScanCurrentListColumns(ListKind kind, std::span<const std::string_view> columns,
                                        const ListRowVisitor& visit);
  // Visits the rows of a list as it was right after job `as_of` committed, in key order.
  virtual Status ScanListAsOf(ListKind kind, JobId as_of, const ListRowVisitor& visit) = 0;
  virtual Result<std::int64_t> CountCurrentList(ListKind kind) = 0;
  // The current rows whose first key column equals `first_key` (e.g. every pairing of an IMEI).
  virtual Result<std::vector<ListRow>> FindCurrent(ListKind kind, const std::string& first_key) = 0;
  // The current rows whose column `column` (a schema column name) equals `value`.
  virtual Result<std::vector<ListRow>> FindCurrentBy(ListKind kind, const std::string& column,
                                                     const std::string& value) = 0;

  // Applies `changes` to `kind` as job `id` and marks the job succeeded with `counts`, all in
  // one transaction: afterwards either everything is visible or nothing is. Requires the job to
  // be running. Fails (changing nothing) when an added key is already current, or a removed or
  // updated key is not.
  virtual Status CommitListChanges(JobId id, ListKind kind, const ListChanges& changes,
                                   const JobCounts& counts) = 0;

  // --- Classification state -----------------------------------------------------------------
  // Classification runs, like list changes, commit in job order (a run or revocation whose job
  // is older than the newest committed one fails with kAborted), so the state as of a run never
  // changes afterwards.

  // Starts the writes of classification run `id` (a running job, its id becomes the run id)
  // for analysis date `curr_date` and `conditions` (labels unique and non-empty). Holds the
  // store's write lock until the run commits or is destroyed; the run uses its own connection,
  // so the store object stays usable for reads. Errors: kNotFound / kFailedPrecondition for a
  // job that does not exist or is not running; kFailedPrecondition when curr_date is before the
  // latest committed run's; kAborted when a newer job changed the classification state;
  // kInvalidInput for bad conditions.
  virtual Result<std::unique_ptr<ClassificationRun>> BeginClassificationRun(
      JobId id, Date curr_date, std::span<const ConditionSpec> conditions) = 0;

  // Visits the classification state as it was right after run `run` committed: the rows open
  // then (so end fields are empty, even for rows later runs ended), ordered by (imei_norm,
  // condition, start_run). Streams: memory holds one row. Includes the open rows of conditions
  // the run did not have (removed from the configuration) and of conditions it skipped by the
  // safety cap: list generation decides with the run's ConditionRunRecords. Errors: kNotFound
  // when `run` is not a committed classification run.
  virtual Status ScanClassificationAsOf(JobId run, const ClassificationRowVisitor& visit) = 0;
  // Every row of one IMEI, current and past, ordered by (condition, start_run).
  virtual Result<std::vector<ClassificationRow>> FindClassificationRows(
      const std::string& imei_norm) = 0;
  // Committed classification runs, newest first, at most `limit`.
  virtual Result<std::vector<ClassificationRunRecord>> ListClassificationRuns(int limit) = 0;
  virtual Result<ClassificationRunRecord> GetClassificationRun(JobId run) = 0;

  // Visits the genuine-user exceptions in force right after job `as_of` committed (so end and
  // revocation fields are empty), ordered by (imei_norm, imsi). Errors: kNotFound for no such
  // job.
  virtual Status ScanGenuineUsersAsOf(JobId as_of, const GenuineUserVisitor& visit) = 0;
  // Every genuine-user row of one IMEI, current and past, ordered by (imsi, start_run).
  virtual Result<std::vector<GenuineUserRow>> FindGenuineUsers(const std::string& imei_norm) = 0;
  // A regulator's reversal: ends the exception of (imei_norm, imsi) as job `id` (its user is
  // recorded as revoked_by), and marks the job succeeded, in one transaction. Later runs never
  // designate the pair again. Errors: kNotFound when the pair has no exception in force;
  // kNotFound / kFailedPrecondition for a job that does not exist or is not running; kAborted
  // when a newer job changed the classification state.
  virtual Status RevokeGenuineUser(JobId id, const std::string& imei_norm, const std::string& imsi,
                                   const std::string& note) = 0;

  // --- List generations (list_history.h) -----------------------------------------------------

  // Records one list generation, with the pieces `pieces` gives, in one transaction: afterwards
  // the whole record is visible or none of it. `record.files` must name every file the pieces
  // belong to, with its piece count. Errors: kNotFound when record.run (or base_run) is not a
  // committed classification run; kAlreadyExists when (run, list_date) is recorded already;
  // kInvalidInput when the pieces do not match record.files; errors of `pieces`, unchanged.
  virtual Status RecordListGeneration(const ListGenerationRecord& record,
                                      const RecordedPieceSource& pieces) = 0;
  // The recorded generation of (run, list_date), or nullopt.
  virtual Result<std::optional<ListGenerationRecord>> FindListGeneration(JobId run,
                                                                         Date list_date) = 0;
  // Visits the pieces of one recorded row file in index order (memory: one piece). Errors:
  // kNotFound when (run, list_date) has no such file.
  virtual Status ScanRecordedPieces(JobId run, Date list_date, const std::string& file,
                                    const RecordedPieceVisitor& visit) = 0;

  // --- API keys and the audit trail (access_audit.h, audit_chain.h; schema version 4) --------
  // Every write here appends its audit entry in its own transaction; appenders serialise on the
  // chain head, so entries get consecutive seq numbers whatever the number of writers.

  // Stores `key` (its hash only) as created by `actor`, and appends the audit entry
  // "apikey.create" (subject "apikey:<id>"), in one transaction. Errors: kInvalidInput
  // (CheckNewApiKey); kAlreadyExists when the hash is stored already.
  virtual Result<ApiKeyRecord> CreateApiKey(const NewApiKey& key, const std::string& actor) = 0;
  // The key with this hash if it exists and is not revoked, else nullopt.
  virtual Result<std::optional<ApiKeyRecord>> FindActiveApiKey(const std::string& key_hash) = 0;
  // Revokes key `id` as `actor` and appends "apikey.revoke", in one transaction. Errors:
  // kNotFound for no such key; kFailedPrecondition when it is revoked already.
  virtual Status RevokeApiKey(ApiKeyId id, const std::string& actor) = 0;
  // Every key, active and revoked, by id.
  virtual Result<std::vector<ApiKeyRecord>> ListApiKeys() = 0;
  // Appends one entry for a change made outside the store (its own transaction). Returns the
  // entry as stored. Errors: kInvalidInput (CheckAuditChange).
  virtual Result<AuditEntry> AppendAudit(const AuditChange& change) = 0;
  // Visits the audit log in seq order, as stored (no checks: VerifyAuditChain does them).
  virtual Status ScanAuditLog(const AuditEntryVisitor& visit) = 0;
  // The chain head as recorded beside the log.
  virtual Result<AuditHead> GetAuditHead() = 0;
};

}  // namespace openceir::store
