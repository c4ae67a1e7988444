// GenerateLists: build the run's (and base run's) lists in a staging folder, write the full and
// delta CSVs, zip them, write the manifest, record the generation (a first one), rename the
// folder into place.
#include "openceir/lists/list_generator.h"

#include <fmt/format.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>

#include "openceir/io/zip_writer.h"
#include "openceir/lists/list_history.h"
#include "openceir/lists/output_csv.h"
#include "openceir/lists/row_diff.h"
#include "openceir/lists/run_lists.h"

namespace openceir::lists {
namespace {

namespace fs = std::filesystem;

constexpr char kBlacklistHeader[] = "imei,block_date,reasons";
constexpr char kNotificationHeader[] = "imei,imsi,msisdn,block_date,reasons";
constexpr char kExceptionHeader[] = "imei,imsi,msisdn";

// What every file of one generation shares.
struct Naming {
  std::string date;          // "20261129_000000"
  std::string delta_suffix;  // "_delta_<base>_<run>_"
  std::string csv_dir;       // where CSVs are staged before zipping
  std::string zip_dir;       // the staging folder
  ListOptions options;
};

// One zip being assembled: its CSVs in order.
struct ZipBuilder {
  ZipRecord record;
  std::vector<io::ZipMember> members;

  Status Add(OutputCsv& csv, const std::string& list, const std::string& operator_id,
             const std::string& change) {
    OPENCEIR_ASSIGN_OR_RETURN(ListFileRecord file, csv.Finish());
    file.list = list;
    file.operator_id = operator_id;
    file.change = change;
    members.push_back({file.name, csv.path()});
    record.members.push_back(std::move(file));
    return Status::Ok();
  }

  Status Write(const Naming& naming, std::int64_t mtime) {
    std::string path = naming.zip_dir + "/" + record.name;
    OPENCEIR_RETURN_IF_ERROR(io::WriteZip(path, members, mtime));
    std::error_code error;
    record.bytes = static_cast<std::int64_t>(fs::file_size(path, error));
    if (error) return IoError(path + ": " + error.message());
    OPENCEIR_ASSIGN_OR_RETURN(record.sha256, Sha256OfFile(path));
    return Status::Ok();
  }
};

// A delta's files, one per reason, in the order given.
class DeltaFiles {
 public:
  static Result<DeltaFiles> Create(const Naming& naming, const std::string& prefix,
                                   const std::string& header, std::size_t columns,
                                   std::initializer_list<const char*> reasons) {
    DeltaFiles files;
    for (const char* reason : reasons) {
      std::string path = naming.csv_dir + "/" + prefix + naming.delta_suffix + reason + ".csv";
      OPENCEIR_ASSIGN_OR_RETURN(auto csv, OutputCsv::Create(path, header, columns, naming.options));
      files.reasons_.emplace_back(reason);
      files.csvs_.push_back(std::move(csv));
    }
    return files;
  }

  OutputCsv& operator[](std::string_view reason) {
    for (std::size_t i = 0; i < reasons_.size(); ++i) {
      if (reasons_[i] == reason) return *csvs_[i];
    }
    return *csvs_.front();  // unreachable: callers name only the reasons they created
  }

  Status AddTo(ZipBuilder& zip, const std::string& list, const std::string& operator_id) {
    for (std::size_t i = 0; i < reasons_.size(); ++i) {
      OPENCEIR_RETURN_IF_ERROR(zip.Add(*csvs_[i], list, operator_id, reasons_[i]));
    }
    return Status::Ok();
  }

