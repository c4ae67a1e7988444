// Renderings of an ImeiReport: JSON (nlohmann_json) for machines, aligned text for people.
#include <fmt/format.h>

#include <nlohmann/json.hpp>

#include "openceir/lookup/imei_lookup.h"

namespace openceir::lookup {
namespace {

using nlohmann::json;

json ToJsonValue(const ImeiReport& report) {
  json out = json::object();
  out["input"] = report.raw;
  out["imei_norm"] = report.imei_norm ? json(*report.imei_norm) : json(nullptr);
  out["valid"] = report.validation == identifiers::ImeiError::kOk;
  out["validation"] = std::string(identifiers::ImeiErrorName(report.validation));
  out["tac"] = report.tac.empty() ? json(nullptr) : json(report.tac);
  out["test_tac"] = report.test_tac;
  if (report.model) {
    const TacModel& m = *report.model;
    out["model"] = {{"tac", m.tac},
                    {"manufacturer", m.manufacturer},
                    {"model_name", m.model_name},
                    {"device_type", m.device_type},
                    {"bands", m.bands},
                    {"radio_caps", m.radio_caps},
                    {"allocation_date", m.allocation_date}};
  } else {
    out["model"] = nullptr;
  }
  out["registered"] = report.registration && report.registration->registered;
  if (report.registration) {
    const Registration& r = *report.registration;
    out["registration"] = {
        {"registered", r.registered}, {"status", r.status},         {"make", r.make},
        {"model", r.model},           {"brand_name", r.brand_name}, {"device_type", r.device_type},
        {"device_id", r.device_id}};
  } else {
    out["registration"] = nullptr;
  }
  if (report.stolen) {
    out["stolen"] = {{"confirmed", report.stolen->confirmed},
                     {"status", report.stolen->status},
                     {"reporting_date", report.stolen->reporting_date}};
  } else {
    out["stolen"] = nullptr;
  }
  out["paired"] = !report.pairings.empty();
  json pairs = json::array();
  for (const Pairing& p : report.pairings)
    pairs.push_back({{"imsi", p.imsi}, {"msisdn", p.msisdn}});
  out["pairings"] = std::move(pairs);
  out["golden"] = report.golden;
  out["barred"] = report.barred;
  out["barred_tac"] = report.barred_tac;
  out["monitored"] = report.monitored;
  out["association_uids"] = report.association_uids;
  return out;
}

std::string YesNo(bool value) { return value ? "yes" : "no"; }

// "a (b; c)" leaving out empty parts.
std::string Joined(const std::vector<std::string>& parts, std::string_view separator) {
  std::string out;
  for (const std::string& part : parts) {
    if (part.empty()) continue;
    if (!out.empty()) out += separator;
    out += part;
  }
  return out;
}

}  // namespace

std::string ToJson(const ImeiReport& report) { return ToJsonValue(report).dump(2); }

std::string ToJson(const std::vector<ImeiReport>& reports) {
  json out = json::array();
  for (const ImeiReport& report : reports) out.push_back(ToJsonValue(report));
  return out.dump(2);
}

std::string ToText(const ImeiReport& report) {
  std::string out;
  auto line = [&out](std::string_view label, const std::string& value) {
    out += fmt::format("  {:<14}{}\n", label, value);
  };
  out += fmt::format("IMEI {}\n", report.raw);
  line("imei_norm", report.imei_norm ? *report.imei_norm : "(empty)");
  line("validation", std::string(identifiers::ImeiErrorName(report.validation)));
  if (!report.tac.empty()) {
    line("TAC", report.tac + (report.test_tac ? " (test TAC)" : ""));
  }
  if (report.model) {
    const TacModel& m = *report.model;
    std::string details =
        Joined({m.device_type, m.radio_caps,
                m.allocation_date.empty() ? "" : "allocated " + m.allocation_date},
               "; ");
    line("model", Joined({m.manufacturer, m.model_name}, " ") +
                      (details.empty() ? "" : " (" + details + ")"));
  } else if (!report.tac.empty()) {
    line("model", "TAC not in the GSMA TAC database");
  }
  if (report.registration) {
    const Registration& r = *report.registration;
    std::string details = Joined({r.status, Joined({r.make, r.model}, " "),
                                  r.device_id.empty() ? "" : "device " + r.device_id},
                                 "; ");
    line("registered", YesNo(r.registered) + (details.empty() ? "" : " (" + details + ")"));
  } else {
    line("registered", "no");
  }
  if (report.stolen) {
    std::string details = Joined(
        {report.stolen->confirmed ? "confirmed" : "provisional: " + report.stolen->status,
         report.stolen->reporting_date.empty() ? "" : "reported " + report.stolen->reporting_date},
        ", ");
    line("stolen", "yes (" + details + ")");
  } else {
    line("stolen", "no");
  }
  std::vector<std::string> pairs;
  for (const Pairing& p : report.pairings) pairs.push_back(p.imsi + "/" + p.msisdn);
  line("paired", pairs.empty() ? "no" : Joined(pairs, ", "));
  line("golden", YesNo(report.golden));
  line("barred", YesNo(report.barred));
  line("barred TAC", YesNo(report.barred_tac));
  line("monitored", YesNo(report.monitored));
  line("associations",
       report.association_uids.empty() ? "none" : Joined(report.association_uids, ", "));
  return out;
}

}  // namespace openceir::lookup
