// The SQLite classification run (see sqlite_classification_run.h).
#include "openceir/store/sqlite/sqlite_classification_run.h"

#include <fmt/format.h>
#include <sqlite3.h>

#include <cmath>
#include <unordered_set>

#include "openceir/base/fault_point.h"
#include "openceir/store/classification_input.h"
#include "openceir/store/sqlite/sqlite_classification_sql.h"
#include "openceir/store/sqlite/sqlite_registry_store_impl.h"

namespace openceir::store::sqlite {
namespace {

// A century: far beyond any real grace period, and keeps block dates within four-digit years.
constexpr int kMaxGracePeriodDays = 36'500;

Status CheckConditions(std::span<const ConditionSpec> conditions) {
  std::unordered_set<std::string_view> labels;
  for (const ConditionSpec& condition : conditions) {
    if (condition.label.empty()) return InvalidInputError("a condition has an empty label");
    if (!labels.insert(condition.label).second) {
      return InvalidInputError(fmt::format("condition '{}' is given twice", condition.label));
    }
    if (condition.grace_period_days < 0 || condition.grace_period_days > kMaxGracePeriodDays) {
      return InvalidInputError(fmt::format("condition '{}': grace period {} is not 0 to {} days",
                                           condition.label, condition.grace_period_days,
                                           kMaxGracePeriodDays));
    }
    if (!(condition.max_allowed_matching_ratio >= 0.0)) {  // also rejects NaN
      return InvalidInputError(
          fmt::format("condition '{}': max_allowed_matching_ratio {} is not "
                      ">= 0",
                      condition.label, condition.max_allowed_matching_ratio));
    }
  }
  return Status::Ok();
}

// "(?1, ?2, ?3), (?4, ?5, ?6), ..." for `rows` rows after `prefix`.
std::string StagedInsert(std::string_view prefix, std::size_t rows) {
  std::string sql(prefix);
  for (std::size_t r = 0; r < rows; ++r) {
    sql += fmt::format("{}(?{}, ?{}, ?{})", r == 0 ? "" : ", ", 3 * r + 1, 3 * r + 2, 3 * r + 3);
  }
  return sql;
}

}  // namespace

std::int64_t YyyymmddOf(Date date) {
  int year = 0, month = 0, day = 0;
  CivilFromDate(date, &year, &month, &day);
  return std::int64_t{year} * 10'000 + month * 100 + day;
}

Date DateOfYyyymmdd(std::int64_t yyyymmdd) {
  auto date =
      DateFromCivil(static_cast<int>(yyyymmdd / 10'000), static_cast<int>(yyyymmdd / 100 % 100),
                    static_cast<int>(yyyymmdd % 100));
  return date.value_or(Date{});  // the store writes only real dates
}

Result<SqliteClassificationRun::Stage> SqliteClassificationRun::PrepareStage(Connection& connection,
                                                                             bool is_match) {
  std::string_view prefix = is_match ? sql::kStagedMatchInsert : sql::kStagedGenuineUserInsert;
  OPENCEIR_ASSIGN_OR_RETURN(Statement single, connection.Prepare(StagedInsert(prefix, 1)));
  ChunkedWrite inserts(
      kStageBatchRows, 3, [prefix](std::size_t rows) { return StagedInsert(prefix, rows); },
      "classification_stage_batch");
  Stage stage{std::vector<Pending>(kStageBatchRows), 0, std::move(inserts), std::move(single),
              is_match};
  return stage;
}

Result<std::unique_ptr<ClassificationRun>> SqliteClassificationRun::Begin(
    const std::string& path, const Clock* clock, JobId id, Date curr_date,
    std::span<const ConditionSpec> conditions) {
  OPENCEIR_RETURN_IF_ERROR(CheckConditions(conditions));
  OPENCEIR_ASSIGN_OR_RETURN(auto connection, Connection::Open(path));
  OPENCEIR_ASSIGN_OR_RETURN(auto transaction, Transaction::Begin(connection.get()));
  OPENCEIR_RETURN_IF_ERROR(RequireRunningJob(*connection, id));
  OPENCEIR_RETURN_IF_ERROR(AdvanceHead(*connection, sql::kClassificationHead, id));

  // History only moves forward: a run for an earlier day than the last would end matches
  // before they started.
  OPENCEIR_ASSIGN_OR_RETURN(Statement latest, connection->Prepare(sql::kLatestRunDate));
  OPENCEIR_ASSIGN_OR_RETURN(bool has_latest, latest.Step());
  if (has_latest && DateOfYyyymmdd(latest.ColumnInt64(1)) > curr_date) {
    return FailedPreconditionError(
        fmt::format("curr_date {} is before {}, the curr_date of the latest classification run {}",
                    FormatYyyymmdd(curr_date), latest.ColumnInt64(1), latest.ColumnInt64(0)));
  }

  OPENCEIR_RETURN_IF_ERROR(connection->ExecScript(sql::kCreateStaging));
  OPENCEIR_ASSIGN_OR_RETURN(Stage matches, PrepareStage(*connection, true));
  OPENCEIR_ASSIGN_OR_RETURN(Stage genuine_users, PrepareStage(*connection, false));
  return std::unique_ptr<ClassificationRun>(new SqliteClassificationRun(
      std::move(connection), std::move(transaction), clock, id, curr_date,
      std::vector<ConditionSpec>(conditions.begin(), conditions.end()), std::move(matches),
      std::move(genuine_users)));
}

Status SqliteClassificationRun::Usable() const {
  if (finished_) {
    return FailedPreconditionError(
        fmt::format("classification run {} is finished (committed or failed)", run_));
  }
  return Status::Ok();
}

Status SqliteClassificationRun::AddMatches(std::span<const ConditionMatch> matches) {
  OPENCEIR_RETURN_IF_ERROR(Usable());
  for (const ConditionMatch& match : matches) {
    Status status = [&]() -> Status {
      Pending& row = matches_.pending[matches_.size];
      row.second.clear();
      OPENCEIR_RETURN_IF_ERROR(EncodeConditionMatch(match, conditions_, row.second));
      row.condition = match.condition;
      row.first.assign(match.imei_norm);
      ++matching_[match.condition];
      if (++matches_.size == kStageBatchRows) return Flush(matches_);
      return Status::Ok();
    }();
    if (!status.ok()) {
      finished_ = true;
      return status;
    }
  }
  return Status::Ok();
}

Status SqliteClassificationRun::CountUnstagedMatches(std::uint32_t condition, std::int64_t count) {
  OPENCEIR_RETURN_IF_ERROR(Usable());
  if (Status checked = CheckUnstagedMatches(condition, count, conditions_.size()); !checked.ok()) {
    finished_ = true;
    return checked;
  }
  matching_[condition] += count;
  unstaged_[condition] = true;
  return Status::Ok();
}

Status SqliteClassificationRun::AddGenuineUsers(std::span<const GenuineUserDesignation> users) {
  OPENCEIR_RETURN_IF_ERROR(Usable());
  for (const GenuineUserDesignation& user : users) {
    if (Status checked = CheckGenuineUser(user); !checked.ok()) {
      finished_ = true;
      return checked;
    }
    Pending& row = genuine_users_.pending[genuine_users_.size];
    row.first.assign(user.imei_norm);
    row.second.assign(user.imsi);
    row.third.assign(user.reason);
    ++genuine_users_staged_;
    if (++genuine_users_.size == kStageBatchRows) {
      Status status = Flush(genuine_users_);
      if (!status.ok()) {
        finished_ = true;
        return status;
      }
    }
  }
  return Status::Ok();
}

Status SqliteClassificationRun::BindPending(Statement& insert, int first_parameter,
                                            const Pending& row, bool is_match) {
  // Pending rows stay unchanged until the statement has run, so they are bound without copying.
  if (is_match) {
    OPENCEIR_RETURN_IF_ERROR(insert.BindInt64(first_parameter, row.condition));
    OPENCEIR_RETURN_IF_ERROR(insert.BindStaticText(first_parameter + 1, row.first));
    return insert.BindStaticText(first_parameter + 2, row.second);
  }
  OPENCEIR_RETURN_IF_ERROR(insert.BindStaticText(first_parameter, row.first));
  OPENCEIR_RETURN_IF_ERROR(insert.BindStaticText(first_parameter + 1, row.second));
  return insert.BindStaticText(first_parameter + 2, row.third);
}

Status SqliteClassificationRun::Flush(Stage& stage) {
  const std::size_t rows = stage.size;
  stage.size = 0;
  auto duplicate = [&](const Pending& row) {
    return stage.is_match
               ? InvalidInputError(fmt::format(
                     "condition '{}': IMEI {} added twice in run {}",
                     conditions_[static_cast<std::size_t>(row.condition)].label, row.first, run_))
               : InvalidInputError(fmt::format("genuine user ({}, {}) added twice in run {}",
                                               row.first, row.second, run_));
  };
  auto insert_one = [&](const Pending& row) -> Status {
    OPENCEIR_RETURN_IF_ERROR(BindPending(stage.single_insert, 1, row, stage.is_match));
    Status status = stage.single_insert.Run();
    if (!status.ok() && (stage.single_insert.last_error() & 0xff) == SQLITE_CONSTRAINT) {
      return duplicate(row);
    }
    return status;
  };
  Status status =
      stage.inserts.Write(*connection_, std::span<const Pending>(stage.pending.data(), rows),
                          [&](Statement& insert, int first_parameter, const Pending& row) {
                            return BindPending(insert, first_parameter, row, stage.is_match);
                          });
  if (status.ok() || (stage.inserts.last_error() & 0xff) != SQLITE_CONSTRAINT) return status;
  // SQLite backed the failed statement out; replaying its rows one by one names the key.
  const auto [first, count] = stage.inserts.failed_chunk();
  for (std::size_t r = first; r < first + count; ++r) {
    OPENCEIR_RETURN_IF_ERROR(insert_one(stage.pending[r]));
  }
  return status;
}

Status SqliteClassificationRun::ApplyCondition(std::size_t index, std::int64_t seen_imeis,
                                               ConditionRunRecord& record) {
  const ConditionSpec& spec = conditions_[index];
  record.spec = spec;
  record.matching = matching_[index];
  record.matching_ratio =
      seen_imeis > 0 ? static_cast<double>(record.matching) / static_cast<double>(seen_imeis) : 0;
  record.applied = record.matching_ratio <= spec.max_allowed_matching_ratio;
  if (!record.applied) return Status::Ok();  // the safety cap: this condition's state stays
  if (unstaged_[index]) {
    return FailedPreconditionError(fmt::format(
        "condition '{}': {} of {} IMEIs matched, within its cap {}, but some matches were not "
        "staged (counted as certain to exceed the cap)",
        spec.label, record.matching, seen_imeis, spec.max_allowed_matching_ratio));
  }

  return MergeCondition(index, record);
}

Status SqliteClassificationRun::ApplyGenuineUsers(ClassificationRunRecord& record) {
  OPENCEIR_ASSIGN_OR_RETURN(Statement end, connection_->Prepare(sql::kEndUndesignated));
  OPENCEIR_RETURN_IF_ERROR(end.BindInt64(1, run_));
  OPENCEIR_RETURN_IF_ERROR(end.Run());
  record.genuine_users_ended = connection_->Changes();

  OPENCEIR_ASSIGN_OR_RETURN(Statement refused, connection_->Prepare(sql::kCountRefused));
  OPENCEIR_ASSIGN_OR_RETURN(bool row, refused.Step());
  record.genuine_users_refused = row ? refused.ColumnInt64(0) : 0;

  OPENCEIR_ASSIGN_OR_RETURN(Statement start, connection_->Prepare(sql::kStartDesignated));
  OPENCEIR_RETURN_IF_ERROR(start.BindInt64(1, run_));
  OPENCEIR_RETURN_IF_ERROR(start.Run());
  record.genuine_users_started = connection_->Changes();
  record.genuine_users_continued =
      genuine_users_staged_ - record.genuine_users_started - record.genuine_users_refused;
  return Status::Ok();
}

Status SqliteClassificationRun::RecordRun(const ClassificationRunRecord& record) {
  OPENCEIR_ASSIGN_OR_RETURN(Statement run, connection_->Prepare(sql::kInsertRun));
  OPENCEIR_RETURN_IF_ERROR(run.BindInt64(1, record.run));
  OPENCEIR_RETURN_IF_ERROR(run.BindInt64(2, YyyymmddOf(record.curr_date)));
  OPENCEIR_RETURN_IF_ERROR(run.BindInt64(3, record.started_at));
  OPENCEIR_RETURN_IF_ERROR(run.BindInt64(4, record.finished_at));
  OPENCEIR_RETURN_IF_ERROR(run.BindInt64(5, record.seen_imeis));
  OPENCEIR_RETURN_IF_ERROR(run.BindInt64(6, record.genuine_users_started));
  OPENCEIR_RETURN_IF_ERROR(run.BindInt64(7, record.genuine_users_continued));
  OPENCEIR_RETURN_IF_ERROR(run.BindInt64(8, record.genuine_users_ended));
  OPENCEIR_RETURN_IF_ERROR(run.BindInt64(9, record.genuine_users_refused));
  OPENCEIR_RETURN_IF_ERROR(run.Run());

  OPENCEIR_ASSIGN_OR_RETURN(Statement condition, connection_->Prepare(sql::kInsertRunCondition));
  for (std::size_t i = 0; i < record.conditions.size(); ++i) {
    const ConditionRunRecord& c = record.conditions[i];
    OPENCEIR_RETURN_IF_ERROR(condition.BindInt64(1, record.run));
    OPENCEIR_RETURN_IF_ERROR(condition.BindInt64(2, static_cast<std::int64_t>(i)));
    OPENCEIR_RETURN_IF_ERROR(condition.BindText(3, c.spec.label));
    OPENCEIR_RETURN_IF_ERROR(condition.BindText(4, c.spec.reason));
    OPENCEIR_RETURN_IF_ERROR(condition.BindInt64(5, c.spec.blocking ? 1 : 0));
    OPENCEIR_RETURN_IF_ERROR(condition.BindInt64(6, c.spec.sticky ? 1 : 0));
    OPENCEIR_RETURN_IF_ERROR(condition.BindInt64(7, c.spec.grace_period_days));
    OPENCEIR_RETURN_IF_ERROR(condition.BindDouble(8, c.spec.max_allowed_matching_ratio));
    if (c.spec.amnesty_block_date) {
      OPENCEIR_RETURN_IF_ERROR(condition.BindInt64(9, YyyymmddOf(*c.spec.amnesty_block_date)));
    } else {
      OPENCEIR_RETURN_IF_ERROR(condition.BindNull(9));
    }
    OPENCEIR_RETURN_IF_ERROR(condition.BindInt64(10, c.applied ? 1 : 0));
    OPENCEIR_RETURN_IF_ERROR(condition.BindInt64(11, c.matching));
    OPENCEIR_RETURN_IF_ERROR(condition.BindDouble(12, c.matching_ratio));
    OPENCEIR_RETURN_IF_ERROR(condition.BindInt64(13, c.started));
    OPENCEIR_RETURN_IF_ERROR(condition.BindInt64(14, c.continued));
    OPENCEIR_RETURN_IF_ERROR(condition.BindInt64(15, c.ended));
    OPENCEIR_RETURN_IF_ERROR(condition.Run());
  }
  return Status::Ok();
}

Result<ClassificationRunRecord> SqliteClassificationRun::Commit(std::int64_t seen_imeis,
                                                                const JobCounts& counts) {
  OPENCEIR_RETURN_IF_ERROR(Usable());
  finished_ = true;
  if (matches_.size > 0) OPENCEIR_RETURN_IF_ERROR(Flush(matches_));
  if (genuine_users_.size > 0) OPENCEIR_RETURN_IF_ERROR(Flush(genuine_users_));
  if (seen_imeis < 0) {
    return InvalidInputError(fmt::format("seen IMEIs {} is negative", seen_imeis));
  }
  for (std::size_t i = 0; i < conditions_.size(); ++i) {
    if (matching_[i] > seen_imeis) {
      return InvalidInputError(fmt::format(
          "condition '{}' matched {} IMEIs but only {} were seen: matches must be seen IMEIs",
          conditions_[i].label, matching_[i], seen_imeis));
    }
  }

  ClassificationRunRecord record;
  record.run = run_;
  record.curr_date = curr_date_;
  record.started_at = started_at_;
  record.seen_imeis = seen_imeis;
  record.conditions.resize(conditions_.size());
  for (std::size_t i = 0; i < conditions_.size(); ++i) {
    OPENCEIR_RETURN_IF_ERROR(ApplyCondition(i, seen_imeis, record.conditions[i]));
  }
  OPENCEIR_RETURN_IF_ERROR(ApplyGenuineUsers(record));
  record.finished_at = clock_->Now();
  OPENCEIR_RETURN_IF_ERROR(RecordRun(record));
  OPENCEIR_RETURN_IF_ERROR(MarkJobSucceeded(*connection_, run_, record.finished_at, counts));

  FaultPoint("classification_before_commit");
  OPENCEIR_RETURN_IF_ERROR(transaction_->Commit());
  return record;
}

}  // namespace openceir::store::sqlite
