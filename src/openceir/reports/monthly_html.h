// The monthly report as one self-contained HTML page: inline CSS and inline SVG charts, no
// script, nothing fetched from the network, every outside text escaped.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "openceir/reports/monthly_report.h"

namespace openceir::reports {

std::string MonthlyReportHtml(const MonthlyReport& report);

// The id of every chart's <svg> element in the page, in page order.
std::vector<std::string_view> MonthlyReportChartIds();

}  // namespace openceir::reports
