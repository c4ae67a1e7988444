// Reads of the PostgreSQL observation store: window scans of triplets and per-IMEI summaries
// (streamed through a cursor in a read-only snapshot, the server merging the month partitions'
// leaves in key order), daily counts, cells, travel state and evidence.
#include <fmt/format.h>
#include <libpq-fe.h>

#include <algorithm>
#include <optional>
#include <utility>

#include "openceir/store/postgresql/pg_observation_sql.h"
#include "openceir/store/postgresql/pg_observation_store_impl.h"
#include "openceir/store/postgresql/pg_registry_store_impl.h"
#include "openceir/store/postgresql/pg_transaction.h"
#include "openceir/store/travel_points_codec.h"
#include "openceir/store/window_summaries_builder.h"

namespace openceir::store::postgresql {
namespace {

constexpr std::int64_t kSecondsPerDay = 86'400;
// IMEIs per GetTravelState lookup.
constexpr std::size_t kLookupImeis = 1024;

// The months first..last of `windows` (non-empty ones) as an integer[] literal of day masks, the
// union of the windows' days in each month.
std::string MonthMasks(MonthIndex first, MonthIndex last, std::span<const DateWindow> windows) {
  std::string masks = "{";
  for (MonthIndex month = first; month <= last; ++month) {
    DayMask days = 0;
    for (const DateWindow& window : windows) {
      if (!(window.last < window.first)) days |= WindowDaysOf(month, window);
    }
    if (month > first) masks += ',';
    masks += std::to_string(days);
  }
  masks += '}';
  return masks;
}

Date DateAt(const PgResult& rows, int row, int column, Status* status) {
  auto value = rows.Int64(row, column);
  if (!value.ok()) {
    *status = value.status();
    return Date{};
  }
  return Date{static_cast<std::int32_t>(*value)};
}

std::int64_t IntAt(const PgResult& rows, int row, int column, Status* status) {
  auto value = rows.Int64(row, column);
  if (!value.ok()) {
    *status = value.status();
    return 0;
  }
  return *value;
}

// Runs `body` in a REPEATABLE READ, read-only transaction on `connection` (unless a scan's
// transaction is open already), so a scan's cursor and its look-ups read one snapshot.
Status InSnapshot(PgConnection& connection, const std::function<Status()>& body) {
  if (PQtransactionStatus(connection.raw()) != PQTRANS_IDLE) return body();
  OPENCEIR_ASSIGN_OR_RETURN(
      PgTransaction transaction,
      PgTransaction::Begin(&connection, "ISOLATION LEVEL REPEATABLE READ READ ONLY"));
  OPENCEIR_RETURN_IF_ERROR(body());
  return transaction.Commit();
}

}  // namespace

Status PgObservationStore::ScanTriplets(const std::string& operator_id, DateWindow window,
                                        const TripletVisitor& visit) {
  if (window.last < window.first) return Status::Ok();
  OPENCEIR_ASSIGN_OR_RETURN(PgConnection * scan, ScanConnection());
  const MonthIndex first = MonthOf(window.first);
  const MonthIndex last = MonthOf(window.last);
  PgParams params;
  params.Int64(first).Int64(last);
  if (!operator_id.empty()) params.Text(operator_id);
  params.Text(MonthMasks(first, last, {&window, 1}));
  TripletMonth t;
  t.operator_id = operator_id;
  return ScanWithCursor(
      *scan, operator_id.empty() ? obs_sql::kScanCountryTriplets : obs_sql::kScanOperatorTriplets,
      params,
      [&](const PgResult& rows, int row) -> Status {
        Status status;
        t.month = static_cast<MonthIndex>(IntAt(rows, row, 0, &status));
        t.imei_norm.assign(rows.Text(row, 1));
        t.imsi.assign(rows.Text(row, 2));
        t.msisdn.assign(rows.Text(row, 3));
        t.first_seen = DateAt(rows, row, 4, &status);
        t.last_seen = DateAt(rows, row, 5, &status);
        t.day_mask = static_cast<DayMask>(IntAt(rows, row, 6, &status));
        t.rat_mask = static_cast<RatMask>(IntAt(rows, row, 7, &status));
        t.imsi_class = static_cast<std::uint8_t>(IntAt(rows, row, 8, &status));
        OPENCEIR_RETURN_IF_ERROR(status);
        return visit(t);
      },
      PgFormat::kBinary);
}

Status PgObservationStore::ScanWindowSummaries(std::span<const DateWindow> windows,
                                               const ImeiWindowSummariesVisitor& visit) {
  // The months of every non-empty window, read once with the union of the windows' days.
  std::optional<DateWindow> span;
  for (const DateWindow& window : windows) {
    if (window.last < window.first) continue;
    if (!span) span = window;
    span->first = std::min(span->first, window.first);
    span->last = std::max(span->last, window.last);
  }
  if (!span) return Status::Ok();
  OPENCEIR_ASSIGN_OR_RETURN(PgConnection * scan, ScanConnection());
  const MonthIndex first_month = MonthOf(span->first);
  const MonthIndex last_month = MonthOf(span->last);

  // Each triplet is folded once for every window (store/window_summaries_builder.h).
  ImeiWindowsFold fold(windows);

  // first_seen_ever of the IMEIs of the chunk being folded, asked for once per fetched chunk.
  std::vector<std::pair<std::string, Date>> first_seen;
  std::vector<std::string> chunk_imeis;
  auto look_up_chunk = [&](const PgResult& rows) -> Status {
    chunk_imeis.clear();
    for (int row = 0; row < rows.rows(); ++row) {
      std::string_view imei = rows.Text(row, 0);
      if (chunk_imeis.empty() || chunk_imeis.back() != imei) chunk_imeis.emplace_back(imei);
    }
    OPENCEIR_ASSIGN_OR_RETURN(
        PgResult found, Run(*scan, obs_sql::kFirstSeenEver, PgParams().Text(TextArray(chunk_imeis)),
                            PgFormat::kBinary));
    first_seen.clear();
    Status status;
    for (int row = 0; row < found.rows(); ++row) {
      first_seen.emplace_back(std::string(found.Text(row, 0)), DateAt(found, row, 1, &status));
    }
    std::sort(first_seen.begin(), first_seen.end());
    return status;
  };

  TripletMonth triplet;
  auto on_row = [&](const PgResult& rows, int row) -> Status {
    if (row == 0) OPENCEIR_RETURN_IF_ERROR(look_up_chunk(rows));
    std::string_view imei = rows.Text(row, 0);
    if (fold.imei_norm().empty() || imei != fold.imei_norm()) {
      OPENCEIR_RETURN_IF_ERROR(fold.Finish(visit));
      auto found = std::lower_bound(
          first_seen.begin(), first_seen.end(), imei,
          [](const auto& entry, std::string_view key) { return entry.first < key; });
      if (found == first_seen.end() || found->first != imei) {
        return InternalError(fmt::format(
            "PostgreSQL observation store: IMEI '{}' has triplets but no network IMEI row", imei));
      }
      fold.Start(found->first, found->second);
    }
    Status status;
    triplet.imei_norm = fold.imei_norm();
    triplet.operator_id.assign(rows.Text(row, 1));
    triplet.month = static_cast<MonthIndex>(IntAt(rows, row, 2, &status));
    triplet.imsi.assign(rows.Text(row, 3));
    triplet.msisdn.assign(rows.Text(row, 4));
    triplet.day_mask = static_cast<DayMask>(IntAt(rows, row, 5, &status));
    triplet.rat_mask = static_cast<RatMask>(IntAt(rows, row, 6, &status));
    triplet.imsi_class = static_cast<std::uint8_t>(IntAt(rows, row, 7, &status));
    OPENCEIR_RETURN_IF_ERROR(status);
    fold.Add(triplet);
    return Status::Ok();
  };
  return InSnapshot(*scan, [&]() -> Status {
    OPENCEIR_RETURN_IF_ERROR(ScanWithCursor(*scan, obs_sql::kScanSummaryTriplets,
                                            PgParams()
                                                .Int64(first_month)
                                                .Int64(last_month)
                                                .Text(MonthMasks(first_month, last_month, windows)),
                                            on_row, PgFormat::kBinary));
    return fold.Finish(visit);
  });
}

Status PgObservationStore::ScanDailyCounts(const std::string& operator_id, DateWindow window,
                                           const DailyCountsVisitor& visit) {
  OPENCEIR_ASSIGN_OR_RETURN(
      PgResult rows,
      Run(*connection_, obs_sql::kScanDailyCounts,
          PgParams().Text(operator_id).Int64(window.first.days).Int64(window.last.days),
          PgFormat::kBinary));
  DailyCounts counts;
  counts.operator_id = operator_id;
  for (int row = 0; row < rows.rows(); ++row) {
    Status status;
    counts.day = DateAt(rows, row, 0, &status);
    counts.rows = IntAt(rows, row, 1, &status);
    counts.imeis = IntAt(rows, row, 2, &status);
    counts.imsis = IntAt(rows, row, 3, &status);
    counts.msisdns = IntAt(rows, row, 4, &status);
    counts.triplets = IntAt(rows, row, 5, &status);
    counts.sketches.assign(rows.Text(row, 6));
    OPENCEIR_RETURN_IF_ERROR(status);
    OPENCEIR_RETURN_IF_ERROR(visit(counts));
  }
  return Status::Ok();
}

namespace {

// A cell from the columns of obs_sql::kFindCell / kScanCells (binary results).
Result<Cell> ReadCell(const PgResult& rows, int row) {
  Cell cell;
  cell.cell_id.assign(rows.Text(row, 0));
  cell.radio.assign(rows.Text(row, 1));
  cell.lat = Float64(rows, row, 2);
  cell.lon = Float64(rows, row, 3);
  OPENCEIR_ASSIGN_OR_RETURN(std::int64_t range_m, rows.Int64(row, 4));
  cell.range_m = static_cast<std::int32_t>(range_m);
  return cell;
}

}  // namespace

Result<std::optional<Cell>> PgObservationStore::FindCell(const std::string& cell_id) {
  OPENCEIR_ASSIGN_OR_RETURN(PgResult rows, Run(*connection_, obs_sql::kFindCell,
                                               PgParams().Text(cell_id), PgFormat::kBinary));
  if (rows.rows() == 0) return std::optional<Cell>();
  OPENCEIR_ASSIGN_OR_RETURN(Cell cell, ReadCell(rows, 0));
  return std::optional<Cell>(std::move(cell));
}

Status PgObservationStore::ScanCells(const std::function<Status(const Cell&)>& visit) {
  OPENCEIR_ASSIGN_OR_RETURN(PgConnection * scan, ScanConnection());
  return ScanWithCursor(
      *scan, obs_sql::kScanCells, {},
      [&](const PgResult& rows, int row) -> Status {
        OPENCEIR_ASSIGN_OR_RETURN(Cell cell, ReadCell(rows, row));
        return visit(cell);
      },
      PgFormat::kBinary);
}

Status PgObservationStore::GetTravelState(std::span<const std::string> imei_norms,
                                          const TravelStateVisitor& visit) {
  // A country's first events import looks up every IMEI in an empty table: one probe instead.
  OPENCEIR_ASSIGN_OR_RETURN(PgResult any, Run(*connection_, obs_sql::kAnyTravelState));
  if (any.rows() == 0) return Status::Ok();
  TravelState state;
  for (std::size_t first = 0; first < imei_norms.size(); first += kLookupImeis) {
    const auto part = imei_norms.subspan(first, std::min(kLookupImeis, imei_norms.size() - first));
    OPENCEIR_ASSIGN_OR_RETURN(PgResult rows,
                              Run(*connection_, obs_sql::kGetTravelStates,
                                  PgParams().Text(TextArray(part)), PgFormat::kBinary));
    for (int row = 0; row < rows.rows(); ++row) {
      state.imei_norm.assign(rows.Text(row, 0));
      OPENCEIR_ASSIGN_OR_RETURN(state.points,
                                DecodeTravelPoints(rows.Text(row, 1), state.imei_norm));
      OPENCEIR_RETURN_IF_ERROR(visit(state));
    }
  }
  return Status::Ok();
}

Status PgObservationStore::ScanTravelEvidence(DateWindow window,
                                              const TravelEvidenceVisitor& visit) {
  OPENCEIR_ASSIGN_OR_RETURN(PgConnection * scan, ScanConnection());
  TravelEvidence e;
  return ScanWithCursor(
      *scan, obs_sql::kScanTravelEvidence,
      PgParams()
          .Int64(window.first.days * kSecondsPerDay)
          .Int64((window.last.days + 1) * kSecondsPerDay - 1),
      [&](const PgResult& rows, int row) -> Status {
        Status status;
        e.imei_norm.assign(rows.Text(row, 0));
        int c = 1;
        for (TravelPoint* point : {&e.first, &e.second}) {
          point->time = IntAt(rows, row, c, &status);
          point->imsi.assign(rows.Text(row, c + 1));
          point->operator_id.assign(rows.Text(row, c + 2));
          point->cell_id.assign(rows.Text(row, c + 3));
          point->lat = Float64(rows, row, c + 4);
          point->lon = Float64(rows, row, c + 5);
          c += 6;
        }
        e.distance_km = Float64(rows, row, 13);
        e.speed_kmh = Float64(rows, row, 14);
        OPENCEIR_RETURN_IF_ERROR(status);
        return visit(e);
      },
      PgFormat::kBinary);
}

}  // namespace openceir::store::postgresql
