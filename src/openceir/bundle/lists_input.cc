// ReadListsFolder: manifest.json names the zips and their members; the full list of each zip is
// the member whose "change" is empty.
#include "openceir/bundle/lists_input.h"

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <optional>
#include <sstream>
#include <vector>

#include "openceir/io/sha256.h"
#include "openceir/io/zip_reader.h"

namespace openceir::bundle {

namespace {

// Splits RFC 4180 CSV text into records; calls `row(fields)` for each (the header too).
template <typename RowFn>
Status ForEachCsvRecord(std::string_view text, const std::string& name, RowFn row) {
  std::vector<std::string> fields;
  std::string field;
  std::size_t i = 0;
  while (i < text.size()) {
    fields.clear();
    for (;;) {
      field.clear();
      if (i < text.size() && text[i] == '"') {
        ++i;
        for (;;) {
          if (i >= text.size()) return InvalidInputError(name + ": unterminated quoted field");
          if (text[i] == '"') {
            if (i + 1 < text.size() && text[i + 1] == '"') {
              field.push_back('"');
              i += 2;
              continue;
            }
            ++i;
            break;
          }
          field.push_back(text[i++]);
        }
      } else {
        while (i < text.size() && text[i] != ',' && text[i] != '\n' && text[i] != '\r') {
          field.push_back(text[i++]);
        }
      }
      fields.push_back(field);
      if (i < text.size() && text[i] == ',') {
        ++i;
        continue;
      }
      if (i < text.size() && text[i] == '\r') ++i;
      if (i < text.size() && text[i] == '\n') ++i;
      break;
    }
    OPENCEIR_RETURN_IF_ERROR(row(fields));
  }
  return Status::Ok();
}

// The column index of each name in `wanted`, from the header. kInvalidInput naming a missing one.
Result<std::vector<std::size_t>> Columns(const std::vector<std::string>& header,
                                         const std::vector<std::string>& wanted,
                                         const std::string& name) {
  std::vector<std::size_t> columns;
  for (const std::string& column : wanted) {
    std::size_t found = header.size();
    for (std::size_t i = 0; i < header.size(); ++i) {
      if (header[i] == column) found = i;
    }
    if (found == header.size()) {
      return InvalidInputError(name + ": no column '" + column + "'");
    }
    columns.push_back(found);
  }
  return columns;
}

Result<std::uint32_t> BlockDate(const std::string& text, const std::string& name) {
  if (text.size() != 8 || text.find_first_not_of("0123456789") != std::string::npos) {
    return InvalidInputError(name + ": block date '" + text + "' is not YYYYMMDD");
  }
  return static_cast<std::uint32_t>(std::stoul(text));
}

Result<std::string> HexSha256(std::string_view bytes) {
  OPENCEIR_ASSIGN_OR_RETURN(io::Sha256 hash, io::Sha256::Start());
  OPENCEIR_RETURN_IF_ERROR(hash.Update(bytes));
  return hash.FinishHex();
}

// Adds the rows of one full list CSV.
Status AddList(const std::string& list, const std::string& name, std::string_view csv,
               ContentBuilder& builder, std::int64_t* skipped) {
  std::vector<std::size_t> columns;
  bool header = true;
  const std::vector<std::string> wanted =
      list == "exceptions" ? std::vector<std::string>{"imei", "imsi"}
                           : std::vector<std::string>{"imei", "block_date", "reasons"};
  return ForEachCsvRecord(csv, name, [&](const std::vector<std::string>& fields) -> Status {
    if (header) {
      header = false;
      OPENCEIR_ASSIGN_OR_RETURN(columns, Columns(fields, wanted, name));
      return Status::Ok();
    }
    for (std::size_t column : columns) {
      if (column >= fields.size()) return InvalidInputError(name + ": a row has too few fields");
    }
    const std::optional<std::uint64_t> imei_key = eir::ImeiKeyOf(fields[columns[0]]);
    if (list == "exceptions") {
      const std::optional<std::uint64_t> imsi_key = eir::ImsiKeyOf(fields[columns[1]]);
      if (!imei_key || !imsi_key) {
        ++*skipped;
        return Status::Ok();
      }
      builder.AddException(*imei_key, *imsi_key);
      return Status::Ok();
    }
    OPENCEIR_ASSIGN_OR_RETURN(std::uint32_t block_date, BlockDate(fields[columns[1]], name));
    if (!imei_key) {
      ++*skipped;
      return Status::Ok();
    }
    if (list == "blacklist") {
      builder.AddBlacklisted(*imei_key, block_date, fields[columns[2]]);
    } else {
      builder.AddNotified(*imei_key, block_date, fields[columns[2]]);
    }
    return Status::Ok();
  });
}

}  // namespace

Result<ListsInput> ReadListsFolder(const std::string& lists_folder) {
  const std::filesystem::path folder(lists_folder);
  std::ifstream in(folder / "manifest.json", std::ios::binary);
  if (!in) return NotFoundError(lists_folder + ": no manifest.json (not a lists folder)");
  std::stringstream text;
  text << in.rdbuf();
  const nlohmann::json manifest = nlohmann::json::parse(text.str(), nullptr, false);
  if (manifest.is_discarded() || manifest.value("format", "") != "openceir-lists-1") {
    return InvalidInputError(lists_folder + "/manifest.json: not an openceir-lists-1 manifest");
  }
  ListsInput input;
  ContentBuilder builder;
  try {
    input.classification_run = manifest.at("classification_run").get<std::int64_t>();
    input.list_date = manifest.at("list_date").get<std::string>();
    for (const auto& zip : manifest.at("zips")) {
      const std::string zip_path = (folder / zip.at("name").get<std::string>()).string();
      OPENCEIR_ASSIGN_OR_RETURN(std::vector<io::ZipEntry> entries, io::ReadZipEntries(zip_path));
      for (const auto& member : zip.at("files")) {
        if (!member.at("change").get<std::string>().empty()) continue;  // a delta
        const std::string name = member.at("name").get<std::string>();
        const std::string list = member.at("list").get<std::string>();
        const io::ZipEntry* entry = nullptr;
        for (const io::ZipEntry& candidate : entries) {
          if (candidate.name == name) entry = &candidate;
        }
        if (entry == nullptr) return InvalidInputError(zip_path + ": no member " + name);
        OPENCEIR_ASSIGN_OR_RETURN(std::string sha256, HexSha256(entry->bytes));
        if (sha256 != member.at("sha256").get<std::string>()) {
          return InvalidInputError(zip_path + ": " + name + " differs from the lists manifest");
        }
        if (list != "blacklist" && list != "notifications" && list != "exceptions") {
          return InvalidInputError(zip_path + ": " + name + ": unknown list '" + list + "'");
        }
        OPENCEIR_RETURN_IF_ERROR(AddList(list, name, entry->bytes, builder, &input.skipped_rows));
      }
    }
  } catch (const nlohmann::json::exception& error) {
    return InvalidInputError(lists_folder + "/manifest.json: " + error.what());
  }
  input.content = std::move(builder).Finish();
  return input;
}

Result<std::string> ResolveListsFolder(const std::string& dir) {
  namespace fs = std::filesystem;
  std::error_code error;
  if (fs::is_regular_file(fs::path(dir) / "manifest.json", error)) return dir;
  constexpr std::string_view kPrefix = "listgen__";
  constexpr std::string_view kRunMark = "__classid_";
  std::optional<std::pair<std::int64_t, std::string>> newest;  // (run, date part)
  std::string newest_path;
  for (fs::directory_iterator it(dir, error), end; !error && it != end; it.increment(error)) {
    const std::string name = it->path().filename().string();
    const std::size_t mark = name.rfind(kRunMark);
    if (!name.starts_with(kPrefix) || mark == std::string::npos || !it->is_directory(error) ||
        !fs::is_regular_file(it->path() / "manifest.json", error)) {
      continue;
    }
    const std::string run_text = name.substr(mark + kRunMark.size());
    if (run_text.empty() || run_text.size() > 18 ||
        !std::all_of(run_text.begin(), run_text.end(),
                     [](char c) { return c >= '0' && c <= '9'; })) {
      continue;
    }
    std::pair<std::int64_t, std::string> key{std::stoll(run_text),
                                             name.substr(kPrefix.size(), mark - kPrefix.size())};
    if (!newest || key > *newest) {
      newest = key;
      newest_path = it->path().string();
    }
  }
  if (!newest) {
    return NotFoundError(dir +
                         ": neither a lists folder (manifest.json) nor a folder of lists "
                         "runs (listgen__<date>__classid_<run>)");
  }
  return newest_path;
}

}  // namespace openceir::bundle
