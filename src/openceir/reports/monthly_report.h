// The monthly report (issue 4 item 5): country and per-operator figures of one calendar month
// (daily IMEIs/IMSIs/MSISDNs, compliance and conditions as of the classification run that
// looked at the month, top models, IMEIs per IMSI and IMSIs per IMEI), computed by streaming
// the month's summaries once for the country and once per operator.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <vector>

#include "openceir/base/status.h"
#include "openceir/config/config.h"
#include "openceir/reports/monthly_figures.h"
#include "openceir/store/observation_store.h"
#include "openceir/store/registry_store.h"

namespace openceir::reports {

struct MonthlyReportRequest {
  int month = 0;  // 1-12
  int year = 0;
  std::string region_name;
  std::vector<config::OperatorConfig> operators;  // one section each, in this order
  std::optional<store::JobId> run;  // the classification run to show; default: ChooseRun
  std::size_t top_models = 20;
};

struct MonthlyReport {
  int month = 0;
  int year = 0;
  store::DateWindow window;
  std::string region_name;
  std::optional<store::ClassificationRunRecord> run;  // nullopt: no run covers the month
  ScopeFigures country;
  std::vector<ScopeFigures> operators;
  std::vector<std::string> operator_names;  // display names, parallel to `operators`
};

// Computes the report. Read-only. Errors: kInvalidInput for a bad month or year, kNotFound for
// a requested run that does not exist, store errors as they come.
Result<MonthlyReport> BuildMonthlyReport(store::RegistryStore& registry,
                                         store::ObservationStore& observations,
                                         const MonthlyReportRequest& request);

// The base name of the month's files: "monthly_report_2026_11".
std::string MonthlyReportBaseName(const MonthlyReport& report);

// Writes <base>.json, <base>.html and the CSVs <base>_summary.csv, _daily.csv,
// _conditions.csv, _top_models.csv and _histograms.csv into `output_dir` (created when
// missing). Returns the paths written. Errors: kIoError naming the file.
Result<std::vector<std::string>> WriteMonthlyReport(const MonthlyReport& report,
                                                    const std::string& output_dir);

}  // namespace openceir::reports
