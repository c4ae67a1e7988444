#include "openceir/store/store_dump.h"

#include <fcntl.h>
#include <fmt/format.h>
#include <fmt/ranges.h>
#include <unistd.h>

#include <algorithm>
#include <array>
#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <nlohmann/json.hpp>

#include "openceir/io/sha256.h"

namespace openceir::store {
namespace {

constexpr std::string_view kFormat = "openceir-store-dump";
constexpr int kFormatVersion = 1;
constexpr std::string_view kManifestName = "manifest.json";
constexpr std::size_t kChunkBytes = 1 << 20;

constexpr std::array<std::string_view, 1> kById = {"id"};
constexpr std::array<std::string_view, 1> kByListTable = {"list_table"};
constexpr std::array<std::string_view, 2> kByTac = {"tac", "start_job"};
constexpr std::array<std::string_view, 2> kByImei = {"imei_norm", "start_job"};
constexpr std::array<std::string_view, 4> kByPairing = {"imei_norm", "imsi", "msisdn", "start_job"};
constexpr std::array<std::string_view, 2> kByHashedImei = {"hashed_imei_norm", "start_job"};
constexpr std::array<std::string_view, 3> kBySubscriber = {"uid", "imsi", "start_job"};
constexpr std::array<std::string_view, 3> kByAssociation = {"uid", "imei_norm", "start_job"};
constexpr std::array<std::string_view, 1> kByRun = {"run"};
constexpr std::array<std::string_view, 2> kByRunPosition = {"run", "position"};
constexpr std::array<std::string_view, 3> kByState = {"imei_norm", "condition", "start_run"};
constexpr std::array<std::string_view, 3> kByGenuineUser = {"imei_norm", "imsi", "start_run"};
constexpr std::array<std::string_view, 2> kByGeneration = {"run", "list_date"};
constexpr std::array<std::string_view, 3> kByGenerationFile = {"run", "list_date", "name"};
constexpr std::array<std::string_view, 4> kByGenerationPiece = {"run", "list_date", "name",
                                                                "piece"};
constexpr std::array<std::string_view, 5> kByTriplet = {"month", "operator_id", "imei_norm", "imsi",
                                                        "msisdn"};
constexpr std::array<std::string_view, 1> kByImeiOnly = {"imei_norm"};
constexpr std::array<std::string_view, 2> kByOperatorDay = {"operator_id", "day"};
constexpr std::array<std::string_view, 1> kByCell = {"cell_id"};
constexpr std::array<std::string_view, 1> kBySeq = {"seq"};
constexpr std::array<std::string_view, 9> kByEvidence = {
    "imei_norm",  "second_time", "first_time",      "first_imsi", "first_operator",
    "first_cell", "second_imsi", "second_operator", "second_cell"};

constexpr std::array<DumpTableSpec, 29> kTables = {{
    {"job", kById},
    {"list_head", kByListTable},
    {"gsma_tac", kByTac},
    {"stolen_list", kByImei},
    {"registration_list", kByImei},
    {"pairing_list", kByPairing},
    {"golden_list", kByHashedImei},
    {"barred_list", kByImei},
    {"barred_tac_list", kByTac},
    {"subscribers_list", kBySubscriber},
    {"association_list", kByAssociation},
    {"monitoring_list", kByImei},
    {"classification_run", kByRun},
    {"classification_run_condition", kByRunPosition},
    {"classification_state", kByState},
    {"genuine_user", kByGenuineUser},
    {"list_generation", kByGeneration},
    {"list_generation_file", kByGenerationFile},
    {"list_generation_piece", kByGenerationPiece},
    {"api_key", kById},
    {"audit_log", kBySeq},
    {"audit_head", kById, /*seeded=*/true},
    {"obs_import", kById},
    {"obs_triplet", kByTriplet},
    {"obs_network_imei", kByImeiOnly},
    {"obs_daily_count", kByOperatorDay},
    {"obs_cell", kByCell},
    {"obs_travel_state", kByImeiOnly},
    {"obs_travel_evidence", kByEvidence},
}};

std::string TableFileName(std::string_view table) { return fmt::format("{}.tsv", table); }

std::string HeaderLine(const std::vector<std::string>& columns) {
  std::string line;
  for (std::size_t i = 0; i < columns.size(); ++i) {
    if (i > 0) line += '\t';
    line += columns[i];
  }
  line += '\n';
  return line;
}

Status SyncPath(const std::string& path, int flags) {
  int fd = ::open(path.c_str(), flags | O_CLOEXEC);
  if (fd < 0) return IoError(fmt::format("{}: {}", path, std::strerror(errno)));
  int rc = ::fsync(fd);
  int saved = errno;
  ::close(fd);
  if (rc != 0) return IoError(fmt::format("{}: fsync: {}", path, std::strerror(saved)));
  return Status::Ok();
}

int HexValue(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

}  // namespace

// `storage` is reserved to the line's size first, so the views into it stay valid.
std::size_t DecodeDumpLine(std::string_view line,
                           std::vector<std::optional<std::string_view>>* fields,
                           std::string* storage) {
  fields->clear();
  storage->clear();
  storage->reserve(line.size());
  std::size_t start = 0;
  while (true) {
    std::size_t end = line.find('\t', start);
    std::string_view raw = line.substr(start, end == std::string_view::npos ? end : end - start);
    if (raw == "\\N") {
      fields->push_back(std::nullopt);
    } else if (raw.find('\\') == std::string_view::npos) {
      fields->push_back(raw);
    } else {
      std::size_t from = storage->size();
      for (std::size_t i = 0; i < raw.size(); ++i) {
        char c = raw[i];
        if (c != '\\') {
          storage->push_back(c);
          continue;
        }
        if (++i == raw.size()) return start + i;
        switch (raw[i]) {
          case '\\': storage->push_back('\\'); break;
          case 't': storage->push_back('\t'); break;
          case 'n': storage->push_back('\n'); break;
          case 'r': storage->push_back('\r'); break;
          case 'b': storage->push_back('\b'); break;
          case 'f': storage->push_back('\f'); break;
          case 'v': storage->push_back('\v'); break;
          default: return start + i;
        }
      }
      fields->push_back(std::string_view(*storage).substr(from));
    }
    if (end == std::string_view::npos) break;
    start = end + 1;
  }
  return 0;
}

std::span<const DumpTableSpec> DumpTables() { return kTables; }

void AppendDumpField(std::optional<std::string_view> field, bool first, std::string* line) {
  if (!first) line->push_back('\t');
  if (!field) {
    line->append("\\N");
    return;
  }
  for (char c : *field) {
    switch (c) {
      case '\\': line->append("\\\\"); break;
      case '\t': line->append("\\t"); break;
      case '\n': line->append("\\n"); break;
      case '\r': line->append("\\r"); break;
      default: line->push_back(c);
    }
  }
}

std::string DumpBytesText(std::string_view bytes) {
  static constexpr char kHex[] = "0123456789abcdef";
  std::string text = "\\x";
  text.reserve(2 + 2 * bytes.size());
  for (char c : bytes) {
    auto byte = static_cast<unsigned char>(c);
    text.push_back(kHex[byte >> 4]);
    text.push_back(kHex[byte & 0xf]);
  }
  return text;
}

Result<std::string> ParseDumpBytes(std::string_view text) {
  if (!text.starts_with("\\x") || text.size() % 2 != 0) {
    return InvalidInputError("bytes value is not \\x and an even number of hex digits");
  }
  std::string bytes;
  bytes.reserve(text.size() / 2 - 1);
  for (std::size_t i = 2; i < text.size(); i += 2) {
    int high = HexValue(text[i]);
    int low = HexValue(text[i + 1]);
    if (high < 0 || low < 0) {
      return InvalidInputError(fmt::format("bytes value has a non-hex digit at {}", i + 1));
    }
    bytes.push_back(static_cast<char>(high * 16 + low));
  }
  return bytes;
}

std::string DumpRealText(double value) { return fmt::format("{}", value); }

Status CheckDumpColumns(const DumpTable& dumped, const std::vector<std::string>& store_columns) {
  if (store_columns == dumped.columns) return Status::Ok();
  return InvalidInputError(
      fmt::format("table {}: the dump's columns ({}) are not this store's ({})", dumped.name,
                  fmt::join(dumped.columns, ", "), fmt::join(store_columns, ", ")));
}

// ---------------------------------------------------------------------------------------------
// Writer

struct StoreDumpWriter::State {
  std::string dir;
  std::size_t next_table = 0;  // index into kTables of the next BeginTable
  std::FILE* file = nullptr;
  std::string path;
  std::optional<io::Sha256> hash;
  DumpTable current;
  std::string line;
  std::vector<DumpTable> done;

