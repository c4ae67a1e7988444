// ImportEvents: the whole import of one events file, as one recorded job.
#include "openceir/events/events_import.h"

#include <fmt/format.h>
#include <unistd.h>

#include <filesystem>
#include <optional>
#include <unordered_map>

#include "openceir/base/fault_point.h"
#include "openceir/events/cell_index.h"
#include "openceir/events/event_file_reader.h"
#include "openceir/events/travel_buffer.h"
#include "openceir/events/travel_stage.h"
#include "openceir/io/input_file.h"
#include "openceir/io/sha256.h"
#include "openceir/observe/daily_counter.h"
#include "openceir/observe/operator_file_name.h"
#include "openceir/observe/region_matcher.h"
#include "openceir/observe/triplet_aggregator.h"

namespace openceir::events {
namespace {

constexpr std::size_t kUnknownCellsListed = 5;

std::string Plural(std::int64_t n, std::string_view word) {
  return fmt::format("{} {}{}", n, word, n == 1 ? "" : "s");
}

bool EndsWith(std::string_view text, std::string_view suffix) {
  return text.size() >= suffix.size() && text.substr(text.size() - suffix.size()) == suffix;
}

// imei_norms that are not 14 digits, numbered so that they fit a TravelRecord.
class ImeiInterner {
 public:
  std::uint64_t KeyOf(std::string_view imei_norm) {
    auto it = index_.find(std::string(imei_norm));
    if (it != index_.end()) return kInternedImei | it->second;
    std::uint64_t id = names_.size();
    names_.emplace_back(imei_norm);
    index_.emplace(names_.back(), id);
    return kInternedImei | id;
  }
  const std::vector<std::string>& names() const { return names_; }

 private:
  std::unordered_map<std::string, std::uint64_t> index_;
  std::vector<std::string> names_;
};

class EventsImportRun {
 public:
  EventsImportRun(store::RegistryStore& registry, store::ObservationStore& observations,
                  const config::Config& config, const std::string& operator_id,
                  const std::string& path, const EventsImportOptions& options, store::JobId job)
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
  Result<EventsImportReport> Run(std::string sha256);
  store::JobCounts counts() const {
    store::JobCounts counts;
    counts.rows_read = report_.rows;
    return counts;
  }

 private:
  Result<EventsImportReport> Reject();
  // Records `sha256` (or, when empty, the hash from a separate read) as the job's input hash.
  Status RecordHash(std::string sha256);
  // Rejects a file whose data is already in the store (true when it did).
  Result<bool> AlreadyImported();
  void NoteUnknownCell(const CellKey& key);

