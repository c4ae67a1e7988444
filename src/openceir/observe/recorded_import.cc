// RecordedImport and the job around it.
#include "openceir/observe/recorded_import.h"

#include <fmt/format.h>
#include <unistd.h>

#include <filesystem>

namespace openceir::observe {

std::string Plural(std::int64_t n, std::string_view word) {
  return fmt::format("{} {}{}", n, word, n == 1 ? "" : "s");
}

Result<StartedImport> StartImportJob(store::RegistryStore& registry, std::string command,
                                     const std::string& path, bool hash_while_reading,
                                     const std::string& user, const std::string& arguments) {
  StartedImport started;
  if (hash_while_reading && io::IsPlainInput(path)) {
    // Opened once here so that a missing or unreadable file fails before a job is recorded,
    // as a compressed one does when it is hashed.
    OPENCEIR_RETURN_IF_ERROR(io::OpenInputFile(path).status());
  } else {
    OPENCEIR_ASSIGN_OR_RETURN(started.sha256, io::Sha256OfFile(path));
  }
  store::JobStart start;
  start.command = std::move(command);
  start.arguments = arguments;
  start.user = user;
  start.input_path = path;
  start.input_sha256 = started.sha256;
  start.pid = static_cast<std::int64_t>(getpid());
  OPENCEIR_ASSIGN_OR_RETURN(started.job, registry.StartJob(start));
  return started;
}

void EndFailedImportJob(store::RegistryStore& registry, store::JobId job,
                        const store::JobCounts& counts, const Status& failure) {
  registry.EndJob(job, store::JobOutcome::kFailed, counts, failure.ToString()).IgnoreError();
}

RecordedImport::RecordedImport(store::RegistryStore& registry,
                               store::ObservationStore& observations,
                               store::ObservationImportKind kind, std::string operator_id,
                               const std::string& path, StartedImport started,
                               int max_listed_errors, std::string already_imported_note)
    : registry_(registry),
      observations_(observations),
      kind_(kind),
      operator_id_(std::move(operator_id)),
      path_(path),
      file_name_(std::filesystem::path(path).filename().string()),
      job_(started.job),
      sha256_(std::move(started.sha256)),
      errors_(file_name_, max_listed_errors),
      already_imported_note_(std::move(already_imported_note)) {}

Result<bool> RecordedImport::AlreadyImported() {
  OPENCEIR_ASSIGN_OR_RETURN(std::optional<store::ObservationImport> earlier,
                            observations_.FindImport(kind_, operator_id_, sha256_));
  if (!earlier) return false;
  errors_.Add(0, 0, "", "already_imported",
              fmt::format("this file (sha256 {}) was already imported by job {} ({}){}", sha256_,
                          earlier->job_id, Plural(earlier->rows, "row"), already_imported_note_));
  return true;
}

Result<std::unique_ptr<io::InputStream>> RecordedImport::OpenForReading() {
  if (!sha256_.empty()) {
    OPENCEIR_ASSIGN_OR_RETURN(bool already, AlreadyImported());
    if (already) return std::unique_ptr<io::InputStream>();
  }
  Result<std::unique_ptr<io::InputStream>> opened = io::OpenInputFile(path_);
  if (!opened.ok()) {
    if (opened.status().code() != StatusCode::kInvalidInput) return opened.status();
    errors_.Add(0, 0, "", "bad_input_file", opened.status().message());
    return std::unique_ptr<io::InputStream>();
  }
  // A plain file is hashed by the reader thread as it is read: one pass over the file.
  if (sha256_.empty() && (*opened)->reads_raw_bytes()) {
    OPENCEIR_ASSIGN_OR_RETURN(digest_, io::Sha256::Start());
    raw_.digest = &*digest_;
    raw_.complete = false;
  }
  return opened;
}

Result<bool> RecordedImport::FinishHashAndCheck() {
  if (!sha256_.empty()) return false;
  std::string hashed;
  if (raw_.digest != nullptr && raw_.complete) {
    OPENCEIR_ASSIGN_OR_RETURN(hashed, digest_->FinishHex());
  }
  OPENCEIR_RETURN_IF_ERROR(RecordHash(std::move(hashed)));
  return AlreadyImported();
}

Status RecordedImport::NoteReadFailure(const Status& read) {
  if (read.ok()) return Status::Ok();
  // A corrupt compressed stream is the file's fault, like a bad zip.
  if (read.code() != StatusCode::kIoError || !errors_.empty()) return read;
  errors_.Add(0, 0, "", "bad_input_file", read.message());
  return Status::Ok();
}

Result<bool> RecordedImport::Commit(store::ObservationBatch& batch,
                                    store::ObservationImport import) {
  import.job_id = job_;
  import.kind = kind_;
  import.operator_id = operator_id_;
  import.file_sha256 = sha256_;
  Status committed = batch.Commit(import);
  if (committed.code() == StatusCode::kAlreadyExists) {
    errors_.Add(0, 0, "", "already_imported", committed.message());
    return false;
  }
  OPENCEIR_RETURN_IF_ERROR(committed);
  return true;
}

Status RecordedImport::Reject(const store::JobCounts& counts, RecordedImportReport* report,
                              std::span<const std::string> failed_checks) {
  if (sha256_.empty()) OPENCEIR_RETURN_IF_ERROR(RecordHash(""));
  report->accepted = false;
  report->total_errors = errors_.total();
  report->summary =
      fmt::format("{} rejected: {} (first {} listed); nothing changed (job {}).", file_name_,
                  Plural(errors_.total(), "error"), errors_.listed().size(), job_);
  if (!failed_checks.empty()) {
    std::string names;
    for (const std::string& n : failed_checks) {
      if (!names.empty()) names += ", ";
      names += n;
    }
    report->summary += fmt::format(" Failed data-quality checks: {}.", names);
  }
  std::string job_error = report->summary;
  for (const OperatorDataError& error : errors_.listed()) {
    job_error += '\n';  // not "\n" + ...: GCC 12 -O3 warns falsely (-Wrestrict)
    job_error += error.ToString();
  }
  report->errors = errors_.TakeListed();
  return registry_.EndJob(job_, store::JobOutcome::kRejected, counts, job_error);
}

Status RecordedImport::Succeed(const store::JobCounts& counts, RecordedImportReport* report) {
  report->accepted = true;
  // The data is committed; the job record follows. A kill between the two leaves the job
  // running with its import recorded in the observation store (see observation_store.h).
  return registry_.EndJob(job_, store::JobOutcome::kSucceeded, counts, "");
}

Status RecordedImport::RecordHash(std::string sha256) {
  if (sha256.empty()) {
    // The read stopped early (or the file was not read): hash it apart. A file that cannot be
    // read keeps no hash; the error is in the report already.
    Result<std::string> hashed = io::Sha256OfFile(path_);
    if (!hashed.ok()) return Status::Ok();
    sha256 = std::move(hashed).value();
  }
  sha256_ = std::move(sha256);
  return registry_.SetJobInputSha256(job_, sha256_);
}

}  // namespace openceir::observe
