// Reads of the SQLite observation store over a date window: triplets and per-IMEI summaries
// (merged from one cursor per month or per (month, operator) partition, each already in
// imei_norm order, so nothing is sorted and memory holds one row per cursor plus one IMEI's
// summary per window; several windows share one read of their months), daily counts, travel
// state and evidence.
#include <fmt/format.h>

#include <algorithm>
#include <optional>
#include <tuple>

#include "openceir/store/sqlite/sqlite_observation_sql.h"
#include "openceir/store/sqlite/sqlite_observation_store_impl.h"
#include "openceir/store/window_summaries_builder.h"

namespace openceir::store::sqlite {
namespace {

constexpr std::int64_t kSecondsPerDay = 86'400;

// One partition's triplets in the window, in (imei_norm, imsi, msisdn) order; `row` is the
// current one (its buffers are reused from row to row).
struct Cursor {
  Statement select;
  TripletMonth row;
  bool valid = false;
  bool days_only = false;  // kScanOperatorMonthDays: no first_seen, last_seen

  Status Advance() {
    OPENCEIR_ASSIGN_OR_RETURN(valid, select.Step());
    if (!valid) return Status::Ok();
    row.imei_norm.assign(select.ColumnText(0));
    row.imsi.assign(select.ColumnText(1));
    row.msisdn.assign(select.ColumnText(2));
    int column = 3;
    if (!days_only) {
      row.first_seen = Date{static_cast<std::int32_t>(select.ColumnInt64(column++))};
      row.last_seen = Date{static_cast<std::int32_t>(select.ColumnInt64(column++))};
    }
    row.day_mask = static_cast<DayMask>(select.ColumnInt64(column));
    row.rat_mask = static_cast<RatMask>(select.ColumnInt64(column + 1));
    row.imsi_class = static_cast<std::uint8_t>(select.ColumnInt64(column + 2));
    return Status::Ok();
  }
};

// Passes every row of `cursors` to `on_row` in `less` order (a k-way merge on a heap).
template <typename Less, typename OnRow>
Status MergeCursors(std::vector<Cursor>& cursors, Less less, OnRow on_row) {
  auto later = [&](std::size_t a, std::size_t b) { return less(cursors[b].row, cursors[a].row); };
  std::vector<std::size_t> heap;
  for (std::size_t i = 0; i < cursors.size(); ++i) {
    OPENCEIR_RETURN_IF_ERROR(cursors[i].Advance());
    if (cursors[i].valid) heap.push_back(i);
  }
  std::make_heap(heap.begin(), heap.end(), later);
  while (!heap.empty()) {
    std::pop_heap(heap.begin(), heap.end(), later);
    Cursor& cursor = cursors[heap.back()];
    OPENCEIR_RETURN_IF_ERROR(on_row(cursor.row));
    OPENCEIR_RETURN_IF_ERROR(cursor.Advance());
    if (cursor.valid) {
      std::push_heap(heap.begin(), heap.end(), later);
    } else {
      heap.pop_back();
    }
  }
  return Status::Ok();
}

// first_seen_ever of IMEIs asked for in increasing imei_norm order: a forward cursor over the
// network IMEIs, a few steps from one IMEI of the window to the next, and a new seek when the
// next is further ahead (the store's history holds IMEIs the window does not). Cheaper than a
// seek from the B-tree's root for every IMEI.
class NetworkImeiCursor {
 public:
  explicit NetworkImeiCursor(Statement select) : select_(std::move(select)) {}

  // nullopt when the IMEI has no network IMEI row.
  Result<std::optional<Date>> FirstSeenEver(std::string_view imei_norm) {
    for (int steps = 0; positioned_ && steps < kMaxSteps; ++steps) {
      if (!valid_) return kNone;
      const int order = select_.ColumnText(0).compare(imei_norm);
      if (order == 0)
        return std::optional<Date>(Date{static_cast<std::int32_t>(select_.ColumnInt64(1))});
      if (order > 0) return kNone;
      OPENCEIR_ASSIGN_OR_RETURN(valid_, select_.Step());
    }
    select_.Reset();
    OPENCEIR_RETURN_IF_ERROR(select_.BindText(1, imei_norm));
    OPENCEIR_ASSIGN_OR_RETURN(valid_, select_.Step());
    positioned_ = true;
    if (!valid_ || select_.ColumnText(0) != imei_norm) return kNone;
    return std::optional<Date>(Date{static_cast<std::int32_t>(select_.ColumnInt64(1))});
  }

