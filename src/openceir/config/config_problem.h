// One problem found in a configuration file, and how a list of them becomes a Status.
#pragma once

#include <string>
#include <vector>

#include "openceir/base/status.h"

namespace openceir::config {

// A rule the configuration breaks, at a key path such as "region.operators[1].mcc_mncs[0]".
struct ConfigProblem {
  std::string path;     // key path; empty for problems with the document as a whole
  int line = 0;         // 1-based YAML line, 0 when unknown
  int column = 0;       // 1-based YAML column, 0 when unknown
  std::string message;  // what is wrong, e.g. "\"4100\" is not an MCC-MNC (5 or 6 digits)"

  friend bool operator==(const ConfigProblem&, const ConfigProblem&) = default;
};

// "etc/openceir.yaml:12:9: region.mccs[0]: \"41\" is not an MCC (3 digits)"; the line:column
// part is left out when unknown and the path part when empty.
std::string FormatConfigProblem(const std::string& source_name, const ConfigProblem& problem);

// InvalidInput with one formatted problem per line. Requires !problems.empty().
Status ConfigProblemsToStatus(const std::string& source_name,
                              const std::vector<ConfigProblem>& problems);

}  // namespace openceir::config
