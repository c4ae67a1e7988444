// The observation store: append-heavy network data (monthly triplets, network IMEIs, daily
// counts, cells, travel state and evidence) and the per-IMEI summaries detection reads.
//
// Separate from the registry store (BRIEF.md section 5) so that a country can put it on a
// different engine: SQLite (embedded default, the same file as the registry), PostgreSQL,
// ClickHouse (sharded). Callers never see SQL.
//
// Atomicity: an import writes through one ObservationBatch; nothing it wrote is visible until
// Commit(), and a batch destroyed without Commit() (or a killed process) leaves nothing. The
// batch also records the import (ObservationImport) with the data, so the observation store
// alone says whether a file's data is in (re-import detection, and reconciling the registry's
// job record after a kill between the two commits).
//
// Concurrency: batches of different operators may be open at the same time in different
// processes; a backend may serialise their commits (SQLite does: one writer at a time, waiting
// on a busy timeout) but must never lose or mix their rows. Readers are never blocked by a
// batch that is not committing.
//
// Thread-safety: one ObservationStore object (and its batches) is used by one thread at a time.
#pragma once

#include <functional>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "openceir/base/status.h"
#include "openceir/store/imei_summary.h"
#include "openceir/store/observation_types.h"

namespace openceir::store {

// The writes of one import, applied atomically by Commit().
class ObservationBatch {
 public:
  virtual ~ObservationBatch() = default;  // rolls back unless committed

  // Merges triplets into the stored ones with the same key (operator, month, imei_norm, imsi,
  // msisdn): day and RAT masks and IMSI classes OR-ed, first_seen = min, last_seen = max.
  // The country-wide rows (operator_id "": stored, or merged from the operator rows when read)
  // and the network IMEIs follow, kept by the backend; callers pass per-operator rows only
  // (operator_id non-empty). May be called many times (for example once per IMEI partition); rows
  // need not be sorted or distinct.
  virtual Status MergeTriplets(std::span<const TripletMonth> triplets) = 0;
  // Merges daily counts with stored ones of the same (operator, day): rows added, sketches
  // merged, estimates recomputed from the merged sketches.
  virtual Status MergeDailyCounts(std::span<const DailyCounts> counts) = 0;
  // Inserts or replaces cells by cell_id.
  virtual Status UpsertCells(std::span<const Cell> cells) = 0;
  // Replaces the travel state of each IMEI given.
  virtual Status PutTravelState(std::span<const TravelState> states) = 0;
  // Appends evidence. An identical record (same IMEI and both events) is stored once.
  virtual Status AddTravelEvidence(std::span<const TravelEvidence> evidence) = 0;

  // Records `import` and makes everything above visible, in one transaction. The batch is
  // finished afterwards, whatever the outcome. Errors: kAlreadyExists when an import of the
  // same kind, operator and sha256 is already committed (nothing applied).
  virtual Status Commit(const ObservationImport& import) = 0;
};

using TripletVisitor = std::function<Status(const TripletMonth&)>;
using ImeiSummaryVisitor = std::function<Status(const ImeiSummary&)>;
// One IMEI of a multi-window scan: summaries[i] is its summary for windows[i], or null when it
// has no triplet in that window (at least one is not null). The summaries belong to the scan and
// are valid during the call only; the visitor may swap their contents out (leaving each a valid
// ImeiSummary, for example one it kept from an earlier call), which spares a copy: the scan
// resets what it gets back before using it again.
using ImeiWindowSummariesVisitor = std::function<Status(std::span<ImeiSummary* const> summaries)>;
using DailyCountsVisitor = std::function<Status(const DailyCounts&)>;
using TravelStateVisitor = std::function<Status(const TravelState&)>;
using TravelEvidenceVisitor = std::function<Status(const TravelEvidence&)>;

class ObservationStore {
 public:
  virtual ~ObservationStore() = default;

  // --- Schema (own version, independent of the registry's) ----------------------------------
  virtual Result<int> SchemaVersion() = 0;
  static int LatestSchemaVersion();
  virtual Status Migrate() = 0;

  // --- Imports --------------------------------------------------------------------------------
  // Starts the writes of one import.
  virtual Result<std::unique_ptr<ObservationBatch>> BeginBatch() = 0;
  // The committed import of this kind, operator and file hash, if any.
  virtual Result<std::optional<ObservationImport>> FindImport(ObservationImportKind kind,
                                                              const std::string& operator_id,
                                                              const std::string& sha256) = 0;
  // Committed imports of one operator and kind whose day range overlaps [first, last].
  virtual Result<std::vector<ObservationImport>> ListImports(ObservationImportKind kind,
                                                             const std::string& operator_id,
                                                             Date first, Date last) = 0;

  // --- Reads ----------------------------------------------------------------------------------
  // Triplets with a day in `window`, ordered by (imei_norm, operator_id, imsi, msisdn, month).
  // operator_id: a configured id, or "" for the country-wide rows.
  virtual Status ScanTriplets(const std::string& operator_id, DateWindow window,
                              const TripletVisitor& visit) = 0;
  // The summaries of every IMEI seen in any of `windows` (from the per-operator triplets), one
  // visit per IMEI in imei_norm order, each summary equal to what a scan of its window alone
  // gives. Windows may overlap and come in any order; an empty one (last < first) has no
  // summaries. The data of all windows is read once (classification reads a 90-day and a
  // 30-day window of the same months), streamed: memory holds one IMEI's triplets at a time.
  virtual Status ScanWindowSummaries(std::span<const DateWindow> windows,
                                     const ImeiWindowSummariesVisitor& visit) = 0;
  // One summary per IMEI seen in `window`, in imei_norm order (ScanWindowSummaries of one
  // window).
  Status ScanImeiSummaries(DateWindow window, const ImeiSummaryVisitor& visit);
  virtual Result<std::optional<NetworkImei>> FindNetworkImei(const std::string& imei_norm) = 0;
  virtual Result<std::int64_t> CountNetworkImeis() = 0;
  // Daily counts of one operator for days in `window`, by day.
  virtual Status ScanDailyCounts(const std::string& operator_id, DateWindow window,
                                 const DailyCountsVisitor& visit) = 0;

  virtual Result<std::optional<Cell>> FindCell(const std::string& cell_id) = 0;
  virtual Result<std::int64_t> CountCells() = 0;
  // Every cell, by cell_id (the events import loads the positions it needs).
  virtual Status ScanCells(const std::function<Status(const Cell&)>& visit) = 0;

  // Travel state of the IMEIs given that have any (order of the result unspecified).
  virtual Status GetTravelState(std::span<const std::string> imei_norms,
                                const TravelStateVisitor& visit) = 0;
  // Evidence whose later event falls in `window`, by (imei_norm, second.time).
  virtual Status ScanTravelEvidence(DateWindow window, const TravelEvidenceVisitor& visit) = 0;
};

}  // namespace openceir::store
