// What one list generation is asked to do, and what it wrote (the manifest).
//
// Lists are a pure function of a committed classification run, the reference lists and network
// data as of that run, the list date and the options below; every generation is recorded
// (list_history.h), so generating them again later gives the same bytes.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "openceir/base/date.h"
#include "openceir/config/config.h"
#include "openceir/store/imei_summary.h"
#include "openceir/store/job.h"

namespace openceir::lists {

struct ListOptions {
  int lookback_days = 60;  // notifications: triplets seen in [list_date - N, list_date - 1]
  bool restrict_exceptions_to_blacklisted = false;  // exceptions only for blacklisted IMEIs
  bool append_check_digit = false;                  // 14-digit IMEIs written with their Luhn digit
  bool output_invalid_imeis = true;                 // false: IMEIs not of 14 digits left out
  bool include_barred_in_exceptions = false;        // false: barred IMEIs and TACs get no exception
};

// The options of the configuration's list_generation section.
ListOptions OptionsFromConfig(const config::ListGenerationConfig& config);

struct ListRequest {
  store::JobId run = 0;           // the classification run whose state the lists show
  std::optional<Date> list_date;  // default: the run's curr_date
  // Deltas are against this run's lists (regenerated with its own curr_date and the same
  // options); none: every row of the full lists is a change (DIRBS's first run).
  std::optional<store::JobId> base_run;
  // For a first generation of (run, list date). A regeneration uses the recorded ones instead
  // (and says so in ListsManifest::notes when they differ).
  ListOptions options;
  std::vector<config::OperatorConfig> operators;  // the region's operators, in config order
  std::string output_dir;  // the lists go to a new folder inside it (see ListsManifest::folder)
};

// One CSV file written inside a zip.
struct ListFileRecord {
  std::string name;         // "20261129_000000_blacklist_delta_3_7_blocked.csv"
  std::string list;         // "blacklist", "notifications", "exceptions"
  std::string operator_id;  // empty for the blacklist
  std::string change;       // empty for a full list; else the delta reason ("blocked", ...)
  std::int64_t rows = 0;    // data rows (the header not counted)
  std::int64_t bytes = 0;
  std::string sha256;  // lower-case hex of the CSV bytes
};

struct ZipRecord {
  std::string name;  // "20261129_000000_blacklist.zip"
  std::int64_t bytes = 0;
  std::string sha256;
  std::vector<ListFileRecord> members;  // in the zip's order: the full list, then the deltas
};

struct ListsManifest {
  store::JobId run = 0;
  std::optional<store::JobId> base_run;
  Date list_date;
  std::optional<Date> base_list_date;
  store::DateWindow lookback;  // the notifications' look-back window
  ListOptions options;
  std::string folder;  // absolute path of the folder holding the zips and manifest.json
  std::vector<ZipRecord> zips;
  std::int64_t blacklisted_imeis = 0;
  std::int64_t notified_imeis = 0;  // IMEIs with a later block date (whether seen or not)
  // True when the lists were regenerated from the recorded generation of (run, list_date);
  // false for a first generation (which was recorded). Not in manifest.json.
  bool regenerated = false;
  // What a person should know about how the request was served, one sentence each: a
  // regeneration using recorded options or operators other than the request's, deltas against
  // another base than the recorded one. The CLI prints them on stderr. Not in manifest.json.
  std::vector<std::string> notes;
};

}  // namespace openceir::lists
