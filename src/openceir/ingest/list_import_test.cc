// Whole imports of every reference list into a real SQLite store: good files land with the right
// counts and are queryable; bad files (a missing column, a bad field) are rejected naming the
// file, line, column and rule, and change nothing; compressed inputs read like plain ones.
#include "openceir/ingest/list_import.h"

#include <fmt/format.h>
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "openceir/ingest/import_test_util.h"

namespace openceir::ingest {
namespace {

using store::ListKind;
using store::ListRow;
using ::testing::ElementsAre;
using ::testing::ElementsAreArray;
using ::testing::HasSubstr;
using testing::ImportTestEnv;
using ::testing::StartsWith;

std::string ReadTestdata(const std::string& name) {
  std::ifstream in(std::string(OPENCEIR_INGEST_TESTDATA) + "/" + name, std::ios::binary);
  std::stringstream text;
  text << in.rdbuf();
  EXPECT_FALSE(text.str().empty()) << "missing testdata file " << name;
  return text.str();
}

// One list's good file (testdata/), a row to find after import, and two bad variants.
struct ListCase {
  const char* test_name;
  ListKind kind;
  const char* file;            // in testdata/
  std::int64_t rows;           // data rows in it, all distinct keys
  const char* first_key;       // FindCurrent(kind, first_key) after import ...
  std::vector<ListRow> found;  // ... returns these rows
  const char* missing_header;  // the header with one required column left out
  const char* missing_column;  // that column
  const char* bad_row;         // a data row, appended to the good file, with one bad field
  int bad_column;              // 1-based field number of the bad field
  const char* bad_column_name;
  const char* bad_rule;
};

void PrintTo(const ListCase& c, std::ostream* os) { *os << c.test_name; }

const std::vector<ListCase>& ListCases() {
  static const std::vector<ListCase> cases = {
      {"GsmaTac",
       ListKind::kGsmaTac,
       "gsma_tac.txt",
       3,
       "35467211",
       {{"35467211", "Nimbus Mobile Ltd",
         "GSM 900,GSM 1800,WCDMA FDD Band I,LTE FDD BAND 3,NR SA BAND n78", "20220214", "NM-X5",
         "Smartphone", "2G|3G|4G|5G", R"({"brand_name":"Nimbus","marketing_name":"Nimbus X5"})"}},
       "tac|manufacturer|bands|allocation_date|device_type",
       "model_name",
       "35467299|X|GSM 900|31-Feb-2022|M|Smartphone|a|b",
       4,
       "allocation_date",
       "bad_date"},
      {"Stolen",
       ListKind::kStolen,
       "stolen.csv",
       3,
       "35882904000003",
       {{"35882904000003", "20240201", "pending"}},
       "imei,status",
       "reporting_date",
       "354672110000039,2024-01-05,blacklist",
       2,
       "reporting_date",
       "bad_date"},
      {"Registration",
       ListKind::kRegistration,
       "registration.csv",
       3,
       "35467211000011",
       {{"35467211000011", "Nimbus Mobile Ltd", "NM-X5", "", "NMX5", "Nimbus", "Smartphone",
         "GSM, UMTS, LTE, NR", "DEV-0002", "354672110000112"}},
       "make,model,status,model_number,brand_name,device_type,radio_interface,device_id",
       "approved_imei",
       "3546721100001Z,M,X,,,,,,",
       1,
       "approved_imei",
       "bad_imei"},
      {"Pairing",
       ListKind::kPairing,
       "pairing.csv",
       3,
       "35467211000020",
       {{"35467211000020", "410010000000001", "923000000001"},
        {"35467211000020", "410010000000002", "923000000002"}},
       "imei,imsi",
       "msisdn",
       "354672110000203,41001000000000123,923000000001",
       2,
       "imsi",
       "bad_imsi"},
      {"Golden",
       ListKind::kGolden,
       "golden.csv",
       2,
       "d454f745db7b0dfbe6005cf20225d220",
       {{"d454f745db7b0dfbe6005cf20225d220"}},
       "imei",
       "golden_imei",
       "35467211000032Z",
       1,
       "golden_imei",
       "bad_imei"},
      {"GoldenPrehashed",
       ListKind::kGolden,
       "golden_prehashed.csv",
       2,
       "d454f745db7b0dfbe6005cf20225d220",
       {{"d454f745db7b0dfbe6005cf20225d220"}},
       "hash",
       "golden_imei",
       "0123456789abcdef0123456789abcdeX",
       1,
       "golden_imei",
       "bad_golden_hash"},
      {"Barred",
       ListKind::kBarred,
       "barred.csv",
       3,
       "86416609000040",
       {{"86416609000040"}},
       "imei_norm",
       "imei",
       "12345678901234567",
       1,
       "imei",
       "bad_imei"},
      {"BarredTac",
       ListKind::kBarredTac,
       "barred_tac.csv",
       2,
       "86075806",
       {{"86075806"}},
       "tacs",
       "tac",
       "8641660",
       1,
       "tac",
       "bad_tac"},
      {"Subscribers",
       ListKind::kSubscribers,
       "subscribers.csv",
       3,
       "CITIZEN-0002",
       {{"CITIZEN-0002", "410010000000002"}, {"CITIZEN-0002", "410030000000003"}},
       "imsi",
       "uid",
       "CITIZEN 0003,410010000000009",
       1,
       "uid",
       "bad_uid"},
      {"Association",
       ListKind::kAssociation,
       "association.csv",
       2,
       "CITIZEN-0001",
       {{"CITIZEN-0001", "35467211000020"}},
       "uid",
       "imei",
       "CITIZEN-0003,35467211000020#X",
       2,
       "imei",
       "bad_imei"},
      {"Monitoring",
       ListKind::kMonitoring,
       "monitoring.csv",
       4,
       "35882904000050",
       {{"35882904000050"}},
       "serial,reporting_date",
       "imei",
       "35882904000054G",
       1,
       "imei",
       "bad_imei"},
  };
  return cases;
}

class ListImportTest : public ::testing::TestWithParam<ListCase> {
 protected:
  void SetUp() override { ASSERT_TRUE(env_.ok()) << env_.status().ToString(); }

