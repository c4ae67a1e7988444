// Timing of the monthly report over a month with N IMEIs (default 1 M) on two operators:
// builds a store (not timed), then prints the seconds of BuildMonthlyReport, of writing its
// files, and the peak RSS. A plain executable: `reports_benchmark [IMEIS]`.
#include <fmt/format.h>
#include <sys/resource.h>

#include <chrono>
#include <cstdlib>

#include "openceir/reports/monthly_report.h"
#include "openceir/reports/report_test_util.h"

namespace {

using openceir::reports::Day;
using openceir::reports::ReportsTestbed;
using openceir::reports::SeenTriplet;
namespace store = openceir::store;

double Seconds(std::chrono::steady_clock::time_point since) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - since).count();
}

int Fail(const openceir::Status& status) {
  fmt::print(stderr, "reports_benchmark: {}\n", status.ToString());
  return 1;
}

}  // namespace

int main(int argc, char** argv) {
  const std::int64_t imeis = argc > 1 ? std::atoll(argv[1]) : 1'000'000;
  auto bed = ReportsTestbed::Create("reports-bench");
  if (!bed.ok()) return Fail(bed.status());
  auto& registry = (*bed)->registry();

  auto start = std::chrono::steady_clock::now();
  std::vector<store::ListRow> tacs;
  for (int t = 0; t < 2000; ++t) {
    tacs.push_back({fmt::format("{:08}", 35000000 + t), "Maker", "GSM 900", "20200101",
                    fmt::format("Model {}", t % 500), "Smartphone", "", ""});
  }
  if (auto id = (*bed)->ChangeList(store::ListKind::kGsmaTac, tacs); !id.ok()) {
    return Fail(id.status());
  }
  // Every IMEI on op1 or op2, one IMSI, one in 20 with a second IMSI, seen on one or two days.
  std::vector<SeenTriplet> batch;
  std::vector<openceir::reports::TestMatch> matches;
  std::int64_t triplets = 0;
  for (std::int64_t i = 0; i < imeis; ++i) {
    const std::string imei = fmt::format("{:08}{:06}", 35000000 + i % 2200, i / 2200);
    const std::string op = i % 3 == 0 ? "op2" : "op1";
    const std::string mccmnc = op == "op1" ? "41001" : "41002";
    const auto day = Day("20261101").days + static_cast<std::int32_t>(i % 30);
    batch.push_back({op, imei, fmt::format("{}{:010}", mccmnc, i), fmt::format("92300{:07}", i),
                     openceir::Date{day}});
    if (i % 20 == 0) {
      batch.push_back({op, imei, fmt::format("{}{:010}", mccmnc, i + 1),
                       fmt::format("92300{:07}", i + 1), openceir::Date{day}});
      matches.push_back({0, imei});
    }
    if (batch.size() >= 200'000 || i + 1 == imeis) {
      triplets += static_cast<std::int64_t>(batch.size());
      if (auto status = (*bed)->See(batch); !status.ok()) return Fail(status);
      batch.clear();
    }
  }
  std::sort(matches.begin(), matches.end(),
            [](const auto& a, const auto& b) { return a.imei_norm < b.imei_norm; });
  store::ConditionSpec duplicated;
  duplicated.label = "duplicated";
  duplicated.reason = "Duplicated IMEI";
  duplicated.grace_period_days = 30;
  if (auto run = (*bed)->Classify(Day("20261201"), {duplicated}, matches); !run.ok()) {
    return Fail(run.status());
  }
  fmt::print("store: {} IMEIs, {} triplets, {} matches built in {:.1f} s\n", imeis, triplets,
             matches.size(), Seconds(start));

  openceir::reports::MonthlyReportRequest request;
  request.month = 11;
  request.year = 2026;
  request.operators = ReportsTestbed::Operators();
  start = std::chrono::steady_clock::now();
  auto report = openceir::reports::BuildMonthlyReport(registry, (*bed)->observations(), request);
  if (!report.ok()) return Fail(report.status());
  const double build = Seconds(start);
  start = std::chrono::steady_clock::now();
  auto written = openceir::reports::WriteMonthlyReport(*report, (*bed)->dir() + "/out");
  if (!written.ok()) return Fail(written.status());
  const double write = Seconds(start);
  // What the store's scans alone cost, for comparison.
  start = std::chrono::steady_clock::now();
  std::int64_t scanned = 0;
  const store::DateWindow window{Day("20261101"), Day("20261130")};
  auto scan = (*bed)->observations().ScanImeiSummaries(window, [&](const store::ImeiSummary&) {
    ++scanned;
    return openceir::Status::Ok();
  });
  if (!scan.ok()) return Fail(scan);
  const double summaries = Seconds(start);
  start = std::chrono::steady_clock::now();
  for (const auto& op : request.operators) {
    auto status =
        (*bed)->observations().ScanTriplets(op.id, window, [&](const store::TripletMonth&) {
          ++scanned;
          return openceir::Status::Ok();
        });
    if (!status.ok()) return Fail(status);
  }
  const double operator_triplets = Seconds(start);
  fmt::print("scans alone: country summaries {:.2f}s, operator triplets {:.2f}s\n", summaries,
             operator_triplets);
  rusage usage{};
  ::getrusage(RUSAGE_SELF, &usage);
  fmt::print(
      "BM_MonthlyReport imeis={} country_imeis={} build={:.2f}s write={:.3f}s peak_rss={} MiB\n",
      imeis, report->country.imeis, build, write, usage.ru_maxrss / 1024);
  return 0;
}
