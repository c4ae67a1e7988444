// The PostgreSQL observation store classes. Split by concern, as the SQLite store's:
//   pg_observation_store.cc  connecting, schema versions, migrations, imports, point reads
//   pg_observation_batch.cc  the batch: staging by COPY and the one-transaction commit
//   pg_observation_scan.cc   window scans (triplets, summaries), daily counts, cells, travel
// All SQL is in pg_observation_sql.{h,cc}. Internal to store/postgresql: callers use
// OpenPgObservationStore().
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "openceir/base/clock.h"
#include "openceir/store/daily_sketches.h"
#include "openceir/store/observation_store.h"
#include "openceir/store/postgresql/pg_connection.h"

namespace openceir::store::postgresql {

class PgObservationStore final : public ObservationStore {
 public:
  PgObservationStore(std::string dsn, std::unique_ptr<PgConnection> connection, const Clock* clock)
      : dsn_(std::move(dsn)), connection_(std::move(connection)), clock_(clock) {}

  Result<int> SchemaVersion() override;
  Status Migrate() override;

  Result<std::unique_ptr<ObservationBatch>> BeginBatch() override;
  Result<std::optional<ObservationImport>> FindImport(ObservationImportKind kind,
                                                      const std::string& operator_id,
                                                      const std::string& sha256) override;
  Result<std::vector<ObservationImport>> ListImports(ObservationImportKind kind,
                                                     const std::string& operator_id, Date first,
                                                     Date last) override;

  Status ScanTriplets(const std::string& operator_id, DateWindow window,
                      const TripletVisitor& visit) override;
  Status ScanWindowSummaries(std::span<const DateWindow> windows,
                             const ImeiWindowSummariesVisitor& visit) override;
  Result<std::optional<NetworkImei>> FindNetworkImei(const std::string& imei_norm) override;
  Result<std::int64_t> CountNetworkImeis() override;
  Status ScanDailyCounts(const std::string& operator_id, DateWindow window,
                         const DailyCountsVisitor& visit) override;

  Result<std::optional<Cell>> FindCell(const std::string& cell_id) override;
  Result<std::int64_t> CountCells() override;
  Status ScanCells(const std::function<Status(const Cell&)>& visit) override;

  Status GetTravelState(std::span<const std::string> imei_norms,
                        const TravelStateVisitor& visit) override;
  Status ScanTravelEvidence(DateWindow window, const TravelEvidenceVisitor& visit) override;

 private:
  // The connection scans stream on, opened on first use (a visitor may call the store meanwhile).
  Result<PgConnection*> ScanConnection();
  Result<std::int64_t> CountRows(std::string_view sql);

  std::string dsn_;  // batches open their own connections
  std::unique_ptr<PgConnection> connection_;
  std::unique_ptr<PgConnection> scan_connection_;
  const Clock* clock_;
};

// The writes of one import, on a connection of their own. Rows are COPYed as they come into
// temporary staging tables of that session (outside any transaction: they hold no lock on the
// shared tables); daily counts are kept in memory (a few per day and operator). Commit creates
// the missing month partitions (a short transaction of its own), then merges everything and
// records the import in one transaction. A batch destroyed without Commit closes its connection,
// and the staging tables go with it.
class PgObservationBatch final : public ObservationBatch {
 public:
  PgObservationBatch(std::unique_ptr<PgConnection> connection, const Clock* clock)
      : connection_(std::move(connection)), clock_(clock) {}

  Status MergeTriplets(std::span<const TripletMonth> triplets) override;
  Status MergeDailyCounts(std::span<const DailyCounts> counts) override;
  Status UpsertCells(std::span<const Cell> cells) override;
  Status PutTravelState(std::span<const TravelState> states) override;
  Status AddTravelEvidence(std::span<const TravelEvidence> evidence) override;
  Status Commit(const ObservationImport& import) override;

 private:
  Status Usable() const;
  Status EnsureMonthPartitions();
  Status MergeStaged(const ObservationImport& import);
  Status PutDailyCounts();

  std::unique_ptr<PgConnection> connection_;
  const Clock* clock_;
  bool finished_ = false;
  std::set<std::int32_t> months_;  // months of the staged triplets
  bool staged_triplets_ = false, staged_cells_ = false, staged_states_ = false,
       staged_evidence_ = false;
  std::int64_t next_seq_ = 0;  // staging order of cells, states and evidence
  struct PendingCounts {
    DailyCounts counts;
    std::optional<DailySketches> sketches;
  };
  std::vector<PendingCounts> daily_counts_;
};

// Statements run through Run and ScanWithCursor (pg_registry_store_impl.h), shared with the
// registry store. Helpers of the observation store's own:
// "\x0a1b..." : bytes as a bytea parameter or COPY field in hex.
std::string ByteaHex(std::string_view bytes);
// A float8 column read in binary format.
double Float64(const PgResult& result, int row, int column);
// A PostgreSQL array literal ({"a","b"}) of text values, for = ANY ($1::text[]).
std::string TextArray(std::span<const std::string> values);

}  // namespace openceir::store::postgresql