  // Imports `path` and checks that every row of the good file is current.
  void ExpectGoodImport(const std::string& path) {
    const ListCase& c = GetParam();
    Result<ListImportReport> report = env_.Import(c.kind, path);
    ASSERT_TRUE(report.ok()) << report.status().ToString();
    ASSERT_TRUE(report->accepted) << report->summary;
    EXPECT_EQ(report->counts.rows_read, c.rows);
    EXPECT_EQ(report->counts.added, c.rows);
    EXPECT_EQ(report->counts.removed, 0);
    EXPECT_EQ(report->counts.changed, 0);
    EXPECT_EQ(report->counts.unchanged, 0);
    EXPECT_EQ(report->total_errors, 0);
    Result<std::int64_t> count = env_.store().CountCurrentList(c.kind);
    ASSERT_TRUE(count.ok());
    EXPECT_EQ(*count, c.rows);
    Result<std::vector<ListRow>> found = env_.store().FindCurrent(c.kind, c.first_key);
    ASSERT_TRUE(found.ok()) << found.status().ToString();
    EXPECT_THAT(*found, ElementsAreArray(c.found));
    Result<store::JobRecord> job = env_.store().GetJob(report->job_id);
    ASSERT_TRUE(job.ok());
    EXPECT_EQ(job->outcome, store::JobOutcome::kSucceeded);
    EXPECT_EQ(job->counts.added, c.rows);
  }

  std::string GoodFile() {
    const ListCase& c = GetParam();
    return env_.WriteFile(c.file, ReadTestdata(c.file));
  }

