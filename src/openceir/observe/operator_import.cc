// ImportOperatorData: the whole import of one operator data file, as one recorded job.
#include "openceir/observe/operator_import.h"

#include <fmt/format.h>
#include <unistd.h>

#include <algorithm>
#include <filesystem>
#include <optional>
#include <unordered_set>

#include "openceir/base/fault_point.h"
#include "openceir/io/input_file.h"
#include "openceir/io/sha256.h"
#include "openceir/observe/daily_counter.h"
#include "openceir/observe/operator_file_name.h"
#include "openceir/observe/operator_file_reader.h"
#include "openceir/observe/operator_row_parser.h"
#include "openceir/observe/region_matcher.h"
#include "openceir/observe/triplet_aggregator.h"

namespace openceir::observe {
namespace {

std::string Plural(std::int64_t n, std::string_view word) {
  return fmt::format("{} {}{}", n, word, n == 1 ? "" : "s");
}

// Daily averages of the estimates of `counts`.
VolumeAverages AverageOf(const std::vector<store::DailyCounts>& counts) {
  VolumeAverages v;
  v.days = static_cast<int>(counts.size());
  if (counts.empty()) return v;
  for (const store::DailyCounts& c : counts) {
    v.imeis += static_cast<double>(c.imeis);
    v.imsis += static_cast<double>(c.imsis);
    v.msisdns += static_cast<double>(c.msisdns);
  }
  v.imeis /= v.days;
  v.imsis /= v.days;
  v.msisdns /= v.days;
  return v;
}

class OperatorImportRun {
 public:
  OperatorImportRun(store::RegistryStore& registry, store::ObservationStore& observations,
                    const config::Config& config, const std::string& operator_id,
                    const std::string& path, const OperatorImportOptions& options, store::JobId job)
      : registry_(registry),
        observations_(observations),
        config_(config),
        path_(path),
        file_name_(std::filesystem::path(path).filename().string()),
        options_(options),
        errors_(file_name_, config.import.max_listed_errors) {
    report_.job_id = job;
    report_.operator_id = operator_id;
  }

  // `sha256`: the file's hash, or "" for a plain file: then it is hashed while it is read.
  Result<OperatorImportReport> Run(std::string sha256);
  store::JobCounts counts() const {
    store::JobCounts counts;
    counts.rows_read = report_.rows;
    return counts;
  }

 private:
  Result<OperatorImportReport> Reject();
  // Records `sha256` (or, when empty, the hash from a separate read) as the job's input hash.
  Status RecordHash(std::string sha256);
  // Rejects a file whose data is already in the store (true when it did).
  Result<bool> AlreadyImported();
  Result<std::optional<std::int64_t>> GsmaShiftedMatches(const QualityCounts& counts);
  Result<VolumeAverages> History();

