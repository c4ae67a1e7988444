#include "openceir/reports/svg_chart.h"

#include <fmt/format.h>

#include <algorithm>
#include <numeric>

#include "openceir/reports/report_files.h"

namespace openceir::reports {
namespace {

constexpr int kWidth = 960;
constexpr int kGridLines = 4;
constexpr const char* kAxisColour = "#888888";
constexpr const char* kGridColour = "#e3e3e3";
constexpr const char* kNoData = "No data for this period";

std::string Open(std::string_view id, std::string_view title, int height) {
  return fmt::format(
      "<svg id=\"{0}\" class=\"chart\" xmlns=\"http://www.w3.org/2000/svg\" width=\"{1}\" "
      "height=\"{2}\" viewBox=\"0 0 {1} {2}\" role=\"img\" aria-label=\"{3}\">\n"
      "<title>{3}</title>\n<rect x=\"0\" y=\"0\" width=\"{1}\" height=\"{2}\" fill=\"#ffffff\"/>\n"
      "<text x=\"12\" y=\"22\" class=\"chart-title\">{3}</text>\n",
      HtmlEscape(id), kWidth, height, HtmlEscape(title));
}

std::string Text(double x, double y, std::string_view anchor, std::string_view text,
                 std::string_view css_class = "label") {
  return fmt::format("<text x=\"{:.1f}\" y=\"{:.1f}\" text-anchor=\"{}\" class=\"{}\">{}</text>\n",
                     x, y, anchor, css_class, HtmlEscape(text));
}

std::string Legend(double x, double y, const std::vector<std::string>& names,
                   const std::vector<std::string>& colours) {
  std::string svg;
  for (std::size_t i = 0; i < names.size(); ++i) {
    svg += fmt::format("<rect x=\"{:.1f}\" y=\"{:.1f}\" width=\"12\" height=\"12\" fill=\"{}\"/>\n",
                       x, y - 10, HtmlEscape(colours[i]));
    svg += Text(x + 16, y, "start", names[i]);
    x += 24 + 8.0 * static_cast<double>(names[i].size());
  }
  return svg;
}

}  // namespace

std::string HtmlEscape(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (char c : text) {
    switch (c) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += "&quot;"; break;
      case '\'': out += "&#39;"; break;
      default:
        // Control characters are not allowed in XML text (inline SVG); show them as '?'.
        out += (static_cast<unsigned char>(c) < 0x20 && c != '\t' && c != '\n') ? '?' : c;
    }
  }
  return out;
}

std::int64_t NiceCeiling(std::int64_t value) {
  if (value <= 0) return 1;
  std::int64_t power = 1;
  while (power * 10 <= value) power *= 10;
  for (std::int64_t step : {1, 2, 5, 10}) {
    if (step * power >= value) return step * power;
  }
  return 10 * power;
}

std::string LineChartSvg(std::string_view id, std::string_view title,
                         const std::vector<std::string>& x_labels,
                         const std::vector<ChartSeries>& series) {
  constexpr int kHeight = 340;
  constexpr double kLeft = 80, kRight = 20, kTop = 60, kBottom = 50;
  const double plot_w = kWidth - kLeft - kRight;
  const double plot_h = kHeight - kTop - kBottom;
  std::string svg = Open(id, title, kHeight);
  std::vector<std::string> names, colours;
  std::int64_t max = 0;
  for (const ChartSeries& s : series) {
    names.push_back(s.name);
    colours.push_back(s.colour);
    for (std::int64_t v : s.values) max = std::max(max, v);
  }
  svg += Legend(kLeft, 44, names, colours);
  const std::int64_t top = NiceCeiling(max);
  for (int i = 0; i <= kGridLines; ++i) {
    double y = kTop + plot_h - plot_h * static_cast<double>(i) / kGridLines;
    svg += fmt::format(
        "<line x1=\"{:.1f}\" y1=\"{:.1f}\" x2=\"{:.1f}\" y2=\"{:.1f}\" stroke=\"{}\"/>\n", kLeft, y,
        kLeft + plot_w, y, i == 0 ? kAxisColour : kGridColour);
    svg += Text(kLeft - 6, y + 4, "end", GroupThousands(top * i / kGridLines));
  }
  const std::size_t n = x_labels.size();
  auto x_of = [&](std::size_t i) {
    return n <= 1 ? kLeft + plot_w / 2
                  : kLeft + plot_w * static_cast<double>(i) / static_cast<double>(n - 1);
  };
  const std::size_t label_step = std::max<std::size_t>(1, (n + 9) / 10);
  for (std::size_t i = 0; i < n; i += label_step) {
    svg += Text(x_of(i), kTop + plot_h + 18, "middle", x_labels[i]);
  }
  if (max == 0) svg += Text(kLeft + plot_w / 2, kTop + plot_h / 2, "middle", kNoData);
  for (const ChartSeries& s : series) {
    // A negative value is a day without data: the line stops there instead of dropping to 0.
    std::string points;
    auto flush = [&]() {
      if (!points.empty()) {
        svg += fmt::format(
            "<polyline fill=\"none\" stroke=\"{}\" stroke-width=\"2.5\" points=\"{}\"/>\n",
            HtmlEscape(s.colour), points);
      }
      points.clear();
    };
    for (std::size_t i = 0; i < s.values.size() && i < n; ++i) {
      if (s.values[i] < 0) {
        flush();
        continue;
      }
      double y =
          kTop + plot_h - plot_h * static_cast<double>(s.values[i]) / static_cast<double>(top);
      points += fmt::format("{}{:.1f},{:.1f}", points.empty() ? "" : " ", x_of(i), y);
    }
    flush();
  }
  svg += "</svg>\n";
  return svg;
}

