#include "openceir/classify/explain.h"

#include <fmt/format.h>

#include <algorithm>
#include <map>
#include <set>

#include "openceir/classify/condition.h"
#include "openceir/store/evidence_json.h"

namespace openceir::classify {
namespace {

// Modules that say the device itself may not be used, whoever uses it.
bool IsDeviceModule(std::string_view module) {
  return module == "gsma_not_found" || module == "malformed_imei" || module == "is_barred_tac" ||
         module == "exists_in_barred_list" || module == "is_test_tac" ||
         module == "inconsistent_rat" || module == "device_type_mismatch" ||
         module == "bad_check_digit";
}

bool Has(const std::vector<std::string>& modules, std::string_view module) {
  return std::find(modules.begin(), modules.end(), module) != modules.end();
}

void AddActions(ImeiExplanation* out) {
  std::set<std::string> seen;
  auto add = [&](std::string action) {
    if (seen.insert(action).second) out->actions.push_back(std::move(action));
  };
  bool any_block = false;
  for (const ConditionExplanation& condition : out->conditions) {
    if (!condition.blocks) continue;
    any_block = true;
    const std::string by = FormatYyyymmdd(condition.row.block_date);
    for (const std::string& module : condition.modules) {
      if (module == "not_on_registration_list") {
        add(fmt::format("Register the device on the national registration list before {}.", by));
      } else if (module == "not_on_association_list") {
        add(fmt::format("Associate the device with your identity (association list) before {}.",
                        by));
      } else if (module == "stolen_list") {
        add("The IMEI is reported stolen: if the phone was recovered, the person or body that "
            "reported it must withdraw the report.");
      } else if (IsCloningModule(module)) {
        add(fmt::format(
            "If this is your phone, pair it with your SIM at your operator before {}: a paired "
            "(IMEI, IMSI) keeps working even when the IMEI is blocked.",
            by));
      } else if (IsDeviceModule(module)) {
        add(
            fmt::format("The device itself is refused ({}): replace it, or dispute if it is a "
                        "genuine, approved device.",
                        condition.spec.reason));
      }
    }
  }
  for (const store::GenuineUserRow& user : out->genuine_users) {
    if (user.end_job) continue;
    add(fmt::format("Subscriber {} was found to be the genuine user and keeps service ({}).",
                    user.imsi, user.reason));
  }
  if (any_block) {
    add(fmt::format("To dispute, contact the regulator quoting IMEI {} and classification run {}.",
                    out->imei_norm, out->latest_run ? out->latest_run->run : 0));
  } else if (out->conditions.empty()) {
    add("Nothing to do: the IMEI matches no condition.");
  } else {
    add("Nothing to do now: no condition the IMEI matches blocks it.");
  }
}

}  // namespace

Result<ImeiExplanation> ExplainImei(store::RegistryStore& registry, const std::string& imei_norm) {
  ImeiExplanation out;
  out.imei_norm = imei_norm;
  OPENCEIR_ASSIGN_OR_RETURN(std::vector<store::ClassificationRunRecord> latest,
                            registry.ListClassificationRuns(1));
  if (!latest.empty()) out.latest_run = latest.front();
  OPENCEIR_ASSIGN_OR_RETURN(std::vector<store::ClassificationRow> rows,
                            registry.FindClassificationRows(imei_norm));
  OPENCEIR_ASSIGN_OR_RETURN(out.genuine_users, registry.FindGenuineUsers(imei_norm));

  std::map<store::JobId, store::ClassificationRunRecord> runs;
  for (store::ClassificationRow& row : rows) {
    ConditionExplanation condition;
    bool found = false;
    bool applied = false;
    if (out.latest_run) {
      for (const store::ConditionRunRecord& record : out.latest_run->conditions) {
        if (record.spec.label == row.condition) {
          condition.spec = record.spec;
          applied = record.applied;
          found = true;
        }
      }
    }
    if (!found) {
      auto it = runs.find(row.start_run);
      if (it == runs.end()) {
        OPENCEIR_ASSIGN_OR_RETURN(store::ClassificationRunRecord run,
                                  registry.GetClassificationRun(row.start_run));
        it = runs.emplace(row.start_run, std::move(run)).first;
      }
      for (const store::ConditionRunRecord& record : it->second.conditions) {
        if (record.spec.label == row.condition) condition.spec = record.spec;
      }
    }
    condition.matching = !row.end_date.has_value();
    condition.blocks = condition.matching && condition.spec.blocking && found && applied;
    OPENCEIR_ASSIGN_OR_RETURN(condition.evidence, store::ParseEvidenceJson(row.evidence_json));
    for (const store::EvidenceField& field : condition.evidence) {
      const auto dot = field.name.find('.');
      if (dot == std::string::npos) continue;
      if (field.name.compare(dot, std::string::npos, ".explain") == 0) {
        condition.sentences.push_back(field.value);
      }
      std::string module = field.name.substr(0, dot);
      // "duplicate_threshold_2" (a repeated module) names duplicate_threshold.
      if (const auto underscore = module.find_last_of('_');
          underscore != std::string::npos &&
          module.find_first_not_of("0123456789", underscore + 1) == std::string::npos &&
          underscore + 1 < module.size()) {
        module.resize(underscore);
      }
      if (module != "genuine_user" && !Has(condition.modules, module)) {
        condition.modules.push_back(module);
      }
    }
    if (condition.blocks && (!out.block_date || row.block_date < *out.block_date)) {
      out.block_date = row.block_date;
    }
    condition.row = std::move(row);
    out.conditions.push_back(std::move(condition));
  }
  std::stable_sort(out.conditions.begin(), out.conditions.end(),
                   [](const ConditionExplanation& a, const ConditionExplanation& b) {
                     return a.matching > b.matching;
                   });
  AddActions(&out);
  return out;
}

}  // namespace openceir::classify
