// CountryCli: the `openceir` calls that put a simulated country into a store.
#include "tests/support/country_cli.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <fstream>

namespace openceir::testing {

ProcessResult CountryCli::Run(std::vector<std::string> args) const {
  args.insert(args.begin(), {"--config", config_, "--store", store_});
  return RunOpenceir(args, cwd_);
}

bool CountryCli::MustPass(const std::vector<std::string>& args) const {
  const ProcessResult result = Run(args);
  if (result.exit_code == 0) return true;
  ADD_FAILURE() << ::testing::PrintToString(args) << " exited " << result.exit_code << "\n"
                << result.out << result.err;
  return false;
}

void CountryCli::ImportReferenceLists(const std::string& sim) const {
  MustPass({"import", "gsma-tac", sim + "/gsma_tac.txt"});
  for (const char* list : {"stolen", "registration", "pairing", "golden", "barred", "barred-tac",
                           "subscribers", "association", "monitoring"}) {
    const std::string file = std::string(list) == "barred-tac" ? "barred_tac" : list;
    MustPass({"import", list, sim + "/" + file + ".csv"});
  }
}

void CountryCli::ImportOperatorData(const std::string& sim, const std::string& period,
                                    bool with_events) const {
  if (with_events) MustPass({"import", "cells", sim + "/cells.csv"});
  for (const char* op : {"op1", "op2", "op3"}) {
    const std::string base = sim + "/" + op + "_" + period;
    MustPass({"import", "operator", op, base + ".csv"});
    if (with_events) MustPass({"import", "events", op, base + ".events.csv"});
  }
}

std::set<std::string> TruthImeis(const std::string& sim, const std::string& category) {
  std::ifstream truth(sim + "/truth.csv");
  std::set<std::string> imeis;
  std::string line;
  while (std::getline(truth, line)) {
    const std::size_t comma = line.find(',');
    if (comma == std::string::npos) continue;
    const std::size_t next = line.find(',', comma + 1);
    if (line.substr(comma + 1, next - comma - 1) == category) {
      imeis.insert(line.substr(0, std::min<std::size_t>(comma, 14)));
    }
  }
  return imeis;
}

}  // namespace openceir::testing