std::string BarChartSvg(std::string_view id, std::string_view title,
                        const std::vector<std::string>& segment_names,
                        const std::vector<std::string>& segment_colours,
                        const std::vector<ChartBar>& bars) {
  constexpr double kLeft = 300, kRight = 110, kTop = 56, kRow = 26;
  const int height = static_cast<int>(
      kTop + kRow * static_cast<double>(std::max<std::size_t>(bars.size(), 1)) + 30);
  const double plot_w = kWidth - kLeft - kRight;
  std::string svg = Open(id, title, height);
  if (segment_names.size() > 1) svg += Legend(kLeft, 44, segment_names, segment_colours);
  std::int64_t max = 0;
  for (const ChartBar& bar : bars) {
    max = std::max(max, std::accumulate(bar.segments.begin(), bar.segments.end(), std::int64_t{0}));
  }
  if (bars.empty()) svg += Text(kWidth / 2.0, kTop + 16, "middle", kNoData);
  const std::int64_t top = NiceCeiling(max);
  for (std::size_t row = 0; row < bars.size(); ++row) {
    const ChartBar& bar = bars[row];
    double y = kTop + kRow * static_cast<double>(row);
    std::string label = bar.label.size() > 44 ? bar.label.substr(0, 41) + "..." : bar.label;
    svg += Text(kLeft - 8, y + 17, "end", label);
    double x = kLeft;
    std::int64_t total = 0;
    for (std::size_t s = 0; s < bar.segments.size() && s < segment_colours.size(); ++s) {
      double w = plot_w * static_cast<double>(bar.segments[s]) / static_cast<double>(top);
      if (w > 0) {
        svg += fmt::format(
            "<rect x=\"{:.1f}\" y=\"{:.1f}\" width=\"{:.1f}\" height=\"20\" fill=\"{}\"/>\n", x,
            y + 3, w, HtmlEscape(segment_colours[s]));
      }
      x += w;
      total += bar.segments[s];
    }
    svg += Text(x + 6, y + 17, "start", GroupThousands(total));
  }
  svg += fmt::format(
      "<line x1=\"{0:.1f}\" y1=\"{1:.1f}\" x2=\"{0:.1f}\" y2=\"{2:.1f}\" "
      "stroke=\"{3}\"/>\n",
      kLeft, kTop, kTop + kRow * static_cast<double>(bars.size()), kAxisColour);
  svg += "</svg>\n";
  return svg;
}

std::string ColumnChartSvg(std::string_view id, std::string_view title, std::string_view colour,
                           const std::vector<std::string>& labels,
                           const std::vector<std::int64_t>& values) {
  constexpr int kHeight = 320;
  constexpr double kLeft = 80, kRight = 20, kTop = 50, kBottom = 50;
  const double plot_w = kWidth - kLeft - kRight;
  const double plot_h = kHeight - kTop - kBottom;
  std::string svg = Open(id, title, kHeight);
  const std::int64_t max = values.empty() ? 0 : *std::max_element(values.begin(), values.end());
  const std::int64_t top = NiceCeiling(max);
  for (int i = 0; i <= kGridLines; ++i) {
    double y = kTop + plot_h - plot_h * static_cast<double>(i) / kGridLines;
    svg += fmt::format(
        "<line x1=\"{:.1f}\" y1=\"{:.1f}\" x2=\"{:.1f}\" y2=\"{:.1f}\" stroke=\"{}\"/>\n", kLeft, y,
        kLeft + plot_w, y, i == 0 ? kAxisColour : kGridColour);
    svg += Text(kLeft - 6, y + 4, "end", GroupThousands(top * i / kGridLines));
  }
  if (max == 0) svg += Text(kLeft + plot_w / 2, kTop + plot_h / 2, "middle", kNoData);
  const double slot = labels.empty() ? plot_w : plot_w / static_cast<double>(labels.size());
  for (std::size_t i = 0; i < labels.size() && i < values.size(); ++i) {
    double h = plot_h * static_cast<double>(values[i]) / static_cast<double>(top);
    double x = kLeft + slot * static_cast<double>(i);
    if (h > 0) {
      svg += fmt::format(
          "<rect x=\"{:.1f}\" y=\"{:.1f}\" width=\"{:.1f}\" height=\"{:.1f}\" fill=\"{}\"/>\n",
          x + slot * 0.15, kTop + plot_h - h, slot * 0.7, h, HtmlEscape(colour));
    }
    svg += Text(x + slot / 2, kTop + plot_h + 18, "middle", labels[i]);
    svg += Text(x + slot / 2, kTop + plot_h - h - 5, "middle", GroupThousands(values[i]), "value");
  }
  svg += "</svg>\n";
  return svg;
}

}  // namespace openceir::reports
