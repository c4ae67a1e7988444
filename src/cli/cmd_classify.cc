// `openceir classify [--curr-date YYYYMMDD] [--json]`: one classification run (issue 4 item 3).
// The analysis date defaults to the day after the latest operator data. Prints what every
// condition did, the conditions that could not be evaluated (a warning each) and those the
// safety cap kept from being applied (an error each: exit 1, the run is still recorded).
#include <fmt/format.h>
#include <unistd.h>

#include <nlohmann/json.hpp>

#include "cli/commands.h"
#include "openceir/classify/classifier.h"
#include "openceir/classify/genuine_user.h"

namespace openceir::cli {
namespace {

nlohmann::json ReportJson(const classify::ClassifyReport& report) {
  nlohmann::json conditions = nlohmann::json::array();
  for (const store::ConditionRunRecord& record : report.run.conditions) {
    conditions.push_back({{"label", record.spec.label},
                          {"blocking", record.spec.blocking},
                          {"applied", record.applied},
                          {"matching", record.matching},
                          {"matching_ratio", record.matching_ratio},
                          {"max_allowed_matching_ratio", record.spec.max_allowed_matching_ratio},
                          {"started", record.started},
                          {"continued", record.continued},
                          {"ended", record.ended}});
  }
  nlohmann::json skipped = nlohmann::json::array();
  for (const classify::SkippedCondition& condition : report.skipped) {
    skipped.push_back({{"label", condition.label}, {"why", condition.why}});
  }
  nlohmann::json windows = nlohmann::json::array();
  for (const store::DateWindow& window : report.windows) {
    windows.push_back(
        {{"first", FormatYyyymmdd(window.first)}, {"last", FormatYyyymmdd(window.last)}});
  }
  return {{"run", report.run.run},
          {"curr_date", FormatYyyymmdd(report.run.curr_date)},
          {"windows", std::move(windows)},
          {"seen_imeis", report.run.seen_imeis},
          {"network_imeis", report.network_imeis},
          {"list_only_imeis", report.list_only_imeis},
          {"conditions", std::move(conditions)},
          {"skipped_conditions", std::move(skipped)},
          {"capped_conditions", report.capped},
          {"genuine_users",
           {{"cloned_imeis", report.cloned_imeis},
            {"designated", report.genuine_users_designated},
            {"undetermined", report.genuine_users_undetermined},
            {"held", report.genuine_users_held},
            {"started", report.run.genuine_users_started},
            {"continued", report.run.genuine_users_continued},
            {"ended", report.run.genuine_users_ended},
            {"refused_revoked", report.run.genuine_users_refused}}},
          {"seconds", report.seconds}};
}

void PrintReport(const classify::ClassifyReport& report) {
  fmt::print("classification run {} for {}: {} IMEIs ({} seen on the network, {} only on lists)\n",
             report.run.run, FormatYyyymmdd(report.run.curr_date), report.run.seen_imeis,
             report.network_imeis, report.list_only_imeis);
  for (const store::DateWindow& window : report.windows) {
    fmt::print("  window {}..{}\n", FormatYyyymmdd(window.first), FormatYyyymmdd(window.last));
  }
  fmt::print("\n{:<28} {:<13} {:>9} {:>8} {:>8} {:>9} {:>8}\n", "condition", "", "matching",
             "ratio", "started", "continued", "ended");
  for (const store::ConditionRunRecord& record : report.run.conditions) {
    fmt::print("{:<28} {:<13} {:>9} {:>7.3f}% {:>8} {:>9} {:>8}{}\n", record.spec.label,
               record.spec.blocking ? "blocking" : "informational", record.matching,
               100 * record.matching_ratio, record.started, record.continued, record.ended,
               record.applied ? "" : "  NOT APPLIED");
  }
  fmt::print(
      "\ncloned IMEIs {}: genuine user found for {}, undetermined for {} ({} held from the lists "
      "until seen for {} days) (exceptions: {} started, {} kept, {} ended, {} revoked by the "
      "regulator and not restored)\n",
      report.cloned_imeis, report.genuine_users_designated, report.genuine_users_undetermined,
      report.genuine_users_held, classify::kGenuineUserHoldDays, report.run.genuine_users_started,
      report.run.genuine_users_continued, report.run.genuine_users_ended,
      report.run.genuine_users_refused);
  fmt::print("{:.2f} s\n", report.seconds);
  for (const classify::SkippedCondition& condition : report.skipped) {
    fmt::print(stderr, "openceir: warning: condition {} was not evaluated: {}\n", condition.label,
               condition.why);
  }
  for (const store::ConditionRunRecord& record : report.run.conditions) {
    if (record.applied) continue;
    fmt::print(stderr,
               "openceir: condition {} matched {:.3f}% of the IMEIs, more than its "
               "max_allowed_matching_ratio {:.3f}%: not applied (its state is unchanged)\n",
               record.spec.label, 100 * record.matching_ratio,
               100 * record.spec.max_allowed_matching_ratio);
  }
}

}  // namespace

int RunClassify(const GlobalOptions& global, const ClassifyCommandOptions& options) {
  std::optional<Date> curr_date;
  if (!options.curr_date.empty()) {
    curr_date = ParseYyyymmdd(options.curr_date);
    if (!curr_date) {
      fmt::print(stderr, "openceir: --curr-date {}: not a YYYYMMDD day\n", options.curr_date);
      return kExitUsage;
    }
  }
  SystemClock clock;
  auto stores = OpenStores(global, &clock);
  if (!stores.ok()) return ReportError(stores.status());
  if (!curr_date) {
    auto latest =
        classify::DefaultAnalysisDate(*stores->observations, stores->context.config.region);
    if (!latest.ok()) return ReportError(latest.status());
    curr_date = *latest;
  }

  classify::ClassifyOptions classify_options;
  classify_options.curr_date = *curr_date;
  classify_options.job.command = "classify";
  classify_options.job.arguments = options.arguments;
  classify_options.job.user = CurrentUser();
  classify_options.job.pid = ::getpid();
  const Context& context = stores->context;
  classify_options.open_reader = [&context, &clock] {
    return OpenObservationReader(context, &clock);
  };
  auto report = classify::Classify(*stores->registry, *stores->observations, stores->context.config,
                                   classify_options);
  if (!report.ok()) return ReportError(report.status());
  if (options.json) {
    fmt::print("{}\n", ReportJson(*report).dump(2));
    for (const classify::SkippedCondition& condition : report->skipped) {
      fmt::print(stderr, "openceir: warning: condition {} was not evaluated: {}\n", condition.label,
                 condition.why);
    }
  } else {
    PrintReport(*report);
  }
  return report->capped.empty() ? kExitOk : kExitRejected;
}

}  // namespace openceir::cli
