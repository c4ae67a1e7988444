// Importing one operator events file (`<operator>_<YYYYMMDD>_<YYYYMMDD>.events.csv`, FORMATS.md)
// into the observation store, as one recorded registry job.
//
// file name rules -> re-import check -> cell positions loaded from the store -> streaming parse
// and validation (reader, parser and consumer threads) -> monthly triplets (observe's
// TripletAggregator) and daily counts, and the events with a known cell and an IMSI buffered by
// IMEI (TravelBuffer) -> per IMEI partition: the remembered travel state of its IMEIs loaded
// from the store in chunks, TravelDetector run, new state and evidence written -> everything
// committed in one ObservationBatch with the import record -> job succeeded.
//
// Events whose cell is not in the cell table, or that have no cell, still count for triplets;
// they are counted in the report and take no part in travel checks. A rejected file changes
// nothing but its job record; a killed import leaves the observation store as before.
//
// Travel settings are options (the configuration has no travel section yet): CLI flags
// --max-speed-kmh, --min-distance-km, --max-cell-range-km.
#pragma once

#include <cstddef>
#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "openceir/base/clock.h"
#include "openceir/base/date.h"
#include "openceir/base/status.h"
#include "openceir/config/config.h"
#include "openceir/events/travel_detector.h"
#include "openceir/observe/recorded_import.h"
#include "openceir/store/job.h"
#include "openceir/store/observation_store.h"
#include "openceir/store/registry_store.h"

namespace openceir::events {

struct EventsImportOptions {
  TravelDetectorOptions travel;
  const Clock* clock = nullptr;  // "today" for the file name rule; null = the system clock
  std::function<void(std::int64_t rows_read)> progress;  // may be empty
  std::string temp_dir;                                  // spill files; empty = the system's
  // For the triplet tables and, separately, the travel buffer.
  std::size_t memory_budget_bytes = std::size_t{256} << 20;
  std::string user;       // for the job record
  std::string arguments;  // the command line, for the job record
};

struct EventsImportReport : observe::RecordedImportReport {
  std::string operator_id;
  Date first_day;  // the file name's range (when the name was valid)
  Date last_day;
  std::int64_t rows = 0;      // data rows read
  std::int64_t triplets = 0;  // monthly triplets merged (accepted files)
  std::int64_t days = 0;      // days with rows
  std::int64_t events_without_cell = 0;
  std::int64_t events_unknown_cell = 0;    // cell_id not in the cell table
  std::vector<std::string> unknown_cells;  // a few of them, for the report
  std::int64_t travel_events = 0;          // events that took part in travel checks
  std::int64_t travel_imeis = 0;           // IMEIs whose travel state was written
  std::int64_t evidence = 0;               // impossible-travel records found
  std::int64_t spilled_bytes = 0;
};

// Imports `path` for `operator_id` (which must be configured). Returns the report for accepted
// and rejected files alike; a non-OK Status only for failures that are not the input's fault
// (I/O, store) or bad options (kInvalidInput, before any job starts), after which the job is
// recorded as failed and nothing changed.
Result<EventsImportReport> ImportEvents(store::RegistryStore& registry,
                                        store::ObservationStore& observations,
                                        const config::Config& config,
                                        const std::string& operator_id, const std::string& path,
                                        const EventsImportOptions& options);

// The file name rule: `<operator>_<YYYYMMDD>_<YYYYMMDD>.events.csv` (optionally .gz, .zst or
// .zip on top), the operator's, a real range not ending after `today`. On failure `rule` is
// bad_file_name, operator_mismatch, bad_file_date, bad_date_range or date_range_in_future.
struct EventsFileNameCheck {
  bool ok = false;
  Date first_day;
  Date last_day;
  std::string rule;
  std::string message;
};
EventsFileNameCheck CheckEventsFileName(std::string_view file_name, std::string_view operator_id,
                                        Date today);

}  // namespace openceir::events
