// The SQLite observation batch: merges written in sorted, multi-row upserts inside one IMMEDIATE
// transaction, committed together with the import record (see sqlite_observation_store_impl.h).
#include <fmt/format.h>

#include <algorithm>
#include <cstring>
#include <tuple>

#include "openceir/base/fault_point.h"
#include "openceir/store/daily_sketches.h"
#include "openceir/store/observation_checks.h"
#include "openceir/store/sqlite/sqlite_observation_sql.h"
#include "openceir/store/sqlite/sqlite_observation_store_impl.h"

namespace openceir::store::sqlite {
namespace {

// Network IMEI rows aggregated from one merge.
struct NetworkRow {
  std::string_view imei_norm;
  std::int32_t first_seen, last_seen;
  RatMask rat_mask;
};

// Bytes [offset, offset + 8) of `text` as a big-endian number, zero-padded: numbers compare
// like the bytes do (ties are settled by comparing the strings).
std::uint64_t PackedPrefix(std::string_view text, std::size_t offset) {
  std::uint64_t packed = 0;
  for (std::size_t i = offset; i < offset + 8; ++i) {
    packed = (packed << 8) | (i < text.size() ? static_cast<std::uint8_t>(text[i]) : 0u);
  }
  return packed;
}

using Row = SqliteObservationBatch::Row;

bool OperatorKeyLess(const Row& a, const Row& b) {
  if (a.month != b.month) return a.month < b.month;
  if (a.operator_rank != b.operator_rank) return a.operator_rank < b.operator_rank;
  if (a.imei_hi != b.imei_hi) return a.imei_hi < b.imei_hi;
  if (a.imei_lo != b.imei_lo) return a.imei_lo < b.imei_lo;
  return std::tie(a.imei_norm, a.imsi, a.msisdn) < std::tie(b.imei_norm, b.imsi, b.msisdn);
}

bool ImeiLess(const Row& a, const Row& b) {
  if (a.imei_hi != b.imei_hi) return a.imei_hi < b.imei_hi;
  if (a.imei_lo != b.imei_lo) return a.imei_lo < b.imei_lo;
  return a.imei_norm < b.imei_norm;
}

// Sorts `rows` by `less` unless they already are (callers usually pass sorted input).
void EnsureSorted(std::vector<Row>& rows, bool (*less)(const Row&, const Row&)) {
  if (!std::is_sorted(rows.begin(), rows.end(), less)) std::sort(rows.begin(), rows.end(), less);
}

}  // namespace

SqliteObservationBatch::SqliteObservationBatch(std::unique_ptr<Connection> connection,
                                               const Clock* clock, std::shared_ptr<bool> open_flag)
    : connection_(std::move(connection)), clock_(clock), open_flag_(std::move(open_flag)) {
  *open_flag_ = true;
}

SqliteObservationBatch::~SqliteObservationBatch() {
  // Statements first, then the transaction rolls back (unless committed), then the connection.
  triplet_upserts_.Reset();
  network_upserts_.Reset();
  transaction_.reset();
  if (!finished_) *open_flag_ = false;  // Commit() already released it
}

Status SqliteObservationBatch::BeginWrite() {
  if (finished_) return FailedPreconditionError("the observation batch is already finished");
  if (transaction_ == nullptr) {
    OPENCEIR_ASSIGN_OR_RETURN(transaction_, Transaction::Begin(connection_.get()));
  }
  return Status::Ok();
}

std::string_view SqliteObservationBatch::StringArena::Copy(std::string_view text) {
  // Not {}: a null data pointer would bind as SQL NULL, and '' is the null identifier here.
  if (text.empty()) return std::string_view("");
  if (blocks_.empty() || kBlockBytes - used_ < text.size()) {
    blocks_.push_back(std::make_unique<char[]>(std::max(kBlockBytes, text.size())));
    used_ = 0;
  }
  char* at = blocks_.back().get() + used_;
  std::memcpy(at, text.data(), text.size());
  used_ += text.size();
  return {at, text.size()};
}

void SqliteObservationBatch::StringArena::Clear() {
  blocks_.clear();
  used_ = 0;
}

Status SqliteObservationBatch::MergeTriplets(std::span<const TripletMonth> triplets) {
  if (finished_) return FailedPreconditionError("the observation batch is already finished");
  OPENCEIR_RETURN_IF_ERROR(CheckTriplets(triplets));
  for (const TripletMonth& t : triplets) {
    if (pending_.empty() || pending_.back().operator_id != t.operator_id) {
      last_operator_ = arena_.Copy(t.operator_id);
    }
    pending_.push_back({t.month, 0, PackedPrefix(t.imei_norm, 0), PackedPrefix(t.imei_norm, 8),
                        last_operator_, arena_.Copy(t.imei_norm), arena_.Copy(t.imsi),
                        arena_.Copy(t.msisdn), t.first_seen.days, t.last_seen.days, t.day_mask,
                        t.rat_mask, t.imsi_class});
  }
  if (pending_.size() >= kFlushRows) return Flush();
  return Status::Ok();
}

Status SqliteObservationBatch::Flush() {
  if (pending_.empty()) return Status::Ok();
  if (transaction_ == nullptr) {  // callers have checked that the batch is not finished
    OPENCEIR_ASSIGN_OR_RETURN(transaction_, Transaction::Begin(connection_.get()));
  }
  // Operator ranks follow the sorted operator ids (usually one operator).
  std::vector<std::string_view> operators;
  for (const Row& r : pending_) {
    if (operators.empty() || operators.back() != r.operator_id) {
      if (std::find(operators.begin(), operators.end(), r.operator_id) == operators.end()) {
        operators.push_back(r.operator_id);
      }
    }
  }
  std::sort(operators.begin(), operators.end());
  std::uint32_t rank = 0;
  for (Row& r : pending_) {
    if (operators[rank] != r.operator_id) {
      rank = static_cast<std::uint32_t>(
          std::lower_bound(operators.begin(), operators.end(), r.operator_id) - operators.begin());
    }
    r.operator_rank = rank;
  }

  // Key order: the upserts walk the B-tree forwards, and duplicates become neighbours.
  EnsureSorted(pending_, &OperatorKeyLess);
  auto same_key = [](const Row& a, const Row& b) {
    return !OperatorKeyLess(a, b) && !OperatorKeyLess(b, a);
  };
  std::size_t kept = 0;
  for (std::size_t i = 0; i < pending_.size(); ++i) {
    if (kept > 0 && same_key(pending_[kept - 1], pending_[i])) {
      Row& into = pending_[kept - 1];
      into.first_seen = std::min(into.first_seen, pending_[i].first_seen);
      into.last_seen = std::max(into.last_seen, pending_[i].last_seen);
      into.day_mask |= pending_[i].day_mask;
      into.rat_mask |= pending_[i].rat_mask;
      into.imsi_class |= pending_[i].imsi_class;
    } else {
      pending_[kept++] = pending_[i];
    }
  }
  pending_.resize(kept);

  OPENCEIR_RETURN_IF_ERROR(WriteOperatorRows(pending_));
  OPENCEIR_RETURN_IF_ERROR(WriteNetworkImeis(pending_));
  pending_.clear();
  arena_.Clear();
  return Status::Ok();
}

Status SqliteObservationBatch::WriteOperatorRows(const std::vector<Row>& rows) {
  auto bind = [](Statement& s, int p, const Row& r) -> Status {
    OPENCEIR_RETURN_IF_ERROR(s.BindInt64(p, r.month));
    OPENCEIR_RETURN_IF_ERROR(s.BindStaticText(p + 1, r.operator_id));
    OPENCEIR_RETURN_IF_ERROR(s.BindStaticText(p + 2, r.imei_norm));
    OPENCEIR_RETURN_IF_ERROR(s.BindStaticText(p + 3, r.imsi));
    OPENCEIR_RETURN_IF_ERROR(s.BindStaticText(p + 4, r.msisdn));
    OPENCEIR_RETURN_IF_ERROR(s.BindInt64(p + 5, r.first_seen));
    OPENCEIR_RETURN_IF_ERROR(s.BindInt64(p + 6, r.last_seen));
    OPENCEIR_RETURN_IF_ERROR(s.BindInt64(p + 7, r.day_mask));
    OPENCEIR_RETURN_IF_ERROR(s.BindInt64(p + 8, r.rat_mask));
    return s.BindInt64(p + 9, r.imsi_class);
  };
  OPENCEIR_RETURN_IF_ERROR(triplet_upserts_.Write(*connection_, std::span<const Row>(rows), bind));
  // The (month, operator) partitions the rows fall in (rows are in key order).
  OPENCEIR_ASSIGN_OR_RETURN(Statement partition, connection_->Prepare(obs_sql::kInsertPartition));
  for (std::size_t i = 0; i < rows.size(); ++i) {
    if (i > 0 && rows[i].month == rows[i - 1].month &&
        rows[i].operator_id == rows[i - 1].operator_id) {
      continue;
    }
    OPENCEIR_RETURN_IF_ERROR(partition.BindInt64(1, rows[i].month));
    OPENCEIR_RETURN_IF_ERROR(partition.BindStaticText(2, rows[i].operator_id));
    OPENCEIR_RETURN_IF_ERROR(partition.Run());
  }
  return Status::Ok();
}

Status SqliteObservationBatch::WriteNetworkImeis(std::vector<Row>& rows) {
  EnsureSorted(rows, &ImeiLess);
  std::vector<NetworkRow> imeis;
  for (const Row& r : rows) {
    if (!imeis.empty() && imeis.back().imei_norm == r.imei_norm) {
      NetworkRow& into = imeis.back();
      into.first_seen = std::min(into.first_seen, r.first_seen);
      into.last_seen = std::max(into.last_seen, r.last_seen);
      into.rat_mask |= r.rat_mask;
    } else {
      imeis.push_back({r.imei_norm, r.first_seen, r.last_seen, r.rat_mask});
    }
  }
  auto bind = [](Statement& s, int p, const NetworkRow& r) -> Status {
    OPENCEIR_RETURN_IF_ERROR(s.BindStaticText(p, r.imei_norm));
    OPENCEIR_RETURN_IF_ERROR(s.BindInt64(p + 1, r.first_seen));
    OPENCEIR_RETURN_IF_ERROR(s.BindInt64(p + 2, r.last_seen));
    return s.BindInt64(p + 3, r.rat_mask);
  };
  return network_upserts_.Write(*connection_, std::span<const NetworkRow>(imeis), bind);
}

Status SqliteObservationBatch::MergeDailyCounts(std::span<const DailyCounts> counts) {
  if (finished_) return FailedPreconditionError("the observation batch is already finished");
  // Everything is checked before anything is written.
  std::vector<std::optional<DailySketches>> sketches;
  OPENCEIR_RETURN_IF_ERROR(CheckDailyCounts(counts, &sketches));
  if (counts.empty()) return Status::Ok();
  OPENCEIR_RETURN_IF_ERROR(BeginWrite());
  OPENCEIR_ASSIGN_OR_RETURN(Statement find, connection_->Prepare(obs_sql::kFindDailyCounts));
  OPENCEIR_ASSIGN_OR_RETURN(Statement put, connection_->Prepare(obs_sql::kPutDailyCounts));
  for (std::size_t i = 0; i < counts.size(); ++i) {
    DailyCounts merged = counts[i];
    OPENCEIR_RETURN_IF_ERROR(find.BindStaticText(1, merged.operator_id));
    OPENCEIR_RETURN_IF_ERROR(find.BindInt64(2, merged.day.days));
    OPENCEIR_ASSIGN_OR_RETURN(bool found, find.Step());
    if (found) {
      StoredDailyCounts stored{find.ColumnInt64(0), find.ColumnInt64(1), find.ColumnInt64(2),
                               find.ColumnInt64(3), find.ColumnInt64(4), find.ColumnBlob(5)};
      OPENCEIR_RETURN_IF_ERROR(MergeStoredDailyCounts(stored, &sketches[i], &merged));
    }
    find.Reset();
    OPENCEIR_RETURN_IF_ERROR(put.BindStaticText(1, merged.operator_id));
    OPENCEIR_RETURN_IF_ERROR(put.BindInt64(2, merged.day.days));
    OPENCEIR_RETURN_IF_ERROR(put.BindInt64(3, merged.rows));
    OPENCEIR_RETURN_IF_ERROR(put.BindInt64(4, merged.imeis));
    OPENCEIR_RETURN_IF_ERROR(put.BindInt64(5, merged.imsis));
    OPENCEIR_RETURN_IF_ERROR(put.BindInt64(6, merged.msisdns));
    OPENCEIR_RETURN_IF_ERROR(put.BindInt64(7, merged.triplets));
    OPENCEIR_RETURN_IF_ERROR(put.BindStaticBlob(8, merged.sketches));
    OPENCEIR_RETURN_IF_ERROR(put.Run());
  }
  return Status::Ok();
}

Status SqliteObservationBatch::UpsertCells(std::span<const Cell> cells) {
  if (finished_) return FailedPreconditionError("the observation batch is already finished");
  OPENCEIR_RETURN_IF_ERROR(CheckCells(cells));
  if (cells.empty()) return Status::Ok();
  OPENCEIR_RETURN_IF_ERROR(BeginWrite());
  OPENCEIR_ASSIGN_OR_RETURN(Statement upsert, connection_->Prepare(obs_sql::kUpsertCell));
  for (const Cell& cell : cells) {
    OPENCEIR_RETURN_IF_ERROR(upsert.BindStaticText(1, cell.cell_id));
    OPENCEIR_RETURN_IF_ERROR(upsert.BindStaticText(2, cell.radio));
    OPENCEIR_RETURN_IF_ERROR(upsert.BindDouble(3, cell.lat));
    OPENCEIR_RETURN_IF_ERROR(upsert.BindDouble(4, cell.lon));
    OPENCEIR_RETURN_IF_ERROR(upsert.BindInt64(5, cell.range_m));
    OPENCEIR_RETURN_IF_ERROR(upsert.Run());
  }
  return Status::Ok();
}

Status SqliteObservationBatch::PutTravelState(std::span<const TravelState> states) {
  if (finished_) return FailedPreconditionError("the observation batch is already finished");
  OPENCEIR_RETURN_IF_ERROR(CheckTravelStates(states));
  for (const TravelState& state : states) {
    PendingState& pending = pending_states_.emplace_back();
    pending.imei_norm = state.imei_norm;
    pending.points = EncodeTravelPoints(state.points);
    pending.order = pending_states_.size();
    pending_state_bytes_ += pending.imei_norm.size() + pending.points.size() + sizeof(pending);
  }
  if (pending_state_bytes_ >= kStateFlushBytes) return FlushTravelStates();
  return Status::Ok();
}

Status SqliteObservationBatch::FlushTravelStates() {
  if (pending_states_.empty()) return Status::Ok();
  if (transaction_ == nullptr) {  // callers have checked that the batch is not finished
    OPENCEIR_ASSIGN_OR_RETURN(transaction_, Transaction::Begin(connection_.get()));
  }
  std::sort(pending_states_.begin(), pending_states_.end(),
            [](const PendingState& a, const PendingState& b) {
              if (a.imei_norm != b.imei_norm) return a.imei_norm < b.imei_norm;
              return a.order < b.order;
            });
  OPENCEIR_ASSIGN_OR_RETURN(Statement put, connection_->Prepare(obs_sql::kPutTravelState));
  for (std::size_t i = 0; i < pending_states_.size(); ++i) {
    const PendingState& state = pending_states_[i];
    if (i + 1 < pending_states_.size() && pending_states_[i + 1].imei_norm == state.imei_norm) {
      continue;  // replaced by a later put
    }
    OPENCEIR_RETURN_IF_ERROR(put.BindStaticText(1, state.imei_norm));
    OPENCEIR_RETURN_IF_ERROR(put.BindStaticBlob(2, state.points));
    OPENCEIR_RETURN_IF_ERROR(put.Run());
  }
  pending_states_.clear();
  pending_state_bytes_ = 0;
  return Status::Ok();
}

Status SqliteObservationBatch::AddTravelEvidence(std::span<const TravelEvidence> evidence) {
  if (finished_) return FailedPreconditionError("the observation batch is already finished");
  OPENCEIR_RETURN_IF_ERROR(CheckTravelEvidence(evidence));
  if (evidence.empty()) return Status::Ok();
  OPENCEIR_RETURN_IF_ERROR(BeginWrite());
  OPENCEIR_ASSIGN_OR_RETURN(Statement add, connection_->Prepare(obs_sql::kAddTravelEvidence));
  for (const TravelEvidence& e : evidence) {
    OPENCEIR_RETURN_IF_ERROR(add.BindStaticText(1, e.imei_norm));
    int p = 2;
    for (const TravelPoint* point : {&e.first, &e.second}) {
      OPENCEIR_RETURN_IF_ERROR(add.BindInt64(p, point->time));
      OPENCEIR_RETURN_IF_ERROR(add.BindStaticText(p + 1, point->imsi));
      OPENCEIR_RETURN_IF_ERROR(add.BindStaticText(p + 2, point->operator_id));
      OPENCEIR_RETURN_IF_ERROR(add.BindStaticText(p + 3, point->cell_id));
      OPENCEIR_RETURN_IF_ERROR(add.BindDouble(p + 4, point->lat));
      OPENCEIR_RETURN_IF_ERROR(add.BindDouble(p + 5, point->lon));
      p += 6;
    }
    OPENCEIR_RETURN_IF_ERROR(add.BindDouble(14, e.distance_km));
    OPENCEIR_RETURN_IF_ERROR(add.BindDouble(15, e.speed_kmh));
    OPENCEIR_RETURN_IF_ERROR(add.Run());
  }
  return Status::Ok();
}

Status SqliteObservationBatch::Commit(const ObservationImport& import) {
  Status status = BeginWrite();
  if (status.ok()) status = CheckImport(import);
  if (finished_) return status;  // an earlier Commit() ended the batch
  finished_ = true;
  if (status.ok()) {
    status = [&]() -> Status {
      OPENCEIR_RETURN_IF_ERROR(Flush());
      OPENCEIR_RETURN_IF_ERROR(FlushTravelStates());
      const std::string_view kind = ObservationImportKindName(import.kind);
      OPENCEIR_ASSIGN_OR_RETURN(Statement find, connection_->Prepare(obs_sql::kFindImport));
      OPENCEIR_RETURN_IF_ERROR(find.BindStaticText(1, kind));
      OPENCEIR_RETURN_IF_ERROR(find.BindStaticText(2, import.operator_id));
      OPENCEIR_RETURN_IF_ERROR(find.BindStaticText(3, import.file_sha256));
      OPENCEIR_ASSIGN_OR_RETURN(bool exists, find.Step());
      if (exists) {
        return AlreadyExistsError(
            fmt::format("the {} file {} of operator '{}' is already imported (job {})", kind,
                        import.file_sha256, import.operator_id, find.ColumnInt64(0)));
      }
      find.Reset();
      OPENCEIR_ASSIGN_OR_RETURN(Statement insert, connection_->Prepare(obs_sql::kInsertImport));
      OPENCEIR_RETURN_IF_ERROR(insert.BindInt64(1, import.job_id));
      OPENCEIR_RETURN_IF_ERROR(insert.BindStaticText(2, kind));
      OPENCEIR_RETURN_IF_ERROR(insert.BindStaticText(3, import.operator_id));
      OPENCEIR_RETURN_IF_ERROR(insert.BindStaticText(4, import.file_sha256));
      OPENCEIR_RETURN_IF_ERROR(insert.BindInt64(5, import.first_day.days));
      OPENCEIR_RETURN_IF_ERROR(insert.BindInt64(6, import.last_day.days));
      OPENCEIR_RETURN_IF_ERROR(insert.BindInt64(7, import.rows));
      OPENCEIR_RETURN_IF_ERROR(insert.BindInt64(8, clock_->Now()));
      OPENCEIR_RETURN_IF_ERROR(insert.Run());
      FaultPoint("obs_before_commit");
      return transaction_->Commit();
    }();
  }
  // Whatever happened, the batch is over: release the statements and the write lock.
  triplet_upserts_.Reset();
  network_upserts_.Reset();
  transaction_.reset();
  *open_flag_ = false;  // the store object may begin the next batch
  return status;
}

}  // namespace openceir::store::sqlite
