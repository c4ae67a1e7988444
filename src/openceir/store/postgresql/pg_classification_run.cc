// The PostgreSQL classification run (see pg_classification_run.h).
#include "openceir/store/postgresql/pg_classification_run.h"

#include <fmt/format.h>

#include <unordered_set>

#include "openceir/base/fault_point.h"
#include "openceir/store/classification_input.h"
#include "openceir/store/postgresql/pg_copy_in.h"
#include "openceir/store/postgresql/pg_registry_sql.h"
#include "openceir/store/postgresql/pg_registry_store_impl.h"

namespace openceir::store::postgresql {
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
          fmt::format("condition '{}': max_allowed_matching_ratio {} is not >= 0", condition.label,
                      condition.max_allowed_matching_ratio));
    }
  }
  return Status::Ok();
}

// A double as text float8 reads back exactly (the shortest round-trip form).
std::string DoubleText(double value) { return fmt::format("{}", value); }

const char* BoolText(bool value) { return value ? "true" : "false"; }

}  // namespace

PgClassificationRun::PgClassificationRun(std::unique_ptr<PgConnection> connection,
                                         PgAdvisoryLock lock, PgTransaction transaction,
                                         const Clock* clock, JobId id, Date curr_date,
                                         std::vector<ConditionSpec> conditions)
    : connection_(std::move(connection)),
      lock_(std::move(lock)),
      transaction_(std::move(transaction)),
      clock_(clock),
      run_(id),
      curr_date_(curr_date),
      started_at_(clock->Now()),
      conditions_(std::move(conditions)),
      matching_(conditions_.size(), 0),
      unstaged_(conditions_.size(), false) {}

PgClassificationRun::~PgClassificationRun() {
  transaction_.reset();
  lock_.reset();
}

Result<std::unique_ptr<ClassificationRun>> PgClassificationRun::Begin(
    const std::string& dsn, const Clock* clock, JobId id, Date curr_date,
    std::span<const ConditionSpec> conditions) {
  OPENCEIR_RETURN_IF_ERROR(CheckConditions(conditions));
  OPENCEIR_ASSIGN_OR_RETURN(auto connection, PgConnection::Open(dsn));
  OPENCEIR_ASSIGN_OR_RETURN(PgAdvisoryLock lock,
                            PgAdvisoryLock::TryAcquire(connection.get(), sql::kClassificationLock));
  OPENCEIR_ASSIGN_OR_RETURN(PgTransaction transaction, PgTransaction::Begin(connection.get()));
  OPENCEIR_RETURN_IF_ERROR(RequireRunningJob(*connection, id));
  OPENCEIR_RETURN_IF_ERROR(
      AdvanceHead(*connection, sql::kClassificationHead, id, "the classification state"));

  // History only moves forward: a run for an earlier day than the last would end matches
  // before they started.
  OPENCEIR_ASSIGN_OR_RETURN(PgResult latest, Run(*connection, sql::kLatestRunDate));
  if (latest.rows() == 1) {
    OPENCEIR_ASSIGN_OR_RETURN(std::int64_t latest_date, latest.Int64(0, 1));
    if (DateOfYyyymmdd(latest_date) > curr_date) {
      return FailedPreconditionError(fmt::format(
          "curr_date {} is before {}, the curr_date of the latest classification run {}",
          FormatYyyymmdd(curr_date), latest_date, latest.Text(0, 0)));
    }
  }

  OPENCEIR_RETURN_IF_ERROR(connection->ExecScript(sql::kCreateStaging));
  return std::unique_ptr<ClassificationRun>(new PgClassificationRun(
      std::move(connection), std::move(lock), std::move(transaction), clock, id, curr_date,
      std::vector<ConditionSpec>(conditions.begin(), conditions.end())));
}

Status PgClassificationRun::Usable() const {
  if (finished_) {
    return FailedPreconditionError(
        fmt::format("classification run {} is finished (committed or failed)", run_));
  }
  return Status::Ok();
}

