// The PostgreSQL classification run: its own connection holding the classification advisory
// lock (one run at a time, across processes and machines) and one transaction from
// BeginClassificationRun to Commit. Matches and genuine users are buffered and staged by COPY
// into temp tables of that transaction; Commit applies each condition with set-based
// statements (end the open rows not staged, start the staged IMEIs without an open row).
// Internal to store/postgresql: callers use RegistryStore::BeginClassificationRun().
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "openceir/base/clock.h"
#include "openceir/base/date.h"
#include "openceir/store/classification_state.h"
#include "openceir/store/postgresql/pg_advisory_lock.h"
#include "openceir/store/postgresql/pg_connection.h"
#include "openceir/store/postgresql/pg_transaction.h"

namespace openceir::store::postgresql {

class PgClassificationRun final : public ClassificationRun {
 public:
  // Connects to `dsn` and starts the run (see RegistryStore::BeginClassificationRun). Errors
  // with kAborted when another run holds the classification lock.
  static Result<std::unique_ptr<ClassificationRun>> Begin(
      const std::string& dsn, const Clock* clock, JobId id, Date curr_date,
      std::span<const ConditionSpec> conditions);
  // Rolls back, then releases the lock, before the connection closes: the next run may begin
  // at once.
  ~PgClassificationRun() override;

  Status AddMatches(std::span<const ConditionMatch> matches) override;
  Status CountUnstagedMatches(std::uint32_t condition, std::int64_t count) override;
  Status AddGenuineUsers(std::span<const GenuineUserDesignation> users) override;
  Result<ClassificationRunRecord> Commit(std::int64_t seen_imeis, const JobCounts& counts) override;

 private:
  // Rows buffered before a COPY sends them: few round trips, bounded memory.
  static constexpr std::size_t kStageBatchRows = 65'536;

  // A staged row: (condition, imei_norm, evidence JSON) or (imei_norm, imsi, reason).
  struct Pending {
    std::int64_t condition = 0;
    std::string first;
    std::string second;
    std::string third;
  };

  PgClassificationRun(std::unique_ptr<PgConnection> connection, PgAdvisoryLock lock,
                      PgTransaction transaction, const Clock* clock, JobId id, Date curr_date,
                      std::vector<ConditionSpec> conditions);

  Status Usable() const;
  // Sends the pending rows of one kind by COPY. A row staged twice is kInvalidInput.
  Status Flush(bool matches);
  Status ApplyCondition(std::size_t index, std::int64_t seen_imeis, ConditionRunRecord& record);
  Status ApplyGenuineUsers(ClassificationRunRecord& record);
  Status RecordRun(const ClassificationRunRecord& record);

  // Destroyed in reverse order: transaction, then lock, then connection.
  std::unique_ptr<PgConnection> connection_;
  std::optional<PgAdvisoryLock> lock_;
  std::optional<PgTransaction> transaction_;
  const Clock* clock_;
  JobId run_;
  Date curr_date_;
  UnixSeconds started_at_;
  std::vector<ConditionSpec> conditions_;
  std::vector<std::int64_t> matching_;  // staged and unstaged matches per condition
  std::vector<bool> unstaged_;          // conditions with CountUnstagedMatches
  std::int64_t genuine_users_staged_ = 0;
  std::vector<Pending> pending_matches_;
  std::vector<Pending> pending_users_;
  bool finished_ = false;  // committed, or failed: only destruction is left
};

}  // namespace openceir::store::postgresql
