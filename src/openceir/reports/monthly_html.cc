#include "openceir/reports/monthly_html.h"

#include <fmt/format.h>

#include "openceir/reports/report_files.h"
#include "openceir/reports/svg_chart.h"

namespace openceir::reports {
namespace {

constexpr const char* kStyle = R"(
body { font-family: "DejaVu Sans", Arial, sans-serif; margin: 24px; color: #222; background: #fafafa; }
h1 { font-size: 24px; margin-bottom: 4px; }
h2 { font-size: 19px; margin-top: 32px; border-bottom: 2px solid #1f4e79; padding-bottom: 4px; }
p.note { color: #555; font-size: 13px; max-width: 960px; }
table { border-collapse: collapse; margin: 12px 0; font-size: 13px; background: #fff; }
th, td { border: 1px solid #ccc; padding: 4px 8px; }
th { background: #1f4e79; color: #fff; text-align: left; }
td.n { text-align: right; font-variant-numeric: tabular-nums; }
svg.chart { display: block; margin: 12px 0; border: 1px solid #ddd; }
svg .chart-title { font-size: 15px; font-weight: bold; fill: #1f4e79; }
svg .label { font-size: 12px; fill: #333; }
svg .value { font-size: 11px; fill: #555; }
)";

const std::vector<std::string> kOperatorColours = {"#1f77b4", "#ff7f0e", "#2ca02c", "#d62728",
                                                   "#9467bd", "#8c564b", "#e377c2", "#7f7f7f",
                                                   "#bcbd22", "#17becf"};
const std::vector<std::string> kComplianceColours = {"#2ca02c", "#17becf", "#ff7f0e", "#d62728"};

std::string Cell(std::int64_t value) {
  return fmt::format("<td class=\"n\">{}</td>", GroupThousands(value));
}

std::string ScopeTitle(const MonthlyReport& report, std::size_t i) {
  return fmt::format("{} ({})", report.operator_names[i], report.operators[i].operator_id);
}

std::vector<std::string> DayLabels(const ScopeFigures& scope) {
  std::vector<std::string> labels;
  for (const DailyFigures& day : scope.daily) labels.push_back(FormatIsoDate(day.day).substr(5));
  return labels;
}

std::string SummaryTable(const MonthlyReport& report) {
  std::string html =
      "<table id=\"summary\"><tr><th>Scope</th><th>IMEIs</th><th>IMSIs</th><th>MSISDNs</th>"
      "<th>IMEI-IMSI pairs</th><th>Compliant</th><th>Informational</th><th>Notified</th>"
      "<th>Blocked</th><th>Not in GSMA</th></tr>\n";
  auto row = [&](const std::string& name, const ScopeFigures& s) {
    html += "<tr><td>" + HtmlEscape(name) + "</td>" + Cell(s.imeis) + Cell(s.imsis) +
            Cell(s.msisdns) + Cell(s.imei_imsi_pairs);
    for (int i = 0; i < kComplianceKinds; ++i)
      html += Cell(s.compliance.imeis[static_cast<std::size_t>(i)]);
    html += Cell(s.imeis_not_in_gsma) + "</tr>\n";
  };
  row("Country", report.country);
  for (std::size_t i = 0; i < report.operators.size(); ++i) {
    row(ScopeTitle(report, i), report.operators[i]);
  }
  return html + "</table>\n";
}

std::string ConditionsTable(const ScopeFigures& scope) {
  std::string html =
      "<table class=\"conditions\"><tr><th>Condition</th><th>Reason</th><th>Blocking</th>"
      "<th>IMEIs</th><th>Notified</th><th>Blocked</th><th>IMEI-IMSI pairs</th></tr>\n";
  for (const ConditionFigures& c : scope.conditions) {
    html += fmt::format("<tr><td>{}</td><td>{}</td><td>{}</td>{}{}{}{}</tr>\n", HtmlEscape(c.label),
                        HtmlEscape(c.reason), c.blocking ? "yes" : "no", Cell(c.imeis),
                        Cell(c.notified), Cell(c.blocked), Cell(c.imei_imsi_pairs));
  }
  return html + "</table>\n";
}

std::string ModelsTable(const ScopeFigures& scope) {
  std::string html =
      "<table class=\"models\"><tr><th>#</th><th>Brand</th><th>Model</th><th>IMEIs</th>"
      "<th>Share</th></tr>\n";
  for (std::size_t i = 0; i < scope.top_models.size(); ++i) {
    const ModelFigures& m = scope.top_models[i];
    html += fmt::format(
        "<tr><td class=\"n\">{}</td><td>{}</td><td>{}</td>{}<td class=\"n\">{}"
        "</td></tr>\n",
        i + 1, HtmlEscape(m.brand), HtmlEscape(m.model), Cell(m.imeis),
        Percent(m.imeis, scope.imeis));
  }
  return html + "</table>\n";
}

std::string CountryCharts(const MonthlyReport& report) {
  const ScopeFigures& country = report.country;
  std::string html;
  html += "<h2>Daily activity</h2>\n";
  std::vector<ChartSeries> series(3);
  series[0] = {"IMEIs", "#1f77b4", {}};
  series[1] = {"IMSIs", "#ff7f0e", {}};
  series[2] = {"MSISDNs", "#2ca02c", {}};
  for (const DailyFigures& day : country.daily) {
    const bool reported = day.rows > 0;  // days no operator reported are gaps, not zeros
    series[0].values.push_back(reported ? day.imeis : -1);
    series[1].values.push_back(reported ? day.imsis : -1);
    series[2].values.push_back(reported ? day.msisdns : -1);
  }
  html += LineChartSvg("chart-daily", "Country: distinct IMEIs, IMSIs and MSISDNs per day",
                       DayLabels(country), series);
  std::vector<ChartSeries> per_operator;
  for (std::size_t i = 0; i < report.operators.size(); ++i) {
    ChartSeries s{
        report.operators[i].operator_id, kOperatorColours[i % kOperatorColours.size()], {}};
    for (const DailyFigures& day : report.operators[i].daily) {
      s.values.push_back(day.rows > 0 ? day.imeis : -1);
    }
    per_operator.push_back(std::move(s));
  }
  html += LineChartSvg("chart-daily-operators", "Distinct IMEIs per day, by operator",
                       DayLabels(country), per_operator);
  html +=
      "<p class=\"note\">Daily figures are HyperLogLog estimates (about 1.6% error); the country "
      "merges the operators' sketches, so a subscriber seen on two operators counts once. "
      "Monthly totals in the tables are exact.</p>\n";

  html += "<h2>Compliance</h2>\n";
  std::vector<std::string> kinds;
  for (int i = 0; i < kComplianceKinds; ++i) {
    kinds.emplace_back(ComplianceName(static_cast<Compliance>(i)));
  }
  std::vector<ChartBar> compliance_bars;
  auto compliance_bar = [&](const std::string& label, const ScopeFigures& s) {
    compliance_bars.push_back(
        {label, std::vector<std::int64_t>(s.compliance.imeis.begin(), s.compliance.imeis.end())});
  };
  compliance_bar("Country", country);
  for (std::size_t i = 0; i < report.operators.size(); ++i) {
    compliance_bar(ScopeTitle(report, i), report.operators[i]);
  }
  html += BarChartSvg("chart-compliance", "IMEIs seen in the month by compliance", kinds,
                      kComplianceColours, compliance_bars);
  html += report.run ? fmt::format(
                           "<p class=\"note\">As of classification run {} (analysis date "
                           "{}). Notified: a blocking condition matches and its block "
                           "date is still ahead; blocked: the block date has come.</p>\n",
                           report.run->run, FormatIsoDate(report.run->curr_date))
                     : std::string(
                           "<p class=\"note\">No classification run has looked at this "
                           "month yet: every IMEI is shown as compliant.</p>\n");

  html += "<h2>Conditions</h2>\n";
  std::vector<ChartBar> condition_bars;
  for (const ConditionFigures& c : country.conditions) {
    condition_bars.push_back({c.label, {c.blocked, c.notified, c.imeis - c.blocked - c.notified}});
  }
  html += BarChartSvg("chart-conditions", "IMEIs seen in the month matching each condition",
                      {"blocked", "notified", "informational or exempt"},
                      {"#d62728", "#ff7f0e", "#17becf"}, condition_bars);
  html += ConditionsTable(country);

  html += "<h2>Top models</h2>\n";
  std::vector<ChartBar> model_bars;
  for (const ModelFigures& m : country.top_models) {
    model_bars.push_back({m.brand + " " + m.model, {m.imeis}});
  }
  html += BarChartSvg("chart-top-models", "Models with the most IMEIs (GSMA TAC database)",
                      {"IMEIs"}, {"#1f77b4"}, model_bars);
  html += ModelsTable(country);
  html += fmt::format(
      "<p class=\"note\">{} IMEIs ({}) have a TAC that is not in the GSMA TAC database.</p>\n",
      GroupThousands(country.imeis_not_in_gsma), Percent(country.imeis_not_in_gsma, country.imeis));

  html += "<h2>Sharing of identifiers</h2>\n";
  std::vector<std::string> imsi_labels, imei_labels;
  std::vector<std::int64_t> imsi_values, imei_values;
  for (int i = 1; i < kHistogramBuckets; ++i) {
    imsi_labels.push_back(HistogramLabel(i));
    imsi_values.push_back(country.imeis_per_imsi[static_cast<std::size_t>(i)]);
  }
  for (int i = 0; i < kHistogramBuckets; ++i) {
    imei_labels.push_back(HistogramLabel(i));
    imei_values.push_back(country.imsis_per_imei[static_cast<std::size_t>(i)]);
  }
  html += ColumnChartSvg("chart-imeis-per-imsi", "IMSIs by the number of IMEIs they used",
                         "#9467bd", imsi_labels, imsi_values);
  html += ColumnChartSvg("chart-imsis-per-imei",
                         "IMEIs by the number of IMSIs seen with them (0: no IMSI reported)",
                         "#8c564b", imei_labels, imei_values);
  return html;
}

std::string OperatorSection(const MonthlyReport& report, std::size_t i) {
  const ScopeFigures& s = report.operators[i];
  std::string html = "<h2>Operator " + HtmlEscape(ScopeTitle(report, i)) + "</h2>\n";
  html += ConditionsTable(s);
  html += ModelsTable(s);
  html += "<table class=\"histogram\"><tr><th>IMEIs per IMSI</th>";
  for (int b = 1; b < kHistogramBuckets; ++b) html += "<th>" + HistogramLabel(b) + "</th>";
  html += "</tr><tr><td>IMSIs</td>";
  for (int b = 1; b < kHistogramBuckets; ++b)
    html += Cell(s.imeis_per_imsi[static_cast<std::size_t>(b)]);
  html += "</tr></table>\n";
  return html;
}

}  // namespace

std::vector<std::string_view> MonthlyReportChartIds() {
  return {"chart-daily",      "chart-daily-operators", "chart-compliance",    "chart-conditions",
          "chart-top-models", "chart-imeis-per-imsi",  "chart-imsis-per-imei"};
}

std::string MonthlyReportHtml(const MonthlyReport& report) {
  const std::string title =
      fmt::format("OpenCEIR monthly report {:04}-{:02}{}", report.year, report.month,
                  report.region_name.empty() ? "" : " - " + report.region_name);
  std::string html = "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n";
  html +=
      "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; "
      "style-src 'unsafe-inline'; img-src data:\">\n";
  html += "<title>" + HtmlEscape(title) + "</title>\n<style>" + kStyle + "</style>\n</head>\n";
  html += "<body>\n<h1>" + HtmlEscape(title) + "</h1>\n";
  html += fmt::format("<p class=\"note\">Network data from {} to {}.</p>\n",
                      FormatIsoDate(report.window.first), FormatIsoDate(report.window.last));
  html += SummaryTable(report);
  html += CountryCharts(report);
  for (std::size_t i = 0; i < report.operators.size(); ++i) html += OperatorSection(report, i);
  html += "</body>\n</html>\n";
  return html;
}

}  // namespace openceir::reports
