// A throwaway store (registry and observations in one SQLite file, as the CLI keeps them) with
// helpers to create reference-list changes, classification runs and network data, and to read
// back what list generation wrote. For the lists tests and benchmark.
#pragma once

#include <map>
#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "openceir/base/clock.h"
#include "openceir/lists/list_generator.h"
#include "openceir/store/observation_store.h"
#include "openceir/store/registry_store.h"

namespace openceir::lists {

// "20260101" -> Date; aborts on a bad literal (test data only).
Date Day(const char* yyyymmdd);

struct TestMatch {
  std::uint32_t condition = 0;
  std::string imei_norm;
};

struct TestTriplet {
  std::string operator_id;
  std::string imei_norm;
  std::string imsi;
  std::string msisdn;
  Date day;
};

class ListsTestbed {
 public:
  // Creates a fresh folder under the temp directory named after `name` and the pid.
  static Result<std::unique_ptr<ListsTestbed>> Create(const std::string& name);
  ~ListsTestbed();  // removes the folder

  store::RegistryStore& registry() { return *registry_; }
  store::ObservationStore& observations() { return *observations_; }
  const std::string& dir() const { return dir_; }
  // Two operators: op1 = 41001, op2 = 41002 (region MCC 410).
  static std::vector<config::OperatorConfig> Operators();

  // Adds and removes rows of a reference list as one job; returns the job.
  Result<store::JobId> ChangeList(store::ListKind kind, std::vector<store::ListRow> added,
                                  std::vector<store::ListRow> removed = {});
  // One committed classification run.
  Result<store::JobId> Classify(
      Date curr_date, const std::vector<store::ConditionSpec>& conditions,
      const std::vector<TestMatch>& matches,
      const std::vector<std::pair<std::string, std::string>>& genuine_users = {});
  // One committed observation import per call.
  Status See(const std::vector<TestTriplet>& triplets);

  // Generates lists into a new folder under dir()/`out`.
  Result<ListsManifest> Generate(store::JobId run, std::optional<store::JobId> base,
                                 const ListOptions& options, const std::string& out,
                                 std::optional<Date> list_date = std::nullopt);

 private:
  ListsTestbed() : clock_(1'767'225'600) {}
  std::string dir_;
  ManualClock clock_;
  std::unique_ptr<store::RegistryStore> registry_;
  std::unique_ptr<store::ObservationStore> observations_;
  int imports_ = 0;
};

// Every member of every zip of `manifest`: member name -> bytes.
Result<std::map<std::string, std::string>> ReadLists(const ListsManifest& manifest);

}  // namespace openceir::lists