 private:
  std::vector<std::string> reasons_;
  std::vector<std::unique_ptr<OutputCsv>> csvs_;
};

Result<ZipRecord> WriteBlacklistZip(const Naming& naming, const RunLists& lists,
                                    const RunLists* base, std::int64_t mtime) {
  std::string prefix = naming.date + "_blacklist";
  ZipBuilder zip;
  zip.record.name = prefix + ".zip";
  OPENCEIR_ASSIGN_OR_RETURN(auto full, OutputCsv::Create(naming.csv_dir + "/" + prefix + ".csv",
                                                         kBlacklistHeader, 3, naming.options));
  OPENCEIR_RETURN_IF_ERROR(CopyRows(lists.blacklist, *full));
  OPENCEIR_RETURN_IF_ERROR(zip.Add(*full, "blacklist", "", ""));
  OPENCEIR_ASSIGN_OR_RETURN(auto delta, DeltaFiles::Create(naming, prefix, kBlacklistHeader, 3,
                                                           {"blocked", "unblocked", "changed"}));
  OPENCEIR_RETURN_IF_ERROR(DiffRowFiles(
      base ? base->blacklist : "", lists.blacklist, 1,
      [&](const auto& row) { return delta["blocked"].Write(row); },
      [&](const auto& row) { return delta["unblocked"].Write(row); },
      [&](const auto& row) { return delta["changed"].Write(row); }));
  OPENCEIR_RETURN_IF_ERROR(delta.AddTo(zip, "blacklist", ""));
  OPENCEIR_RETURN_IF_ERROR(zip.Write(naming, mtime));
  return zip.record;
}

// Why a notification of the base run is gone from the run's list.
const char* RemovedNotificationReason(const RunLists& lists, const std::vector<std::string>& row) {
  const ImeiDecision* decision = lists.decisions.Find(row[0]);
  if (decision == nullptr) return "resolved";  // no longer matching, or now golden
  if (decision->blacklisted) return "blacklisted";
  if (IsExcepted(lists.pairs, row[0], row[1], row[2])) return "resolved";  // paired
  return "no_longer_seen";
}

Result<ZipRecord> WriteNotificationZip(const Naming& naming, const std::string& op,
                                       const RunLists& lists, const RunLists* base,
                                       std::int64_t mtime) {
  std::string prefix = naming.date + "_notifications_" + op;
  std::string header = kNotificationHeader;
  std::size_t columns = 5;
  if (lists.decisions.amnesty_column) {
    header += ",amnesty_granted";
    columns = 6;
  }
  ZipBuilder zip;
  zip.record.name = prefix + ".zip";
  OPENCEIR_ASSIGN_OR_RETURN(auto full, OutputCsv::Create(naming.csv_dir + "/" + prefix + ".csv",
                                                         header, columns, naming.options));
  OPENCEIR_RETURN_IF_ERROR(CopyRows(lists.notifications.at(op), *full));
  OPENCEIR_RETURN_IF_ERROR(zip.Add(*full, "notifications", op, ""));
  OPENCEIR_ASSIGN_OR_RETURN(auto delta, DeltaFiles::Create(naming, prefix, header, columns,
                                                           {"new", "resolved", "blacklisted",
                                                            "no_longer_seen", "changed"}));
  OPENCEIR_RETURN_IF_ERROR(DiffRowFiles(
      base ? base->notifications.at(op) : "", lists.notifications.at(op), 3,
      [&](const auto& row) { return delta["new"].Write(row); },
      [&](const auto& row) { return delta[RemovedNotificationReason(lists, row)].Write(row); },
      [&](const auto& row) { return delta["changed"].Write(row); }));
  OPENCEIR_RETURN_IF_ERROR(delta.AddTo(zip, "notifications", op));
  OPENCEIR_RETURN_IF_ERROR(zip.Write(naming, mtime));
  return zip.record;
}

Result<ZipRecord> WriteExceptionZip(const Naming& naming, const std::string& op,
                                    const RunLists& lists, const RunLists* base,
                                    std::int64_t mtime) {
  std::string prefix = naming.date + "_exceptions_" + op;
  ZipBuilder zip;
  zip.record.name = prefix + ".zip";
  OPENCEIR_ASSIGN_OR_RETURN(auto full, OutputCsv::Create(naming.csv_dir + "/" + prefix + ".csv",
                                                         kExceptionHeader, 3, naming.options));
  OPENCEIR_RETURN_IF_ERROR(CopyRows(lists.exceptions.at(op), *full));
  OPENCEIR_RETURN_IF_ERROR(zip.Add(*full, "exceptions", op, ""));
  OPENCEIR_ASSIGN_OR_RETURN(
      auto delta, DeltaFiles::Create(naming, prefix, kExceptionHeader, 3, {"added", "removed"}));
  auto unchanged = [](const auto&) { return Status::Ok(); };  // the key is the whole row
  OPENCEIR_RETURN_IF_ERROR(DiffRowFiles(
      base ? base->exceptions.at(op) : "", lists.exceptions.at(op), 3,
      [&](const auto& row) { return delta["added"].Write(row); },
      [&](const auto& row) { return delta["removed"].Write(row); }, unchanged));
  OPENCEIR_RETURN_IF_ERROR(delta.AddTo(zip, "exceptions", op));
  OPENCEIR_RETURN_IF_ERROR(zip.Write(naming, mtime));
  return zip.record;
}

Result<identifiers::MccMncTable> MccMncsOf(const std::vector<config::OperatorConfig>& operators) {
  std::vector<identifiers::OperatorMccMnc> entries;
  for (const config::OperatorConfig& op : operators) {
    for (const std::string& mcc_mnc : op.mcc_mncs) entries.push_back({op.id, mcc_mnc});
  }
  return identifiers::MccMncTable::Create(entries);
}

Status WriteTextFile(const std::string& path, const std::string& text) {
  std::ofstream out(path, std::ios::binary);
  out << text;
  out.close();
  if (!out) return IoError(path + ": write failed");
  return Status::Ok();
}

// What a generation is made with: the request's options and operators, or a recorded
// generation's.
struct GenerationInputs {
  ListOptions options;
  std::vector<config::OperatorConfig> operators;
};

Result<GenerationInputs> InputsOf(const ListRequest& request,
                                  const std::optional<store::ListGenerationRecord>& recorded,
                                  ListsManifest* manifest) {
  if (!recorded) return GenerationInputs{request.options, request.operators};
  GenerationInputs inputs;
  OPENCEIR_ASSIGN_OR_RETURN(inputs.options, OptionsFromJson(recorded->options_json));
  OPENCEIR_ASSIGN_OR_RETURN(inputs.operators, OperatorsFromJson(recorded->operators_json));
  const std::string what =
      fmt::format("run {}'s lists for {}", recorded->run, FormatYyyymmdd(recorded->list_date));
  if (OptionsJson(request.options) != recorded->options_json) {
    manifest->notes.push_back(
        fmt::format("the configured list options differ from those {} were first generated with; "
                    "regenerating with the recorded ones: {}",
                    what, recorded->options_json));
  }
  if (OperatorsJson(request.operators) != recorded->operators_json) {
    manifest->notes.push_back(fmt::format(
        "the configured operators differ from those {} were first generated for; regenerating "
        "for the recorded ones: {}",
        what, recorded->operators_json));
  }
  if (recorded->base_run != request.base_run) {
    manifest->notes.push_back(fmt::format(
        "{} were first generated with deltas against {}; these deltas are against {}", what,
        recorded->base_run ? fmt::format("run {}", *recorded->base_run) : "nothing",
        request.base_run ? fmt::format("run {}", *request.base_run) : "nothing"));
  }
  return inputs;
}

// Removes the staging folder unless it was renamed into place.
class StagingGuard {
 public:
  explicit StagingGuard(std::string path) : path_(std::move(path)) {}
  ~StagingGuard() {
    std::error_code ignored;
    if (!path_.empty()) fs::remove_all(path_, ignored);
  }
  void Release() { path_.clear(); }

