// Whole operator data imports against the SQLite registry and observation stores in one file.
#include "openceir/observe/operator_import.h"

#include <fmt/format.h>
#include <gtest/gtest.h>

#include <algorithm>
#include <cstdlib>

#include "openceir/io/input_file.h"
#include "openceir/observe/daily_counter.h"
#include "openceir/observe/operator_import_test_util.h"

namespace openceir::observe {
namespace {

using testing::OperatorImportFixture;

const char kHeader[] = "date,imei,imsi,msisdn,rat\n";

// `n` clean rows of op1 on `date`: distinct IMEIs, op1 IMSIs, in-region MSISDNs.
std::string CleanRows(int n, const std::string& date, int first = 0) {
  std::string out;
  for (int i = first; i < first + n; ++i) {
    out += fmt::format("{},{},{},{},006\n", date, 35123456000000LL + i, 999010000000000LL + i,
                       999100000000LL + i);
  }
  return out;
}

const QualityCheck* FindCheck(const OperatorImportReport& report, std::string_view name) {
  for (const QualityCheck& c : report.checks) {
    if (c.name == name) return &c;
  }
  return nullptr;
}

class OperatorImportTest : public OperatorImportFixture {};

TEST_F(OperatorImportTest, AcceptsAFileAndStoresMonthlyTripletsAcrossAMonthBoundary) {
  std::string path = WriteFile("op1_20261030_20261102.csv",
                               std::string(kHeader) +
                                   "20261030,35123456789012,999010000000001,999100000001,006\n"
                                   "20261031,351234567890123,999010000000001,999100000001,001\n"
                                   "20261101,35123456789012,999010000000001,999100000001,006\n"
                                   "20261101,35123456789012,310150000000001,,\n" +
                                   CleanRows(16, "20261102"));
  auto report = Import("op1", path);
  ASSERT_TRUE(report.ok()) << report.status().ToString();
  ASSERT_TRUE(report->accepted) << report->summary << "\n"
                                << (report->errors.empty() ? "" : report->errors[0].ToString());
  EXPECT_EQ(report->rows, 20);
  EXPECT_EQ(report->days, 4);
  EXPECT_EQ(report->triplets, 19);  // 2 months of the first triplet, the roamer, 16 clean

  auto triplets = Triplets("op1");
  ASSERT_EQ(triplets.size(), 19u);
  std::vector<store::TripletMonth> first;
  for (const auto& t : triplets) {
    if (t.imei_norm == "35123456789012" && t.imsi == "999010000000001") first.push_back(t);
  }
  ASSERT_EQ(first.size(), 2u);
  std::sort(first.begin(), first.end(), [](auto& a, auto& b) { return a.month < b.month; });
  EXPECT_EQ(first[0].first_seen, *DateFromCivil(2026, 10, 30));
  EXPECT_EQ(first[0].last_seen, *DateFromCivil(2026, 10, 31));
  EXPECT_EQ(first[0].day_mask, (1u << 29) | (1u << 30));
  EXPECT_EQ(first[0].rat_mask, (1u << 0) | (1u << 5));
  EXPECT_EQ(first[0].imsi_class, store::kImsiLocalSubscriber);
  EXPECT_EQ(first[1].first_seen, *DateFromCivil(2026, 11, 1));
  EXPECT_EQ(first[1].day_mask, 1u);

  auto counts = DailyCounts("op1");
  ASSERT_EQ(counts.size(), 4u);
  EXPECT_EQ(counts[3].rows, 16);
  EXPECT_EQ(counts[3].imeis, 16);

  store::JobRecord job = Job(report->job_id);
  EXPECT_EQ(job.outcome, store::JobOutcome::kSucceeded);
  EXPECT_EQ(job.counts.rows_read, 20);
  EXPECT_EQ(job.start.command, "import operator");
  auto import = observations_->FindImport(store::ObservationImportKind::kOperatorData, "op1",
                                          job.start.input_sha256);
  ASSERT_TRUE(import.ok());
  ASSERT_TRUE(import->has_value());
  EXPECT_EQ((*import)->rows, 20);
  EXPECT_EQ((*import)->job_id, report->job_id);
}

TEST_F(OperatorImportTest, RejectsABadValueNamingLineColumnAndRuleAndChangesNothing) {
  std::string path = WriteFile("op1_20261101_20261101.csv",
                               std::string(kHeader) + CleanRows(5, "20261101") +
                                   "20261101,35123456789012,99901x,999100000001,006\n" +
                                   CleanRows(5, "20261101", 10) + "20261102,1,,,\n");
  auto report = Import("op1", path);
  ASSERT_TRUE(report.ok()) << report.status().ToString();
  EXPECT_FALSE(report->accepted);
  EXPECT_EQ(report->total_errors, 2);
  ASSERT_EQ(report->errors.size(), 2u);
  EXPECT_EQ(report->errors[0].ToString().substr(0, 40), "op1_20261101_20261101.csv:7:3 (imsi): ba");
  EXPECT_EQ(report->errors[1].rule, "date_outside_range");
  EXPECT_EQ(report->errors[1].line, 13);
  EXPECT_TRUE(Triplets("op1").empty());
  EXPECT_TRUE(DailyCounts("op1").empty());
  EXPECT_EQ(Job(report->job_id).outcome, store::JobOutcome::kRejected);
}

TEST_F(OperatorImportTest, RejectsFileNameRuleBreaks) {
  struct Case {
    std::string op;
    std::string name;
    std::string rule;
  };
  for (const Case& c : {Case{"op1", "op1_20261101_20261129.csv", "date_range_in_future"},
                        Case{"op1", "op2_20261101_20261101.csv", "operator_mismatch"},
                        Case{"op1", "op1_20261102_20261101.csv", "bad_date_range"},
                        Case{"op1", "op1-20261101.csv", "bad_file_name"},
                        Case{"op9", "op9_20261101_20261101.csv", "unknown_operator"}}) {
    std::string path = WriteFile(c.name, std::string(kHeader) + CleanRows(3, "20261101"));
    auto report = Import(c.op, path);
    ASSERT_TRUE(report.ok()) << report.status().ToString();
    EXPECT_FALSE(report->accepted) << c.name;
    ASSERT_EQ(report->errors.size(), 1u) << c.name;
    EXPECT_EQ(report->errors[0].rule, c.rule) << c.name;
  }
  EXPECT_TRUE(Triplets("op1").empty());
}

TEST_F(OperatorImportTest, UnknownCheckNameIsAnArgumentError) {
  std::string path =
      WriteFile("op1_20261101_20261101.csv", std::string(kHeader) + CleanRows(3, "20261101"));
  OperatorImportOptions options;
  options.disabled_checks = {"null_everything"};
  auto report = Import("op1", path, options);
  EXPECT_EQ(report.status().code(), StatusCode::kInvalidInput);
}

// Each check through a whole import: 20 rows and a threshold of 0.05, so one bad row (0.05)
// passes and two (0.10) fail; disabling the check lets the failing file in.
TEST_F(OperatorImportTest, QualityChecksRejectJustAboveTheirThresholdOnly) {
  struct Case {
    std::string check;
    std::string bad_row;  // for 20261101
  };
  const std::vector<Case> cases = {
      {"null_imei", "20261101,,999010000000099,999100000099,006\n"},
      {"null_msisdn", "20261101,35123456009999,999010000000099,,006\n"},
      {"null_rat", "20261101,35123456009999,999010000000099,999100000099,\n"},
      {"unclean_imsi", "20261101,35123456009999,9990100000,999100000099,006\n"},
      {"out_of_region_msisdn", "20261101,35123456009999,999010000000099,441000000099,006\n"},
      {"non_home_network", "20261101,35123456009999,999020000000099,999100000099,006\n"},
  };
  config_.operator_thresholds.null_imei = config_.operator_thresholds.null_msisdn =
      config_.operator_thresholds.null_rat = config_.operator_thresholds.unclean_imsi =
          config_.operator_thresholds.out_of_region_msisdn =
              config_.operator_thresholds.non_home_network = 0.05;
  int file = 0;
  for (const Case& c : cases) {
    for (int bad : {1, 2}) {
      std::string rows;
      for (int i = 0; i < bad; ++i) rows += c.bad_row;
      // Distinct files (hashes) so that none is a re-import.
      std::string name = fmt::format("op1_202611{:02}_202611{:02}.csv", 1, 1 + (file++ % 20));
      std::string path = WriteFile(
          name, std::string(kHeader) + rows + CleanRows(20 - bad, "20261101", 100 * file));
      auto report = Import("op1", path);
      ASSERT_TRUE(report.ok()) << report.status().ToString();
      const QualityCheck* check = FindCheck(*report, c.check);
      ASSERT_NE(check, nullptr) << c.check;
      EXPECT_DOUBLE_EQ(check->measured, bad / 20.0) << c.check;
      EXPECT_DOUBLE_EQ(check->threshold, 0.05) << c.check;
      EXPECT_EQ(report->accepted, bad == 1) << c.check << " " << report->summary;
      if (bad == 2) {
        EXPECT_NE(std::find(report->failed_checks.begin(), report->failed_checks.end(), c.check),
                  report->failed_checks.end())
            << c.check;
        OperatorImportOptions options;
        options.disabled_checks = {"null_combined", "unclean_combined", "out_of_region_combined",
                                   c.check};
        auto again = Import("op1", path, options);
        ASSERT_TRUE(again.ok());
        EXPECT_TRUE(again->accepted) << c.check << " " << again->summary;
      }
    }
  }
}

TEST_F(OperatorImportTest, MissingLeadingZeroAgainstTheGsmaTacList) {
  // The GSMA list knows TAC 01234567, so 1234567xxxxxxx IMEIs look like stripped zeros.
  auto job = registry_->StartJob(store::JobStart{"import gsma-tac", "", "", "", "", 1});
  ASSERT_TRUE(job.ok());
  store::ListChanges changes;
  changes.added.push_back(
      {"01234567", "Maker", "GSM 900", "17-Mar-2015", "Model", "Handheld", "1", ""});
  ASSERT_TRUE(registry_->CommitListChanges(*job, store::ListKind::kGsmaTac, changes, {}).ok());
  config_.operator_thresholds.leading_zero_suspect = 0.5;
  auto file = [&](int suspects, int legit, std::string name) {
    std::string rows = std::string(kHeader) + CleanRows(10, "20261101");
    // IMEIs starting with 0 keep leading_zero_majority passing.
    for (int i = 0; i < 10; ++i) {
      rows += fmt::format("20261101,0{},999010000000700,999100000700,006\n", 1234567000000LL + i);
    }
    for (int i = 0; i < suspects; ++i) {
      rows += fmt::format("20261101,{},999010000000500,999100000500,006\n", 12345670000000LL + i);
    }
    for (int i = 0; i < legit; ++i) {
      rows += fmt::format("20261101,{},999010000000600,999100000600,006\n", 19999990000000LL + i);
    }
    return WriteFile(name, rows);
  };
  auto even = Import("op1", file(2, 2, "op1_20261101_20261101.csv"));
  ASSERT_TRUE(even.ok());
  EXPECT_TRUE(even->accepted) << even->summary;
  EXPECT_DOUBLE_EQ(FindCheck(*even, "leading_zero_gsma")->measured, 0.5);
  auto most = Import("op1", file(3, 2, "op1_20261101_20261102.csv"));
  ASSERT_TRUE(most.ok());
  EXPECT_FALSE(most->accepted);
  EXPECT_EQ(most->failed_checks, std::vector<std::string>{"leading_zero_gsma"});
  EXPECT_DOUBLE_EQ(FindCheck(*most, "leading_zero_gsma")->measured, 0.6);
}

TEST_F(OperatorImportTest, VolumeAgainstHistory) {
  // Seven days of history with 100 distinct identifiers a day.
  DailyCounter history("op1");
  for (int d = 1; d <= 7; ++d) {
    for (int i = 0; i < 100; ++i) {
      history.Add(*DateFromCivil(2026, 11, d), SketchHashesOf(fmt::format("351234560{:05}", i),
                                                              fmt::format("9990100000{:05}", i),
                                                              fmt::format("9991000{:05}", i)));
    }
  }
  auto batch = observations_->BeginBatch();
  ASSERT_TRUE(batch.ok());
  ASSERT_TRUE((*batch)->MergeDailyCounts(history.Finish()).ok());
  store::ObservationImport seeded;
  seeded.operator_id = "op1";
  seeded.file_sha256 = "seed";
  seeded.first_day = *DateFromCivil(2026, 11, 1);
  seeded.last_day = *DateFromCivil(2026, 11, 7);
  ASSERT_TRUE((*batch)->Commit(seeded).ok());

  auto low = Import("op1", WriteFile("op1_20261108_20261108.csv",
                                     std::string(kHeader) + CleanRows(50, "20261108")));
  ASSERT_TRUE(low.ok());
  EXPECT_FALSE(low->accepted);
  for (auto name : {"historic_imei", "historic_imsi", "historic_msisdn"}) {
    EXPECT_NE(std::find(low->failed_checks.begin(), low->failed_checks.end(), name),
              low->failed_checks.end())
        << name;
  }
  auto normal = Import("op1", WriteFile("op1_20261108_20261109.csv",
                                        std::string(kHeader) + CleanRows(100, "20261108")));
  ASSERT_TRUE(normal.ok());
  EXPECT_TRUE(normal->accepted) << normal->summary;
  EXPECT_TRUE(FindCheck(*normal, "historic_imei")->applicable);
}

TEST_F(OperatorImportTest, ReimportOfTheSameFileIsRefused) {
  std::string path =
      WriteFile("op1_20261101_20261101.csv", std::string(kHeader) + CleanRows(20, "20261101"));
  auto first = Import("op1", path);
  ASSERT_TRUE(first.ok());
  ASSERT_TRUE(first->accepted) << first->summary;
  auto second = Import("op1", path);
  ASSERT_TRUE(second.ok());
  EXPECT_FALSE(second->accepted);
  ASSERT_EQ(second->errors.size(), 1u);
  EXPECT_EQ(second->errors[0].rule, "already_imported");
  EXPECT_EQ(DailyCounts("op1")[0].rows, 20);  // not doubled
}

// A plain file is hashed while it is read; the job still records the file's SHA-256 when the
// read ends early (a line too long), when the file is rejected before it is read (its name),
// and for a compressed file (hashed apart, before).
TEST_F(OperatorImportTest, JobRecordsTheFileHashHoweverTheReadEnded) {
  const std::string whole =
      WriteFile("op1_20261101_20261101.csv", std::string(kHeader) + CleanRows(20, "20261101"));
  const std::string cut_short =
      WriteFile("op1_20261102_20261102.csv", std::string(kHeader) + CleanRows(5, "20261102") +
                                                 std::string(std::size_t{2} << 20, '9') + "\n" +
                                                 CleanRows(5, "20261102"));
  const std::string misnamed =
      WriteFile("op1_2026110_20261103.csv", std::string(kHeader) + CleanRows(5, "20261103"));
  const std::string compressed =
      WriteFile("op1_20261104_20261104.csv", std::string(kHeader) + CleanRows(5, "20261104"));
  ASSERT_EQ(std::system(fmt::format("gzip -n {}", compressed).c_str()), 0);
  struct Case {
    std::string path;
    bool accepted;
  };
  for (const Case& c : {Case{whole, true}, Case{cut_short, false}, Case{misnamed, false},
                        Case{compressed + ".gz", true}, Case{whole, false}}) {
    SCOPED_TRACE(c.path);
    auto report = Import("op1", c.path);
    ASSERT_TRUE(report.ok()) << report.status().ToString();
    EXPECT_EQ(report->accepted, c.accepted) << report->summary;
    EXPECT_EQ(Job(report->job_id).start.input_sha256, *io::Sha256OfFile(c.path));
  }
  EXPECT_EQ(DailyCounts("op1")[0].rows, 20);  // the second import of `whole` was refused
}

TEST_F(OperatorImportTest, InputLargerThanTheMemoryBudgetSpillsAndGivesTheSameTriplets) {
  std::string rows = kHeader;
  for (int d = 1; d <= 20; ++d) rows += CleanRows(2000, fmt::format("202611{:02}", d));
  std::string path = WriteFile("op1_20261101_20261120.csv", rows);
  OperatorImportOptions options;
  options.memory_budget_bytes = 64 * 1024;
  auto report = Import("op1", path, options);
  ASSERT_TRUE(report.ok()) << report.status().ToString();
  ASSERT_TRUE(report->accepted) << report->summary;
  EXPECT_GT(report->spilled_bytes, 0);
  auto triplets = Triplets("op1");
  ASSERT_EQ(triplets.size(), 2000u);
  for (const auto& t : triplets) ASSERT_EQ(t.day_mask, (1u << 20) - 1) << t.imei_norm;
}

}  // namespace
}  // namespace openceir::observe
