// A throwaway SQLite store (registry and observations in one file) with helpers to add list
// rows, triplets and classification runs, for the reports tests and benchmark.
#pragma once

#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "openceir/base/clock.h"
#include "openceir/config/config.h"
#include "openceir/store/observation_store.h"
#include "openceir/store/registry_store.h"

namespace openceir::reports {

Date Day(const char* yyyymmdd);  // aborts on a bad literal (test data only)

struct SeenTriplet {
  std::string operator_id;
  std::string imei_norm;
  std::string imsi;
  std::string msisdn;
  Date day;
  std::uint8_t imsi_class = 1;  // kImsiLocalSubscriber
};

class ReportsTestbed {
 public:
  static Result<std::unique_ptr<ReportsTestbed>> Create(const std::string& name);
  ~ReportsTestbed();

  store::RegistryStore& registry() { return *registry_; }
  store::ObservationStore& observations() { return *observations_; }
  const std::string& dir() const { return dir_; }
  static std::vector<config::OperatorConfig> Operators();  // op1 41001, op2 41002

  Result<store::JobId> ChangeList(store::ListKind kind, std::vector<store::ListRow> added);
  // One committed run; matches are (condition index, imei_norm).
  Result<store::JobId> Classify(Date curr_date, const std::vector<store::ConditionSpec>& conditions,
                                const std::vector<std::pair<std::uint32_t, std::string>>& matches);
  // One observation import (triplets merged by the store).
  Status See(const std::vector<SeenTriplet>& triplets);

 private:
  ReportsTestbed() : clock_(1'767'225'600) {}
  std::string dir_;
  ManualClock clock_;
  std::unique_ptr<store::RegistryStore> registry_;
  std::unique_ptr<store::ObservationStore> observations_;
  int imports_ = 0;
};

}  // namespace openceir::reports
