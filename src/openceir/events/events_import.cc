// ImportEvents: the whole import of one events file, as one recorded job.
#include "openceir/events/events_import.h"

#include <fmt/format.h>

#include <optional>
#include <unordered_map>

#include "openceir/base/fault_point.h"
#include "openceir/events/cell_index.h"
#include "openceir/events/event_file_reader.h"
#include "openceir/events/travel_buffer.h"
#include "openceir/events/travel_stage.h"
#include "openceir/observe/file_observations.h"
#include "openceir/observe/operator_file_name.h"
#include "openceir/observe/recorded_import.h"
#include "openceir/observe/region_matcher.h"

namespace openceir::events {
namespace {

using observe::Plural;

constexpr std::size_t kUnknownCellsListed = 5;

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
                  const std::string& path, const EventsImportOptions& options,
                  observe::StartedImport started)
      : observations_(observations),
        config_(config),
        options_(options),
        import_(registry, observations, store::ObservationImportKind::kEvents, operator_id, path,
                std::move(started), config.import.max_listed_errors) {
    report_.job_id = import_.job();
    report_.operator_id = operator_id;
  }

  Result<EventsImportReport> Run();
  store::JobCounts counts() const {
    store::JobCounts counts;
    counts.rows_read = report_.rows;
    return counts;
  }

 private:
  Result<EventsImportReport> Reject();
  void NoteUnknownCell(const CellKey& key);

  store::ObservationStore& observations_;
  const config::Config& config_;
  const EventsImportOptions& options_;
  observe::RecordedImport import_;
  EventsImportReport report_;
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

Result<EventsImportReport> EventsImportRun::Run() {
  observe::OperatorDataErrors& errors = import_.errors();
  const std::string& operator_id = report_.operator_id;
  SystemClock system_clock;
  const Clock& clock = options_.clock != nullptr ? *options_.clock : system_clock;
  EventsFileNameCheck name =
      CheckEventsFileName(import_.file_name(), operator_id, DateFromUnixSeconds(clock.Now()));
  if (!name.ok) {
    errors.Add(0, 0, "", name.rule, name.message);
    return Reject();
  }
  report_.first_day = name.first_day;
  report_.last_day = name.last_day;
  Result<observe::RegionMatcher> region = observe::RegionMatcher::Create(config_, operator_id);
  if (!region.ok()) {
    errors.Add(0, 0, "", "unknown_operator", region.status().message());
    return Reject();
  }
  OPENCEIR_ASSIGN_OR_RETURN(std::unique_ptr<io::InputStream> input, import_.OpenForReading());
  if (!input) return Reject();
  OPENCEIR_ASSIGN_OR_RETURN(CellIndex cells, CellIndex::Load(observations_));

  // Parse, validate, aggregate and buffer in one streaming pass.
  observe::FileObservations observed(operator_id, options_.memory_budget_bytes, options_.temp_dir);
  TravelBuffer travel(64, options_.memory_budget_bytes, options_.temp_dir);
  ImeiInterner interner;
  EventRowParser parser(&*region, name.first_day, name.last_day, &errors);
  parser.set_cells(&cells);
  std::int64_t rows_consumed = 0;
  auto consume = [&](const EventBatch& batch) -> Status {
    OPENCEIR_RETURN_IF_ERROR(observed.AddBatch(batch.rows, batch.arena));
    for (const ParsedEvent& row : batch.rows) {
      std::optional<std::uint32_t> cell;
      if (!row.has_cell) {
        ++report_.events_without_cell;
      } else if (row.cell_index == ParsedEvent::kCellNotInTable) {
        NoteUnknownCell(row.cell);
      } else {
        cell = row.cell_index;
      }
      if (row.imei_key == ParsedEvent::kNullImei) continue;  // no travel without an IMEI
      std::uint64_t imei_key = row.imei_key;
      if (row.imei_key == ParsedEvent::kArenaImei) {
        imei_key = interner.KeyOf(
            std::string_view(batch.arena.data() + row.arena_offset, row.arena_length));
      }
      if (!cell || row.imsi_key == 0) continue;
      OPENCEIR_RETURN_IF_ERROR(travel.Add(TravelRecord{imei_key, row.time, row.imsi_key, *cell}));
    }
    rows_consumed += static_cast<std::int64_t>(batch.rows.size());
    if (options_.progress && !batch.rows.empty()) options_.progress(rows_consumed);
    return Status::Ok();
  };
  Status read =
      ReadEventFile(input.get(), &parser, consume, std::size_t{1} << 20, import_.raw_digest());
  OPENCEIR_ASSIGN_OR_RETURN(bool already, import_.FinishHashAndCheck());
  if (already) return Reject();
  OPENCEIR_RETURN_IF_ERROR(import_.NoteReadFailure(read));
  report_.rows = parser.rows();
  report_.days = static_cast<std::int64_t>(observed.days());
  report_.travel_events = travel.records();
  FaultPoint("events_import_after_parse");
  if (!errors.empty()) return Reject();

  // One batch, one commit.
  OPENCEIR_ASSIGN_OR_RETURN(std::unique_ptr<store::ObservationBatch> batch,
                            observations_.BeginBatch());
  OPENCEIR_ASSIGN_OR_RETURN(std::int64_t triplets, observed.MergeTriplets(*batch));
  OPENCEIR_RETURN_IF_ERROR(batch->MergeDailyCounts(observed.DailyCounts()));
  TravelStage stage(options_.travel, &cells, &interner.names(), operator_id, &observations_,
                    batch.get());
  OPENCEIR_RETURN_IF_ERROR(travel.Finish(
      [&](std::span<const TravelRecord> records) { return stage.ProcessPartition(records); }));
  report_.spilled_bytes = observed.spilled_bytes() + travel.spilled_bytes();
  report_.travel_imeis = stage.imeis();
  report_.evidence = stage.evidence();

  store::ObservationImport import;
  import.first_day = name.first_day;
  import.last_day = name.last_day;
  import.rows = report_.rows;
  FaultPoint("events_import_before_commit");
  OPENCEIR_ASSIGN_OR_RETURN(bool committed, import_.Commit(*batch, std::move(import)));
  if (!committed) return Reject();
  report_.triplets = triplets;
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
      import_.file_name(), Plural(report_.rows, "event"), operator_id,
      FormatYyyymmdd(report_.first_day), FormatYyyymmdd(report_.last_day),
      Plural(report_.days, "day"), Plural(triplets, "monthly triplet"),
      Plural(report_.travel_events, "event"), Plural(report_.travel_imeis, "IMEI"),
      Plural(report_.evidence, "evidence record"), unknown,
      report_.events_without_cell > 0
          ? fmt::format(" {} had no cell.", Plural(report_.events_without_cell, "event"))
          : std::string(),
      report_.job_id);
  store::JobCounts job_counts = counts();
  job_counts.added = triplets;
  OPENCEIR_RETURN_IF_ERROR(import_.Succeed(job_counts, &report_));
  return report_;
}

Result<EventsImportReport> EventsImportRun::Reject() {
  OPENCEIR_RETURN_IF_ERROR(import_.Reject(counts(), &report_));
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
  OPENCEIR_ASSIGN_OR_RETURN(
      observe::StartedImport started,
      observe::StartImportJob(registry, "import events", path,
                              /*hash_while_reading=*/true, options.user, options.arguments));
  const store::JobId job = started.job;
  EventsImportRun run(registry, observations, config, operator_id, path, options,
                      std::move(started));
  Result<EventsImportReport> report = run.Run();
  if (!report.ok()) observe::EndFailedImportJob(registry, job, run.counts(), report.status());
  return report;
}

}  // namespace openceir::events
