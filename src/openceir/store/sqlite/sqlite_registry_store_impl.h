// The SQLite registry store class. Its methods are split by concern:
//   sqlite_registry_store.cc  opening, schema versions, migrations, Check()
//   sqlite_jobs.cc            job records
//   sqlite_lists.cc           reference lists: scans, lookups, CommitListChanges
//   sqlite_classification.cc  classification state: reads, runs' records, revocations
//                             (the run's writes: sqlite_classification_run.cc)
//   sqlite_list_history.cc    the record of list generations
// Internal to store/sqlite: callers use OpenSqliteRegistryStore().
#pragma once

#include <functional>
#include <memory>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "openceir/base/clock.h"
#include "openceir/store/registry_store.h"
#include "openceir/store/sqlite/sqlite_connection.h"

namespace openceir::store::sqlite {

class SqliteRegistryStore final : public RegistryStore {
 public:
  SqliteRegistryStore(std::unique_ptr<Connection> connection, const Clock* clock)
      : connection_(std::move(connection)), clock_(clock) {}

  Result<int> SchemaVersion() override;
  Status Migrate() override;
  Result<std::vector<std::string>> Check() override;

  Result<JobId> StartJob(const JobStart& start) override;
  Status SetJobInputSha256(JobId id, const std::string& input_sha256) override;
  Status EndJob(JobId id, JobOutcome outcome, const JobCounts& counts,
                const std::string& error) override;
  Result<std::vector<JobRecord>> ListJobs(int limit) override;
  Result<JobRecord> GetJob(JobId id) override;
  Result<std::optional<JobRecord>> FindSucceededJob(const std::string& command,
                                                    const std::string& input_sha256) override;
  Result<int> MarkInterruptedJobs() override;

  Status ScanCurrentList(ListKind kind, const ListRowVisitor& visit) override;
  Status ScanCurrentListColumns(ListKind kind, std::span<const std::string_view> columns,
                                const ListRowVisitor& visit) override;
  Status ScanListAsOf(ListKind kind, JobId as_of, const ListRowVisitor& visit) override;
  Result<std::int64_t> CountCurrentList(ListKind kind) override;
  Result<std::vector<ListRow>> FindCurrent(ListKind kind, const std::string& first_key) override;
  Result<std::vector<ListRow>> FindCurrentBy(ListKind kind, const std::string& column,
                                             const std::string& value) override;
  Status CommitListChanges(JobId id, ListKind kind, const ListChanges& changes,
                           const JobCounts& counts) override;

  Result<std::unique_ptr<ClassificationRun>> BeginClassificationRun(
      JobId id, Date curr_date, std::span<const ConditionSpec> conditions) override;
  Status ScanClassificationAsOf(JobId run, const ClassificationRowVisitor& visit) override;
  Result<std::vector<ClassificationRow>> FindClassificationRows(
      const std::string& imei_norm) override;
  Result<std::vector<ClassificationRunRecord>> ListClassificationRuns(int limit) override;
  Result<ClassificationRunRecord> GetClassificationRun(JobId run) override;
  Status ScanGenuineUsersAsOf(JobId as_of, const GenuineUserVisitor& visit) override;
  Result<std::vector<GenuineUserRow>> FindGenuineUsers(const std::string& imei_norm) override;
  Status RevokeGenuineUser(JobId id, const std::string& imei_norm, const std::string& imsi,
                           const std::string& note) override;

  Status RecordListGeneration(const ListGenerationRecord& record,
                              const RecordedPieceSource& pieces) override;
  Result<std::optional<ListGenerationRecord>> FindListGeneration(JobId run,
                                                                 Date list_date) override;
  Status ScanRecordedPieces(JobId run, Date list_date, const std::string& file,
                            const RecordedPieceVisitor& visit) override;

  Result<ApiKeyRecord> CreateApiKey(const NewApiKey& key, const std::string& actor) override;
  Result<std::optional<ApiKeyRecord>> FindActiveApiKey(const std::string& key_hash) override;
  Status RevokeApiKey(ApiKeyId id, const std::string& actor) override;
  Result<std::vector<ApiKeyRecord>> ListApiKeys() override;
  Result<AuditEntry> AppendAudit(const AuditChange& change) override;
  Status ScanAuditLog(const AuditEntryVisitor& visit) override;
  Result<AuditHead> GetAuditHead() override;

 private:
  // Fails unless job `id` exists (NotFound) and is running (FailedPrecondition).
  Status RequireRunning(JobId id);
  // Runs a prepared, bound select and passes each row to `visit`.
  Status VisitRows(const ListSchema& schema, Statement& select, const ListRowVisitor& visit);
  Status ApplyChanges(JobId id, const ListSchema& schema, const ListChanges& changes);
  // Inserts added rows (in key order) as job `id`, in batches of kInsertBatchRows; `insert_row`
  // inserts one row and names the key when it is already current.
  Status InsertAdded(JobId id, const ListSchema& schema, const std::vector<const ListRow*>& rows,
                     const std::function<Status(const ListRow&)>& insert_row);

  // Rows per multi-row INSERT: few statement runs for a large import, and within SQLite's
  // parameter limit (32766) for the widest list (8 columns).
  static constexpr std::size_t kInsertBatchRows = 256;
  // The running jobs whose process no longer exists: (id, pid).
  Result<std::vector<std::pair<JobId, std::int64_t>>> DeadRunningJobs();

  std::unique_ptr<Connection> connection_;
  const Clock* clock_;
};

// Fails unless job `id` exists (NotFound) and is running (FailedPrecondition).
Status RequireRunningJob(Connection& connection, JobId id);
// Marks running job `id` succeeded with `counts` (inside the caller's transaction).
Status MarkJobSucceeded(Connection& connection, JobId id, UnixSeconds ended_at,
                        const JobCounts& counts);
// Fails with kAborted when a job newer than `id` already changed `head` (a list table or
// sql::kClassificationHead); otherwise records `id` as its newest job. Call inside the
// transaction that makes the change, so changes to one head commit in job order.
Status AdvanceHead(Connection& connection, std::string_view head, JobId id);

// Appends `change` after the audit head at time `at` and advances the head (inside the caller's
// IMMEDIATE transaction, whose write lock serialises appenders). Returns the entry stored.
Result<AuditEntry> AppendAuditEntry(Connection& connection, const AuditChange& change,
                                    UnixSeconds at);

// True when process `pid` is known not to exist (kill(pid, 0) fails with ESRCH). False for a
// pid <= 0, which names no single process.
bool ProcessIsGone(std::int64_t pid);

}  // namespace openceir::store::sqlite
