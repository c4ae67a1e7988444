#include "openceir/api/imei_status.h"

#include <fmt/format.h>

#include <algorithm>

#include "openceir/classify/explain.h"
#include "openceir/identifiers/imei.h"
#include "openceir/lookup/imei_lookup.h"
#include "openceir/store/list_schema.h"

namespace openceir::api {
namespace {

using nlohmann::json;

std::string_view ValidationMessage(identifiers::ImeiError error) {
  switch (error) {
    case identifiers::ImeiError::kOk: return "The IMEI is well formed.";
    case identifiers::ImeiError::kEmpty: return "No IMEI was given.";
    case identifiers::ImeiError::kBadLength:
      return "An IMEI has 15 digits (14 without the check digit); dial *#06# to see yours.";
    case identifiers::ImeiError::kBadCharacter: return "An IMEI has digits only.";
    case identifiers::ImeiError::kBadCheckDigit:
      return "The last digit does not match the others: check for a typing mistake.";
    case identifiers::ImeiError::kTestTac:
      return "The IMEI belongs to test equipment, not to a device for sale.";
    case identifiers::ImeiError::kReservedPattern:
      return "The IMEI is a reserved pattern (such as all zeros) that no real device has.";
  }
  return "";
}

json Nullable(const std::optional<std::string>& text) { return text ? json(*text) : json(nullptr); }

json RegistryDetail(const lookup::ImeiReport& report,
                    const std::vector<store::GenuineUserRow>& genuine_users) {
  json detail = json::object();
  detail["golden"] = report.golden;
  detail["barred"] = report.barred;
  detail["barred_tac"] = report.barred_tac;
  detail["monitored"] = report.monitored;
  detail["stolen"] = report.stolen ? json{{"confirmed", report.stolen->confirmed},
                                          {"status", report.stolen->status},
                                          {"reporting_date", report.stolen->reporting_date}}
                                   : json(nullptr);
  detail["registration"] = report.registration
                               ? json{{"registered", report.registration->registered},
                                      {"status", report.registration->status},
                                      {"make", report.registration->make},
                                      {"model", report.registration->model},
                                      {"device_id", report.registration->device_id}}
                               : json(nullptr);
  json pairings = json::array();
  for (const lookup::Pairing& pairing : report.pairings) {
    pairings.push_back({{"imsi", pairing.imsi}, {"msisdn", pairing.msisdn}});
  }
  detail["pairings"] = std::move(pairings);
  detail["association_uids"] = report.association_uids;
  json users = json::array();
  for (const store::GenuineUserRow& user : genuine_users) {
    users.push_back({{"imsi", user.imsi}, {"in_force", !user.end_job.has_value()}});
  }
  detail["genuine_users"] = std::move(users);
  return detail;
}

}  // namespace

bool SeesRegistryDetail(store::ApiRole role) {
  return role == store::ApiRole::kPolice || role == store::ApiRole::kRegulator;
}

Result<nlohmann::json> ImeiStatusJson(store::RegistryStore& registry, std::string_view raw_imei,
                                      store::ApiRole role, Date today) {
  OPENCEIR_ASSIGN_OR_RETURN(lookup::ImeiReport report, lookup::LookupImei(registry, raw_imei));
  json out = json::object();
  out["imei"] = std::string(raw_imei);
  out["imei_norm"] = Nullable(report.imei_norm);
  out["validation"] = {{"valid", report.validation == identifiers::ImeiError::kOk},
                       {"reason", identifiers::ImeiErrorName(report.validation)},
                       {"message", ValidationMessage(report.validation)}};
  out["tac"] = report.tac.empty() ? json(nullptr) : json(report.tac);
  out["device"] = report.model ? json{{"brand", report.model->manufacturer},
                                      {"model", report.model->model_name},
                                      {"device_type", report.model->device_type},
                                      {"radio", report.model->radio_caps}}
                               : json(nullptr);

  classify::ImeiExplanation explanation;
  if (report.imei_norm) {
    OPENCEIR_ASSIGN_OR_RETURN(explanation, classify::ExplainImei(registry, *report.imei_norm));
  }
  json reasons = json::array();
  bool blocked = false;
  bool tracked = false;
  for (const classify::ConditionExplanation& condition : explanation.conditions) {
    if (!condition.matching) continue;
    const bool blocks_now = condition.blocks && condition.row.block_date <= today;
    blocked = blocked || blocks_now;
    tracked = true;
    reasons.push_back(
        {{"condition", condition.spec.label},
         {"reason", condition.spec.reason},
         {"blocking", condition.blocks},
         {"block_date",
          condition.blocks ? json(FormatIsoDate(condition.row.block_date)) : json(nullptr)},
         {"since", FormatIsoDate(condition.row.start_date)}});
  }
  std::string status = blocked ? "blocked" : tracked ? "tracked" : "permitted";
  if (report.golden) status = "permitted";  // golden-list devices are never blocked
  out["status"] = status;
  out["block_date"] = explanation.block_date && !report.golden
                          ? json(FormatIsoDate(*explanation.block_date))
                          : json(nullptr);
  out["reasons"] = std::move(reasons);

  // The explanation's actions may name a genuine user's IMSI: only privileged roles see those.
  json actions = json::array();
  for (const std::string& action : explanation.actions) {
    const bool names_subscriber =
        std::any_of(explanation.genuine_users.begin(), explanation.genuine_users.end(),
                    [&](const store::GenuineUserRow& user) {
                      return !user.imsi.empty() && action.find(user.imsi) != std::string::npos;
                    });
    if (names_subscriber && !SeesRegistryDetail(role)) continue;
    actions.push_back(action);
  }
  if (report.validation != identifiers::ImeiError::kOk) {
    actions.push_back("Check the IMEI you typed: dial *#06# on the device to see it.");
  }
  out["actions"] = std::move(actions);
  out["classification_run"] =
      explanation.latest_run ? json(explanation.latest_run->run) : json(nullptr);
  if (SeesRegistryDetail(role)) {
    out["registry"] = RegistryDetail(report, explanation.genuine_users);
  }
  return out;
}

Result<nlohmann::json> TacInfoJson(store::RegistryStore& registry, std::string_view tac) {
  if (tac.size() != 8 || tac.find_first_not_of("0123456789") != std::string_view::npos) {
    return InvalidInputError(fmt::format("a TAC is 8 digits, not \"{}\"", tac));
  }
  OPENCEIR_ASSIGN_OR_RETURN(auto rows,
                            registry.FindCurrent(store::ListKind::kGsmaTac, std::string(tac)));
  if (rows.empty()) {
    return NotFoundError(fmt::format("TAC {} is not in the GSMA TAC database", tac));
  }
  const auto& columns = store::SchemaOf(store::ListKind::kGsmaTac).columns;
  auto column = [&](std::string_view name) -> std::string {
    for (std::size_t i = 0; i < columns.size(); ++i) {
      if (columns[i] == name && i < rows.front().size()) return rows.front()[i];
    }
    return std::string();
  };
  OPENCEIR_ASSIGN_OR_RETURN(auto barred,
                            registry.FindCurrent(store::ListKind::kBarredTac, std::string(tac)));
  return json{{"tac", std::string(tac)},
              {"brand", column("manufacturer")},
              {"model", column("model_name")},
              {"device_type", column("device_type")},
              {"bands", column("bands")},
              {"radio", column("radio_caps")},
              {"allocation_date", column("allocation_date")},
              {"test_tac", identifiers::IsTestTac(tac)},
              {"barred", !barred.empty()}};
}

}  // namespace openceir::api