 private:
  std::string path_;
};

}  // namespace

Result<ListsManifest> GenerateLists(store::RegistryStore& registry,
                                    store::ObservationStore& observations,
                                    const ListRequest& request) {
  if (request.options.lookback_days < 1) {
    return InvalidInputError(
        fmt::format("lookback_days must be at least 1, not {}", request.options.lookback_days));
  }
  OPENCEIR_ASSIGN_OR_RETURN(store::ClassificationRunRecord run,
                            registry.GetClassificationRun(request.run));
  std::optional<store::ClassificationRunRecord> base_run;
  if (request.base_run) {
    if (*request.base_run >= request.run) {
      return InvalidInputError(
          fmt::format("the base run {} is not older than run {}", *request.base_run, request.run));
    }
    OPENCEIR_ASSIGN_OR_RETURN(base_run, registry.GetClassificationRun(*request.base_run));
  }
  ListsManifest manifest;
  manifest.run = run.run;
  manifest.base_run = request.base_run;
  manifest.list_date = request.list_date.value_or(run.curr_date);
  if (base_run) manifest.base_list_date = base_run->curr_date;

  // A generation made before is made again from its record: its options, operators and
  // notification rows. The base's recorded rows are what its operators were sent.
  OPENCEIR_ASSIGN_OR_RETURN(std::optional<store::ListGenerationRecord> recorded,
                            registry.FindListGeneration(run.run, manifest.list_date));
  std::optional<store::ListGenerationRecord> base_recorded;
  if (base_run) {
    OPENCEIR_ASSIGN_OR_RETURN(base_recorded,
                              registry.FindListGeneration(base_run->run, base_run->curr_date));
  }
  OPENCEIR_ASSIGN_OR_RETURN(GenerationInputs inputs, InputsOf(request, recorded, &manifest));
  OPENCEIR_ASSIGN_OR_RETURN(identifiers::MccMncTable mcc_mncs, MccMncsOf(inputs.operators));
  manifest.lookback = LookbackWindow(manifest.list_date, inputs.options.lookback_days);
  manifest.options = inputs.options;
  manifest.regenerated = recorded.has_value();

  Naming naming;
  naming.date = FormatYyyymmdd(manifest.list_date) + "_000000";
  naming.delta_suffix = fmt::format("_delta_{}_{}_", request.base_run.value_or(-1), request.run);
  naming.options = inputs.options;
  std::string folder_name = fmt::format("listgen__{}__classid_{}", naming.date, run.run);
  fs::path folder = fs::absolute(fs::path(request.output_dir) / folder_name);
  manifest.folder = folder.string();
  std::error_code error;
  if (fs::exists(folder, error)) {
    return AlreadyExistsError(manifest.folder + ": already exists (lists are never overwritten)");
  }
  fs::path staging = folder.parent_path() / fmt::format(".{}.staging-{}", folder_name, ::getpid());
  naming.zip_dir = staging.string();
  naming.csv_dir = (staging / "csv").string();
  fs::create_directories(staging / "csv", error);
  fs::create_directories(staging / "work" / "run", error);
  fs::create_directories(staging / "work" / "base", error);
  if (error) {
    return IoError(fmt::format("{}: cannot create: {}", staging.string(), error.message()));
  }
  StagingGuard guard(staging.string());

  // The base first: deltas read only the run's decisions, so the base's are dropped before the
  // run's are built and memory holds one set at a time.
  std::optional<RunLists> base;
  if (base_run) {
    OPENCEIR_ASSIGN_OR_RETURN(
        base, BuildRunLists(registry, observations, *base_run, base_run->curr_date, inputs.options,
                            inputs.operators, mcc_mncs, base_recorded ? &*base_recorded : nullptr,
                            (staging / "work" / "base").string()));
    base->decisions = ImeiDecisions();
    base->pairs.clear();
    base->pairs.shrink_to_fit();
  }
  OPENCEIR_ASSIGN_OR_RETURN(
      RunLists lists, BuildRunLists(registry, observations, run, manifest.list_date, inputs.options,
                                    inputs.operators, mcc_mncs, recorded ? &*recorded : nullptr,
                                    (staging / "work" / "run").string()));
  for (const ImeiDecision& decision : lists.decisions.imeis) {
    ++(decision.blacklisted ? manifest.blacklisted_imeis : manifest.notified_imeis);
  }

  // Zips carry the list date (midnight UTC) as their time: never the wall clock.
  const std::int64_t mtime = std::int64_t{manifest.list_date.days} * 86'400;
  const RunLists* base_lists = base ? &*base : nullptr;
  OPENCEIR_ASSIGN_OR_RETURN(ZipRecord blacklist,
                            WriteBlacklistZip(naming, lists, base_lists, mtime));
  manifest.zips.push_back(std::move(blacklist));
  for (const config::OperatorConfig& op : inputs.operators) {
    OPENCEIR_ASSIGN_OR_RETURN(ZipRecord notifications,
                              WriteNotificationZip(naming, op.id, lists, base_lists, mtime));
    manifest.zips.push_back(std::move(notifications));
  }
  for (const config::OperatorConfig& op : inputs.operators) {
    OPENCEIR_ASSIGN_OR_RETURN(ZipRecord exceptions,
                              WriteExceptionZip(naming, op.id, lists, base_lists, mtime));
    manifest.zips.push_back(std::move(exceptions));
  }

  const std::string manifest_json = ManifestJson(manifest);
  OPENCEIR_RETURN_IF_ERROR(WriteTextFile((staging / "manifest.json").string(), manifest_json));
  if (recorded) {
    if (recorded->base_run == request.base_run && recorded->manifest_json != manifest_json) {
      manifest.notes.push_back(fmt::format(
          "warning: the regenerated manifest.json differs from the one recorded for run {} on {} "
          "(the store's history may have been changed by hand)",
          run.run, FormatYyyymmdd(manifest.list_date)));
    }
  } else {
    // Recorded in one transaction once every file is complete, before the folder appears: a
    // generation killed before the commit leaves no record (and no folder); one killed after
    // it is regenerated from the record.
    store::ListGenerationRecord record;
    record.run = run.run;
    record.list_date = manifest.list_date;
    record.base_run = request.base_run;
    record.options_json = OptionsJson(inputs.options);
    record.operators_json = OperatorsJson(inputs.operators);
    record.manifest_json = manifest_json;
    Status status = RecordGeneration(registry, std::move(record), lists.notifications,
                                     (staging / "work").string());
    if (status.code() == StatusCode::kAlreadyExists) {
      return AbortedError(fmt::format(
          "another generation of run {}'s lists for {} was recorded meanwhile; generate again to "
          "regenerate them from its record",
          run.run, FormatYyyymmdd(manifest.list_date)));
    }
    OPENCEIR_RETURN_IF_ERROR(status);
  }

  fs::remove_all(staging / "csv", error);
  fs::remove_all(staging / "work", error);
  if (error)
    return IoError(fmt::format("{}: cannot clean up: {}", staging.string(), error.message()));
  fs::rename(staging, folder, error);
  if (error) {
    return IoError(fmt::format("{}: cannot move into place: {}", manifest.folder, error.message()));
  }
  guard.Release();
  return manifest;
}

std::string ManifestJson(const ListsManifest& manifest) {
  nlohmann::ordered_json json;
  json["format"] = "openceir-lists-1";
  json["classification_run"] = manifest.run;
  json["base_run"] = manifest.base_run.value_or(-1);
  json["list_date"] = FormatYyyymmdd(manifest.list_date);
  json["base_list_date"] =
      manifest.base_list_date ? FormatYyyymmdd(*manifest.base_list_date) : std::string();
  json["lookback_first_day"] = FormatYyyymmdd(manifest.lookback.first);
  json["lookback_last_day"] = FormatYyyymmdd(manifest.lookback.last);
  json["options"] = {
      {"lookback_days", manifest.options.lookback_days},
      {"restrict_exceptions_list_to_blacklisted_imeis",
       manifest.options.restrict_exceptions_to_blacklisted},
      {"generate_check_digit", manifest.options.append_check_digit},
      {"output_invalid_imeis", manifest.options.output_invalid_imeis},
      {"include_barred_imeis_in_exceptions_list", manifest.options.include_barred_in_exceptions},
  };
  json["blacklisted_imeis"] = manifest.blacklisted_imeis;
  json["notified_imeis"] = manifest.notified_imeis;
  nlohmann::ordered_json zips = nlohmann::ordered_json::array();
  for (const ZipRecord& zip : manifest.zips) {
    nlohmann::ordered_json members = nlohmann::ordered_json::array();
    for (const ListFileRecord& file : zip.members) {
      members.push_back({{"name", file.name},
                         {"list", file.list},
                         {"operator", file.operator_id},
                         {"change", file.change},
                         {"rows", file.rows},
                         {"bytes", file.bytes},
                         {"sha256", file.sha256}});
    }
    zips.push_back(
        {{"name", zip.name}, {"bytes", zip.bytes}, {"sha256", zip.sha256}, {"files", members}});
  }
  json["zips"] = zips;
  return json.dump(2) + "\n";
}

}  // namespace openceir::lists
