// Applying one condition of a classification run: a merge of its staged matches with its open
// state rows, both in imei_norm order. A staged IMEI with no open row starts a match, one with
// an open row continues it (unchanged), and an open row with no staged IMEI ends (unless the
// condition is sticky). Sequential reads on both sides instead of one index probe per row.
#include <fmt/format.h>

#include <string>
#include <utility>
#include <vector>

#include "openceir/store/sqlite/sqlite_classification_run.h"
#include "openceir/store/sqlite/sqlite_classification_sql.h"

namespace openceir::store::sqlite {
namespace {

using OpenRow = std::pair<std::string, JobId>;  // imei_norm, start_run

// Open rows read per query. The query is reset between chunks, so no cursor is open on the
// state table while the merge writes it.
constexpr std::int64_t kOpenChunkRows = 4096;

// The open rows of one condition, read chunk by chunk in imei_norm order.
class OpenRows {
 public:
  static Result<OpenRows> Prepare(Connection& connection, std::string_view label) {
    OPENCEIR_ASSIGN_OR_RETURN(Statement select, connection.Prepare(sql::kOpenAfter));
    OPENCEIR_RETURN_IF_ERROR(select.BindText(1, label));
    OPENCEIR_RETURN_IF_ERROR(select.BindInt64(3, kOpenChunkRows));
    return OpenRows(std::move(select));
  }

  // The current row, or nullptr when there are no more. Reads the next chunk when needed.
  Result<const OpenRow*> Current() {
    if (next_ == rows_.size() && !exhausted_) OPENCEIR_RETURN_IF_ERROR(ReadChunk());
    if (next_ == rows_.size()) return static_cast<const OpenRow*>(nullptr);
    return &rows_[next_];
  }
  void Advance() { ++next_; }

 private:
  explicit OpenRows(Statement select) : select_(std::move(select)) {}

  Status ReadChunk() {
    // Rows the merge inserts all sort before the last row read (a start is decided only
    // before a buffered open row, or after the last), so they are never read back as open.
    std::string after = rows_.empty() ? std::string() : rows_.back().first;
    OPENCEIR_RETURN_IF_ERROR(select_.BindText(2, after));
    rows_.clear();
    next_ = 0;
    for (;;) {
      OPENCEIR_ASSIGN_OR_RETURN(bool has_row, select_.Step());
      if (!has_row) break;
      rows_.emplace_back(std::string(select_.ColumnText(0)), select_.ColumnInt64(1));
    }
    select_.Reset();
    exhausted_ = static_cast<std::int64_t>(rows_.size()) < kOpenChunkRows;
    return Status::Ok();
  }

  Statement select_;
  std::vector<OpenRow> rows_;
  std::size_t next_ = 0;
  bool exhausted_ = false;
};

// Starts matches in multi-row INSERTs (one statement run per kBatchRows rows, not per row).
class StartBatch {
 public:
  static constexpr std::size_t kBatchRows = 256;

  static Result<StartBatch> Prepare(Connection& connection) {
    OPENCEIR_ASSIGN_OR_RETURN(Statement batch, connection.Prepare(Sql(kBatchRows)));
    OPENCEIR_ASSIGN_OR_RETURN(Statement single, connection.Prepare(Sql(1)));
    return StartBatch(std::move(batch), std::move(single));
  }

  // Binds the values every row shares (parameters 1 to 5).
  template <typename Bind>
  Status BindShared(const Bind& bind) {
    OPENCEIR_RETURN_IF_ERROR(bind(batch_));
    return bind(single_);
  }

  Status Add(std::string_view imei_norm, std::string_view evidence) {
    imeis_[size_].assign(imei_norm);
    evidence_[size_].assign(evidence);
    return ++size_ == kBatchRows ? Flush() : Status::Ok();
  }

  // Writes the pending rows; the pending strings stay unchanged until the statement has run,
  // so they are bound without copying.
  Status Flush() {
    const std::size_t rows = std::exchange(size_, 0);
    if (rows == kBatchRows) {
      for (std::size_t r = 0; r < rows; ++r) {
        OPENCEIR_RETURN_IF_ERROR(batch_.BindStaticText(static_cast<int>(6 + 2 * r), imeis_[r]));
        OPENCEIR_RETURN_IF_ERROR(batch_.BindStaticText(static_cast<int>(7 + 2 * r), evidence_[r]));
      }
      return batch_.Run();
    }
    for (std::size_t r = 0; r < rows; ++r) {
      OPENCEIR_RETURN_IF_ERROR(single_.BindStaticText(6, imeis_[r]));
      OPENCEIR_RETURN_IF_ERROR(single_.BindStaticText(7, evidence_[r]));
      OPENCEIR_RETURN_IF_ERROR(single_.Run());
    }
    return Status::Ok();
  }

