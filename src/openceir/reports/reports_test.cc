// The numbers of the monthly report and of each ad-hoc report on hand-made data: each chart's
// data, and for each ad-hoc report a case that must appear and one that must not.
#include <gtest/gtest.h>

#include <fstream>
#include <sstream>

#include "openceir/reports/adhoc_reports.h"
#include "openceir/reports/monthly_html.h"
#include "openceir/reports/monthly_report.h"
#include "openceir/reports/report_files.h"
#include "openceir/reports/report_period.h"
#include "openceir/reports/report_test_util.h"
#include "openceir/reports/svg_chart.h"

namespace openceir::reports {
namespace {

constexpr char kA[] = "35000001000001";  // two IMSIs (op1, op2), blocked, stolen
constexpr char kB[] = "35000001000002";  // shares kA's IMSI and MSISDN, informational only
constexpr char kC[] = "99999999000003";  // TAC not in GSMA, notified
constexpr char kD[] = "35000001000004";  // seen in October only
constexpr char kE[] = "35000001000005";  // an inbound roamer, compliant
constexpr char kImsi1[] = "410010000000001";
constexpr char kImsi2[] = "410020000000002";
constexpr char kImsi3[] = "410010000000003";
constexpr char kRoamer[] = "310150000000009";

store::ConditionSpec Condition(const char* label, bool blocking, int grace) {
  store::ConditionSpec spec;
  spec.label = label;
  spec.reason = std::string("Reason ") + label;
  spec.blocking = blocking;
  spec.grace_period_days = grace;
  return spec;
}

std::string Read(const std::string& path) {
  std::ifstream in(path);
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

class ReportsTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto bed = ReportsTestbed::Create("reports-test");
    ASSERT_TRUE(bed.ok()) << bed.status().ToString();
    bed_ = std::move(*bed);
    ASSERT_TRUE(bed_->ChangeList(store::ListKind::kGsmaTac,
                                 {{"35000001", "Acme Corp", "GSM 900", "20200101", "Phone & \"Co\"",
                                   "Smartphone", "", R"({"brand_name":"Acme <X>"})"}})
                    .ok());
    ASSERT_TRUE(
        bed_->ChangeList(store::ListKind::kStolen, {{kA, "20261103", ""}, {kB, "20261106", ""}})
            .ok());
    ASSERT_TRUE(bed_->ChangeList(store::ListKind::kSubscribers, {{"uid1", kImsi1}}).ok());
    ASSERT_TRUE(bed_->ChangeList(store::ListKind::kPairing, {{kA, kImsi2, "923003333333"}}).ok());
    ASSERT_TRUE(bed_->See({{"op1", kA, kImsi1, "923001111111", Day("20261103")},
                           {"op1", kB, kImsi1, "923001111111", Day("20261105")},
                           {"op1", kC, kImsi3, "923002222222", Day("20261105")},
                           {"op1", kD, kImsi3, "923002222222", Day("20261020")},
                           {"op1", kE, kRoamer, "15550000000", Day("20261107"), 2}})
                    .ok());
    ASSERT_TRUE(bed_->See({{"op2", kA, kImsi2, "923003333333", Day("20261104")}}).ok());
    const std::vector<store::ConditionSpec> conditions = {
        Condition("dup", true, 0), Condition("gsma", true, 30), Condition("info", false, 0)};
    // The first run fixes kA's block date at 2026-11-02; the second is the month's.
    auto first = bed_->Classify(Day("20261102"), conditions, {{0, kA}});
    ASSERT_TRUE(first.ok()) << first.status().ToString();
    first_run_ = *first;
    auto run = bed_->Classify(Day("20261201"), conditions, {{0, kA}, {1, kC}, {2, kB}});
    ASSERT_TRUE(run.ok()) << run.status().ToString();
    run_ = *run;
  }

  MonthlyReport Monthly() {
    MonthlyReportRequest request;
    request.month = 11;
    request.year = 2026;
    request.region_name = "Test<land>";
    request.operators = ReportsTestbed::Operators();
    auto report = BuildMonthlyReport(bed_->registry(), bed_->observations(), request);
    EXPECT_TRUE(report.ok()) << report.status().ToString();
    return report.ok() ? *report : MonthlyReport{};
  }

