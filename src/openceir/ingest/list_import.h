// Importing a reference list file (GSMA TAC database, stolen, registration, pairing, golden,
// barred, barred TAC, subscribers, association, monitoring) into the registry store.
//
// An import is all or nothing: the file is read and checked completely, the change against the
// current list is computed, the guards are applied, and only then is the change committed in one
// transaction together with the job's success. A rejected file changes nothing but its job
// record; a killed import leaves the lists exactly as before.
#pragma once

#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "openceir/base/status.h"
#include "openceir/config/config.h"
#include "openceir/store/registry_store.h"

namespace openceir::ingest {

// One problem with an input file. line 0 = the whole file; column 0 = the whole line.
struct InputError {
  std::string file;
  std::int64_t line = 0;
  int column = 0;           // 1-based field number
  std::string column_name;  // header name of that field, when known
  std::string rule;         // stable snake_case rule id: "bad_imei", "missing_column", ...
  std::string message;      // what is wrong, for a person

  // "stolen.csv:12:1 (imei): bad_imei: ..." (parts that are unknown are left out).
  std::string ToString() const;
};

// Progress reports: data rows read so far (called every few thousand rows).
using ProgressCallback = std::function<void(std::int64_t rows_read)>;

struct ListImportOptions {
  bool delta = false;           // the file has a change_type column (add/remove/update)
  bool allow_reimport = false;  // apply a file whose hash was already imported successfully
  std::string user;             // who runs it, for the job record
  std::string arguments;        // the command line, for the job record
  ProgressCallback progress;    // may be empty
  // Golden list only: every golden_imei value is a 32-hex MD5 of imei_norm (DIRBS's
  // --prehashed). When false, the file's first non-empty value decides: 32 hex digits = the
  // whole file is pre-hashed; otherwise every value is an IMEI and is hashed on import.
  bool golden_prehashed = false;
};

struct ListImportReport {
  store::JobId job_id = 0;
  bool accepted = false;           // true: committed. false: rejected, nothing changed
  store::JobCounts counts;         // rows read, added, removed, changed, unchanged
  std::vector<InputError> errors;  // the first `max_listed_errors` problems
  std::int64_t total_errors = 0;   // how many problems there were in all
  std::string summary;             // one paragraph for a person: what was accepted, or why not
};

// Imports `path` as list `kind`. Returns the report for accepted and rejected files alike; a
// non-OK Status only for failures that are not the input's fault (I/O, store errors), in which
// case the job is recorded as failed and nothing changed.
Result<ListImportReport> ImportList(store::RegistryStore& store, const config::Config& config,
                                    store::ListKind kind, const std::string& path,
                                    const ListImportOptions& options);

}  // namespace openceir::ingest