 private:
  StartBatch(Statement batch, Statement single)
      : batch_(std::move(batch)),
        single_(std::move(single)),
        imeis_(kBatchRows),
        evidence_(kBatchRows) {}

  static std::string Sql(std::size_t rows) {
    std::string sql(sql::kStartMatches);
    for (std::size_t r = 0; r < rows; ++r) {
      sql +=
          fmt::format("{}(?{}, ?3, ?1, ?2, ?4, ?5, ?{})", r == 0 ? "" : ", ", 6 + 2 * r, 7 + 2 * r);
    }
    return sql;
  }

  Statement batch_;
  Statement single_;
  std::vector<std::string> imeis_;
  std::vector<std::string> evidence_;
  std::size_t size_ = 0;
};

}  // namespace

Status SqliteClassificationRun::MergeCondition(std::size_t index, ConditionRunRecord& record) {
  const ConditionSpec& spec = conditions_[index];
  const std::int64_t curr_date = YyyymmddOf(curr_date_);
  const Date block_date = spec.amnesty_block_date.value_or(
      Date{curr_date_.days + static_cast<std::int32_t>(spec.grace_period_days)});

  OPENCEIR_ASSIGN_OR_RETURN(Statement staged, connection_->Prepare(sql::kStagedOfCondition));
  OPENCEIR_RETURN_IF_ERROR(staged.BindInt64(1, static_cast<std::int64_t>(index)));
  OPENCEIR_ASSIGN_OR_RETURN(OpenRows open, OpenRows::Prepare(*connection_, spec.label));

  OPENCEIR_ASSIGN_OR_RETURN(StartBatch start, StartBatch::Prepare(*connection_));
  auto bind_shared = [&](Statement& insert) -> Status {
    OPENCEIR_RETURN_IF_ERROR(insert.BindInt64(1, run_));
    OPENCEIR_RETURN_IF_ERROR(insert.BindInt64(2, curr_date));
    OPENCEIR_RETURN_IF_ERROR(insert.BindStaticText(3, spec.label));
    OPENCEIR_RETURN_IF_ERROR(insert.BindInt64(4, YyyymmddOf(block_date)));
    return insert.BindInt64(5, spec.amnesty_block_date.has_value() ? 1 : 0);
  };
  OPENCEIR_RETURN_IF_ERROR(start.BindShared(bind_shared));
  OPENCEIR_ASSIGN_OR_RETURN(Statement end, connection_->Prepare(sql::kEndMatch));
  OPENCEIR_RETURN_IF_ERROR(end.BindInt64(1, run_));
  OPENCEIR_RETURN_IF_ERROR(end.BindInt64(2, curr_date));
  OPENCEIR_RETURN_IF_ERROR(end.BindStaticText(4, spec.label));

  auto end_open = [&](const OpenRow& row) -> Status {
    if (spec.sticky) return Status::Ok();  // a sticky match never ends
    OPENCEIR_RETURN_IF_ERROR(end.BindStaticText(3, row.first));
    OPENCEIR_RETURN_IF_ERROR(end.BindInt64(5, row.second));
    OPENCEIR_RETURN_IF_ERROR(end.Run());
    ++record.ended;
    return Status::Ok();
  };

  OPENCEIR_ASSIGN_OR_RETURN(bool has_staged, staged.Step());
  for (;;) {
    OPENCEIR_ASSIGN_OR_RETURN(const OpenRow* open_row, open.Current());
    if (!has_staged && open_row == nullptr) break;
    if (!has_staged) {
      OPENCEIR_RETURN_IF_ERROR(end_open(*open_row));
      open.Advance();
      continue;
    }
    // The staged cursor reads the temp database, which the merge does not write: it stays
    // valid across the writes below.
    const std::string_view imei_norm = staged.ColumnText(0);
    const int order = open_row == nullptr ? -1 : imei_norm.compare(open_row->first);
    if (order > 0) {
      OPENCEIR_RETURN_IF_ERROR(end_open(*open_row));
      open.Advance();
      continue;
    }
    if (order == 0) {
      ++record.continued;
      open.Advance();
    } else {
      OPENCEIR_RETURN_IF_ERROR(start.Add(imei_norm, staged.ColumnText(1)));
      ++record.started;
    }
    OPENCEIR_ASSIGN_OR_RETURN(has_staged, staged.Step());
  }
  OPENCEIR_RETURN_IF_ERROR(start.Flush());
  if (record.started + record.continued != record.matching) {
    return InternalError(
        fmt::format("condition '{}': merged {} started + {} continued of {} staged", spec.label,
                    record.started, record.continued, record.matching));
  }
  return Status::Ok();
}

}  // namespace openceir::store::sqlite