Status PgClassificationRun::AddMatches(std::span<const ConditionMatch> matches) {
  OPENCEIR_RETURN_IF_ERROR(Usable());
  for (const ConditionMatch& match : matches) {
    Status status = [&]() -> Status {
      Pending& row = pending_matches_.emplace_back();
      if (Status encoded = EncodeConditionMatch(match, conditions_, row.second); !encoded.ok()) {
        pending_matches_.pop_back();
        return encoded;
      }
      row.condition = match.condition;
      row.first.assign(match.imei_norm);
      ++matching_[match.condition];
      if (pending_matches_.size() == kStageBatchRows) return Flush(true);
      return Status::Ok();
    }();
    if (!status.ok()) {
      finished_ = true;
      return status;
    }
  }
  return Status::Ok();
}

Status PgClassificationRun::CountUnstagedMatches(std::uint32_t condition, std::int64_t count) {
  OPENCEIR_RETURN_IF_ERROR(Usable());
  if (Status checked = CheckUnstagedMatches(condition, count, conditions_.size()); !checked.ok()) {
    finished_ = true;
    return checked;
  }
  matching_[condition] += count;
  unstaged_[condition] = true;
  return Status::Ok();
}

Status PgClassificationRun::AddGenuineUsers(std::span<const GenuineUserDesignation> users) {
  OPENCEIR_RETURN_IF_ERROR(Usable());
  for (const GenuineUserDesignation& user : users) {
    if (Status checked = CheckGenuineUser(user); !checked.ok()) {
      finished_ = true;
      return checked;
    }
    Pending& row = pending_users_.emplace_back();
    row.first.assign(user.imei_norm);
    row.second.assign(user.imsi);
    row.third.assign(user.reason);
    ++genuine_users_staged_;
    if (pending_users_.size() == kStageBatchRows) {
      Status status = Flush(false);
      if (!status.ok()) {
        finished_ = true;
        return status;
      }
    }
  }
  return Status::Ok();
}

Status PgClassificationRun::Flush(bool matches) {
  std::vector<Pending>& pending = matches ? pending_matches_ : pending_users_;
  if (pending.empty()) return Status::Ok();
  static constexpr std::string_view kMatchColumns[] = {"condition", "imei_norm", "evidence"};
  static constexpr std::string_view kUserColumns[] = {"imei_norm", "imsi", "reason"};
  OPENCEIR_ASSIGN_OR_RETURN(
      PgCopyIn copy,
      PgCopyIn::Start(connection_.get(),
                      matches ? sql::kStagedMatchTable : sql::kStagedGenuineUserTable,
                      matches ? std::span<const std::string_view>(kMatchColumns)
                              : std::span<const std::string_view>(kUserColumns)));
  for (const Pending& row : pending) {
    if (matches) {
      copy.AddInt64(row.condition);
    }
    copy.AddText(row.first);
    copy.AddText(row.second);
    if (!matches) copy.AddText(row.third);
    OPENCEIR_RETURN_IF_ERROR(copy.EndRow());
  }
  pending.clear();
  Result<std::int64_t> copied = copy.Finish();
  if (!copied.ok() && SqlStateOf(copied.status()) == "23505") {
    return InvalidInputError(fmt::format("run {}: {} staged twice: {}", run_,
                                         matches ? "a match" : "a genuine user",
                                         copied.status().message()));
  }
  return copied.status();
}

Status PgClassificationRun::ApplyCondition(std::size_t index, std::int64_t seen_imeis,
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

  const std::int64_t curr_date = YyyymmddOf(curr_date_);
  const Date block_date = spec.amnesty_block_date.value_or(
      Date{curr_date_.days + static_cast<std::int32_t>(spec.grace_period_days)});
  const auto condition = static_cast<std::int64_t>(index);
  if (!spec.sticky) {  // a sticky match never ends
    OPENCEIR_ASSIGN_OR_RETURN(
        PgResult ended,
        Run(*connection_, sql::kEndUnmatched,
            PgParams().Int64(run_).Int64(curr_date).Text(spec.label).Int64(condition)));
    record.ended = ended.affected_rows();
  }
  OPENCEIR_ASSIGN_OR_RETURN(PgResult started,
                            Run(*connection_, sql::kStartMatches,
                                PgParams()
                                    .Int64(run_)
                                    .Int64(curr_date)
                                    .Text(spec.label)
                                    .Int64(condition)
                                    .Int64(YyyymmddOf(block_date))
                                    .Text(BoolText(spec.amnesty_block_date.has_value()))));
  record.started = started.affected_rows();
  // Every staged IMEI either started a match or already had an open one.
  record.continued = record.matching - record.started;
  return Status::Ok();
}

