// `openceir audit-eir URL --sample N --lists DIR`: the Q.5053 audit of an EIR node
// (openceir/bundle/eir_audit.h). Asks the node over N5g-eir about a sample of the central lists'
// IMEIs and of unlisted ones, and reports every answer that disagrees with the lists; exit 1 when
// there is any.
#include <fmt/format.h>

#include <nlohmann/json.hpp>

#include "cli/eir_commands.h"
#include "openceir/bundle/eir_audit.h"
#include "openceir/bundle/lists_input.h"
#include "openceir/bundle/policy_data.h"

namespace openceir::cli {

int RunAuditEir(const GlobalOptions& global, const AuditEirOptions& options) {
  auto context = LoadContext(global);
  if (!context.ok()) return ReportError(context.status());
  auto policies = PoliciesOf(context->config.eir.policies);
  if (!policies.ok()) return ReportError(policies.status());
  auto folder = bundle::ResolveListsFolder(options.lists_dir);
  if (!folder.ok()) return ReportError(folder.status());
  auto central = bundle::ReadListsFolder(*folder);
  if (!central.ok()) return ReportError(central.status());
  // The policies that judge unlisted IMEIs need the same data the node got in its bundle.
  if (policies->unallocated_tac || policies->unknown_imei) {
    SystemClock clock;
    auto registry = OpenStore(*context, OpenMode::kExistingLatest, &clock);
    if (!registry.ok()) return ReportError(registry.status());
    auto data = bundle::ReadPolicyData(
        **registry, {policies->unallocated_tac.has_value(), policies->unknown_imei.has_value()});
    if (!data.ok()) return ReportError(data.status());
    central->content.allocated_tacs = std::move(data->allocated_tacs);
    central->content.known_imeis = std::move(data->known_imeis);
  }

  const std::vector<bundle::AuditQuery> queries = bundle::DrawAuditSample(
      central->content, static_cast<std::size_t>(options.sample), options.seed);
  auto report = bundle::AuditEirNode(options.url, central->content, *policies, queries, {});
  if (!report.ok()) return ReportError(report.status());

  if (options.json) {
    nlohmann::ordered_json json;
    json["node"] = options.url;
    json["lists"] = *folder;
    json["classification_run"] = central->classification_run;
    json["asked"] = report->asked;
    json["disagreements"] = nlohmann::ordered_json::array();
    for (const bundle::AuditDisagreement& d : report->disagreements) {
      json["disagreements"].push_back({{"imei", d.query.imei},
                                       {"imsi", d.query.imsi ? *d.query.imsi : ""},
                                       {"category", d.query.category},
                                       {"expected", d.expected},
                                       {"answered", d.answered}});
    }
    fmt::print("{}\n", json.dump(2));
  } else {
    fmt::print("Audit of {} against the lists of classification run {} ({})\n", options.url,
               central->classification_run, *folder);
    for (const bundle::AuditDisagreement& d : report->disagreements) {
      fmt::print("  DISAGREES imei {}{} ({}): lists say {}, node answered {}\n", d.query.imei,
                 d.query.imsi ? " imsi " + *d.query.imsi : "", d.query.category, d.expected,
                 d.answered);
    }
    fmt::print("{} asked, {} disagreements\n", report->asked, report->disagreements.size());
  }
  return report->disagreements.empty() ? kExitOk : kExitRejected;
}

}  // namespace openceir::cli
