// The throwaway store of store/testing (store_test_util.h) with the operators the reports name,
// for the reports tests and benchmark.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "openceir/config/config.h"
#include "openceir/store/testing/store_test_util.h"

namespace openceir::reports {

using store::testing::Day;
using store::testing::SeenTriplet;
using store::testing::TestMatch;

// The shared test store, with the operators the reports name.
class ReportsTestbed : public store::testing::StoreTestbed {
 public:
  static Result<std::unique_ptr<ReportsTestbed>> Create(const std::string& name);

  static std::vector<config::OperatorConfig> Operators();  // op1 41001, op2 41002

  // One committed run that has seen 100 IMEIs besides the matched ones.
  Result<store::JobId> Classify(Date curr_date, const std::vector<store::ConditionSpec>& conditions,
                                const std::vector<TestMatch>& matches);

 private:
  ReportsTestbed() = default;
};

}  // namespace openceir::reports
