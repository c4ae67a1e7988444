// `openceir explain IMEI [--json]`: why an IMEI is (or was) classified, for the person who
// asks: each condition it matches or once matched, the evidence, the block date and what the
// user can do (issue 4 item 6). Read-only.
#include <fmt/format.h>

#include <nlohmann/json.hpp>

#include "cli/commands.h"
#include "openceir/classify/explain.h"
#include "openceir/identifiers/imei.h"

namespace openceir::cli {
namespace {

std::string OptionalDate(const std::optional<Date>& date) {
  return date ? FormatYyyymmdd(*date) : std::string();
}

nlohmann::json ExplanationJson(const classify::ImeiExplanation& explanation) {
  nlohmann::json conditions = nlohmann::json::array();
  for (const classify::ConditionExplanation& condition : explanation.conditions) {
    nlohmann::json evidence = nlohmann::json::object();
    for (const store::EvidenceField& field : condition.evidence) evidence[field.name] = field.value;
    conditions.push_back({{"condition", condition.row.condition},
                          {"reason", condition.spec.reason},
                          {"blocking", condition.spec.blocking},
                          {"matching", condition.matching},
                          {"blocks", condition.blocks},
                          {"start_date", FormatYyyymmdd(condition.row.start_date)},
                          {"end_date", OptionalDate(condition.row.end_date)},
                          {"block_date", FormatYyyymmdd(condition.row.block_date)},
                          {"amnesty_granted", condition.row.amnesty_granted},
                          {"start_run", condition.row.start_run},
                          {"end_run", condition.row.end_run ? *condition.row.end_run : 0},
                          {"explanation", condition.sentences},
                          {"evidence", std::move(evidence)}});
  }
  nlohmann::json users = nlohmann::json::array();
  for (const store::GenuineUserRow& user : explanation.genuine_users) {
    users.push_back({{"imsi", user.imsi},
                     {"reason", user.reason},
                     {"in_force", !user.end_job.has_value()},
                     {"start_run", user.start_run},
                     {"revoked_by", user.revoked_by},
                     {"revoke_note", user.revoke_note}});
  }
  return {{"imei_norm", explanation.imei_norm},
          {"latest_run", explanation.latest_run ? explanation.latest_run->run : 0},
          {"block_date", OptionalDate(explanation.block_date)},
          {"conditions", std::move(conditions)},
          {"genuine_users", std::move(users)},
          {"actions", explanation.actions}};
}

void PrintExplanation(const classify::ImeiExplanation& explanation) {
  fmt::print("IMEI {}\n", explanation.imei_norm);
  if (!explanation.latest_run) {
    fmt::print("no classification run yet\n");
  } else if (explanation.block_date) {
    fmt::print("blocked from {} (classification run {} of {})\n",
               FormatYyyymmdd(*explanation.block_date), explanation.latest_run->run,
               FormatYyyymmdd(explanation.latest_run->curr_date));
  } else {
    fmt::print("not blocked (classification run {} of {})\n", explanation.latest_run->run,
               FormatYyyymmdd(explanation.latest_run->curr_date));
  }
  for (const classify::ConditionExplanation& condition : explanation.conditions) {
    const store::ClassificationRow& row = condition.row;
    fmt::print("\n{} ({}, {}): {}\n", row.condition,
               condition.spec.blocking ? "blocking" : "informational",
               condition.matching ? fmt::format("matching since {}", FormatYyyymmdd(row.start_date))
                                  : fmt::format("matched {}..{}", FormatYyyymmdd(row.start_date),
                                                OptionalDate(row.end_date)),
               condition.spec.reason);
    if (condition.matching && condition.spec.blocking) {
      fmt::print("  block date {}{}{}\n", FormatYyyymmdd(row.block_date),
                 row.amnesty_granted ? " (amnesty granted)" : "",
                 condition.blocks ? "" : " (not applied in the latest run)");
    }
    for (const std::string& sentence : condition.sentences) fmt::print("  - {}\n", sentence);
    for (const store::EvidenceField& field : condition.evidence) {
      if (field.name == "genuine_user.reason") fmt::print("  - genuine user: {}\n", field.value);
    }
  }
  for (const store::GenuineUserRow& user : explanation.genuine_users) {
    fmt::print("\ngenuine user {}: {}{}\n", user.imsi, user.reason,
               user.end_job
                   ? (user.revoked_by.empty()
                          ? " (no longer in force)"
                          : fmt::format(" (revoked by {}: {})", user.revoked_by, user.revoke_note))
                   : " (keeps service)");
  }
  fmt::print("\nwhat you can do:\n");
  for (const std::string& action : explanation.actions) fmt::print("  * {}\n", action);
}

}  // namespace

int RunExplain(const GlobalOptions& global, const ExplainOptions& options) {
  std::optional<std::string> imei_norm = identifiers::NormalizeImei(options.imei);
  if (!imei_norm) {
    fmt::print(stderr, "openceir: explain: empty IMEI\n");
    return kExitUsage;
  }
  auto context = LoadContext(global);
  if (!context.ok()) return ReportError(context.status());
  SystemClock clock;
  auto registry = OpenStore(*context, OpenMode::kExistingLatest, &clock);
  if (!registry.ok()) return ReportError(registry.status());
  auto explanation = classify::ExplainImei(**registry, *imei_norm);
  if (!explanation.ok()) return ReportError(explanation.status());
  if (options.json) {
    fmt::print("{}\n", ExplanationJson(*explanation).dump(2));
  } else {
    PrintExplanation(*explanation);
  }
  return kExitOk;
}

}  // namespace openceir::cli