Status PgClassificationRun::ApplyGenuineUsers(ClassificationRunRecord& record) {
  OPENCEIR_ASSIGN_OR_RETURN(PgResult ended,
                            Run(*connection_, sql::kEndUndesignated, PgParams().Int64(run_)));
  record.genuine_users_ended = ended.affected_rows();
  OPENCEIR_ASSIGN_OR_RETURN(PgResult refused, Run(*connection_, sql::kCountRefused));
  OPENCEIR_ASSIGN_OR_RETURN(record.genuine_users_refused, refused.Int64(0, 0));
  OPENCEIR_ASSIGN_OR_RETURN(PgResult started,
                            Run(*connection_, sql::kStartDesignated, PgParams().Int64(run_)));
  record.genuine_users_started = started.affected_rows();
  record.genuine_users_continued =
      genuine_users_staged_ - record.genuine_users_started - record.genuine_users_refused;
  return Status::Ok();
}

Status PgClassificationRun::RecordRun(const ClassificationRunRecord& record) {
  OPENCEIR_RETURN_IF_ERROR(Run(*connection_, sql::kInsertRun,
                               PgParams()
                                   .Int64(record.run)
                                   .Int64(YyyymmddOf(record.curr_date))
                                   .Int64(record.started_at)
                                   .Int64(record.finished_at)
                                   .Int64(record.seen_imeis)
                                   .Int64(record.genuine_users_started)
                                   .Int64(record.genuine_users_continued)
                                   .Int64(record.genuine_users_ended)
                                   .Int64(record.genuine_users_refused))
                               .status());
  for (std::size_t i = 0; i < record.conditions.size(); ++i) {
    const ConditionRunRecord& c = record.conditions[i];
    PgParams params;
    params.Int64(record.run)
        .Int64(static_cast<std::int64_t>(i))
        .Text(c.spec.label)
        .Text(c.spec.reason)
        .Text(BoolText(c.spec.blocking))
        .Text(BoolText(c.spec.sticky))
        .Int64(c.spec.grace_period_days)
        .Text(DoubleText(c.spec.max_allowed_matching_ratio));
    if (c.spec.amnesty_block_date) {
      params.Int64(YyyymmddOf(*c.spec.amnesty_block_date));
    } else {
      params.Null();
    }
    params.Text(BoolText(c.applied))
        .Int64(c.matching)
        .Text(DoubleText(c.matching_ratio))
        .Int64(c.started)
        .Int64(c.continued)
        .Int64(c.ended);
    OPENCEIR_RETURN_IF_ERROR(Run(*connection_, sql::kInsertRunCondition, params).status());
  }
  return Status::Ok();
}

Result<ClassificationRunRecord> PgClassificationRun::Commit(std::int64_t seen_imeis,
                                                            const JobCounts& counts) {
  OPENCEIR_RETURN_IF_ERROR(Usable());
  finished_ = true;
  OPENCEIR_RETURN_IF_ERROR(Flush(true));
  OPENCEIR_RETURN_IF_ERROR(Flush(false));
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
  // The temp tables have no statistics until analysed; the merge's plans need their sizes.
  OPENCEIR_RETURN_IF_ERROR(connection_->ExecScript(sql::kAnalyzeStaging));

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
  OPENCEIR_RETURN_IF_ERROR(
      EndRunningJob(*connection_, run_, JobOutcome::kSucceeded, record.finished_at, counts, ""));

  FaultPoint("classification_before_commit");
  OPENCEIR_RETURN_IF_ERROR(transaction_->Commit());
  transaction_.reset();
  lock_.reset();  // the next run may begin
  return record;
}

}  // namespace openceir::store::postgresql
