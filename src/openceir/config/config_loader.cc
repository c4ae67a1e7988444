// The yaml-cpp adapter: parses the document, hands each top-level section to its parser
// (config_sections.h) and turns every yaml-cpp exception into a problem.
#include "openceir/config/config_loader.h"

#include <fmt/format.h>
#include <yaml-cpp/yaml.h>

#include <filesystem>
#include <fstream>
#include <sstream>
#include <system_error>

#include "openceir/config/config_sections.h"
#include "openceir/config/yaml_documents.h"
#include "openceir/config/yaml_reader.h"

namespace openceir::config {
namespace {

constexpr std::uintmax_t kMaxConfigBytes = 16u << 20;

void ParseDocument(internal::ProblemSink& sink, const YAML::Node& root, const std::string& base_dir,
                   Config* config) {
  if (root.IsNull()) {
    sink.Add(root, "", "the configuration is empty; it needs at least a region section");
    return;
  }
  internal::MapReader top(sink, root, "",
                          {"region", "store", "import", "list_thresholds", "operator_thresholds",
                           "conditions", "amnesty", "list_generation", "eir", "api"});
  if (!root.IsMap()) return;
  if (const YAML::Node* node = top.Require("region")) {
    internal::ParseRegion(sink, *node, &config->region);
  }
  if (const YAML::Node* node = top.Find("store")) {
    internal::ParseStore(sink, *node, base_dir, &config->store);
  } else {
    internal::ParseStore(sink, YAML::Node(), base_dir, &config->store);  // resolves the path
  }
  if (const YAML::Node* node = top.Find("import")) {
    internal::ParseImport(sink, *node, &config->import);
  }
  if (const YAML::Node* node = top.Find("list_thresholds")) {
    internal::ParseListThresholds(sink, *node, &config->list_thresholds);
  }
  if (const YAML::Node* node = top.Find("operator_thresholds")) {
    internal::ParseOperatorThresholds(sink, *node, &config->operator_thresholds);
  }
  if (const YAML::Node* node = top.Find("conditions")) {
    internal::ParseConditions(sink, *node, &config->conditions);
  }
  if (const YAML::Node* node = top.Find("amnesty")) {
    internal::ParseAmnesty(sink, *node, &config->amnesty);
  }
  if (const YAML::Node* node = top.Find("list_generation")) {
    internal::ParseListGeneration(sink, *node, &config->list_generation);
  }
  // Always parsed: the default relative folders are resolved against the file's folder too.
  const YAML::Node* eir = top.Find("eir");
  internal::ParseEir(sink, eir != nullptr ? *eir : YAML::Node(), base_dir, &config->eir);
  if (const YAML::Node* node = top.Find("api")) {
    internal::ParseApi(sink, *node, &config->api);
  }
}

}  // namespace

ConfigParseOutcome ParseConfigYamlWithProblems(std::string_view yaml_text,
                                               const std::string& base_dir) {
  ConfigParseOutcome outcome;
  internal::ProblemSink sink;
  try {
    internal::FirstYamlDocument document = internal::LoadFirstYamlDocument(std::string(yaml_text));
    if (document.more_documents) {
      sink.AddAt(document.second_document_mark, "", "the file holds more than one YAML document");
    }
    ParseDocument(sink, document.root, base_dir, &outcome.config);
  } catch (const YAML::Exception& e) {
    // Syntax errors (and yaml-cpp's own recursion guard) carry the position in the text.
    sink.AddAt(e.mark, "", fmt::format("YAML syntax error: {}", e.msg));
  } catch (const std::exception& e) {
    sink.AddAt(YAML::Mark::null_mark(), "", fmt::format("cannot read the YAML: {}", e.what()));
  } catch (...) {
    sink.AddAt(YAML::Mark::null_mark(), "", "cannot read the YAML: unknown error");
  }
  outcome.problems = sink.TakeProblems();
  return outcome;
}

Result<Config> ParseConfigYaml(std::string_view yaml_text, const std::string& source_name,
                               const std::string& base_dir) {
  ConfigParseOutcome outcome = ParseConfigYamlWithProblems(yaml_text, base_dir);
  if (!outcome.ok()) return ConfigProblemsToStatus(source_name, outcome.problems);
  return std::move(outcome.config);
}

Result<Config> LoadConfigFile(const std::string& path) {
  std::error_code ec;
  const std::filesystem::file_status status = std::filesystem::status(path, ec);
  if (!std::filesystem::exists(status)) {
    return NotFoundError(fmt::format("{}: configuration file not found", path));
  }
  if (std::filesystem::is_directory(status)) {
    return IoError(fmt::format("{}: is a folder, not a configuration file", path));
  }
  const std::uintmax_t size = std::filesystem::file_size(path, ec);
  if (ec || size > kMaxConfigBytes) {
    return IoError(fmt::format("{}: cannot read the configuration file ({})", path,
                               ec ? ec.message() : std::string("larger than 16 MiB")));
  }
  std::ifstream in(path, std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  if (!in.good() && !in.eof()) {
    return IoError(fmt::format("{}: cannot read the configuration file", path));
  }
  // An absolute folder makes the resolved store path independent of later changes of directory.
  std::filesystem::path folder = std::filesystem::path(path).parent_path();
  const std::filesystem::path absolute = std::filesystem::absolute(folder, ec);
  if (!ec) folder = absolute;
  const std::string base_dir = folder.lexically_normal().string();
  return ParseConfigYaml(text.str(), path, base_dir);
}

}  // namespace openceir::config
