// `openceir report` end to end on a synthetic country: simulate, import, classify, then the
// monthly report, opened in headless chromium. The page must render (screenshot not blank,
// several colours), log nothing to the console (no script error, no resource refused by the
// page's no-network Content-Security-Policy), and every chart's <svg> must be in the DOM.
// Chromium is required: without it the test fails and says how to install it.
#include <gtest/gtest.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <nlohmann/json.hpp>
#include <set>
#include <sstream>

#include "openceir/reports/monthly_html.h"
#include "tests/support/country_cli.h"
#include "tests/support/png_image.h"
#include "tests/support/run_process.h"

namespace openceir::testing {
namespace {

using Args = std::vector<std::string>;

// The chromium binary on PATH ("" when there is none).
std::string FindChromium() {
  const char* path = std::getenv("PATH");
  std::stringstream dirs(path == nullptr ? "/usr/bin" : path);
  std::string dir;
  while (std::getline(dirs, dir, ':')) {
    for (const char* name : {"chromium", "chromium-browser"}) {
      std::string candidate = dir + "/" + name;
      if (::access(candidate.c_str(), X_OK) == 0) return candidate;
    }
  }
  return "";
}

class ReportChromiumTest : public ::testing::Test {
 protected:
  ProcessResult Ceir(Args args) { return country_.Run(std::move(args)); }
  bool MustPass(const Args& args) { return country_.MustPass(args); }
  // Runs chromium headless on `html` with `mode` (--dump-dom or --screenshot=...); stdout and
  // stderr go to files named after `tag`. Returns the exit status of the shell.
  int Chromium(const std::string& chromium, const std::string& html, const std::string& mode,
               const std::string& tag) {
    std::string command = "timeout 180 '" + chromium +
                          "' --headless=new --no-sandbox --disable-gpu --hide-scrollbars "
                          "--user-data-dir='" +
                          dir_.File("chromium-profile") +
                          "' --window-size=1200,3000 --enable-logging=stderr --v=0 " + mode +
                          " 'file://" + html + "' >'" + dir_.File(tag + ".out") + "' 2>'" +
                          dir_.File(tag + ".err") + "'";
    return std::system(command.c_str());
  }

