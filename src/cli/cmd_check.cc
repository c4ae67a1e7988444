// `openceir check IMEI... [--json]`: validation and what the registry knows about each IMEI.
// Exit 0 when every IMEI is valid, 1 when any is not (its report is still printed).
#include <fmt/format.h>

#include "cli/commands.h"
#include "openceir/lookup/imei_lookup.h"

namespace openceir::cli {

int RunCheck(const GlobalOptions& global, const CheckOptions& options) {
  auto context = LoadContext(global);
  if (!context.ok()) return ReportError(context.status());
  SystemClock clock;
  auto opened = OpenStore(*context, OpenMode::kExistingLatest, &clock);
  if (!opened.ok()) return ReportError(opened.status());

  std::vector<lookup::ImeiReport> reports;
  bool all_valid = true;
  for (const std::string& imei : options.imeis) {
    auto report = lookup::LookupImei(**opened, imei);
    if (!report.ok()) return ReportError(report.status());
    all_valid = all_valid && report->validation == identifiers::ImeiError::kOk;
    reports.push_back(std::move(report).value());
  }
  if (options.json) {
    fmt::print("{}\n", lookup::ToJson(reports));
  } else {
    for (std::size_t i = 0; i < reports.size(); ++i) {
      fmt::print("{}{}", i == 0 ? "" : "\n", lookup::ToText(reports[i]));
    }
  }
  return all_valid ? kExitOk : kExitRejected;
}

}  // namespace openceir::cli
