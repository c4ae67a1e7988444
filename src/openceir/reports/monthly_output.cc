// WriteMonthlyReport: the JSON, CSV and HTML files of a monthly report.
#include <fmt/format.h>

#include <nlohmann/json.hpp>

#include "openceir/reports/monthly_html.h"
#include "openceir/reports/monthly_report.h"
#include "openceir/reports/report_files.h"

namespace openceir::reports {
namespace {

using Json = nlohmann::ordered_json;  // keys in the order written: stable, readable files

std::string ScopeName(const ScopeFigures& scope) {
  return scope.operator_id.empty() ? "country" : scope.operator_id;
}

Json HistogramJson(const Histogram& histogram, int first_bucket) {
  Json json = Json::object();
  for (int i = first_bucket; i < kHistogramBuckets; ++i)
    json[HistogramLabel(i)] = histogram[static_cast<std::size_t>(i)];
  return json;
}

Json ScopeJson(const ScopeFigures& scope) {
  Json json = Json::object();
  json["scope"] = ScopeName(scope);
  json["imeis"] = scope.imeis;
  json["imsis"] = scope.imsis;
  json["msisdns"] = scope.msisdns;
  json["imei_imsi_pairs"] = scope.imei_imsi_pairs;
  Json daily = Json::array();
  for (const DailyFigures& day : scope.daily) {
    daily.push_back({{"day", FormatIsoDate(day.day)},
                     {"rows", day.rows},
                     {"imeis", day.imeis},
                     {"imsis", day.imsis},
                     {"msisdns", day.msisdns},
                     {"triplets", day.triplets}});
  }
  json["daily"] = daily;
  Json compliance = Json::object();
  for (int i = 0; i < kComplianceKinds; ++i) {
    compliance[std::string(ComplianceName(static_cast<Compliance>(i)))] = {
        {"imeis", scope.compliance.imeis[static_cast<std::size_t>(i)]},
        {"imei_imsi_pairs", scope.compliance.imei_imsi_pairs[static_cast<std::size_t>(i)]}};
  }
  json["compliance"] = compliance;
  Json conditions = Json::array();
  for (const ConditionFigures& c : scope.conditions) {
    conditions.push_back({{"label", c.label},
                          {"reason", c.reason},
                          {"blocking", c.blocking},
                          {"imeis", c.imeis},
                          {"notified", c.notified},
                          {"blocked", c.blocked},
                          {"imei_imsi_pairs", c.imei_imsi_pairs}});
  }
  json["conditions"] = conditions;
  Json models = Json::array();
  for (const ModelFigures& m : scope.top_models) {
    models.push_back({{"brand", m.brand}, {"model", m.model}, {"imeis", m.imeis}});
  }
  json["top_models"] = models;
  json["imeis_in_gsma"] = scope.imeis_in_gsma;
  json["imeis_not_in_gsma"] = scope.imeis_not_in_gsma;
  json["models_seen"] = scope.models_seen;
  json["imsis_per_imei"] = HistogramJson(scope.imsis_per_imei, 0);
  json["imeis_per_imsi"] = HistogramJson(scope.imeis_per_imsi, 1);
  return json;
}

std::string ReportJson(const MonthlyReport& report) {
  Json json = Json::object();
  json["month"] = fmt::format("{:04}-{:02}", report.year, report.month);
  json["first_day"] = FormatIsoDate(report.window.first);
  json["last_day"] = FormatIsoDate(report.window.last);
  json["region"] = report.region_name;
  if (report.run) {
    json["classification_run"] = {{"run", report.run->run},
                                  {"curr_date", FormatIsoDate(report.run->curr_date)}};
  } else {
    json["classification_run"] = nullptr;
  }
  json["country"] = ScopeJson(report.country);
  Json operators = Json::array();
  for (std::size_t i = 0; i < report.operators.size(); ++i) {
    Json op = ScopeJson(report.operators[i]);
    op["name"] = report.operator_names[i];
    operators.push_back(std::move(op));
  }
  json["operators"] = operators;
  return json.dump(2, ' ', false, Json::error_handler_t::replace) + "\n";
}

// Every scope: the country first, then the operators.
std::vector<const ScopeFigures*> Scopes(const MonthlyReport& report) {
  std::vector<const ScopeFigures*> scopes = {&report.country};
  for (const ScopeFigures& op : report.operators) scopes.push_back(&op);
  return scopes;
}

std::string SummaryCsv(const MonthlyReport& report) {
  std::string csv = CsvLine({"scope", "imeis", "imsis", "msisdns", "imei_imsi_pairs",
                             "compliant_imeis", "informational_imeis", "notified_imeis",
                             "blocked_imeis", "imeis_in_gsma", "imeis_not_in_gsma", "models_seen"});
  for (const ScopeFigures* s : Scopes(report)) {
    csv += CsvLine({ScopeName(*s), std::to_string(s->imeis), std::to_string(s->imsis),
                    std::to_string(s->msisdns), std::to_string(s->imei_imsi_pairs),
                    std::to_string(s->compliance.imeis[0]), std::to_string(s->compliance.imeis[1]),
                    std::to_string(s->compliance.imeis[2]), std::to_string(s->compliance.imeis[3]),
                    std::to_string(s->imeis_in_gsma), std::to_string(s->imeis_not_in_gsma),
                    std::to_string(s->models_seen)});
  }
  return csv;
}

std::string DailyCsv(const MonthlyReport& report) {
  std::string csv = CsvLine({"scope", "day", "rows", "imeis", "imsis", "msisdns", "triplets"});
  for (const ScopeFigures* s : Scopes(report)) {
    for (const DailyFigures& d : s->daily) {
      csv += CsvLine({ScopeName(*s), FormatIsoDate(d.day), std::to_string(d.rows),
                      std::to_string(d.imeis), std::to_string(d.imsis), std::to_string(d.msisdns),
                      std::to_string(d.triplets)});
    }
  }
  return csv;
}

std::string ConditionsCsv(const MonthlyReport& report) {
  std::string csv = CsvLine({"scope", "condition", "reason", "blocking", "imeis", "notified",
                             "blocked", "imei_imsi_pairs"});
  for (const ScopeFigures* s : Scopes(report)) {
    for (const ConditionFigures& c : s->conditions) {
      csv += CsvLine({ScopeName(*s), c.label, c.reason, c.blocking ? "true" : "false",
                      std::to_string(c.imeis), std::to_string(c.notified),
                      std::to_string(c.blocked), std::to_string(c.imei_imsi_pairs)});
    }
  }
  return csv;
}

std::string TopModelsCsv(const MonthlyReport& report) {
  std::string csv = CsvLine({"scope", "rank", "brand", "model", "imeis"});
  for (const ScopeFigures* s : Scopes(report)) {
    for (std::size_t i = 0; i < s->top_models.size(); ++i) {
      const ModelFigures& m = s->top_models[i];
      csv += CsvLine(
          {ScopeName(*s), std::to_string(i + 1), m.brand, m.model, std::to_string(m.imeis)});
    }
  }
  return csv;
}

std::string HistogramsCsv(const MonthlyReport& report) {
  std::string csv = CsvLine({"scope", "histogram", "bucket", "count"});
  for (const ScopeFigures* s : Scopes(report)) {
    for (int i = 0; i < kHistogramBuckets; ++i) {
      csv += CsvLine({ScopeName(*s), "imsis_per_imei", HistogramLabel(i),
                      std::to_string(s->imsis_per_imei[static_cast<std::size_t>(i)])});
    }
    for (int i = 1; i < kHistogramBuckets; ++i) {
      csv += CsvLine({ScopeName(*s), "imeis_per_imsi", HistogramLabel(i),
                      std::to_string(s->imeis_per_imsi[static_cast<std::size_t>(i)])});
    }
  }
  return csv;
}

}  // namespace

Result<std::vector<std::string>> WriteMonthlyReport(const MonthlyReport& report,
                                                    const std::string& output_dir) {
  OPENCEIR_RETURN_IF_ERROR(MakeOutputDir(output_dir));
  const std::string base = output_dir + "/" + MonthlyReportBaseName(report);
  const std::vector<std::pair<std::string, std::string>> files = {
      {base + ".json", ReportJson(report)},
      {base + ".html", MonthlyReportHtml(report)},
      {base + "_summary.csv", SummaryCsv(report)},
      {base + "_daily.csv", DailyCsv(report)},
      {base + "_conditions.csv", ConditionsCsv(report)},
      {base + "_top_models.csv", TopModelsCsv(report)},
      {base + "_histograms.csv", HistogramsCsv(report)},
  };
  std::vector<std::string> written;
  for (const auto& [path, content] : files) {
    OPENCEIR_RETURN_IF_ERROR(WriteTextFile(path, content));
    written.push_back(path);
  }
  return written;
}

}  // namespace openceir::reports
