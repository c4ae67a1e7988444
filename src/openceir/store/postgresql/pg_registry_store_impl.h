// The PostgreSQL registry store class. Its methods are split by concern, as the SQLite store's:
//   pg_registry_store.cc  connecting, schema versions, migrations, Check(), statement helpers
//   pg_jobs.cc            job records
//   pg_lists.cc           reference lists: scans, lookups, CommitListChanges
//   pg_classification.cc  classification state: reads, runs' records, revocations
//                         (the run's writes: pg_classification_run.cc)
//   pg_list_history.cc    the record of list generations
// Internal to store/postgresql: callers use OpenPgRegistryStore().
#pragma once

#include <functional>
#include <memory>
#include <span>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "openceir/base/clock.h"
#include "openceir/store/postgresql/pg_connection.h"
#include "openceir/store/registry_store.h"

namespace openceir::store::postgresql {

// Runs `sql` on `connection`, prepared on first use under a name derived from the text.
Result<PgResult> Run(PgConnection& connection, std::string_view sql, const PgParams& params = {},
                     PgFormat results = PgFormat::kText);

// Streams the rows of the select `sql` through a cursor, a chunk of rows per round trip, so
// memory holds one chunk whatever the result's size. The cursor lives in a read-only transaction
// (one snapshot for the whole scan) begun here unless one is open already (a scan started from
// another scan's visitor). `visit` gets each chunk's result and a row index.
using CursorRowVisitor = std::function<Status(const PgResult& rows, int row)>;
Status ScanWithCursor(PgConnection& connection, std::string_view sql, const PgParams& params,
                      const CursorRowVisitor& visit, PgFormat results = PgFormat::kText);

// Fails unless job `id` exists (NotFound) and is running (FailedPrecondition). Locks the job row
// until the caller's transaction ends.
Status RequireRunningJob(PgConnection& connection, JobId id);
// Marks running job `id` with `outcome` and `counts` (inside the caller's transaction).
Status EndRunningJob(PgConnection& connection, JobId id, JobOutcome outcome, UnixSeconds ended_at,
                     const JobCounts& counts, std::string_view error);
// Fails with kAborted when a job newer than `id` already changed `head` (a list table or
// sql::kClassificationHead); otherwise records `id` as its newest job, holding the head's row
// lock until the caller's transaction ends (so changes to one head commit one at a time).
Status AdvanceHead(PgConnection& connection, std::string_view head, JobId id,
                   std::string_view what);

// Dates are stored as integer YYYYMMDD, as in the SQLite store.
std::int64_t YyyymmddOf(Date date);
Date DateOfYyyymmdd(std::int64_t yyyymmdd);

// True when process `pid` is known not to exist on this machine (kill(pid, 0) fails with
// ESRCH). False for a pid <= 0, which names no single process.
bool ProcessIsGone(std::int64_t pid);

class PgRegistryStore final : public RegistryStore {
 public:
  PgRegistryStore(std::string dsn, std::unique_ptr<PgConnection> connection, const Clock* clock)
      : dsn_(std::move(dsn)), connection_(std::move(connection)), clock_(clock) {}

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
  // The connection scans stream on, opened on first use: a scan's cursor holds a transaction
  // open while its visitor runs, and the visitor may write through this store (each write its
  // own transaction on connection_) without ending the scan.
  Result<PgConnection*> ScanConnection();
  Status ApplyChanges(JobId id, const ListSchema& schema, const ListChanges& changes);
  // The running jobs whose process no longer exists: (id, pid).
  Result<std::vector<std::pair<JobId, std::int64_t>>> DeadRunningJobs();

  std::string dsn_;  // classification runs open their own connection
  std::unique_ptr<PgConnection> connection_;
  std::unique_ptr<PgConnection> scan_connection_;
  const Clock* clock_;
};

}  // namespace openceir::store::postgresql