  ~State() {
    if (file != nullptr) std::fclose(file);
  }

  Status Write(std::string_view bytes) {
    if (!bytes.empty() && std::fwrite(bytes.data(), 1, bytes.size(), file) != bytes.size()) {
      return IoError(fmt::format("{}: write: {}", path, std::strerror(errno)));
    }
    return hash->Update(bytes);
  }
};

StoreDumpWriter::StoreDumpWriter(std::unique_ptr<State> state) : state_(std::move(state)) {}
StoreDumpWriter::~StoreDumpWriter() = default;

Result<std::unique_ptr<StoreDumpWriter>> StoreDumpWriter::Create(const std::string& dir) {
  namespace fs = std::filesystem;
  std::error_code ec;
  if (fs::exists(dir, ec)) {
    if (!fs::is_directory(dir, ec) || !fs::is_empty(dir, ec)) {
      return FailedPreconditionError(
          fmt::format("{}: exists and is not an empty folder; a dump goes into a new one", dir));
    }
  } else if (!fs::create_directories(dir, ec) && ec) {
    return IoError(fmt::format("{}: cannot create: {}", dir, ec.message()));
  }
  auto state = std::make_unique<State>();
  state->dir = dir;
  return std::unique_ptr<StoreDumpWriter>(new StoreDumpWriter(std::move(state)));
}

Status StoreDumpWriter::BeginTable(std::string_view name, std::vector<std::string> columns) {
  State& s = *state_;
  if (s.file != nullptr) return InternalError("dump: BeginTable before EndTable");
  if (s.next_table >= kTables.size() || kTables[s.next_table].name != name) {
    return InternalError(fmt::format("dump: table {} out of order", name));
  }
  if (columns.empty()) return InternalError(fmt::format("dump: table {} has no columns", name));
  s.current = DumpTable{std::string(name), std::move(columns), 0, ""};
  s.path = fmt::format("{}/{}", s.dir, TableFileName(name));
  s.file = std::fopen(s.path.c_str(), "wxe");
  if (s.file == nullptr) return IoError(fmt::format("{}: {}", s.path, std::strerror(errno)));
  OPENCEIR_ASSIGN_OR_RETURN(s.hash, io::Sha256::Start());
  return s.Write(HeaderLine(s.current.columns));
}

Status StoreDumpWriter::AddRow(DumpRow fields) {
  State& s = *state_;
  if (fields.size() != s.current.columns.size()) {
    return InternalError(fmt::format("dump: table {}: {} fields for {} columns", s.current.name,
                                     fields.size(), s.current.columns.size()));
  }
  s.line.clear();
  for (std::size_t i = 0; i < fields.size(); ++i) AppendDumpField(fields[i], i == 0, &s.line);
  s.line.push_back('\n');
  ++s.current.rows;
  return s.Write(s.line);
}

Status StoreDumpWriter::AddRowText(std::string_view lines, std::int64_t rows) {
  State& s = *state_;
  if (!lines.empty() && lines.back() != '\n') {
    return InternalError(
        fmt::format("dump: table {}: row text without its newline", s.current.name));
  }
  s.current.rows += rows;
  return s.Write(lines);
}

Status StoreDumpWriter::EndTable() {
  State& s = *state_;
  if (s.file == nullptr) return InternalError("dump: EndTable without BeginTable");
  bool flushed = std::fflush(s.file) == 0 && ::fsync(::fileno(s.file)) == 0;
  int saved = errno;
  bool closed = std::fclose(s.file) == 0;
  s.file = nullptr;
  if (!flushed || !closed) {
    return IoError(fmt::format("{}: flush: {}", s.path, std::strerror(saved)));
  }
  OPENCEIR_ASSIGN_OR_RETURN(s.current.sha256, s.hash->FinishHex());
  s.hash.reset();
  s.done.push_back(std::move(s.current));
  ++s.next_table;
  return Status::Ok();
}

Result<DumpManifest> StoreDumpWriter::Finish(int registry_schema_version,
                                             int observation_schema_version,
                                             std::int64_t created_at) {
  State& s = *state_;
  if (s.file != nullptr || s.next_table != kTables.size()) {
    return InternalError("dump: Finish before every table was written");
  }
  nlohmann::json tables = nlohmann::json::array();
  for (const DumpTable& table : s.done) {
    tables.push_back({{"name", table.name},
                      {"file", TableFileName(table.name)},
                      {"columns", table.columns},
                      {"rows", table.rows},
                      {"sha256", table.sha256}});
  }
  nlohmann::json manifest = {{"format", kFormat},
                             {"version", kFormatVersion},
                             {"registry_schema_version", registry_schema_version},
                             {"observation_schema_version", observation_schema_version},
                             {"created_at", created_at},
                             {"tables", std::move(tables)}};
  std::string text = manifest.dump(2) + "\n";
  std::string temp = fmt::format("{}/{}.partial", s.dir, kManifestName);
  std::FILE* file = std::fopen(temp.c_str(), "wxe");
  if (file == nullptr) return IoError(fmt::format("{}: {}", temp, std::strerror(errno)));
  bool written = std::fwrite(text.data(), 1, text.size(), file) == text.size() &&
                 std::fflush(file) == 0 && ::fsync(::fileno(file)) == 0;
  int saved = errno;
  if (std::fclose(file) != 0 || !written) {
    return IoError(fmt::format("{}: write: {}", temp, std::strerror(saved)));
  }
  std::string final_path = fmt::format("{}/{}", s.dir, kManifestName);
  if (std::rename(temp.c_str(), final_path.c_str()) != 0) {
    return IoError(fmt::format("{}: rename: {}", final_path, std::strerror(errno)));
  }
  OPENCEIR_RETURN_IF_ERROR(SyncPath(s.dir, O_RDONLY | O_DIRECTORY));
  return DumpManifest{registry_schema_version, observation_schema_version, created_at, s.done};
}

// ---------------------------------------------------------------------------------------------
// Reader

struct StoreDumpReader::State {
  std::string dir;
  DumpManifest manifest;

