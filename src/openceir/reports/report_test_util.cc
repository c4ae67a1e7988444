// ReportsTestbed over the shared test store.
#include "openceir/reports/report_test_util.h"

namespace openceir::reports {

Result<std::unique_ptr<ReportsTestbed>> ReportsTestbed::Create(const std::string& name) {
  std::unique_ptr<ReportsTestbed> bed(new ReportsTestbed());
  OPENCEIR_RETURN_IF_ERROR(bed->Open(name));
  return bed;
}

std::vector<config::OperatorConfig> ReportsTestbed::Operators() {
  return {{"op1", "Operator One", {"41001"}}, {"op2", "Operator <Two>", {"41002"}}};
}

Result<store::JobId> ReportsTestbed::Classify(Date curr_date,
                                              const std::vector<store::ConditionSpec>& conditions,
                                              const std::vector<TestMatch>& matches) {
  return StoreTestbed::Classify(curr_date, conditions, matches, {},
                                /*unmatched_seen_imeis=*/100);
}

}  // namespace openceir::reports
