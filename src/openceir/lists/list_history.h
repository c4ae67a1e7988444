// The lists side of list history (store/list_history.h): what a generation records, and how a
// recorded generation is read back, so that `openceir lists` for a (run, list date) generated
// before gives the same bytes whatever changed since:
//
//   recorded                 why it is needed
//   options                  the configuration's list_generation section may have changed
//   operators (id, MCC-MNCs) operators may have been added, removed or renumbered
//   notification rows        operator data imported later for days of the look-back window
//
// The blacklist and exception lists need nothing recorded: they are read as of the run from the
// store's temporal history (imei_decisions.h, exception_lists.h).
#pragma once

#include <map>
#include <string>
#include <vector>

#include "openceir/base/status.h"
#include "openceir/config/config.h"
#include "openceir/lists/list_request.h"
#include "openceir/store/registry_store.h"

namespace openceir::lists {

// Canonical JSON (fixed key order, no spaces) of the options and of the operators (id and
// MCC-MNCs, in order: what list generation reads of them).
std::string OptionsJson(const ListOptions& options);
std::string OperatorsJson(const std::vector<config::OperatorConfig>& operators);
// The inverses. Errors: InternalError for a record that is not such JSON (a damaged record).
Result<ListOptions> OptionsFromJson(const std::string& json);
Result<std::vector<config::OperatorConfig>> OperatorsFromJson(const std::string& json);

// The recorded file name of operator `operator_id`'s notification rows.
std::string NotificationFileName(const std::string& operator_id);

// Records the generation `record` (run, list date, base, options, operators, manifest; files
// are filled here) with the notification row files `notifications` (operator -> row file),
// compressed in `work_dir` first. One store transaction. Errors: as
// RegistryStore::RecordListGeneration; IoError.
Status RecordGeneration(store::RegistryStore& registry, store::ListGenerationRecord record,
                        const std::map<std::string, std::string>& notifications,
                        const std::string& work_dir);

// Writes the recorded notification rows of `record` into `work_dir`, one row file per operator
// of `operators`, and returns operator -> path. An operator the record has no rows for gets an
// empty file (it was not configured then: it was sent nothing). Errors: the store's; IoError;
// InternalError for a damaged record.
Result<std::map<std::string, std::string>> RestoreNotifications(
    store::RegistryStore& registry, const store::ListGenerationRecord& record,
    const std::vector<config::OperatorConfig>& operators, const std::string& work_dir);

}  // namespace openceir::lists