  AdhocRequest Adhoc() {
    AdhocRequest request;
    request.window = {Day("20261101"), Day("20261130")};
    request.operators = ReportsTestbed::Operators();
    request.output_dir = bed_->dir() + "/adhoc";
    return request;
  }

  std::unique_ptr<ReportsTestbed> bed_;
  store::JobId first_run_ = 0;
  store::JobId run_ = 0;
};

TEST_F(ReportsTest, MonthlyTotalsCountOnlyTheMonthsData) {
  MonthlyReport report = Monthly();
  ASSERT_TRUE(report.run.has_value());
  EXPECT_EQ(report.run->run, run_);
  EXPECT_EQ(report.country.imeis, 4);  // kD (October) left out
  EXPECT_EQ(report.country.imsis, 4);
  EXPECT_EQ(report.country.msisdns, 4);
  EXPECT_EQ(report.country.imei_imsi_pairs, 5);
  ASSERT_EQ(report.operators.size(), 2u);
  EXPECT_EQ(report.operators[0].imeis, 4);
  EXPECT_EQ(report.operators[1].imeis, 1);
  EXPECT_EQ(report.country.daily.size(), 30u);
}

TEST_F(ReportsTest, ComplianceFollowsBlockDatesAsOfTheRun) {
  MonthlyReport report = Monthly();
  const auto& imeis = report.country.compliance.imeis;
  EXPECT_EQ(imeis[static_cast<int>(Compliance::kCompliant)], 1);      // kE
  EXPECT_EQ(imeis[static_cast<int>(Compliance::kInformational)], 1);  // kB
  EXPECT_EQ(imeis[static_cast<int>(Compliance::kNotified)], 1);       // kC (grace 30)
  EXPECT_EQ(imeis[static_cast<int>(Compliance::kBlocked)], 1);        // kA
  EXPECT_EQ(report.country.compliance.imei_imsi_pairs[static_cast<int>(Compliance::kBlocked)], 2);
  EXPECT_EQ(report.operators[1].compliance.imeis[static_cast<int>(Compliance::kBlocked)], 1);
}

TEST_F(ReportsTest, ConditionsBreakdownPerCondition) {
  MonthlyReport report = Monthly();
  ASSERT_EQ(report.country.conditions.size(), 3u);
  const ConditionFigures& dup = report.country.conditions[0];
  EXPECT_EQ(dup.label, "dup");
  EXPECT_EQ(dup.imeis, 1);
  EXPECT_EQ(dup.blocked, 1);
  EXPECT_EQ(dup.notified, 0);
  EXPECT_EQ(report.country.conditions[1].notified, 1);
  EXPECT_EQ(report.country.conditions[2].imeis, 1);
  EXPECT_EQ(report.country.conditions[2].blocked + report.country.conditions[2].notified, 0);
}

TEST_F(ReportsTest, TopModelsAndHistograms) {
  MonthlyReport report = Monthly();
  ASSERT_EQ(report.country.top_models.size(), 1u);
  EXPECT_EQ(report.country.top_models[0].brand, "Acme <X>");
  EXPECT_EQ(report.country.top_models[0].model, "Phone & \"Co\"");
  EXPECT_EQ(report.country.top_models[0].imeis, 3);
  EXPECT_EQ(report.country.imeis_not_in_gsma, 1);
  EXPECT_EQ(report.country.imsis_per_imei[1], 3);  // kB, kC, kE
  EXPECT_EQ(report.country.imsis_per_imei[2], 1);  // kA
  EXPECT_EQ(report.country.imeis_per_imsi[1], 3);  // kImsi2, kImsi3, kRoamer
  EXPECT_EQ(report.country.imeis_per_imsi[2], 1);  // kImsi1: kA and kB
}

TEST_F(ReportsTest, HtmlEscapesOutsideTextAndHasEveryChart) {
  MonthlyReport report = Monthly();
  std::string html = MonthlyReportHtml(report);
  EXPECT_NE(html.find("Acme &lt;X&gt; Phone &amp; &quot;Co&quot;"), std::string::npos);
  EXPECT_EQ(html.find("Acme <X>"), std::string::npos);
  EXPECT_EQ(html.find("Operator <Two>"), std::string::npos);
  EXPECT_EQ(html.find("<script"), std::string::npos);
  for (std::string_view id : MonthlyReportChartIds()) {
    EXPECT_NE(html.find("<svg id=\"" + std::string(id) + "\""), std::string::npos) << id;
  }
  EXPECT_EQ(html, MonthlyReportHtml(Monthly()));  // deterministic
}

TEST_F(ReportsTest, WritesJsonCsvAndHtml) {
  auto written = WriteMonthlyReport(Monthly(), bed_->dir() + "/out");
  ASSERT_TRUE(written.ok()) << written.status().ToString();
  EXPECT_EQ(written->size(), 7u);
  std::string summary = Read(bed_->dir() + "/out/monthly_report_2026_11_summary.csv");
  EXPECT_NE(summary.find("country,4,4,4,5,1,1,1,1,3,1,1\n"), std::string::npos) << summary;
  std::string models = Read(bed_->dir() + "/out/monthly_report_2026_11_top_models.csv");
  EXPECT_NE(models.find("country,1,Acme <X>,\"Phone & \"\"Co\"\"\",3\n"), std::string::npos)
      << models;
}

TEST_F(ReportsTest, TopDuplicatesListsImeisWithSeveralImsis) {
  auto result = WriteTopDuplicates(bed_->registry(), bed_->observations(), Adhoc());
  ASSERT_TRUE(result.ok()) << result.status().ToString();
  std::string csv = Read(result->path);
  EXPECT_EQ(result->rows, 1);
  EXPECT_NE(csv.find(std::string(kA) + ",2,2,"), std::string::npos) << csv;
  EXPECT_EQ(csv.find(kB), std::string::npos);
}

TEST_F(ReportsTest, GsmaNotFoundListsUnknownTacsOnly) {
  auto result = WriteGsmaNotFound(bed_->registry(), bed_->observations(), Adhoc());
  ASSERT_TRUE(result.ok()) << result.status().ToString();
  std::string csv = Read(result->path);
  EXPECT_EQ(result->rows, 1);
  EXPECT_NE(csv.find(kC), std::string::npos);
  EXPECT_EQ(csv.find(kA), std::string::npos);
}

TEST_F(ReportsTest, StolenViolationsAfterTheReportingDateOnly) {
  auto result = WriteStolenViolations(bed_->registry(), bed_->observations(), Adhoc());
  ASSERT_TRUE(result.ok()) << result.status().ToString();
  std::string csv = Read(result->path);
  EXPECT_EQ(result->rows, 1) << csv;  // kA on op2 on the 4th; its op1 row is the 3rd itself
  EXPECT_NE(csv.find(std::string("op2,") + kA + "," + kImsi2), std::string::npos) << csv;
  EXPECT_EQ(csv.find(kB), std::string::npos);  // seen before its reporting date
}

TEST_F(ReportsTest, BlacklistViolationsLeaveOutPairedSubscribers) {
  auto result = WriteBlacklistViolations(bed_->registry(), bed_->observations(), Adhoc());
  ASSERT_TRUE(result.ok()) << result.status().ToString();
  std::string csv = Read(result->path);
  EXPECT_EQ(result->rows, 1) << csv;
  EXPECT_NE(csv.find(std::string("op1,") + kA + "," + kImsi1 + ",923001111111,20261102,20261103"),
            std::string::npos)
      << csv;
  EXPECT_EQ(csv.find(kImsi2), std::string::npos);  // paired: kept working
  EXPECT_EQ(csv.find(kC), std::string::npos);      // only notified
}

TEST_F(ReportsTest, ConditionOverlapsCountCombinations) {
  auto result = WriteConditionOverlaps(bed_->registry(), bed_->observations(), Adhoc());
  ASSERT_TRUE(result.ok()) << result.status().ToString();
  std::string csv = Read(result->path);
  EXPECT_EQ(result->rows, 3) << csv;
  EXPECT_NE(csv.find("dup,1,1\n"), std::string::npos) << csv;
  EXPECT_EQ(csv.find("dup|"), std::string::npos) << csv;
}

TEST_F(ReportsTest, UnregisteredSubscribersAreLocalImsisNotOnTheList) {
  auto result = WriteUnregisteredSubscribers(bed_->registry(), bed_->observations(), Adhoc());
  ASSERT_TRUE(result.ok()) << result.status().ToString();
  std::string csv = Read(result->path);
  EXPECT_EQ(result->rows, 2) << csv;
  EXPECT_NE(csv.find(std::string("op1,") + kImsi3 + ",1\n"), std::string::npos) << csv;
  EXPECT_NE(csv.find(std::string("op2,") + kImsi2 + ",1\n"), std::string::npos) << csv;
  EXPECT_EQ(csv.find(kImsi1), std::string::npos);   // registered
  EXPECT_EQ(csv.find(kRoamer), std::string::npos);  // a roamer
}

TEST_F(ReportsTest, TransientMsisdnsWithManyImeis) {
  AdhocRequest request = Adhoc();
  request.min_imeis = 2;
  auto result = WriteTransientMsisdns(bed_->registry(), bed_->observations(), request);
  ASSERT_TRUE(result.ok()) << result.status().ToString();
  std::string csv = Read(result->path);
  EXPECT_EQ(result->rows, 1) << csv;
  EXPECT_NE(csv.find(std::string("op1,923001111111,2,") + kA + "|" + kB), std::string::npos) << csv;
  EXPECT_EQ(csv.find("923002222222"), std::string::npos);  // kD is October's
}

TEST_F(ReportsTest, RunShownIsTheOneThatLookedAtThePeriod) {
  auto november = ChooseRun(bed_->registry(), {Day("20261101"), Day("20261130")}, std::nullopt);
  ASSERT_TRUE(november.ok() && november->has_value());
  EXPECT_EQ((*november)->run, run_);  // dated the day after the month: the month's run
  auto october = ChooseRun(bed_->registry(), {Day("20261001"), Day("20261031")}, std::nullopt);
  ASSERT_TRUE(october.ok() && october->has_value());
  EXPECT_EQ((*october)->curr_date, Day("20261102"));  // none inside: the first later one
  auto next_year = ChooseRun(bed_->registry(), {Day("20270101"), Day("20270131")}, std::nullopt);
  ASSERT_TRUE(next_year.ok());
  EXPECT_FALSE(next_year->has_value());
  auto missing = ChooseRun(bed_->registry(), {Day("20261101"), Day("20261130")}, 9999);
  EXPECT_EQ(missing.status().code(), StatusCode::kNotFound);
}

TEST_F(ReportsTest, AnExplicitRunShowsItsOwnState) {
  MonthlyReportRequest request;
  request.month = 11;
  request.year = 2026;
  request.operators = ReportsTestbed::Operators();
  request.run = first_run_;  // only kA matched then
  auto report = BuildMonthlyReport(bed_->registry(), bed_->observations(), request);
  ASSERT_TRUE(report.ok()) << report.status().ToString();
  EXPECT_EQ(report->country.compliance.imeis[static_cast<int>(Compliance::kBlocked)], 1);
  EXPECT_EQ(report->country.compliance.imeis[static_cast<int>(Compliance::kCompliant)], 3);
  EXPECT_EQ(MonthWindow(13, 2026).status().code(), StatusCode::kInvalidInput);
}

TEST(SvgChartTest, EscapesAndFormatsDeterministically) {
  EXPECT_EQ(HtmlEscape("<a href='x'>&\"</a>"), "&lt;a href=&#39;x&#39;&gt;&amp;&quot;&lt;/a&gt;");
  EXPECT_EQ(GroupThousands(1234567), "1,234,567");
  EXPECT_EQ(GroupThousands(-1000), "-1,000");
  EXPECT_EQ(Percent(1, 3), "33.3%");
  EXPECT_EQ(Percent(2, 3), "66.7%");
  EXPECT_EQ(NiceCeiling(0), 1);
  EXPECT_EQ(NiceCeiling(7), 10);
  EXPECT_EQ(NiceCeiling(120), 200);
  EXPECT_EQ(NiceCeiling(5000), 5000);
}

}  // namespace
}  // namespace openceir::reports