  store::RegistryStore& registry_;
  store::ObservationStore& observations_;
  const config::Config& config_;
  std::string path_;
  std::string file_name_;
  const OperatorImportOptions& options_;
  OperatorDataErrors errors_;
  OperatorImportReport report_;
  std::string sha256_;  // "" until known
};

Result<OperatorImportReport> OperatorImportRun::Run(std::string sha256) {
  sha256_ = std::move(sha256);
  const std::string& operator_id = report_.operator_id;
  SystemClock system_clock;
  const Clock& clock = options_.clock != nullptr ? *options_.clock : system_clock;
  OperatorFileNameCheck name =
      CheckOperatorFileName(file_name_, operator_id, DateFromUnixSeconds(clock.Now()));
  if (!name.ok) {
    errors_.Add(0, 0, "", name.rule, name.message);
    return Reject();
  }
  report_.first_day = name.name.first_day;
  report_.last_day = name.name.last_day;
  Result<RegionMatcher> region = RegionMatcher::Create(config_, operator_id);
  if (!region.ok()) {
    errors_.Add(0, 0, "", "unknown_operator", region.status().message());
    return Reject();
  }

  if (!sha256_.empty()) {
    OPENCEIR_ASSIGN_OR_RETURN(bool already, AlreadyImported());
    if (already) return Reject();
  }

  Result<std::unique_ptr<io::InputStream>> opened = io::OpenInputFile(path_);
  if (!opened.ok()) {
    if (opened.status().code() != StatusCode::kInvalidInput) return opened.status();
    errors_.Add(0, 0, "", "bad_input_file", opened.status().message());
    return Reject();
  }
  // A plain file is hashed by the reader thread as it is read: one pass over the file.
  std::optional<io::Sha256> digest;
  RawDigest raw;
  if (sha256_.empty() && (*opened)->reads_raw_bytes()) {
    OPENCEIR_ASSIGN_OR_RETURN(digest, io::Sha256::Start());
    raw.digest = &*digest;
  }

  // Parse, validate and aggregate in one streaming pass.
  TripletAggregatorOptions aggregator_options;
  aggregator_options.operator_id = operator_id;
  aggregator_options.memory_budget_bytes = options_.memory_budget_bytes;
  aggregator_options.spill_dir = options_.temp_dir;
  TripletAggregator aggregator(aggregator_options);
  DailyCounter daily(operator_id);
  OperatorRowParser parser(&*region, name.name.first_day, name.name.last_day, &errors_);
  std::int64_t rows_consumed = 0;
  std::vector<PackedObservation> packed;
  auto consume = [&](const ParsedBatch& batch) -> Status {
    packed.clear();
    for (const ParsedRow& row : batch.rows) {
      daily.Add(row.day, row.hashes);
      if (row.imei_key == ParsedRow::kNullImei) continue;  // no triplet without an IMEI
      if (row.imei_key == ParsedRow::kArenaImei) {
        std::string_view imei_norm(batch.arena.data() + row.arena_offset, row.arena_length);
        OPENCEIR_RETURN_IF_ERROR(
            aggregator.Add(imei_norm, row.imsi_key == 0 ? "" : UnpackSubscriberId(row.imsi_key),
                           row.msisdn_key == 0 ? "" : UnpackSubscriberId(row.msisdn_key), row.day,
                           row.rat_mask, row.imsi_class));
      } else {
        packed.push_back(PackedObservation{row.imei_key, row.imsi_key, row.msisdn_key, row.day,
                                           row.rat_mask, row.imsi_class});
      }
    }
    OPENCEIR_RETURN_IF_ERROR(aggregator.AddPackedBatch(packed));
    rows_consumed += static_cast<std::int64_t>(batch.rows.size());
    if (options_.progress && !batch.rows.empty()) options_.progress(rows_consumed);
    return Status::Ok();
  };
  Status read = ReadOperatorFile(opened->get(), &parser, consume, std::size_t{1} << 20,
                                 raw.digest != nullptr ? &raw : nullptr);
  if (sha256_.empty()) {
    std::string hashed;
    if (raw.complete) {
      OPENCEIR_ASSIGN_OR_RETURN(hashed, digest->FinishHex());
    }
    OPENCEIR_RETURN_IF_ERROR(RecordHash(std::move(hashed)));
    OPENCEIR_ASSIGN_OR_RETURN(bool already, AlreadyImported());
    if (already) return Reject();
  }
  if (!read.ok()) {
    // A corrupt compressed stream is the file's fault, like a bad zip.
    if (read.code() != StatusCode::kIoError || !errors_.empty()) return read;
    errors_.Add(0, 0, "", "bad_input_file", read.message());
  }
  report_.rows = parser.counts().rows;
  report_.days = static_cast<std::int64_t>(daily.days());
  report_.spilled_bytes = aggregator.spilled_bytes();
  FaultPoint("operator_import_after_parse");
  if (!errors_.empty()) return Reject();

  // Data-quality checks.
  QualityInputs inputs;
  inputs.counts = &parser.counts();
  inputs.has_rat_column = parser.columns().rat >= 0;
  OPENCEIR_ASSIGN_OR_RETURN(inputs.gsma_shifted_matches, GsmaShiftedMatches(parser.counts()));
  std::vector<store::DailyCounts> daily_counts = daily.Finish();
  inputs.file = AverageOf(daily_counts);
  OPENCEIR_ASSIGN_OR_RETURN(inputs.history, History());
  report_.checks =
      EvaluateQualityChecks(inputs, config_.operator_thresholds, options_.disabled_checks);
  for (const QualityCheck& check : report_.checks) {
    if (check.passed) continue;
    report_.failed_checks.push_back(check.name);
    errors_.Add(0, 0, "", check.name,
                fmt::format("data-quality check {} failed: {}", check.name, check.detail));
  }
  if (!errors_.empty()) return Reject();

  // One batch, one commit.
  OPENCEIR_ASSIGN_OR_RETURN(std::unique_ptr<store::ObservationBatch> batch,
                            observations_.BeginBatch());
  std::int64_t triplets = 0;
  OPENCEIR_RETURN_IF_ERROR(
      aggregator.Finish([&](std::span<const store::TripletMonth> rows) -> Status {
        triplets += static_cast<std::int64_t>(rows.size());
        return batch->MergeTriplets(rows);
      }));
  report_.spilled_bytes = aggregator.spilled_bytes();
  OPENCEIR_RETURN_IF_ERROR(batch->MergeDailyCounts(daily_counts));
  store::ObservationImport import;
  import.job_id = report_.job_id;
  import.kind = store::ObservationImportKind::kOperatorData;
  import.operator_id = operator_id;
  import.file_sha256 = sha256_;
  import.first_day = name.name.first_day;
  import.last_day = name.name.last_day;
  import.rows = report_.rows;
  FaultPoint("operator_import_before_commit");
  Status committed = batch->Commit(import);
  if (committed.code() == StatusCode::kAlreadyExists) {
    // Another process committed the same file after this one checked: the store keeps each
    // file's data once.
    errors_.Add(0, 0, "", "already_imported", committed.message());
    return Reject();
  }
  OPENCEIR_RETURN_IF_ERROR(committed);
  report_.triplets = triplets;

  store::JobCounts job_counts = counts();
  job_counts.added = triplets;
  report_.accepted = true;
  report_.summary = fmt::format(
      "{}: {} read for {} ({} to {}, {} with data); {} merged; {} checks passed (job {}).",
      file_name_, Plural(report_.rows, "row"), operator_id, FormatYyyymmdd(report_.first_day),
      FormatYyyymmdd(report_.last_day), Plural(report_.days, "day"),
      Plural(triplets, "monthly triplet"),
      std::count_if(report_.checks.begin(), report_.checks.end(),
                    [](const QualityCheck& c) { return c.enabled && c.applicable; }),
      report_.job_id);
  // The data is committed; the job record follows. A kill between the two leaves the job
  // running with its import recorded in the observation store (see observation_store.h).
  OPENCEIR_RETURN_IF_ERROR(
      registry_.EndJob(report_.job_id, store::JobOutcome::kSucceeded, job_counts, ""));
  return report_;
}

Status OperatorImportRun::RecordHash(std::string sha256) {
  if (sha256.empty()) {
    // The read stopped early (or the file was not read): hash it apart. A file that cannot be
    // read keeps no hash; the error is in the report already.
    Result<std::string> hashed = io::Sha256OfFile(path_);
    if (!hashed.ok()) return Status::Ok();
    sha256 = std::move(hashed).value();
  }
  sha256_ = std::move(sha256);
  return registry_.SetJobInputSha256(report_.job_id, sha256_);
}

Result<bool> OperatorImportRun::AlreadyImported() {
  OPENCEIR_ASSIGN_OR_RETURN(std::optional<store::ObservationImport> earlier,
                            observations_.FindImport(store::ObservationImportKind::kOperatorData,
                                                     report_.operator_id, sha256_));
  // Never applied twice: triplets and sketches would merge to the same state, but the day's
  // row counts (the volume history) would double.
  if (!earlier) return false;
  errors_.Add(0, 0, "", "already_imported",
              fmt::format("this file (sha256 {}) was already imported by job {} ({}); its data "
                          "is in the store and is not applied twice",
                          sha256_, earlier->job_id, Plural(earlier->rows, "row")));
  return true;
}

Result<std::optional<std::int64_t>> OperatorImportRun::GsmaShiftedMatches(
    const QualityCounts& counts) {
  if (counts.shifted_tacs.empty() || options_.disabled_checks.count("leading_zero_gsma") != 0) {
    return std::optional<std::int64_t>();
  }
  std::int64_t matches = 0;
  OPENCEIR_RETURN_IF_ERROR(registry_.ScanCurrentList(
      store::ListKind::kGsmaTac, [&](const store::ListRow& row) -> Status {
        const std::string& tac = row.empty() ? std::string() : row[0];
        // Only TACs starting with 0 can be the shifted form of a 1-prefixed IMEI.
        if (tac.size() != 8 || tac[0] != '0') return Status::Ok();
        std::uint32_t value = 0;
        for (char c : tac) {
          if (c < '0' || c > '9') return Status::Ok();
          value = value * 10 + static_cast<std::uint32_t>(c - '0');
        }
        auto it = counts.shifted_tacs.find(value);
        if (it != counts.shifted_tacs.end()) matches += it->second;
        return Status::Ok();
      }));
  return std::optional<std::int64_t>(matches);
}

Result<VolumeAverages> OperatorImportRun::History() {
  std::vector<store::DailyCounts> history;
  if (options_.history_days <= 0) return VolumeAverages{};
  store::DateWindow window{Date{report_.first_day.days - options_.history_days},
                           Date{report_.first_day.days - 1}};
  OPENCEIR_RETURN_IF_ERROR(observations_.ScanDailyCounts(
      report_.operator_id, window, [&](const store::DailyCounts& c) -> Status {
        history.push_back(c);
        return Status::Ok();
      }));
  return AverageOf(history);
}

Result<OperatorImportReport> OperatorImportRun::Reject() {
  if (sha256_.empty()) OPENCEIR_RETURN_IF_ERROR(RecordHash(""));
  report_.accepted = false;
  report_.total_errors = errors_.total();
  report_.summary =
      fmt::format("{} rejected: {} (first {} listed); nothing changed (job {}).", file_name_,
                  Plural(errors_.total(), "error"), errors_.listed().size(), report_.job_id);
  if (!report_.failed_checks.empty()) {
    std::string names;
    for (const std::string& n : report_.failed_checks) {
      if (!names.empty()) names += ", ";
      names += n;
    }
    report_.summary += fmt::format(" Failed data-quality checks: {}.", names);
  }
  std::string job_error = report_.summary;
  for (const OperatorDataError& error : errors_.listed()) {
    job_error += '\n';
    job_error += error.ToString();
  }
  report_.errors = errors_.TakeListed();
  OPENCEIR_RETURN_IF_ERROR(
      registry_.EndJob(report_.job_id, store::JobOutcome::kRejected, counts(), job_error));
  return report_;
}

}  // namespace

Result<OperatorImportReport> ImportOperatorData(store::RegistryStore& registry,
                                                store::ObservationStore& observations,
                                                const config::Config& config,
                                                const std::string& operator_id,
                                                const std::string& path,
                                                const OperatorImportOptions& options) {
  for (const std::string& name : options.disabled_checks) {
    if (!IsQualityCheckName(name)) {
      std::string known;
      for (std::string_view n : QualityCheckNames()) {
        if (!known.empty()) known += ", ";
        known += n;
      }
      return InvalidInputError(
          fmt::format("unknown data-quality check '{}'; the checks are: {}", name, known));
    }
  }
  // A plain file is hashed while it is read (Run); a compressed one first, by a read of its own.
  std::string sha256;
  if (io::IsPlainInput(path)) {
    // Opened once here so that a missing or unreadable file fails before a job is recorded,
    // as a compressed one does when it is hashed.
    OPENCEIR_RETURN_IF_ERROR(io::OpenInputFile(path).status());
  } else {
    OPENCEIR_ASSIGN_OR_RETURN(sha256, io::Sha256OfFile(path));
  }
  store::JobStart start;
  start.command = "import operator";
  start.arguments = options.arguments;
  start.user = options.user;
  start.input_path = path;
  start.input_sha256 = sha256;
  start.pid = static_cast<std::int64_t>(getpid());
  OPENCEIR_ASSIGN_OR_RETURN(store::JobId job, registry.StartJob(start));

  OperatorImportRun run(registry, observations, config, operator_id, path, options, job);
  Result<OperatorImportReport> report = run.Run(sha256);
  if (!report.ok()) {
    registry.EndJob(job, store::JobOutcome::kFailed, run.counts(), report.status().ToString())
        .IgnoreError();
  }
  return report;
}

}  // namespace openceir::observe
