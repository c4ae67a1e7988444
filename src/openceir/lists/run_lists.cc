// BuildRunLists: decisions, then the blacklist, exception and notification files (the latter
// from network data, or from a recorded generation).
#include "openceir/lists/run_lists.h"

#include "openceir/lists/list_history.h"
#include "openceir/lists/notification_lists.h"
#include "openceir/lists/row_file.h"

namespace openceir::lists {

store::DateWindow LookbackWindow(Date list_date, int lookback_days) {
  return {Date{list_date.days - lookback_days}, Date{list_date.days - 1}};
}

Result<RunLists> BuildRunLists(
    store::RegistryStore& registry, store::ObservationStore& observations,
    const store::ClassificationRunRecord& run, Date list_date, const ListOptions& options,
    const std::vector<config::OperatorConfig>& operators, const identifiers::MccMncTable& mcc_mncs,
    const store::ListGenerationRecord* recorded, const std::string& work_dir) {
  RunLists lists;
  OPENCEIR_ASSIGN_OR_RETURN(lists.decisions, DecideImeis(registry, run, list_date));

  lists.blacklist = work_dir + "/blacklist.rows";
  OPENCEIR_ASSIGN_OR_RETURN(auto blacklist, RowWriter::Create(lists.blacklist));
  Date formatted_date{-1};
  std::string block_date;  // block dates repeat: format each run of them once
  for (const ImeiDecision& decision : lists.decisions.imeis) {
    if (!decision.blacklisted) continue;
    if (decision.block_date != formatted_date) {
      formatted_date = decision.block_date;
      block_date = FormatYyyymmdd(decision.block_date);
    }
    const std::string_view fields[] = {decision.imei_norm, block_date,
                                       lists.decisions.reason_sets[decision.reasons]};
    OPENCEIR_RETURN_IF_ERROR(blacklist->Write(fields));
  }
  OPENCEIR_RETURN_IF_ERROR(blacklist->Close());

  OPENCEIR_ASSIGN_OR_RETURN(lists.pairs, LoadExceptionPairs(registry, run.run));
  OPENCEIR_ASSIGN_OR_RETURN(lists.exceptions,
                            WriteExceptionLists(registry, run.run, lists.pairs, lists.decisions,
                                                options, operators, mcc_mncs, work_dir));
  if (recorded != nullptr) {
    OPENCEIR_ASSIGN_OR_RETURN(lists.notifications,
                              RestoreNotifications(registry, *recorded, operators, work_dir));
  } else {
    OPENCEIR_ASSIGN_OR_RETURN(
        lists.notifications,
        WriteNotificationLists(observations, LookbackWindow(list_date, options.lookback_days),
                               lists.decisions, lists.pairs, operators, mcc_mncs, work_dir));
  }
  return lists;
}

}  // namespace openceir::lists
