// Inline SVG charts for the HTML reports: drawn in C++ so the page needs no script and no
// network. Every text is escaped; coordinates are printed with fixed precision, so the same
// figures always give the same bytes.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace openceir::reports {

// Escapes & < > " ' for HTML text and attribute values (also valid inside inline SVG).
std::string HtmlEscape(std::string_view text);

// The smallest "nice" number (1, 2 or 5 times a power of ten) >= value; 1 for value <= 0.
std::int64_t NiceCeiling(std::int64_t value);

struct ChartSeries {
  std::string name;
  std::string colour;                // CSS colour, e.g. "#1f77b4"
  std::vector<std::int64_t> values;  // one per x label; negative = no data (a gap)
};

// A line chart of several series over the same x labels (days), with a legend.
std::string LineChartSvg(std::string_view id, std::string_view title,
                         const std::vector<std::string>& x_labels,
                         const std::vector<ChartSeries>& series);

struct ChartBar {
  std::string label;
  std::vector<std::int64_t> segments;  // stacked left to right
};

// Horizontal bars, one per entry, each stacked from `segment_names` (with `segment_colours`),
// the total printed at the end of the bar. A single segment name gives plain bars.
std::string BarChartSvg(std::string_view id, std::string_view title,
                        const std::vector<std::string>& segment_names,
                        const std::vector<std::string>& segment_colours,
                        const std::vector<ChartBar>& bars);

// Vertical bars (a histogram): one per bucket label.
std::string ColumnChartSvg(std::string_view id, std::string_view title, std::string_view colour,
                           const std::vector<std::string>& labels,
                           const std::vector<std::int64_t>& values);

}  // namespace openceir::reports
