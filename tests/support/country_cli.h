// Running `openceir` on one configuration and one store, as the end-to-end tests of a simulated
// country do: every call gets --config and --store, and the files `openceir simulate` writes
// are imported the way the register's operators would import them.
#pragma once

#include <set>
#include <string>
#include <vector>

#include "tests/support/run_process.h"

namespace openceir::testing {

class CountryCli {
 public:
  // `cwd`: where the commands run (their outputs are captured through files there).
  CountryCli(std::string config, std::string store, std::string cwd)
      : config_(std::move(config)), store_(std::move(store)), cwd_(std::move(cwd)) {}

  // `openceir --config CONFIG --store STORE args...`.
  ProcessResult Run(std::vector<std::string> args) const;
  // Runs `args`; unless it exits 0, fails the current test (ADD_FAILURE) naming them, with
  // their output. Returns whether it passed.
  bool MustPass(const std::vector<std::string>& args) const;
  // Imports the GSMA TAC database and the nine reference lists (full files) of the simulated
  // country in `sim`.
  void ImportReferenceLists(const std::string& sim) const;
  // Imports each operator's (op1-op3) data file `<op>_<period>.csv` of `sim`, and with
  // `with_events` the cells file and each operator's events file `<op>_<period>.events.csv`.
  void ImportOperatorData(const std::string& sim, const std::string& period,
                          bool with_events) const;

  const std::string& store() const { return store_; }

 private:
  std::string config_;
  std::string store_;
  std::string cwd_;
};

// The 14-digit keys of the IMEIs that the simulation's truth file (`sim`/truth.csv) puts in
// `category` (cloned, stolen, ...).
std::set<std::string> TruthImeis(const std::string& sim, const std::string& category);

}  // namespace openceir::testing
