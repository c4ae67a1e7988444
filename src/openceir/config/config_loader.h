// Loading the OpenCEIR YAML configuration into Config (config.h), with every problem reported.
//
// This is the yaml-cpp adapter: nothing outside it sees YAML or a yaml-cpp exception. The rules
// checked are listed in docs/CONFIG.md. All functions are thread-safe (no shared state).
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "openceir/base/status.h"
#include "openceir/config/config.h"
#include "openceir/config/config_problem.h"

namespace openceir::config {

// The outcome of parsing: the configuration as far as it could be read, and every problem.
// `config` is only fit for use when `problems` is empty.
struct ConfigParseOutcome {
  Config config;
  std::vector<ConfigProblem> problems;

  bool ok() const { return problems.empty(); }
};

// Parses and validates `yaml_text`. Never throws, whatever the bytes. A relative store.path is
// resolved against `base_dir` (the config file's folder; empty = leave it relative).
ConfigParseOutcome ParseConfigYamlWithProblems(std::string_view yaml_text,
                                               const std::string& base_dir);

// As above; on any problem returns InvalidInput whose message has one line per problem,
// "<source_name>:<line>:<column>: <key path>: <what is wrong>" (see FormatConfigProblem).
Result<Config> ParseConfigYaml(std::string_view yaml_text, const std::string& source_name,
                               const std::string& base_dir);

// Reads the file at `path` and parses it with its folder, made absolute, as base_dir (so a relative
// store.path comes back absolute) and `path` as source name.
// Errors: NotFound when the file does not exist, IoError when it cannot be read (or is over
// 16 MiB), InvalidInput for configuration problems.
Result<Config> LoadConfigFile(const std::string& path);

}  // namespace openceir::config