  TempDir dir_;
  std::string config_ = std::string(SourceDir()) + "/etc/openceir.yaml";
  std::string store_ = dir_.File("country.db");
  std::string sim_ = dir_.File("sim");
  CountryCli country_{config_, store_, dir_.path()};
};

TEST_F(ReportChromiumTest, MonthlyReportRendersEveryChartWithoutConsoleErrors) {
  const std::string chromium = FindChromium();
  ASSERT_FALSE(chromium.empty())
      << "chromium is not installed (Debian package `chromium`): run scripts/install-deps.sh";

  MustPass({"simulate", "--out", sim_, "--subscribers", "2000", "--days", "6", "--start",
            "20261101", "--seed", "5"});
  MustPass({"db", "init"});
  country_.ImportReferenceLists(sim_);
  country_.ImportOperatorData(sim_, "20261101_20261106", /*with_events=*/false);
  ProcessResult classify = Ceir({"classify"});
  ASSERT_TRUE(classify.exit_code == 0 || classify.exit_code == 1)  // 1: a safety cap tripped
      << classify.out << classify.err;

  const std::string out = dir_.File("reports");
  MustPass({"report", "monthly", "11", "2026", out});
  const std::string html = out + "/monthly_report_2026_11.html";
  ASSERT_TRUE(std::filesystem::exists(html));
  for (const char* csv : {"summary", "daily", "conditions", "top_models", "histograms"}) {
    EXPECT_TRUE(std::filesystem::exists(out + "/monthly_report_2026_11_" + csv + ".csv")) << csv;
  }
  nlohmann::json json =
      nlohmann::json::parse(ReadFile(out + "/monthly_report_2026_11.json"), nullptr, false);
  ASSERT_TRUE(json.is_object());
  ASSERT_FALSE(json["classification_run"].is_null()) << "the classify run must be shown";
  const auto imeis = json["country"]["imeis"].get<std::int64_t>();
  EXPECT_GT(imeis, 1000);
  std::int64_t by_compliance = 0;
  for (const auto& [kind, figures] : json["country"]["compliance"].items()) {
    by_compliance += figures["imeis"].get<std::int64_t>();
  }
  EXPECT_EQ(by_compliance, imeis);
  EXPECT_FALSE(json["country"]["top_models"].empty());
  EXPECT_EQ(json["operators"].size(), 3u);

  // The DOM as chromium built it, and its console.
  ASSERT_EQ(Chromium(chromium, html, "--dump-dom", "dom"), 0) << ReadFile(dir_.File("dom.err"));
  const std::string dom = ReadFile(dir_.File("dom.out"));
  const std::string console = ReadFile(dir_.File("dom.err"));
  std::istringstream lines(console);
  for (std::string line; std::getline(lines, line);) {
    EXPECT_EQ(line.find(":CONSOLE"), std::string::npos) << line;
    EXPECT_EQ(line.find("Uncaught"), std::string::npos) << line;
  }
  for (std::string_view id : reports::MonthlyReportChartIds()) {
    std::size_t at = dom.find("<svg id=\"" + std::string(id) + "\"");
    ASSERT_NE(at, std::string::npos) << id << " is not in the DOM";
    std::size_t end = dom.find("</svg>", at);
    ASSERT_NE(end, std::string::npos) << id;
    std::string svg = dom.substr(at, end - at);
    // Beyond the background <rect> every chart draws: a line, or at least one bar.
    std::size_t rects = 0;
    for (std::size_t p = svg.find("<rect"); p != std::string::npos; p = svg.find("<rect", p + 1)) {
      ++rects;
    }
    EXPECT_TRUE(svg.find("<polyline") != std::string::npos || rects >= 2) << id << " draws nothing";
  }

  // The screenshot: not blank, in colour.
  const std::string png_path = dir_.File("report.png");
  ASSERT_EQ(Chromium(chromium, html, "--screenshot=" + png_path, "shot"), 0)
      << ReadFile(dir_.File("shot.err"));
  PngImage image;
  std::string error;
  ASSERT_TRUE(DecodePng(ReadFile(png_path), &image, &error)) << error;
  EXPECT_EQ(image.width, 1200);
  EXPECT_EQ(image.height, 3000);
  std::int64_t non_background = 0;
  std::set<std::uint32_t> colours;
  for (std::uint32_t pixel : image.pixels) {
    if (pixel != 0xffffff && pixel != 0xfafafa) ++non_background;
    if (colours.size() < 1000) colours.insert(pixel);
  }
  const double share =
      static_cast<double>(non_background) / static_cast<double>(image.pixels.size());
  EXPECT_GT(share, 0.03) << "the screenshot is almost blank";
  EXPECT_GE(colours.size(), 20u) << "too few colours for a page of charts";
  // The chart colours themselves (solid fills: bars of the compliance and histogram charts).
  EXPECT_TRUE(colours.count(0x2ca02c) > 0 || colours.count(0x9467bd) > 0);

  // The ad-hoc reports run on the same store.
  for (const char* adhoc :
       {"top-duplicates", "gsma-not-found", "stolen-violations", "blacklist-violations",
        "condition-overlaps", "unregistered-subscribers", "transient-msisdns"}) {
    MustPass({"report", adhoc, out, "--month", "11", "--year", "2026"});
  }
  EXPECT_EQ(Ceir({"report", "monthly", "13", "2026", out}).exit_code, 2);
  EXPECT_EQ(Ceir({"report", "top-duplicates", out}).exit_code, 1);  // no period given
}

}  // namespace
}  // namespace openceir::testing
