// Internal to the config loader: one parser per top-level section of the YAML file. Each reads
// its node (null = section absent, defaults kept), fills its struct and reports every problem it
// finds to the sink; none throws on bad input (yaml-cpp calls are guarded by the loader).
#pragma once

#include <yaml-cpp/yaml.h>

#include <map>
#include <string>

#include "openceir/config/config.h"
#include "openceir/config/yaml_reader.h"

namespace openceir::config::internal {

// region: name, country codes, MCCs, operators and their MCC-MNC pairs (unique, prefix-free).
void ParseRegion(ProblemSink& sink, const YAML::Node& node, RegionConfig* region);

// store: kind, path (resolved against base_dir when relative), dsn.
void ParseStore(ProblemSink& sink, const YAML::Node& node, const std::string& base_dir,
                StoreConfig* store);

// import: max_listed_errors.
void ParseImport(ProblemSink& sink, const YAML::Node& node, ImportConfig* import);

// list_thresholds: per reference-list name, the size-drop guard.
void ParseListThresholds(ProblemSink& sink, const YAML::Node& node,
                         std::map<std::string, ListImportThresholds>* thresholds);

// operator_thresholds: operator-data quality ratios.
void ParseOperatorThresholds(ProblemSink& sink, const YAML::Node& node,
                             OperatorDataThresholds* thresholds);

// conditions: classification conditions and their dimensions.
void ParseConditions(ProblemSink& sink, const YAML::Node& node,
                     std::vector<ConditionConfig>* conditions);

// amnesty: enabled and its two dates.
void ParseAmnesty(ProblemSink& sink, const YAML::Node& node, AmnestyConfig* amnesty);

// list_generation: look-back window and output options.
void ParseListGeneration(ProblemSink& sink, const YAML::Node& node, ListGenerationConfig* lists);

// eir: the EIR node's HTTP and Diameter listeners, bundle sync and policies (paths resolved
// against base_dir when relative).
void ParseEir(ProblemSink& sink, const YAML::Node& node, const std::string& base_dir,
              EirConfig* eir);

// api: the API server's listen address, threads, public rate limit, body size and timeout.
void ParseApi(ProblemSink& sink, const YAML::Node& node, ApiConfig* api);

// "" when `address` is "host:port" or "[v6 address]:port" with a port in [min_port, 65535],
// else what is wrong with it (eir_section.cc).
std::string ListenAddressProblem(std::string_view address, int min_port = 1);

}  // namespace openceir::config::internal
