// The PostgreSQL observation batch: rows COPYed into the session's staging tables as they come,
// merged with the stored rows and recorded with the import in one transaction at Commit (see
// pg_observation_store_impl.h).
#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <tuple>

#include "openceir/store/observation_checks.h"
#include "openceir/store/postgresql/pg_advisory_lock.h"
#include "openceir/store/postgresql/pg_copy_in.h"
#include "openceir/store/postgresql/pg_observation_sql.h"
#include "openceir/store/postgresql/pg_observation_store_impl.h"
#include "openceir/store/postgresql/pg_registry_store_impl.h"
#include "openceir/store/postgresql/pg_transaction.h"
#include "openceir/store/travel_points_codec.h"

namespace openceir::store::postgresql {
namespace {

constexpr std::array<std::string_view, 10> kTripletColumns = {
    "month",      "operator_id", "imei_norm", "imsi",     "msisdn",
    "first_seen", "last_seen",   "day_mask",  "rat_mask", "imsi_class"};
constexpr std::array<std::string_view, 6> kCellColumns = {"seq", "cell_id", "radio",
                                                          "lat", "lon",     "range_m"};
constexpr std::array<std::string_view, 3> kStateColumns = {"seq", "imei_norm", "points"};
constexpr std::array<std::string_view, 16> kEvidenceColumns = {
    "seq",        "imei_norm",  "first_time",  "first_imsi",  "first_operator",  "first_cell",
    "first_lat",  "first_lon",  "second_time", "second_imsi", "second_operator", "second_cell",
    "second_lat", "second_lon", "distance_km", "speed_kmh"};

// Shortest text that reads back as the same double (COPY text format).
std::string DoubleText(double value) { return fmt::format("{}", value); }

}  // namespace

Status PgObservationBatch::Usable() const {
  if (finished_) return FailedPreconditionError("the observation batch is already finished");
  return Status::Ok();
}

Status PgObservationBatch::MergeTriplets(std::span<const TripletMonth> triplets) {
  OPENCEIR_RETURN_IF_ERROR(Usable());
  OPENCEIR_RETURN_IF_ERROR(CheckTriplets(triplets));
  if (triplets.empty()) return Status::Ok();
  OPENCEIR_ASSIGN_OR_RETURN(
      PgCopyIn copy, PgCopyIn::Start(connection_.get(), obs_sql::kStageTriplet, kTripletColumns));
  for (const TripletMonth& t : triplets) {
    copy.AddInt64(t.month);
    copy.AddText(t.operator_id);
    copy.AddText(t.imei_norm);
    copy.AddText(t.imsi);
    copy.AddText(t.msisdn);
    copy.AddInt64(t.first_seen.days);
    copy.AddInt64(t.last_seen.days);
    copy.AddInt64(t.day_mask);
    copy.AddInt64(t.rat_mask);
    copy.AddInt64(t.imsi_class);
    OPENCEIR_RETURN_IF_ERROR(copy.EndRow());
  }
  OPENCEIR_RETURN_IF_ERROR(copy.Finish().status());
  for (const TripletMonth& t : triplets) months_.insert(t.month);
  staged_triplets_ = true;
  return Status::Ok();
}

Status PgObservationBatch::MergeDailyCounts(std::span<const DailyCounts> counts) {
  OPENCEIR_RETURN_IF_ERROR(Usable());
  std::vector<std::optional<DailySketches>> sketches;
  OPENCEIR_RETURN_IF_ERROR(CheckDailyCounts(counts, &sketches));
  for (std::size_t i = 0; i < counts.size(); ++i) {
    daily_counts_.push_back({counts[i], sketches[i]});
  }
  return Status::Ok();
}

Status PgObservationBatch::UpsertCells(std::span<const Cell> cells) {
  OPENCEIR_RETURN_IF_ERROR(Usable());
  OPENCEIR_RETURN_IF_ERROR(CheckCells(cells));
  if (cells.empty()) return Status::Ok();
  OPENCEIR_ASSIGN_OR_RETURN(PgCopyIn copy,
                            PgCopyIn::Start(connection_.get(), obs_sql::kStageCell, kCellColumns));
  for (const Cell& cell : cells) {
    copy.AddInt64(next_seq_++);
    copy.AddText(cell.cell_id);
    copy.AddText(cell.radio);
    copy.AddText(DoubleText(cell.lat));
    copy.AddText(DoubleText(cell.lon));
    copy.AddInt64(cell.range_m);
    OPENCEIR_RETURN_IF_ERROR(copy.EndRow());
  }
  OPENCEIR_RETURN_IF_ERROR(copy.Finish().status());
  staged_cells_ = true;
  return Status::Ok();
}

Status PgObservationBatch::PutTravelState(std::span<const TravelState> states) {
  OPENCEIR_RETURN_IF_ERROR(Usable());
  OPENCEIR_RETURN_IF_ERROR(CheckTravelStates(states));
  if (states.empty()) return Status::Ok();
  OPENCEIR_ASSIGN_OR_RETURN(
      PgCopyIn copy, PgCopyIn::Start(connection_.get(), obs_sql::kStageTravelState, kStateColumns));
  for (const TravelState& state : states) {
    copy.AddInt64(next_seq_++);
    copy.AddText(state.imei_norm);
    copy.AddText(ByteaHex(EncodeTravelPoints(state.points)));
    OPENCEIR_RETURN_IF_ERROR(copy.EndRow());
  }
  OPENCEIR_RETURN_IF_ERROR(copy.Finish().status());
  staged_states_ = true;
  return Status::Ok();
}

Status PgObservationBatch::AddTravelEvidence(std::span<const TravelEvidence> evidence) {
  OPENCEIR_RETURN_IF_ERROR(Usable());
  OPENCEIR_RETURN_IF_ERROR(CheckTravelEvidence(evidence));
  if (evidence.empty()) return Status::Ok();
  OPENCEIR_ASSIGN_OR_RETURN(
      PgCopyIn copy,
      PgCopyIn::Start(connection_.get(), obs_sql::kStageTravelEvidence, kEvidenceColumns));
  for (const TravelEvidence& e : evidence) {
    copy.AddInt64(next_seq_++);
    copy.AddText(e.imei_norm);
    for (const TravelPoint* point : {&e.first, &e.second}) {
      copy.AddInt64(point->time);
      copy.AddText(point->imsi);
      copy.AddText(point->operator_id);
      copy.AddText(point->cell_id);
      copy.AddText(DoubleText(point->lat));
      copy.AddText(DoubleText(point->lon));
    }
    copy.AddText(DoubleText(e.distance_km));
    copy.AddText(DoubleText(e.speed_kmh));
    OPENCEIR_RETURN_IF_ERROR(copy.EndRow());
  }
  OPENCEIR_RETURN_IF_ERROR(copy.Finish().status());
  staged_evidence_ = true;
  return Status::Ok();
}

// A short transaction of its own, before the merge's: a partition created here is visible to
// every session at once, and two imports of one new month (different operators) do not fail on
// each other: the second waits on the advisory lock, then finds the month there. A partition
// created for an import that then fails stays, empty.
Status PgObservationBatch::EnsureMonthPartitions() {
  if (months_.empty()) return Status::Ok();
  OPENCEIR_ASSIGN_OR_RETURN(PgTransaction transaction, PgTransaction::Begin(connection_.get()));
  const std::int64_t lock_key = AdvisoryLockKey(obs_sql::kPartitionLock);
  for (std::int32_t month : months_) {
    OPENCEIR_RETURN_IF_ERROR(
        Run(*connection_, obs_sql::kEnsureTripletMonth, PgParams().Int64(month).Int64(lock_key))
            .status());
  }
  return transaction.Commit();
}

Status PgObservationBatch::PutDailyCounts() {
  if (daily_counts_.empty()) return Status::Ok();
  // Per (operator, day) in the order given: duplicates merge in turn, as they would one call
  // after another.
  std::stable_sort(daily_counts_.begin(), daily_counts_.end(),
                   [](const PendingCounts& a, const PendingCounts& b) {
                     return std::tie(a.counts.operator_id, a.counts.day.days) <
                            std::tie(b.counts.operator_id, b.counts.day.days);
                   });
  for (std::size_t i = 0; i < daily_counts_.size(); ++i) {
    DailyCounts& merged = daily_counts_[i].counts;
    if (i == 0 || daily_counts_[i - 1].counts.operator_id != merged.operator_id) {
      // Read-merge-write of an operator's days: imports of the same operator commit these one at
      // a time (the lock ends with the transaction); other operators do not wait.
      OPENCEIR_RETURN_IF_ERROR(
          Run(*connection_, obs_sql::kAdvisoryXactLock,
              PgParams().Int64(AdvisoryLockKey("openceir obs daily counts " + merged.operator_id)))
              .status());
    }
    OPENCEIR_ASSIGN_OR_RETURN(
        PgResult found,
        Run(*connection_, obs_sql::kFindDailyCounts,
            PgParams().Text(merged.operator_id).Int64(merged.day.days), PgFormat::kBinary));
    if (found.rows() > 0) {
      StoredDailyCounts stored;
      OPENCEIR_ASSIGN_OR_RETURN(stored.rows, found.Int64(0, 0));
      OPENCEIR_ASSIGN_OR_RETURN(stored.imeis, found.Int64(0, 1));
      OPENCEIR_ASSIGN_OR_RETURN(stored.imsis, found.Int64(0, 2));
      OPENCEIR_ASSIGN_OR_RETURN(stored.msisdns, found.Int64(0, 3));
      OPENCEIR_ASSIGN_OR_RETURN(stored.triplets, found.Int64(0, 4));
      stored.sketches = found.Text(0, 5);
      OPENCEIR_RETURN_IF_ERROR(MergeStoredDailyCounts(stored, &daily_counts_[i].sketches, &merged));
    }
    OPENCEIR_RETURN_IF_ERROR(Run(*connection_, obs_sql::kPutDailyCounts,
                                 PgParams()
                                     .Text(merged.operator_id)
                                     .Int64(merged.day.days)
                                     .Int64(merged.rows)
                                     .Int64(merged.imeis)
                                     .Int64(merged.imsis)
                                     .Int64(merged.msisdns)
                                     .Int64(merged.triplets)
                                     .Text(ByteaHex(merged.sketches)))
                                 .status());
  }
  return Status::Ok();
}

Status PgObservationBatch::MergeStaged(const ObservationImport& import) {
  OPENCEIR_ASSIGN_OR_RETURN(PgTransaction transaction, PgTransaction::Begin(connection_.get()));
  OPENCEIR_RETURN_IF_ERROR(connection_->ExecScript(obs_sql::kCommitSettings));
  const std::string_view kind = ObservationImportKindName(import.kind);
  OPENCEIR_ASSIGN_OR_RETURN(PgResult inserted, Run(*connection_, obs_sql::kInsertImport,
                                                   PgParams()
                                                       .Int64(import.job_id)
                                                       .Text(kind)
                                                       .Text(import.operator_id)
                                                       .Text(import.file_sha256)
                                                       .Int64(import.first_day.days)
                                                       .Int64(import.last_day.days)
                                                       .Int64(import.rows)
                                                       .Int64(clock_->Now())));
  if (inserted.rows() == 0) {
    OPENCEIR_ASSIGN_OR_RETURN(
        PgResult existing,
        Run(*connection_, obs_sql::kFindImport,
            PgParams().Text(kind).Text(import.operator_id).Text(import.file_sha256)));
    return AlreadyExistsError(fmt::format(
        "the {} file {} of operator '{}' is already imported (job {})", kind, import.file_sha256,
        import.operator_id, existing.rows() > 0 ? existing.Text(0, 0) : "?"));
  }
  if (staged_triplets_) {
    OPENCEIR_RETURN_IF_ERROR(Run(*connection_, obs_sql::kMergeTriplets).status());
    OPENCEIR_RETURN_IF_ERROR(Run(*connection_, obs_sql::kMergeNetworkImeis).status());
  }
  OPENCEIR_RETURN_IF_ERROR(PutDailyCounts());
  if (staged_cells_) OPENCEIR_RETURN_IF_ERROR(Run(*connection_, obs_sql::kMergeCells).status());
  if (staged_states_) {
    OPENCEIR_RETURN_IF_ERROR(Run(*connection_, obs_sql::kMergeTravelStates).status());
  }
  if (staged_evidence_) {
    OPENCEIR_RETURN_IF_ERROR(Run(*connection_, obs_sql::kMergeTravelEvidence).status());
  }
  return transaction.Commit();
}

Status PgObservationBatch::Commit(const ObservationImport& import) {
  OPENCEIR_RETURN_IF_ERROR(Usable());  // an earlier Commit() ended the batch
  finished_ = true;
  Status status = CheckImport(import);
  if (status.ok()) status = EnsureMonthPartitions();
  if (status.ok()) status = MergeStaged(import);
  // Whatever happened, the batch is over: its session (and staging tables) end.
  connection_.reset();
  daily_counts_.clear();
  return status;
}

}  // namespace openceir::store::postgresql
