// What every recorded observation import (operator data, events, cell table) shares around its
// own parsing: the registry job it runs as, the input file's hash (known before the import, or
// taken by the reader thread while a plain file is read, so that it is read once), the re-import
// check against the observation store, the rejection that changes nothing but the job record,
// and the commit that refuses a file another process committed first.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "openceir/base/status.h"
#include "openceir/io/input_file.h"
#include "openceir/io/sha256.h"
#include "openceir/observe/chunked_file_reader.h"
#include "openceir/observe/operator_data_error.h"
#include "openceir/store/job.h"
#include "openceir/store/observation_store.h"
#include "openceir/store/registry_store.h"

namespace openceir::observe {

// "1 row", "2 rows": counts in summaries.
std::string Plural(std::int64_t n, std::string_view word);

// The fields every recorded import's report has; each import's report adds its own.
struct RecordedImportReport {
  store::JobId job_id = 0;
  bool accepted = false;                  // true: committed; false: rejected, nothing changed
  std::vector<OperatorDataError> errors;  // the first max_listed_errors problems
  std::int64_t total_errors = 0;
  std::string summary;  // one paragraph for a person
};

// The job of an import, as StartImportJob started it.
struct StartedImport {
  store::JobId job = 0;
  std::string sha256;  // "" when the file is to be hashed while it is read
};

// Starts the registry job `command` for importing `path`. With `hash_while_reading` a plain
// file (io::IsPlainInput) is only opened, so that a missing or unreadable one fails before a
// job is recorded, and its hash is left to the read; any other file is hashed first.
Result<StartedImport> StartImportJob(store::RegistryStore& registry, std::string command,
                                     const std::string& path, bool hash_while_reading,
                                     const std::string& user, const std::string& arguments);

// Records `job` as failed with `failure` (a non-OK status that is not the input's fault). A
// failure to record it cannot be helped: the caller returns `failure` itself.
void EndFailedImportJob(store::RegistryStore& registry, store::JobId job,
                        const store::JobCounts& counts, const Status& failure);

// One running import of one file: its errors, its hash and its job record. Not copyable (the
// reader thread holds a pointer into it while the file is read).
class RecordedImport {
 public:
  // `started`: from StartImportJob. `operator_id`: "" for the cell table. `already_imported_note`
  // is appended to the already_imported message (why a second import would be wrong).
  RecordedImport(store::RegistryStore& registry, store::ObservationStore& observations,
                 store::ObservationImportKind kind, std::string operator_id,
                 const std::string& path, StartedImport started, int max_listed_errors,
                 std::string already_imported_note = "");
  RecordedImport(const RecordedImport&) = delete;
  RecordedImport& operator=(const RecordedImport&) = delete;

  const std::string& path() const { return path_; }
  const std::string& file_name() const { return file_name_; }
  const std::string& operator_id() const { return operator_id_; }
  store::JobId job() const { return job_; }
  const std::string& sha256() const { return sha256_; }  // "" until known
  OperatorDataErrors& errors() { return errors_; }

  // Whether the file's data is already in the store; when it is, an already_imported error is
  // added (the caller rejects). Requires a known hash.
  Result<bool> AlreadyImported();

  // Opens the file for reading: a file whose hash is known is first checked not to be imported
  // already; a file whose hash is not known is hashed as it is read when the input is the
  // file's own bytes (hand raw_digest() to the reader). Null when the file is refused
  // (already_imported, or bad_input_file for one that is not usable input: the error is added
  // and the caller rejects); other failures are returned.
  Result<std::unique_ptr<io::InputStream>> OpenForReading();
  // For the reader: where the bytes read are hashed, or null when they need not be.
  RawDigest* raw_digest() { return raw_.digest != nullptr ? &raw_ : nullptr; }
  // After the read, when the hash was not known: records it (from the read when the read
  // hashed the whole file, else from a read of its own) and checks the file was not imported
  // before (true: it was, and the error is added). False when the hash was known already.
  Result<bool> FinishHashAndCheck();
  // Sorts out the status of a read: a corrupt compressed stream (kIoError, no other error yet)
  // is the file's fault and becomes a bad_input_file error; any other failure is returned.
  Status NoteReadFailure(const Status& read);

  // Commits `batch` with `import` (its job, kind, operator and hash filled in here). False when
  // another process committed the same file after this one checked: an already_imported error
  // is added (the caller rejects), as the store keeps each file's data once.
  Result<bool> Commit(store::ObservationBatch& batch, store::ObservationImport import);

  // Ends the job as rejected, listing the errors, and fills `report`'s shared fields (summary:
  // the error count, then `failed_checks` when there are any).
  Status Reject(const store::JobCounts& counts, RecordedImportReport* report,
                std::span<const std::string> failed_checks = {});
  // Ends the job as succeeded (after the commit) and marks `report` accepted.
  Status Succeed(const store::JobCounts& counts, RecordedImportReport* report);

 private:
  // Records `sha256` (or, when empty, the hash from a separate read) as the job's input hash.
  Status RecordHash(std::string sha256);

  store::RegistryStore& registry_;
  store::ObservationStore& observations_;
  store::ObservationImportKind kind_;
  std::string operator_id_;
  std::string path_;
  std::string file_name_;
  store::JobId job_;
  std::string sha256_;
  OperatorDataErrors errors_;
  std::string already_imported_note_;
  std::optional<io::Sha256> digest_;  // while a plain file is hashed as it is read
  RawDigest raw_;
};

}  // namespace openceir::observe