 private:
  static constexpr int kMaxSteps = 16;
  static constexpr std::optional<Date> kNone = std::nullopt;
  Statement select_;
  bool positioned_ = false;
  bool valid_ = false;
};

// Triplet order of scans: (imei_norm, imsi, msisdn, month).
bool TripletKeyLess(const TripletMonth& a, const TripletMonth& b) {
  return std::tie(a.imei_norm, a.imsi, a.msisdn, a.month) <
         std::tie(b.imei_norm, b.imsi, b.msisdn, b.month);
}

// Every day of any month, for a partition read whole.
constexpr DayMask kAllDays = 0x7fffffff;

}  // namespace

Status SqliteObservationStore::InSnapshot(const std::function<Status()>& body) {
  OPENCEIR_RETURN_IF_ERROR(connection_->ExecScript(obs_sql::kBeginSnapshot));
  Status status = body();
  Status released = connection_->ExecScript(obs_sql::kEndSnapshot);
  return status.ok() ? released : status;
}

Status SqliteObservationStore::ScanTriplets(const std::string& operator_id, DateWindow window,
                                            const TripletVisitor& visit) {
  if (window.last < window.first) return Status::Ok();
  if (operator_id.empty()) return ScanCountryTriplets(window, visit);
  return InSnapshot([&]() -> Status {
    std::vector<Cursor> cursors;
    for (MonthIndex month = MonthOf(window.first); month <= MonthOf(window.last); ++month) {
      const DayMask days = WindowDaysOf(month, window);
      if (days == 0) continue;
      OPENCEIR_ASSIGN_OR_RETURN(Statement select,
                                connection_->Prepare(obs_sql::kScanOperatorMonth));
      OPENCEIR_RETURN_IF_ERROR(select.BindInt64(1, month));
      OPENCEIR_RETURN_IF_ERROR(select.BindStaticText(2, operator_id));
      OPENCEIR_RETURN_IF_ERROR(select.BindInt64(3, days));
      Cursor& cursor = cursors.emplace_back(Cursor{std::move(select), {}, false, false});
      cursor.row.operator_id = operator_id;
      cursor.row.month = month;
    }
    return MergeCursors(cursors, TripletKeyLess, visit);
  });
}

// The country rows of the window's months: every operator partition of a month merged, equal
// keys folded. Operator rows are read whole (not filtered by the window) so that a folded row
// carries every operator's days, as a stored country row would; the fold is then filtered.
Status SqliteObservationStore::ScanCountryTriplets(DateWindow window, const TripletVisitor& visit) {
  return InSnapshot([&]() -> Status {
    std::vector<Cursor> cursors;
    OPENCEIR_ASSIGN_OR_RETURN(Statement partitions,
                              connection_->Prepare(obs_sql::kPartitionsInMonths));
    OPENCEIR_RETURN_IF_ERROR(partitions.BindInt64(1, MonthOf(window.first)));
    OPENCEIR_RETURN_IF_ERROR(partitions.BindInt64(2, MonthOf(window.last)));
    for (;;) {
      OPENCEIR_ASSIGN_OR_RETURN(bool row, partitions.Step());
      if (!row) break;
      const auto month = static_cast<MonthIndex>(partitions.ColumnInt64(0));
      if (WindowDaysOf(month, window) == 0) continue;
      OPENCEIR_ASSIGN_OR_RETURN(Statement select,
                                connection_->Prepare(obs_sql::kScanOperatorMonth));
      Cursor& cursor = cursors.emplace_back(Cursor{std::move(select), {}, false, false});
      cursor.row.month = month;
      // Copied: the cursor (and its strings) move when `cursors` grows.
      const std::string partition_operator(partitions.ColumnText(1));
      OPENCEIR_RETURN_IF_ERROR(cursor.select.BindInt64(1, month));
      OPENCEIR_RETURN_IF_ERROR(cursor.select.BindText(2, partition_operator));
      OPENCEIR_RETURN_IF_ERROR(cursor.select.BindInt64(3, kAllDays));
    }
    TripletMonth folded;
    bool have = false;
    auto emit = [&]() -> Status {
      if (!have || (folded.day_mask & WindowDaysOf(folded.month, window)) == 0) {
        return Status::Ok();
      }
      return visit(folded);
    };
    auto fold = [&](const TripletMonth& r) -> Status {
      if (have && !TripletKeyLess(folded, r)) {  // same key as the row being folded
        folded.first_seen = std::min(folded.first_seen, r.first_seen);
        folded.last_seen = std::max(folded.last_seen, r.last_seen);
        folded.day_mask |= r.day_mask;
        folded.rat_mask |= r.rat_mask;
        folded.imsi_class |= r.imsi_class;
        return Status::Ok();
      }
      OPENCEIR_RETURN_IF_ERROR(emit());
      folded = r;
      folded.operator_id.clear();
      have = true;
      return Status::Ok();
    };
    OPENCEIR_RETURN_IF_ERROR(MergeCursors(cursors, TripletKeyLess, fold));
    return emit();
  });
}

Status SqliteObservationStore::ScanWindowSummaries(std::span<const DateWindow> windows,
                                                   const ImeiWindowSummariesVisitor& visit) {
  // The months of every non-empty window, each read once with the union of the windows' days.
  std::optional<DateWindow> span;
  for (const DateWindow& window : windows) {
    if (window.last < window.first) continue;
    if (!span) span = window;
    span->first = std::min(span->first, window.first);
    span->last = std::max(span->last, window.last);
  }
  if (!span) return Status::Ok();
  return InSnapshot([&]() -> Status {
    std::vector<Cursor> cursors;
    OPENCEIR_ASSIGN_OR_RETURN(Statement partitions,
                              connection_->Prepare(obs_sql::kPartitionsInMonths));
    OPENCEIR_RETURN_IF_ERROR(partitions.BindInt64(1, MonthOf(span->first)));
    OPENCEIR_RETURN_IF_ERROR(partitions.BindInt64(2, MonthOf(span->last)));
    for (;;) {
      OPENCEIR_ASSIGN_OR_RETURN(bool row, partitions.Step());
      if (!row) break;
      const auto month = static_cast<MonthIndex>(partitions.ColumnInt64(0));
      DayMask days = 0;
      for (const DateWindow& window : windows) {
        if (!(window.last < window.first)) days |= WindowDaysOf(month, window);
      }
      if (days == 0) continue;  // a month of the span that no window reads a day of
      OPENCEIR_ASSIGN_OR_RETURN(Statement select,
                                connection_->Prepare(obs_sql::kScanOperatorMonthDays));
      Cursor& cursor = cursors.emplace_back(Cursor{std::move(select), {}, false, true});
      cursor.row.operator_id = std::string(partitions.ColumnText(1));
      cursor.row.month = month;
      OPENCEIR_RETURN_IF_ERROR(cursor.select.BindInt64(1, month));
      // Copied: the cursor (and its strings) move when `cursors` grows.
      OPENCEIR_RETURN_IF_ERROR(cursor.select.BindText(2, cursor.row.operator_id));
      OPENCEIR_RETURN_IF_ERROR(cursor.select.BindInt64(3, days));
    }

    OPENCEIR_ASSIGN_OR_RETURN(Statement network_from,
                              connection_->Prepare(obs_sql::kNetworkImeisFrom));
    NetworkImeiCursor network(std::move(network_from));
    // Each triplet is folded once for every window (store/window_summaries_builder.h).
    ImeiWindowsFold fold(windows);
    auto on_row = [&](const TripletMonth& triplet) -> Status {
      if (fold.imei_norm().empty() || triplet.imei_norm != fold.imei_norm()) {
        OPENCEIR_RETURN_IF_ERROR(fold.Finish(visit));
        OPENCEIR_ASSIGN_OR_RETURN(std::optional<Date> first_seen_ever,
                                  network.FirstSeenEver(triplet.imei_norm));
        if (!first_seen_ever) {
          return InternalError(
              fmt::format("SQLite store {}: IMEI '{}' has triplets but no network IMEI row",
                          connection_->path(), triplet.imei_norm));
        }
        fold.Start(triplet.imei_norm, *first_seen_ever);
      }
      fold.Add(triplet);
      return Status::Ok();
    };
    // Only imei_norm order matters: the builders' summaries do not depend on the order of an
    // IMEI's triplets (they sort what they keep).
    auto less = [](const TripletMonth& a, const TripletMonth& b) {
      return a.imei_norm < b.imei_norm;
    };
    OPENCEIR_RETURN_IF_ERROR(MergeCursors(cursors, less, on_row));
    return fold.Finish(visit);
  });
}

Status SqliteObservationStore::ScanDailyCounts(const std::string& operator_id, DateWindow window,
                                               const DailyCountsVisitor& visit) {
  OPENCEIR_ASSIGN_OR_RETURN(Statement select, connection_->Prepare(obs_sql::kScanDailyCounts));
  OPENCEIR_RETURN_IF_ERROR(select.BindStaticText(1, operator_id));
  OPENCEIR_RETURN_IF_ERROR(select.BindInt64(2, window.first.days));
  OPENCEIR_RETURN_IF_ERROR(select.BindInt64(3, window.last.days));
  DailyCounts counts;
  counts.operator_id = operator_id;
  for (;;) {
    OPENCEIR_ASSIGN_OR_RETURN(bool row, select.Step());
    if (!row) return Status::Ok();
    counts.day = Date{static_cast<std::int32_t>(select.ColumnInt64(0))};
    counts.rows = select.ColumnInt64(1);
    counts.imeis = select.ColumnInt64(2);
    counts.imsis = select.ColumnInt64(3);
    counts.msisdns = select.ColumnInt64(4);
    counts.triplets = select.ColumnInt64(5);
    counts.sketches.assign(select.ColumnBlob(6));
    OPENCEIR_RETURN_IF_ERROR(visit(counts));
  }
}

Status SqliteObservationStore::GetTravelState(std::span<const std::string> imei_norms,
                                              const TravelStateVisitor& visit) {
  // A country's first events import looks up every IMEI in an empty table: one probe instead.
  OPENCEIR_ASSIGN_OR_RETURN(Statement any, connection_->Prepare(obs_sql::kAnyTravelState));
  OPENCEIR_ASSIGN_OR_RETURN(bool has_state, any.Step());
  if (!has_state) return Status::Ok();
  OPENCEIR_ASSIGN_OR_RETURN(Statement select, connection_->Prepare(obs_sql::kGetTravelState));
  TravelState state;
  for (const std::string& imei_norm : imei_norms) {
    OPENCEIR_RETURN_IF_ERROR(select.BindStaticText(1, imei_norm));
    OPENCEIR_ASSIGN_OR_RETURN(bool row, select.Step());
    if (!row) {
      select.Reset();
      continue;
    }
    auto points = DecodeTravelPoints(select.ColumnBlob(0), imei_norm);
    select.Reset();
    if (!points.ok()) return points.status();
    state.imei_norm = imei_norm;
    state.points = std::move(points).value();
    OPENCEIR_RETURN_IF_ERROR(visit(state));
  }
  return Status::Ok();
}

Status SqliteObservationStore::ScanTravelEvidence(DateWindow window,
                                                  const TravelEvidenceVisitor& visit) {
  OPENCEIR_ASSIGN_OR_RETURN(Statement select, connection_->Prepare(obs_sql::kScanTravelEvidence));
  OPENCEIR_RETURN_IF_ERROR(select.BindInt64(1, window.first.days * kSecondsPerDay));
  OPENCEIR_RETURN_IF_ERROR(select.BindInt64(2, (window.last.days + 1) * kSecondsPerDay - 1));
  TravelEvidence e;
  for (;;) {
    OPENCEIR_ASSIGN_OR_RETURN(bool row, select.Step());
    if (!row) return Status::Ok();
    e.imei_norm.assign(select.ColumnText(0));
    int c = 1;
    for (TravelPoint* point : {&e.first, &e.second}) {
      point->time = select.ColumnInt64(c);
      point->imsi.assign(select.ColumnText(c + 1));
      point->operator_id.assign(select.ColumnText(c + 2));
      point->cell_id.assign(select.ColumnText(c + 3));
      point->lat = select.ColumnDouble(c + 4);
      point->lon = select.ColumnDouble(c + 5);
      c += 6;
    }
    e.distance_km = select.ColumnDouble(13);
    e.speed_kmh = select.ColumnDouble(14);
    OPENCEIR_RETURN_IF_ERROR(visit(e));
  }
}

}  // namespace openceir::store::sqlite
