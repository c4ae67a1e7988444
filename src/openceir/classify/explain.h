// ExplainImei (issue 4 item 6): everything the classification state says about one IMEI, for a
// person: every condition it matches or once matched, with the evidence and its sentences, the
// block date, the genuine-user exceptions of its subscribers, and what the user can do
// (pair, register, dispute). Read-only.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "openceir/base/status.h"
#include "openceir/store/registry_store.h"

namespace openceir::classify {

struct ConditionExplanation {
  store::ClassificationRow row;
  // The condition as the latest run had it, else as the run that started the match had it.
  store::ConditionSpec spec;
  bool matching = false;  // the match is open
  // Open, blocking, and the latest run applied the condition (not capped).
  bool blocks = false;
  std::vector<store::EvidenceField> evidence;  // the first match's, as stored
  std::vector<std::string> sentences;          // the dimensions' "*.explain" evidence
  std::vector<std::string> modules;            // dimension modules, from the evidence names
};

struct ImeiExplanation {
  std::string imei_norm;
  std::optional<store::ClassificationRunRecord> latest_run;  // none before the first run
  std::vector<ConditionExplanation> conditions;              // open first, then past; by condition
  std::vector<store::GenuineUserRow> genuine_users;
  std::optional<Date> block_date;    // earliest block date of the matches that block
  std::vector<std::string> actions;  // what the user can do, in words
};

// Explains `imei_norm` (already normalised). An IMEI that never matched gets no conditions and
// the action "nothing to do". Errors: the store's; kInvalidInput for stored evidence that is
// not evidence JSON.
Result<ImeiExplanation> ExplainImei(store::RegistryStore& registry, const std::string& imei_norm);

}  // namespace openceir::classify