  ImportTestEnv env_;
};

TEST_P(ListImportTest, GoodFileImportsEveryRowQueryably) { ExpectGoodImport(GoodFile()); }

TEST_P(ListImportTest, GzipFileImportsLikePlain) {
  Result<std::string> gz = testing::GzipFile(GoodFile());
  ASSERT_TRUE(gz.ok()) << gz.status().ToString();
  ExpectGoodImport(*gz);
}

TEST_P(ListImportTest, ZstdFileImportsLikePlain) {
  Result<std::string> zst = testing::ZstdFile(GoodFile());
  ASSERT_TRUE(zst.ok()) << zst.status().ToString();
  ExpectGoodImport(*zst);
}

TEST_P(ListImportTest, OneMemberZipImportsLikePlain) {
  std::string zip = GoodFile() + ".zip";
  ASSERT_TRUE(testing::ZipFiles(zip, {env_.dir() + "/" + GetParam().file}).ok());
  ExpectGoodImport(zip);
}

TEST_P(ListImportTest, MissingColumnIsNamedAndChangesNothing) {
  const ListCase& c = GetParam();
  ExpectGoodImport(GoodFile());
  std::vector<ListRow> before = env_.CurrentRows(c.kind);
  std::string path = env_.WriteFile("missing_column.csv", std::string(c.missing_header) + "\n");
  Result<ListImportReport> report = env_.Import(c.kind, path);
  ASSERT_TRUE(report.ok()) << report.status().ToString();
  EXPECT_FALSE(report->accepted);
  bool named = false;
  for (const InputError& error : report->errors) {
    if (error.rule == "missing_column" && error.column_name == c.missing_column) named = true;
  }
  EXPECT_TRUE(named) << report->summary;
  EXPECT_EQ(env_.CurrentRows(c.kind), before);
}

TEST_P(ListImportTest, BadFieldNamesFileLineColumnAndRuleAndChangesNothing) {
  const ListCase& c = GetParam();
  std::string text = ReadTestdata(c.file) + c.bad_row + "\n";
  std::string path = env_.WriteFile(std::string("bad_") + c.file, text);
  Result<ListImportReport> report = env_.Import(c.kind, path);
  ASSERT_TRUE(report.ok()) << report.status().ToString();
  EXPECT_FALSE(report->accepted);
  EXPECT_EQ(report->total_errors, 1);
  ASSERT_EQ(report->errors.size(), 1u);
  const InputError& error = report->errors[0];
  const std::int64_t line = c.rows + 2;  // header, rows, then the bad row
  EXPECT_EQ(error.file, path);
  EXPECT_EQ(error.line, line);
  EXPECT_EQ(error.column, c.bad_column);
  EXPECT_EQ(error.column_name, c.bad_column_name);
  EXPECT_EQ(error.rule, c.bad_rule);
  EXPECT_THAT(error.ToString(),
              StartsWith(fmt::format("{}:{}:{} ({}): {}: ", path, line, c.bad_column,
                                     c.bad_column_name, c.bad_rule)));
  EXPECT_TRUE(env_.CurrentRows(c.kind).empty());
  Result<store::JobRecord> job = env_.store().GetJob(report->job_id);
  ASSERT_TRUE(job.ok());
  EXPECT_EQ(job->outcome, store::JobOutcome::kRejected);
  EXPECT_THAT(job->error, HasSubstr(c.bad_rule));
}

INSTANTIATE_TEST_SUITE_P(EveryList, ListImportTest, ::testing::ValuesIn(ListCases()),
                         [](const ::testing::TestParamInfo<ListCase>& param_info) {
                           return std::string(param_info.param.test_name);
                         });

class ImportFileTest : public ::testing::Test {
 protected:
  void SetUp() override { ASSERT_TRUE(env_.ok()) << env_.status().ToString(); }
  ImportTestEnv env_;
};

TEST_F(ImportFileTest, ZipWithTwoMembersIsRejected) {
  std::string stolen = env_.WriteFile("stolen.csv", ReadTestdata("stolen.csv"));
  std::string other = env_.WriteFile("other.csv", ReadTestdata("stolen.csv"));
  std::string zip = env_.dir() + "/stolen.zip";
  ASSERT_TRUE(testing::ZipFiles(zip, {stolen, other}).ok());
  Result<ListImportReport> report = env_.Import(ListKind::kStolen, zip);
  ASSERT_TRUE(report.ok()) << report.status().ToString();
  EXPECT_FALSE(report->accepted);
  ASSERT_EQ(report->errors.size(), 1u);
  EXPECT_EQ(report->errors[0].rule, "bad_input_file");
  EXPECT_THAT(report->errors[0].message, HasSubstr("2 files"));
  EXPECT_TRUE(env_.CurrentRows(ListKind::kStolen).empty());
}

TEST_F(ImportFileTest, ZipMemberNamedUnlikeTheZipIsRejected) {
  std::string other = env_.WriteFile("other.csv", ReadTestdata("stolen.csv"));
  std::string zip = env_.dir() + "/stolen.zip";
  ASSERT_TRUE(testing::ZipFiles(zip, {other}).ok());
  Result<ListImportReport> report = env_.Import(ListKind::kStolen, zip);
  ASSERT_TRUE(report.ok()) << report.status().ToString();
  EXPECT_FALSE(report->accepted);
  ASSERT_EQ(report->errors.size(), 1u);
  EXPECT_EQ(report->errors[0].rule, "bad_input_file");
}

TEST_F(ImportFileTest, ZipMemberErrorsNameTheMember) {
  std::string stolen =
      env_.WriteFile("stolen.csv", "imei,reporting_date,status\n35467211000001,2024,\n");
  std::string zip = env_.dir() + "/stolen.zip";
  ASSERT_TRUE(testing::ZipFiles(zip, {stolen}).ok());
  Result<ListImportReport> report = env_.Import(ListKind::kStolen, zip);
  ASSERT_TRUE(report.ok()) << report.status().ToString();
  ASSERT_EQ(report->errors.size(), 1u);
  EXPECT_EQ(report->errors[0].file, zip + "!stolen.csv");
  EXPECT_EQ(report->errors[0].line, 2);
}

TEST_F(ImportFileTest, ErrorListIsBoundedAndTotalIsCounted) {
  env_.config().import.max_listed_errors = 7;
  std::vector<std::string> rows;
  for (std::uint32_t i = 0; i < 1000; ++i)
    rows.push_back(fmt::format("{},20240230,", testing::MakeImei("35467211", i)));
  std::string path =
      env_.WriteFile("stolen.csv", testing::CsvFile("imei,reporting_date,status", rows));
  Result<ListImportReport> report = env_.Import(ListKind::kStolen, path);
  ASSERT_TRUE(report.ok()) << report.status().ToString();
  EXPECT_FALSE(report->accepted);
  EXPECT_EQ(report->total_errors, 1000);
  ASSERT_EQ(report->errors.size(), 7u);
  for (std::size_t i = 0; i < report->errors.size(); ++i) {
    EXPECT_EQ(report->errors[i].line, static_cast<std::int64_t>(i) + 2);
    EXPECT_EQ(report->errors[i].rule, "bad_date");
  }
  EXPECT_EQ(report->counts.rows_read, 1000);
  EXPECT_THAT(report->summary, HasSubstr("1000 errors (first 7 listed)"));
  EXPECT_TRUE(env_.CurrentRows(ListKind::kStolen).empty());
}

TEST_F(ImportFileTest, SummaryCountsWhatWasAccepted) {
  std::string path = env_.WriteFile("stolen.csv", ReadTestdata("stolen.csv"));
  Result<ListImportReport> report = env_.Import(ListKind::kStolen, path);
  ASSERT_TRUE(report.ok()) << report.status().ToString();
  EXPECT_EQ(report->summary,
            fmt::format("stolen.csv: 3 rows read; 3 added, 0 removed, 0 changed, 0 unchanged "
                        "(job {}).",
                        report->job_id));
}

TEST_F(ImportFileTest, SummaryOfARejectionSaysNothingChanged) {
  std::string path = env_.WriteFile("stolen.csv", "imei,status\n");
  Result<ListImportReport> report = env_.Import(ListKind::kStolen, path);
  ASSERT_TRUE(report.ok()) << report.status().ToString();
  EXPECT_EQ(report->summary,
            fmt::format("stolen.csv rejected: 1 error; nothing changed (job {}).", report->job_id));
}

TEST_F(ImportFileTest, EmptyFileIsRejectedForItsMissingHeader) {
  std::string path = env_.WriteFile("stolen.csv", "");
  Result<ListImportReport> report = env_.Import(ListKind::kStolen, path);
  ASSERT_TRUE(report.ok()) << report.status().ToString();
  EXPECT_FALSE(report->accepted);
  ASSERT_EQ(report->errors.size(), 1u);
  EXPECT_EQ(report->errors[0].rule, "missing_header");
}

TEST_F(ImportFileTest, HeaderIsMatchedByNameInAnyOrderAndCase) {
  std::string path = env_.WriteFile(
      "stolen.csv", "Status,IMEI,Reporting_Date\r\nBlacklist,354672110000013,20240105\r\n");
  Result<ListImportReport> report = env_.Import(ListKind::kStolen, path);
  ASSERT_TRUE(report.ok()) << report.status().ToString();
  ASSERT_TRUE(report->accepted) << report->summary;
  EXPECT_THAT(env_.CurrentRows(ListKind::kStolen),
              ElementsAre(ListRow{"35467211000001", "20240105", "blacklist"}));
}

TEST_F(ImportFileTest, TruncatedGzipIsRejectedAndChangesNothing) {
  std::vector<std::string> rows;
  for (std::uint32_t i = 0; i < 2000; ++i)
    rows.push_back(fmt::format("{},20240105,", testing::MakeImei("35467211", i)));
  std::string path =
      env_.WriteFile("stolen.csv", testing::CsvFile("imei,reporting_date,status", rows));
  Result<std::string> gz = testing::GzipFile(path);
  ASSERT_TRUE(gz.ok());
  std::filesystem::resize_file(*gz, std::filesystem::file_size(*gz) / 2);
  Result<ListImportReport> report = env_.Import(ListKind::kStolen, *gz);
  ASSERT_TRUE(report.ok()) << report.status().ToString();
  EXPECT_FALSE(report->accepted);
  ASSERT_EQ(report->errors.size(), 1u);
  EXPECT_EQ(report->errors[0].rule, "bad_input_file");
  EXPECT_TRUE(env_.CurrentRows(ListKind::kStolen).empty());
}

TEST_F(ImportFileTest, GzNameOnPlainTextIsRejected) {
  std::string path = env_.WriteFile("stolen.csv.gz", ReadTestdata("stolen.csv"));
  Result<ListImportReport> report = env_.Import(ListKind::kStolen, path);
  ASSERT_TRUE(report.ok()) << report.status().ToString();
  EXPECT_FALSE(report->accepted);
  ASSERT_EQ(report->errors.size(), 1u);
  EXPECT_EQ(report->errors[0].rule, "bad_input_file");
}

}  // namespace
}  // namespace openceir::ingest
