// The SQLite classification run: its own connection holding one IMMEDIATE transaction from
// BeginClassificationRun to Commit. Matches and genuine users are staged in temp tables (in any
// order, spilling to disk when large), then Commit merges each applied condition's staged
// matches with its open rows, both read in imei_norm order.
// Internal to store/sqlite: callers use RegistryStore::BeginClassificationRun().
#pragma once

#include <cstdint>
#include <memory>
#include <span>
#include <string>
#include <vector>

#include "openceir/base/clock.h"
#include "openceir/base/date.h"
#include "openceir/store/classification_state.h"
#include "openceir/store/sqlite/sqlite_chunked_write.h"
#include "openceir/store/sqlite/sqlite_connection.h"

namespace openceir::store::sqlite {

// Dates are stored as INTEGER YYYYMMDD (readable in the sqlite3 shell, compared as numbers).
std::int64_t YyyymmddOf(Date date);
Date DateOfYyyymmdd(std::int64_t yyyymmdd);

class SqliteClassificationRun final : public ClassificationRun {
 public:
  // Opens a connection to `path` and starts the run (see RegistryStore::BeginClassificationRun).
  static Result<std::unique_ptr<ClassificationRun>> Begin(
      const std::string& path, const Clock* clock, JobId id, Date curr_date,
      std::span<const ConditionSpec> conditions);

  Status AddMatches(std::span<const ConditionMatch> matches) override;
  Status CountUnstagedMatches(std::uint32_t condition, std::int64_t count) override;
  Status AddGenuineUsers(std::span<const GenuineUserDesignation> users) override;
  Result<ClassificationRunRecord> Commit(std::int64_t seen_imeis, const JobCounts& counts) override;

 private:
  // Rows per multi-row staging INSERT (3 parameters a row).
  static constexpr std::size_t kStageBatchRows = 256;

  // A staged row waiting for its batch: (condition, imei_norm, evidence JSON) or
  // (imei_norm, imsi, reason). Strings keep their capacity from batch to batch.
  struct Pending {
    std::int64_t condition = 0;
    std::string first;
    std::string second;
    std::string third;
  };
  // One kind of staged input: its pending rows and statements.
  struct Stage {
    std::vector<Pending> pending;  // capacity kStageBatchRows, reused
    std::size_t size = 0;          // pending rows in use
    ChunkedWrite inserts;          // kStageBatchRows rows a statement
    Statement single_insert;       // one row: replays a failed chunk to name the duplicate
    bool is_match = true;
  };

  SqliteClassificationRun(std::unique_ptr<Connection> connection,
                          std::unique_ptr<Transaction> transaction, const Clock* clock, JobId id,
                          Date curr_date, std::vector<ConditionSpec> conditions, Stage matches,
                          Stage genuine_users)
      : connection_(std::move(connection)),
        transaction_(std::move(transaction)),
        clock_(clock),
        run_(id),
        curr_date_(curr_date),
        started_at_(clock->Now()),
        conditions_(std::move(conditions)),
        matching_(conditions_.size(), 0),
        unstaged_(conditions_.size(), false),
        matches_(std::move(matches)),
        genuine_users_(std::move(genuine_users)) {}

  static Result<Stage> PrepareStage(Connection& connection, bool is_match);
  Status Usable() const;
  // Writes the pending rows of `stage`. On a duplicate key names it.
  Status Flush(Stage& stage);
  Status BindPending(Statement& insert, int first_parameter, const Pending& row, bool is_match);
  Status ApplyCondition(std::size_t index, std::int64_t seen_imeis, ConditionRunRecord& record);
  // Merges the staged matches of condition `index` with its open rows (in
  // sqlite_classification_merge.cc): starts, continues and ends, counted in `record`.
  Status MergeCondition(std::size_t index, ConditionRunRecord& record);
  Status ApplyGenuineUsers(ClassificationRunRecord& record);
  Status RecordRun(const ClassificationRunRecord& record);

  std::unique_ptr<Connection> connection_;
  std::unique_ptr<Transaction> transaction_;
  const Clock* clock_;
  JobId run_;
  Date curr_date_;
  UnixSeconds started_at_;
  std::vector<ConditionSpec> conditions_;
  std::vector<std::int64_t> matching_;  // staged and unstaged matches per condition
  std::vector<bool> unstaged_;          // conditions with CountUnstagedMatches
  std::int64_t genuine_users_staged_ = 0;
  Stage matches_;
  Stage genuine_users_;
  bool finished_ = false;  // committed, or failed: only destruction is left
};

}  // namespace openceir::store::sqlite
