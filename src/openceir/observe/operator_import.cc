// ImportOperatorData: the whole import of one operator data file, as one recorded job.
#include "openceir/observe/operator_import.h"

#include <fmt/format.h>

#include <algorithm>
#include <optional>

#include "openceir/base/fault_point.h"
#include "openceir/observe/file_observations.h"
#include "openceir/observe/operator_file_name.h"
#include "openceir/observe/operator_file_reader.h"
#include "openceir/observe/operator_row_parser.h"
#include "openceir/observe/region_matcher.h"

namespace openceir::observe {
namespace {

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
                    const std::string& path, const OperatorImportOptions& options,
                    StartedImport started)
      : registry_(registry),
        observations_(observations),
        config_(config),
        options_(options),
        import_(registry, observations, store::ObservationImportKind::kOperatorData, operator_id,
                path, std::move(started), config.import.max_listed_errors,
                // Triplets and sketches would merge to the same state, but the day's row
                // counts (the volume history) would double.
                "; its data is in the store and is not applied twice") {
    report_.job_id = import_.job();
    report_.operator_id = operator_id;
  }

  Result<OperatorImportReport> Run();
  store::JobCounts counts() const {
    store::JobCounts counts;
    counts.rows_read = report_.rows;
    return counts;
  }

 private:
  Result<OperatorImportReport> Reject();
  Result<std::optional<std::int64_t>> GsmaShiftedMatches(const QualityCounts& counts);
  Result<VolumeAverages> History();

  store::RegistryStore& registry_;
  store::ObservationStore& observations_;
  const config::Config& config_;
  const OperatorImportOptions& options_;
  RecordedImport import_;
  OperatorImportReport report_;
};

Result<OperatorImportReport> OperatorImportRun::Run() {
  OperatorDataErrors& errors = import_.errors();
  const std::string& operator_id = report_.operator_id;
  SystemClock system_clock;
  const Clock& clock = options_.clock != nullptr ? *options_.clock : system_clock;
  OperatorFileNameCheck name =
      CheckOperatorFileName(import_.file_name(), operator_id, DateFromUnixSeconds(clock.Now()));
  if (!name.ok) {
    errors.Add(0, 0, "", name.rule, name.message);
    return Reject();
  }
  report_.first_day = name.name.first_day;
  report_.last_day = name.name.last_day;
  Result<RegionMatcher> region = RegionMatcher::Create(config_, operator_id);
  if (!region.ok()) {
    errors.Add(0, 0, "", "unknown_operator", region.status().message());
    return Reject();
  }

  OPENCEIR_ASSIGN_OR_RETURN(std::unique_ptr<io::InputStream> input, import_.OpenForReading());
  if (!input) return Reject();

  // Parse, validate and aggregate in one streaming pass.
  FileObservations observed(operator_id, options_.memory_budget_bytes, options_.temp_dir);
  OperatorRowParser parser(&*region, name.name.first_day, name.name.last_day, &errors);
  std::int64_t rows_consumed = 0;
  auto consume = [&](const ParsedBatch& batch) -> Status {
    OPENCEIR_RETURN_IF_ERROR(observed.AddBatch(batch.rows, batch.arena));
    rows_consumed += static_cast<std::int64_t>(batch.rows.size());
    if (options_.progress && !batch.rows.empty()) options_.progress(rows_consumed);
    return Status::Ok();
  };
  Status read =
      ReadOperatorFile(input.get(), &parser, consume, std::size_t{1} << 20, import_.raw_digest());
  OPENCEIR_ASSIGN_OR_RETURN(bool already, import_.FinishHashAndCheck());
  if (already) return Reject();
  OPENCEIR_RETURN_IF_ERROR(import_.NoteReadFailure(read));
  report_.rows = parser.counts().rows;
  report_.days = static_cast<std::int64_t>(observed.days());
  report_.spilled_bytes = observed.spilled_bytes();
  FaultPoint("operator_import_after_parse");
  if (!errors.empty()) return Reject();

  // Data-quality checks.
  QualityInputs inputs;
  inputs.counts = &parser.counts();
  inputs.has_rat_column = parser.columns().rat >= 0;
  OPENCEIR_ASSIGN_OR_RETURN(inputs.gsma_shifted_matches, GsmaShiftedMatches(parser.counts()));
  std::vector<store::DailyCounts> daily_counts = observed.DailyCounts();
  inputs.file = AverageOf(daily_counts);
  OPENCEIR_ASSIGN_OR_RETURN(inputs.history, History());
  report_.checks =
      EvaluateQualityChecks(inputs, config_.operator_thresholds, options_.disabled_checks);
  for (const QualityCheck& check : report_.checks) {
    if (check.passed) continue;
    report_.failed_checks.push_back(check.name);
    errors.Add(0, 0, "", check.name,
               fmt::format("data-quality check {} failed: {}", check.name, check.detail));
  }
  if (!errors.empty()) return Reject();

  // One batch, one commit.
  OPENCEIR_ASSIGN_OR_RETURN(std::unique_ptr<store::ObservationBatch> batch,
                            observations_.BeginBatch());
  OPENCEIR_ASSIGN_OR_RETURN(std::int64_t triplets, observed.MergeTriplets(*batch));
  report_.spilled_bytes = observed.spilled_bytes();
  OPENCEIR_RETURN_IF_ERROR(batch->MergeDailyCounts(daily_counts));
  store::ObservationImport import;
  import.first_day = name.name.first_day;
  import.last_day = name.name.last_day;
  import.rows = report_.rows;
  FaultPoint("operator_import_before_commit");
  OPENCEIR_ASSIGN_OR_RETURN(bool committed, import_.Commit(*batch, std::move(import)));
  if (!committed) return Reject();
  report_.triplets = triplets;

  store::JobCounts job_counts = counts();
  job_counts.added = triplets;
  report_.summary = fmt::format(
      "{}: {} read for {} ({} to {}, {} with data); {} merged; {} checks passed (job {}).",
      import_.file_name(), Plural(report_.rows, "row"), operator_id,
      FormatYyyymmdd(report_.first_day), FormatYyyymmdd(report_.last_day),
      Plural(report_.days, "day"), Plural(triplets, "monthly triplet"),
      std::count_if(report_.checks.begin(), report_.checks.end(),
                    [](const QualityCheck& c) { return c.enabled && c.applicable; }),
      report_.job_id);
  OPENCEIR_RETURN_IF_ERROR(import_.Succeed(job_counts, &report_));
  return report_;
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
  OPENCEIR_RETURN_IF_ERROR(import_.Reject(counts(), &report_, report_.failed_checks));
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
  OPENCEIR_ASSIGN_OR_RETURN(StartedImport started, StartImportJob(registry, "import operator", path,
                                                                  /*hash_while_reading=*/true,
                                                                  options.user, options.arguments));
  const store::JobId job = started.job;
  OperatorImportRun run(registry, observations, config, operator_id, path, options,
                        std::move(started));
  Result<OperatorImportReport> report = run.Run();
  if (!report.ok()) EndFailedImportJob(registry, job, run.counts(), report.status());
  return report;
}

}  // namespace openceir::observe