  // Reads `table`'s file in chunks; calls on_line(line without newline, line number) for each
  // row line, after checking the header. Checks row count and SHA-256 at the end.
  Status Stream(const DumpTable& table,
                const std::function<Status(std::string_view, std::int64_t)>& on_line) const;
};

StoreDumpReader::StoreDumpReader(std::unique_ptr<State> state) : state_(std::move(state)) {}
StoreDumpReader::~StoreDumpReader() = default;

namespace {

Status ManifestError(const std::string& path, const std::string& what) {
  return InvalidInputError(fmt::format("{}: {}", path, what));
}

bool IsSha256Hex(const std::string& text) {
  if (text.size() != 64) return false;
  for (char c : text) {
    if (HexValue(c) < 0 || (c >= 'A' && c <= 'F')) return false;
  }
  return true;
}

}  // namespace

Result<DumpManifest> ParseDumpManifest(std::string_view text, const std::string& source) {
  nlohmann::json json = nlohmann::json::parse(text, nullptr, /*allow_exceptions=*/false);
  if (json.is_discarded() || !json.is_object()) return ManifestError(source, "not a JSON object");
  auto string_of = [&json](const char* key) -> std::optional<std::string> {
    auto it = json.find(key);
    if (it == json.end() || !it->is_string()) return std::nullopt;
    return it->get<std::string>();
  };
  auto int_of = [](const nlohmann::json& object, const char* key) -> std::optional<std::int64_t> {
    auto it = object.find(key);
    if (it == object.end() || !it->is_number_integer()) return std::nullopt;
    return it->get<std::int64_t>();
  };
  if (string_of("format") != std::string(kFormat)) {
    return ManifestError(source, fmt::format("format: not \"{}\"", kFormat));
  }
  if (int_of(json, "version") != kFormatVersion) {
    return ManifestError(source,
                         fmt::format("version: this build reads version {}", kFormatVersion));
  }
  DumpManifest manifest;
  auto registry = int_of(json, "registry_schema_version");
  auto observation = int_of(json, "observation_schema_version");
  auto created = int_of(json, "created_at");
  if (!registry || !observation || !created) {
    return ManifestError(
        source, "registry_schema_version, observation_schema_version and created_at are required");
  }
  manifest.registry_schema_version = static_cast<int>(*registry);
  manifest.observation_schema_version = static_cast<int>(*observation);
  manifest.created_at = *created;
  auto tables = json.find("tables");
  if (tables == json.end() || !tables->is_array() || tables->size() != kTables.size()) {
    return ManifestError(source, fmt::format("tables: {} are required", kTables.size()));
  }
  for (std::size_t i = 0; i < kTables.size(); ++i) {
    const nlohmann::json& entry = (*tables)[i];
    std::string where = fmt::format("tables[{}]", i);
    if (!entry.is_object()) return ManifestError(source, where + ": not an object");
    DumpTable table;
    auto name = entry.find("name");
    if (name == entry.end() || !name->is_string() || *name != kTables[i].name) {
      return ManifestError(source, fmt::format("{}.name: expected \"{}\"", where, kTables[i].name));
    }
    table.name = name->get<std::string>();
    auto file_name = entry.find("file");
    if (file_name == entry.end() || *file_name != TableFileName(table.name)) {
      return ManifestError(
          source, fmt::format("{}.file: expected \"{}\"", where, TableFileName(table.name)));
    }
    auto columns = entry.find("columns");
    if (columns == entry.end() || !columns->is_array() || columns->empty()) {
      return ManifestError(source, where + ".columns: a non-empty list of names is required");
    }
    for (const nlohmann::json& column : *columns) {
      if (!column.is_string() || column.get<std::string>().empty()) {
        return ManifestError(source, where + ".columns: a non-empty list of names is required");
      }
      table.columns.push_back(column.get<std::string>());
    }
    auto rows = int_of(entry, "rows");
    if (!rows || *rows < 0) return ManifestError(source, where + ".rows: a count is required");
    table.rows = *rows;
    auto sha = entry.find("sha256");
    if (sha == entry.end() || !sha->is_string() || !IsSha256Hex(sha->get<std::string>())) {
      return ManifestError(source, where + ".sha256: 64 lower-case hex digits are required");
    }
    table.sha256 = sha->get<std::string>();
    manifest.tables.push_back(std::move(table));
  }
  return manifest;
}

Result<std::unique_ptr<StoreDumpReader>> StoreDumpReader::Open(const std::string& dir) {
  std::string path = fmt::format("{}/{}", dir, kManifestName);
  std::FILE* file = std::fopen(path.c_str(), "re");
  if (file == nullptr) {
    if (errno == ENOENT) {
      return InvalidInputError(fmt::format(
          "{}: missing: {} is not a store dump, or its export did not finish", path, dir));
    }
    return IoError(fmt::format("{}: {}", path, std::strerror(errno)));
  }
  std::string text;
  std::array<char, 65536> buffer{};
  std::size_t got = 0;
  while ((got = std::fread(buffer.data(), 1, buffer.size(), file)) > 0)
    text.append(buffer.data(), got);
  bool failed = std::ferror(file) != 0;
  std::fclose(file);
  if (failed) return IoError(fmt::format("{}: read error", path));

  auto state = std::make_unique<State>();
  state->dir = dir;
  OPENCEIR_ASSIGN_OR_RETURN(state->manifest, ParseDumpManifest(text, path));
  return std::unique_ptr<StoreDumpReader>(new StoreDumpReader(std::move(state)));
}

const DumpManifest& StoreDumpReader::manifest() const { return state_->manifest; }

const DumpTable& StoreDumpReader::table(std::string_view name) const {
  // Open() checked that the manifest lists the tables of DumpTables(), in that order.
  for (std::size_t i = 0; i < kTables.size(); ++i) {
    if (kTables[i].name == name) return state_->manifest.tables[i];
  }
  std::fprintf(stderr, "StoreDumpReader::table: %.*s is not a dump table\n",
               static_cast<int>(name.size()), name.data());
  std::abort();  // a caller's bug: only names of DumpTables() are asked for
}

Status StoreDumpReader::State::Stream(
    const DumpTable& table,
    const std::function<Status(std::string_view, std::int64_t)>& on_line) const {
  std::string path = fmt::format("{}/{}", dir, TableFileName(table.name));
  std::FILE* file = std::fopen(path.c_str(), "re");
  if (file == nullptr) return InvalidInputError(fmt::format("{}: {}", path, std::strerror(errno)));
  std::unique_ptr<std::FILE, int (*)(std::FILE*)> closer(file, &std::fclose);
  OPENCEIR_ASSIGN_OR_RETURN(io::Sha256 hash, io::Sha256::Start());
  std::string buffer;
  std::string chunk(kChunkBytes, '\0');
  std::int64_t line_number = 0;
  std::int64_t rows = 0;
  const std::string header = HeaderLine(table.columns);
  while (true) {
    std::size_t got = std::fread(chunk.data(), 1, chunk.size(), file);
    if (got == 0) break;
    std::string_view bytes(chunk.data(), got);
    OPENCEIR_RETURN_IF_ERROR(hash.Update(bytes));
    buffer.append(bytes);
    std::size_t start = 0;
    while (true) {
      std::size_t end = buffer.find('\n', start);
      if (end == std::string::npos) break;
      std::string_view line(buffer.data() + start, end - start);
      ++line_number;
      if (line_number == 1) {
        if (std::string_view(buffer.data() + start, end - start + 1) != header) {
          return InvalidInputError(
              fmt::format("{}:1:1: header: the columns differ from the manifest's ({})", path,
                          std::string_view(header).substr(0, header.size() - 1)));
        }
      } else {
        ++rows;
        OPENCEIR_RETURN_IF_ERROR(on_line(line, line_number));
      }
      start = end + 1;
    }
    buffer.erase(0, start);
  }
  if (std::ferror(file) != 0) return IoError(fmt::format("{}: read error", path));
  if (!buffer.empty()) {
    return InvalidInputError(fmt::format(
        "{}:{}: the last line has no newline: the file is truncated", path, line_number + 1));
  }
  if (line_number == 0) return InvalidInputError(fmt::format("{}: empty: no header line", path));
  if (rows != table.rows) {
    return InvalidInputError(
        fmt::format("{}: {} rows, the manifest says {}", path, rows, table.rows));
  }
  OPENCEIR_ASSIGN_OR_RETURN(std::string digest, hash.FinishHex());
  if (digest != table.sha256) {
    return InvalidInputError(
        fmt::format("{}: SHA-256 {} differs from the manifest's {}: the file was changed", path,
                    digest, table.sha256));
  }
  return Status::Ok();
}

Status StoreDumpReader::ReadTable(std::string_view name,
                                  const std::function<Status(DumpRow)>& visit) const {
  const DumpTable& entry = table(name);
  std::string path = fmt::format("{}/{}", state_->dir, TableFileName(entry.name));
  std::vector<std::optional<std::string_view>> fields;
  std::string storage;
  return state_->Stream(entry, [&](std::string_view line, std::int64_t line_number) -> Status {
    if (std::size_t column = DecodeDumpLine(line, &fields, &storage); column != 0) {
      return InvalidInputError(fmt::format(
          "{}:{}:{}: escape: only \\\\, \\t, \\n, \\r, \\b, \\f, \\v and \\N are allowed", path,
          line_number, column));
    }
    if (fields.size() != entry.columns.size()) {
      return InvalidInputError(fmt::format("{}:{}:1: fields: {} for {} columns", path, line_number,
                                           fields.size(), entry.columns.size()));
    }
    return visit(fields);
  });
}

Status StoreDumpReader::ReadTableText(
    std::string_view name, const std::function<Status(std::string_view lines)>& visit) const {
  const DumpTable& entry = table(name);
  std::string path = fmt::format("{}/{}", state_->dir, TableFileName(entry.name));
  std::string pending;
  Status streamed =
      state_->Stream(entry, [&](std::string_view line, std::int64_t line_number) -> Status {
        std::size_t fields =
            1 + static_cast<std::size_t>(std::count(line.begin(), line.end(), '\t'));
        if (fields != entry.columns.size()) {
          return InvalidInputError(fmt::format("{}:{}:1: fields: {} for {} columns", path,
                                               line_number, fields, entry.columns.size()));
        }
        pending.append(line);
        pending.push_back('\n');
        if (pending.size() >= kChunkBytes) {
          OPENCEIR_RETURN_IF_ERROR(visit(pending));
          pending.clear();
        }
        return Status::Ok();
      });
  OPENCEIR_RETURN_IF_ERROR(streamed);
  if (!pending.empty()) return visit(pending);
  return Status::Ok();
}

}  // namespace openceir::store