  store::RegistryStore& registry_;
  store::ObservationStore& observations_;
  const config::Config& config_;
  std::string path_;
  std::string file_name_;
  const EventsImportOptions& options_;
  observe::OperatorDataErrors errors_;
  EventsImportReport report_;
  std::string sha256_;  // "" until known
};

void EventsImportRun::NoteUnknownCell(const CellKey& key) {
  ++report_.events_unknown_cell;
  if (report_.unknown_cells.size() >= kUnknownCellsListed) return;
  std::string id = FormatCellId(key);
  for (const std::string& known : report_.unknown_cells) {
    if (known == id) return;
  }
  report_.unknown_cells.push_back(std::move(id));
}

Result<EventsImportReport> EventsImportRun::Run(std::string sha256) {
  sha256_ = std::move(sha256);
  const std::string& operator_id = report_.operator_id;
  SystemClock system_clock;
  const Clock& clock = options_.clock != nullptr ? *options_.clock : system_clock;
  EventsFileNameCheck name =
      CheckEventsFileName(file_name_, operator_id, DateFromUnixSeconds(clock.Now()));
  if (!name.ok) {
    errors_.Add(0, 0, "", name.rule, name.message);
    return Reject();
  }
  report_.first_day = name.first_day;
  report_.last_day = name.last_day;
  Result<observe::RegionMatcher> region = observe::RegionMatcher::Create(config_, operator_id);
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
  observe::RawDigest raw;
  if (sha256_.empty() && (*opened)->reads_raw_bytes()) {
    OPENCEIR_ASSIGN_OR_RETURN(digest, io::Sha256::Start());
    raw.digest = &*digest;
  }
  OPENCEIR_ASSIGN_OR_RETURN(CellIndex cells, CellIndex::Load(observations_));

  // Parse, validate, aggregate and buffer in one streaming pass.
  observe::TripletAggregatorOptions aggregator_options;
  aggregator_options.operator_id = operator_id;
  aggregator_options.memory_budget_bytes = options_.memory_budget_bytes;
  aggregator_options.spill_dir = options_.temp_dir;
  observe::TripletAggregator aggregator(aggregator_options);
  observe::DailyCounter daily(operator_id);
  TravelBuffer travel(64, options_.memory_budget_bytes, options_.temp_dir);
  ImeiInterner interner;
  EventRowParser parser(&*region, name.first_day, name.last_day, &errors_);
  parser.set_cells(&cells);
  std::int64_t rows_consumed = 0;
  std::vector<observe::PackedObservation> packed;  // 14-digit IMEIs: merged with prefetching
  auto consume = [&](const EventBatch& batch) -> Status {
    packed.clear();
    for (const ParsedEvent& row : batch.rows) {
      daily.Add(row.day, row.hashes);
      std::optional<std::uint32_t> cell;
      if (!row.has_cell) {
        ++report_.events_without_cell;
      } else if (row.cell_index == ParsedEvent::kCellNotInTable) {
        NoteUnknownCell(row.cell);
      } else {
        cell = row.cell_index;
      }
      if (row.imei_key == ParsedEvent::kNullImei) continue;  // no triplet, no travel
      std::uint64_t imei_key = row.imei_key;
      if (row.imei_key == ParsedEvent::kArenaImei) {
        std::string_view imei_norm(batch.arena.data() + row.arena_offset, row.arena_length);
        OPENCEIR_RETURN_IF_ERROR(aggregator.Add(
            imei_norm, row.imsi_key == 0 ? "" : observe::UnpackSubscriberId(row.imsi_key),
            row.msisdn_key == 0 ? "" : observe::UnpackSubscriberId(row.msisdn_key), row.day,
            row.rat_mask, row.imsi_class));
        imei_key = interner.KeyOf(imei_norm);
      } else {
        packed.push_back(observe::PackedObservation{row.imei_key, row.imsi_key, row.msisdn_key,
                                                    row.day, row.rat_mask, row.imsi_class});
      }
      if (!cell || row.imsi_key == 0) continue;
      OPENCEIR_RETURN_IF_ERROR(travel.Add(TravelRecord{imei_key, row.time, row.imsi_key, *cell}));
    }
    OPENCEIR_RETURN_IF_ERROR(aggregator.AddPackedBatch(packed));
    rows_consumed += static_cast<std::int64_t>(batch.rows.size());
    if (options_.progress && !batch.rows.empty()) options_.progress(rows_consumed);
    return Status::Ok();
  };
  Status read = ReadEventFile(opened->get(), &parser, consume, std::size_t{1} << 20,
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
    if (read.code() != StatusCode::kIoError || !errors_.empty()) return read;
    errors_.Add(0, 0, "", "bad_input_file", read.message());  // corrupt compressed stream
  }
  report_.rows = parser.rows();
  report_.days = static_cast<std::int64_t>(daily.days());
  report_.travel_events = travel.records();
  FaultPoint("events_import_after_parse");
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
  OPENCEIR_RETURN_IF_ERROR(batch->MergeDailyCounts(daily.Finish()));
  TravelStage stage(options_.travel, &cells, &interner.names(), operator_id, &observations_,
                    batch.get());
  OPENCEIR_RETURN_IF_ERROR(travel.Finish(
      [&](std::span<const TravelRecord> records) { return stage.ProcessPartition(records); }));
  report_.spilled_bytes = aggregator.spilled_bytes() + travel.spilled_bytes();
  report_.travel_imeis = stage.imeis();
  report_.evidence = stage.evidence();

  store::ObservationImport import;
  import.job_id = report_.job_id;
  import.kind = store::ObservationImportKind::kEvents;
  import.operator_id = operator_id;
  import.file_sha256 = sha256_;
  import.first_day = name.first_day;
  import.last_day = name.last_day;
  import.rows = report_.rows;
  FaultPoint("events_import_before_commit");
  Status committed = batch->Commit(import);
  if (committed.code() == StatusCode::kAlreadyExists) {
    errors_.Add(0, 0, "", "already_imported", committed.message());
    return Reject();
  }
  OPENCEIR_RETURN_IF_ERROR(committed);
  report_.triplets = triplets;
  report_.accepted = true;
  std::string unknown;
  if (report_.events_unknown_cell > 0) {
    std::string examples;
    for (const std::string& id : report_.unknown_cells) {
      if (!examples.empty()) examples += ", ";
      examples += id;
    }
    unknown = fmt::format(
        " {} had a cell not in the cell table (e.g. {}) and took no part in "
        "travel checks.",
        Plural(report_.events_unknown_cell, "event"), examples);
  }
  report_.summary = fmt::format(
      "{}: {} read for {} ({} to {}, {} with data); {} merged; {} of {} checked for impossible "
      "travel, {} found.{}{} (job {}).",
      file_name_, Plural(report_.rows, "event"), operator_id, FormatYyyymmdd(report_.first_day),
      FormatYyyymmdd(report_.last_day), Plural(report_.days, "day"),
      Plural(triplets, "monthly triplet"), Plural(report_.travel_events, "event"),
      Plural(report_.travel_imeis, "IMEI"), Plural(report_.evidence, "evidence record"), unknown,
      report_.events_without_cell > 0
          ? fmt::format(" {} had no cell.", Plural(report_.events_without_cell, "event"))
          : std::string(),
      report_.job_id);
  store::JobCounts job_counts = counts();
  job_counts.added = triplets;
  // The data is committed; the job record follows (see observation_store.h on a kill between).
  OPENCEIR_RETURN_IF_ERROR(
      registry_.EndJob(report_.job_id, store::JobOutcome::kSucceeded, job_counts, ""));
  return report_;
}

Status EventsImportRun::RecordHash(std::string sha256) {
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

Result<bool> EventsImportRun::AlreadyImported() {
  OPENCEIR_ASSIGN_OR_RETURN(std::optional<store::ObservationImport> earlier,
                            observations_.FindImport(store::ObservationImportKind::kEvents,
                                                     report_.operator_id, sha256_));
  if (!earlier) return false;
  errors_.Add(0, 0, "", "already_imported",
              fmt::format("this file (sha256 {}) was already imported by job {} ({})", sha256_,
                          earlier->job_id, Plural(earlier->rows, "row")));
  return true;
}

Result<EventsImportReport> EventsImportRun::Reject() {
  if (sha256_.empty()) OPENCEIR_RETURN_IF_ERROR(RecordHash(""));
  report_.accepted = false;
  report_.total_errors = errors_.total();
  report_.summary =
      fmt::format("{} rejected: {} (first {} listed); nothing changed (job {}).", file_name_,
                  Plural(errors_.total(), "error"), errors_.listed().size(), report_.job_id);
  std::string job_error = report_.summary;
  for (const observe::OperatorDataError& error : errors_.listed()) {
    job_error += '\n';  // not "\n" + ...: GCC 12 -O3 warns falsely (-Wrestrict)
    job_error += error.ToString();
  }
  report_.errors = errors_.TakeListed();
  OPENCEIR_RETURN_IF_ERROR(
      registry_.EndJob(report_.job_id, store::JobOutcome::kRejected, counts(), job_error));
  return report_;
}

}  // namespace

EventsFileNameCheck CheckEventsFileName(std::string_view file_name, std::string_view operator_id,
                                        Date today) {
  // `<stem>.events.csv[.gz|.zst|.zip]` is checked as the operator data name `<stem>.csv`.
  std::string_view rest = file_name;
  std::string_view compression;
  for (std::string_view suffix : {".gz", ".zst", ".zip"}) {
    if (EndsWith(rest, suffix)) {
      compression = suffix;
      rest.remove_suffix(suffix.size());
      break;
    }
  }
  EventsFileNameCheck check;
  if (!EndsWith(rest, ".events.csv")) {
    check.rule = "bad_file_name";
    check.message = fmt::format(
        "the file name '{}' does not have the form <operator>_<YYYYMMDD>_<YYYYMMDD>.events.csv",
        file_name);
    return check;
  }
  rest.remove_suffix(11);
  observe::OperatorFileNameCheck inner = observe::CheckOperatorFileName(
      fmt::format("{}.csv{}", rest, compression), operator_id, today);
  check.ok = inner.ok;
  check.rule = inner.rule;
  check.message = inner.message;
  if (inner.rule == "bad_file_name") {
    check.message = fmt::format(
        "the file name '{}' does not have the form <operator>_<YYYYMMDD>_<YYYYMMDD>.events.csv",
        file_name);
  }
  check.first_day = inner.name.first_day;
  check.last_day = inner.name.last_day;
  return check;
}

Result<EventsImportReport> ImportEvents(store::RegistryStore& registry,
                                        store::ObservationStore& observations,
                                        const config::Config& config,
                                        const std::string& operator_id, const std::string& path,
                                        const EventsImportOptions& options) {
  const TravelDetectorOptions& travel = options.travel;
  if (!(travel.max_speed_kmh > 0) || !(travel.min_distance_km >= 0) ||
      !(travel.max_cell_range_km >= 0)) {
    return InvalidInputError(
        "travel settings: the maximum speed must be > 0, the minimum distance and the maximum "
        "cell range >= 0");
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
  start.command = "import events";
  start.arguments = options.arguments;
  start.user = options.user;
  start.input_path = path;
  start.input_sha256 = sha256;
  start.pid = static_cast<std::int64_t>(getpid());
  OPENCEIR_ASSIGN_OR_RETURN(store::JobId job, registry.StartJob(start));

  EventsImportRun run(registry, observations, config, operator_id, path, options, job);
  Result<EventsImportReport> report = run.Run(sha256);
  if (!report.ok()) {
    registry.EndJob(job, store::JobOutcome::kFailed, run.counts(), report.status().ToString())
        .IgnoreError();
  }
  return report;
}

}  // namespace openceir::events
