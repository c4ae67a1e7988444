// The SQLite observation store classes. Split by concern:
//   sqlite_observation_store.cc  opening, schema versions, migrations, imports, point reads
//   sqlite_observation_batch.cc  the batch: merges and the one-transaction commit
//   sqlite_observation_scan.cc   window scans (triplets, summaries), daily counts, travel reads
// Internal to store/sqlite: callers use OpenSqliteObservationStore().
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "openceir/base/clock.h"
#include "openceir/store/observation_store.h"
#include "openceir/store/sqlite/sqlite_chunked_write.h"
#include "openceir/store/sqlite/sqlite_connection.h"
#include "openceir/store/sqlite/sqlite_observation_sql.h"
#include "openceir/store/travel_points_codec.h"

namespace openceir::store::sqlite {

class SqliteObservationStore final : public ObservationStore {
 public:
  SqliteObservationStore(std::unique_ptr<Connection> connection, const Clock* clock)
      : connection_(std::move(connection)), clock_(clock) {}

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
  Result<std::int64_t> CountRows(std::string_view sql);
  // Runs `body` inside a savepoint, so that its statements read one snapshot.
  Status ScanCountryTriplets(DateWindow window, const TripletVisitor& visit);
  Status InSnapshot(const std::function<Status()>& body);

  std::unique_ptr<Connection> connection_;
  const Clock* clock_;
  // True while a batch of this store object is open (one at a time: a second would wait on the
  // first's write lock in the same thread).
  std::shared_ptr<bool> batch_open_ = std::make_shared<bool>(false);
};

// The writes of one import, on a connection of their own (so the store object's reads do not
// see them before Commit) holding one IMMEDIATE transaction from the first write to Commit.
class SqliteObservationBatch final : public ObservationBatch {
 public:
  SqliteObservationBatch(std::unique_ptr<Connection> connection, const Clock* clock,
                         std::shared_ptr<bool> open_flag);
  ~SqliteObservationBatch() override;

  Status MergeTriplets(std::span<const TripletMonth> triplets) override;
  Status MergeDailyCounts(std::span<const DailyCounts> counts) override;
  Status UpsertCells(std::span<const Cell> cells) override;
  Status PutTravelState(std::span<const TravelState> states) override;
  Status AddTravelEvidence(std::span<const TravelEvidence> evidence) override;
  Status Commit(const ObservationImport& import) override;

  // Triplets buffered across MergeTriplets calls before they are written (~150 bytes each):
  // an importer passing hash partitions would otherwise walk the whole key range once per
  // call; buffered, the rows go to the B-trees in key order in few passes.
  static constexpr std::size_t kFlushRows = std::size_t{1} << 20;
  // Triplet rows per multi-row upsert statement: few statement runs for a large merge, within
  // SQLite's 32766-parameter limit.
  static constexpr std::size_t kChunkRows = 512;

  // One buffered row: key strings point into the batch's arena.
  // operator_rank and the first 16 bytes of imei_norm (big-endian, zero-padded) order rows like
  // the strings do, so sorting rarely follows the pointers (cache misses over a large input).
  struct Row {
    MonthIndex month;
    std::uint32_t operator_rank;
    std::uint64_t imei_hi, imei_lo;
    std::string_view operator_id, imei_norm, imsi, msisdn;
    std::int32_t first_seen, last_seen;
    DayMask day_mask;
    RatMask rat_mask;
    std::uint8_t imsi_class;
  };

 private:
  // Copies of the buffered rows' strings, in blocks that never move.
  class StringArena {
   public:
    std::string_view Copy(std::string_view text);
    void Clear();

   private:
    static constexpr std::size_t kBlockBytes = std::size_t{1} << 20;
    std::vector<std::unique_ptr<char[]>> blocks_;
    std::size_t used_ = 0;
  };

  // Fails once the batch is finished; takes the write lock at the first write.
  Status BeginWrite();
  // Writes the buffered triplets (sorted, duplicates merged) and empties the buffer.
  Status Flush();
  Status WriteOperatorRows(const std::vector<Row>& rows);
  Status WriteNetworkImeis(std::vector<Row>& rows);

  std::unique_ptr<Connection> connection_;
  const Clock* clock_;
  std::shared_ptr<bool> open_flag_;
  std::unique_ptr<Transaction> transaction_;
  bool finished_ = false;
  // The multi-row upserts (full-chunk statements kept for the life of the batch).
  ChunkedWrite triplet_upserts_{kChunkRows, obs_sql::kTripletParams, &obs_sql::UpsertTriplets,
                                "obs_merge_chunk"};
  ChunkedWrite network_upserts_{kChunkRows, obs_sql::kNetworkImeiParams,
                                &obs_sql::UpsertNetworkImeis, "obs_merge_chunk"};
  // Travel states buffered up to kStateFlushBytes of encoded points, then written in imei_norm
  // order: importers put them in IMEI-hash order, and random inserts into a table larger than
  // the page cache cost a page read and write each (47 us per state measured on 1 M IMEIs).
  static constexpr std::size_t kStateFlushBytes = std::size_t{128} << 20;
  struct PendingState {
    std::string imei_norm;
    std::string points;  // EncodeTravelPoints
    std::size_t order;   // put order: the last put of an IMEI wins
  };
  Status FlushTravelStates();
  std::vector<PendingState> pending_states_;
  std::size_t pending_state_bytes_ = 0;

  std::vector<Row> pending_;  // buffered triplets, not yet written
  StringArena arena_;
  std::string_view last_operator_;  // in arena_: the operator of pending_.back()
};

}  // namespace openceir::store::sqlite
