// The whole-file rules of ImportList: full-mode replacement, duplicate rows, the delta rules,
// the size-drop guard and re-import detection, each checked on a real SQLite store, with the
// list proved unchanged after every rejection.
#include <fmt/format.h>
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <algorithm>
#include <string>
#include <vector>

#include "openceir/ingest/import_test_util.h"
#include "openceir/ingest/list_import.h"

namespace openceir::ingest {
namespace {

using store::ListKind;
using store::ListRow;
using testing::CsvFile;
using ::testing::ElementsAre;
using ::testing::HasSubstr;
using testing::ImportTestEnv;
using testing::MakeImei;

constexpr char kStolenHeader[] = "imei,reporting_date,status";
constexpr char kStolenDeltaHeader[] = "imei,reporting_date,status,change_type";

// 15-digit IMEI number i and its imei_norm.
std::string Imei(int i) { return MakeImei("35467211", static_cast<std::uint32_t>(i)); }
std::string Norm(int i) { return Imei(i).substr(0, 14); }

class ImportRulesTest : public ::testing::Test {
 protected:
  void SetUp() override { ASSERT_TRUE(env_.ok()) << env_.status().ToString(); }

  // Writes `rows` under `header` to a new file and imports it as the stolen list.
  ListImportReport ImportStolen(const std::vector<std::string>& rows, bool delta = false,
                                const char* header = nullptr, bool allow_reimport = false) {
    std::string path =
        env_.WriteFile(fmt::format("stolen_{}.csv", ++files_), CsvFile(header != nullptr ? header
                                                                       : delta ? kStolenDeltaHeader
                                                                               : kStolenHeader,
                                                                       rows));
    return ImportPath(ListKind::kStolen, path, delta, allow_reimport);
  }

  ListImportReport ImportPath(ListKind kind, const std::string& path, bool delta = false,
                              bool allow_reimport = false) {
    ListImportOptions options;
    options.delta = delta;
    options.allow_reimport = allow_reimport;
    Result<ListImportReport> report = env_.Import(kind, path, options);
    EXPECT_TRUE(report.ok()) << report.status().ToString();
    return report.ok() ? std::move(*report) : ListImportReport{};
  }

  // `count` stolen rows numbered from 0, all reported on 20240101.
  std::vector<std::string> StolenRows(int count) {
    std::vector<std::string> rows;
    for (int i = 0; i < count; ++i) rows.push_back(Imei(i) + ",20240101,blacklist");
    return rows;
  }

  std::vector<std::string> Rules(const ListImportReport& report) {
    std::vector<std::string> rules;
    for (const InputError& error : report.errors) rules.push_back(error.rule);
    return rules;
  }

  ImportTestEnv env_;
  int files_ = 0;
};

TEST_F(ImportRulesTest, FullModeReplacesTheListAndCountsEachKindOfChange) {
  ASSERT_TRUE(ImportStolen({Imei(1) + ",20240101,blacklist", Imei(2) + ",20240102,pending",
                            Imei(3) + ",20240103,blacklist"})
                  .accepted);
  ListImportReport report = ImportStolen(
      {Imei(1) + ",20240101,blacklist", Imei(2) + ",20240102,blacklist", Imei(4) + ",20240104,"});
  ASSERT_TRUE(report.accepted) << report.summary;
  EXPECT_EQ(report.counts.rows_read, 3);
  EXPECT_EQ(report.counts.added, 1);
  EXPECT_EQ(report.counts.removed, 1);
  EXPECT_EQ(report.counts.changed, 1);
  EXPECT_EQ(report.counts.unchanged, 1);
  EXPECT_THAT(
      env_.CurrentRows(ListKind::kStolen),
      ElementsAre(ListRow{Norm(1), "20240101", "blacklist"},
                  ListRow{Norm(2), "20240102", "blacklist"}, ListRow{Norm(4), "20240104", ""}));
}

TEST_F(ImportRulesTest, IdenticalRowsAfterNormalisationAreCollapsed) {
  // 15 digits, 14 digits and a 16-digit IMEISV of one device: one imei_norm.
  ListImportReport report =
      ImportStolen({Imei(1) + ",20240101,blacklist", Norm(1) + ",20240101,BLACKLIST",
                    Norm(1) + "07, 20240101 ,blacklist"});
  ASSERT_TRUE(report.accepted) << report.summary;
  EXPECT_EQ(report.counts.rows_read, 3);
  EXPECT_EQ(report.counts.added, 1);
  EXPECT_THAT(report.summary, HasSubstr("2 identical duplicate rows collapsed"));
  EXPECT_THAT(env_.CurrentRows(ListKind::kStolen),
              ElementsAre(ListRow{Norm(1), "20240101", "blacklist"}));
}

TEST_F(ImportRulesTest, ConflictingDuplicatesAreRejectedNamingBothLines) {
  ASSERT_TRUE(ImportStolen({Imei(7) + ",20240101,blacklist"}).accepted);
  ListImportReport report = ImportStolen(
      {Imei(1) + ",20240101,blacklist", Imei(2) + ",20240101,", Norm(1) + ",20240105,blacklist"});
  EXPECT_FALSE(report.accepted);
  ASSERT_EQ(report.errors.size(), 1u);
  EXPECT_EQ(report.errors[0].rule, "duplicate_key_conflict");
  EXPECT_EQ(report.errors[0].line, 4);
  EXPECT_THAT(report.errors[0].message, HasSubstr("lines 2 and 4"));
  EXPECT_THAT(report.errors[0].message, HasSubstr(Norm(1)));
  EXPECT_THAT(env_.CurrentRows(ListKind::kStolen),
              ElementsAre(ListRow{Norm(7), "20240101", "blacklist"}));
}

TEST_F(ImportRulesTest, DeltaAddsRemovesAndUpdates) {
  ASSERT_TRUE(ImportStolen({Imei(1) + ",20240101,pending", Imei(2) + ",20240102,blacklist",
                            Imei(3) + ",20240103,blacklist"})
                  .accepted);
  ListImportReport report =
      ImportStolen({Imei(4) + ",20240104,blacklist,add", Imei(2) + ",,,remove",
                    Imei(1) + ",20240101,blacklist,UPDATE"},
                   /*delta=*/true);
  ASSERT_TRUE(report.accepted) << report.summary;
  EXPECT_EQ(report.counts.added, 1);
  EXPECT_EQ(report.counts.removed, 1);
  EXPECT_EQ(report.counts.changed, 1);
  EXPECT_EQ(report.counts.unchanged, 1);
  EXPECT_THAT(env_.CurrentRows(ListKind::kStolen),
              ElementsAre(ListRow{Norm(1), "20240101", "blacklist"},
                          ListRow{Norm(3), "20240103", "blacklist"},
                          ListRow{Norm(4), "20240104", "blacklist"}));
}

// One delta row each, against a list holding Imei(1); every one is refused, naming its line.
struct DeltaErrorCase {
  const char* test_name;
  std::string row;
  const char* rule;
};

void PrintTo(const DeltaErrorCase& c, std::ostream* os) { *os << c.test_name; }

class DeltaErrorTest : public ImportRulesTest,
                       public ::testing::WithParamInterface<DeltaErrorCase> {};

TEST_P(DeltaErrorTest, IsRejectedAndChangesNothing) {
  ASSERT_TRUE(ImportStolen({Imei(1) + ",20240101,blacklist"}).accepted);
  std::vector<ListRow> before = env_.CurrentRows(ListKind::kStolen);
  ListImportReport report =
      ImportStolen({Imei(5) + ",20240105,,add", GetParam().row}, /*delta=*/true);
  EXPECT_FALSE(report.accepted);
  EXPECT_THAT(Rules(report), ElementsAre(GetParam().rule));
  ASSERT_FALSE(report.errors.empty());
  EXPECT_EQ(report.errors[0].line, 3);
  EXPECT_EQ(env_.CurrentRows(ListKind::kStolen), before);
  Result<store::JobRecord> job = env_.store().GetJob(report.job_id);
  ASSERT_TRUE(job.ok());
  EXPECT_EQ(job->outcome, store::JobOutcome::kRejected);
}

INSTANTIATE_TEST_SUITE_P(
    EveryDeltaRule, DeltaErrorTest,
    ::testing::Values(
        DeltaErrorCase{"AddOfExistingKey", Imei(1) + ",20240101,,add", "delta_add_existing"},
        DeltaErrorCase{"RemoveOfMissingKey", Imei(9) + ",,,remove", "delta_remove_missing"},
        DeltaErrorCase{"UpdateOfMissingKey", Imei(9) + ",20240101,,update", "delta_update_missing"},
        DeltaErrorCase{"UnknownChangeType", Imei(1) + ",,,delete", "bad_change_type"},
        DeltaErrorCase{"EmptyChangeType", Imei(1) + ",,,", "missing_value"}),
    [](const ::testing::TestParamInfo<DeltaErrorCase>& param_info) {
      return std::string(param_info.param.test_name);
    });

TEST_F(ImportRulesTest, KeyChangedTwiceInOneDeltaIsRejectedNamingBothLines) {
  ASSERT_TRUE(ImportStolen({Imei(1) + ",20240101,blacklist"}).accepted);
  ListImportReport report = ImportStolen(
      {Imei(1) + ",,,remove", Imei(2) + ",20240102,,add", Norm(1) + "00,20240103,,update"},
      /*delta=*/true);
  EXPECT_FALSE(report.accepted);
  EXPECT_THAT(Rules(report), ElementsAre("delta_repeated_key"));
  ASSERT_EQ(report.errors.size(), 1u);
  EXPECT_THAT(report.errors[0].message, HasSubstr("lines 2 and 4"));
  EXPECT_THAT(env_.CurrentRows(ListKind::kStolen),
              ElementsAre(ListRow{Norm(1), "20240101", "blacklist"}));
}

TEST_F(ImportRulesTest, UpdateIsRefusedOnListsWithoutUpdates) {
  std::string path = env_.WriteFile(
      "barred.csv", CsvFile("imei,change_type", {Imei(1) + ",add", Imei(2) + ",update"}));
  ListImportReport report = ImportPath(ListKind::kBarred, path, /*delta=*/true);
  EXPECT_FALSE(report.accepted);
  EXPECT_THAT(Rules(report), ElementsAre("bad_change_type"));
  EXPECT_TRUE(env_.CurrentRows(ListKind::kBarred).empty());
}

TEST_F(ImportRulesTest, DeltaNeedsChangeTypeAndFullModeRefusesIt) {
  ListImportReport delta = ImportStolen({Imei(1) + ",20240101,"}, /*delta=*/true, kStolenHeader);
  EXPECT_FALSE(delta.accepted);
  EXPECT_THAT(Rules(delta), ElementsAre("missing_column"));
  ListImportReport full =
      ImportStolen({Imei(1) + ",20240101,,add"}, /*delta=*/false, kStolenDeltaHeader);
  EXPECT_FALSE(full.accepted);
  EXPECT_THAT(Rules(full), ElementsAre("unexpected_column"));
  EXPECT_TRUE(env_.CurrentRows(ListKind::kStolen).empty());
}

TEST_F(ImportRulesTest, SizeDropGuardAbsoluteRejectsJustAboveAndAcceptsAtTheThreshold) {
  env_.config().list_thresholds["stolen"] = config::ListImportThresholds{10, -1};
  ASSERT_TRUE(ImportStolen(StolenRows(100)).accepted);
  std::vector<ListRow> before = env_.CurrentRows(ListKind::kStolen);

  ListImportReport above = ImportStolen(StolenRows(89));  // removes 11
  EXPECT_FALSE(above.accepted);
  EXPECT_THAT(Rules(above), ElementsAre("size_drop_guard"));
  EXPECT_THAT(above.errors[0].message, HasSubstr("remove 11 of the 100 rows"));
  EXPECT_EQ(env_.CurrentRows(ListKind::kStolen), before);

  ListImportReport at = ImportStolen(StolenRows(90));  // removes 10
  ASSERT_TRUE(at.accepted) << at.summary;
  EXPECT_EQ(at.counts.removed, 10);
  EXPECT_EQ(env_.CurrentRows(ListKind::kStolen).size(), 90u);
}

TEST_F(ImportRulesTest, SizeDropGuardRatioRejectsJustAboveAndAcceptsAtTheThreshold) {
  env_.config().list_thresholds["stolen"] = config::ListImportThresholds{-1, 0.25};
  ASSERT_TRUE(ImportStolen(StolenRows(100)).accepted);
  std::vector<ListRow> before = env_.CurrentRows(ListKind::kStolen);

  ListImportReport above = ImportStolen(StolenRows(74));  // removes 26%
  EXPECT_FALSE(above.accepted);
  EXPECT_THAT(Rules(above), ElementsAre("size_drop_guard"));
  EXPECT_THAT(above.errors[0].message, HasSubstr("(26.00%)"));
  EXPECT_EQ(env_.CurrentRows(ListKind::kStolen), before);

  ListImportReport at = ImportStolen(StolenRows(75));  // removes 25%
  ASSERT_TRUE(at.accepted) << at.summary;
  EXPECT_EQ(env_.CurrentRows(ListKind::kStolen).size(), 75u);
}

TEST_F(ImportRulesTest, SizeDropGuardDoesNotApplyToDeltas) {
  env_.config().list_thresholds["stolen"] = config::ListImportThresholds{0, 0.0};
  ASSERT_TRUE(ImportStolen(StolenRows(4)).accepted);
  ListImportReport report =
      ImportStolen({Imei(0) + ",,,remove", Imei(1) + ",,,remove"}, /*delta=*/true);
  ASSERT_TRUE(report.accepted) << report.summary;
  EXPECT_EQ(report.counts.removed, 2);
}

TEST_F(ImportRulesTest, SameFileTwiceIsRefusedAndChangesNothing) {
  std::string first = env_.WriteFile("a.csv", CsvFile(kStolenHeader, StolenRows(3)));
  std::string second = env_.WriteFile("b.csv", CsvFile(kStolenHeader, StolenRows(5)));
  ListImportReport a = ImportPath(ListKind::kStolen, first);
  ASSERT_TRUE(a.accepted) << a.summary;
  ASSERT_TRUE(ImportPath(ListKind::kStolen, second).accepted);
  std::vector<ListRow> before = env_.CurrentRows(ListKind::kStolen);

  ListImportReport again = ImportPath(ListKind::kStolen, first);
  EXPECT_FALSE(again.accepted);
  EXPECT_THAT(Rules(again), ElementsAre("already_imported"));
  EXPECT_THAT(again.errors[0].message, HasSubstr(fmt::format("job {}", a.job_id)));
  EXPECT_EQ(env_.CurrentRows(ListKind::kStolen), before);
  Result<store::JobRecord> job = env_.store().GetJob(again.job_id);
  ASSERT_TRUE(job.ok());
  EXPECT_EQ(job->outcome, store::JobOutcome::kRejected);
  EXPECT_THAT(job->error, HasSubstr("already_imported"));

  ListImportReport forced = ImportPath(ListKind::kStolen, first, false, /*allow_reimport=*/true);
  ASSERT_TRUE(forced.accepted) << forced.summary;
  EXPECT_EQ(forced.counts.removed, 2);
  EXPECT_EQ(env_.CurrentRows(ListKind::kStolen).size(), 3u);
}

TEST_F(ImportRulesTest, SameFileAsAnotherListIsNotAReimport) {
  std::string path = env_.WriteFile("imeis.csv", CsvFile("imei", {Imei(1), Imei(2)}));
  ASSERT_TRUE(ImportPath(ListKind::kBarred, path).accepted);
  ASSERT_TRUE(ImportPath(ListKind::kMonitoring, path).accepted);
}

TEST_F(ImportRulesTest, RejectedFileIsNotRememberedAsImported) {
  std::string path = env_.WriteFile("bad.csv", CsvFile(kStolenHeader, {"nope,20240101,"}));
  EXPECT_FALSE(ImportPath(ListKind::kStolen, path).accepted);
  ListImportReport again = ImportPath(ListKind::kStolen, path);
  EXPECT_FALSE(again.accepted);
  EXPECT_THAT(Rules(again), ElementsAre("bad_imei"));
}

TEST_F(ImportRulesTest, RejectedFileLeavesTheJobRecordedAsRejected) {
  ListImportReport report = ImportStolen({"123456789012345678,20240101,"});
  EXPECT_FALSE(report.accepted);
  Result<store::JobRecord> job = env_.store().GetJob(report.job_id);
  ASSERT_TRUE(job.ok()) << job.status().ToString();
  EXPECT_EQ(job->outcome, store::JobOutcome::kRejected);
  EXPECT_EQ(job->start.command, "import stolen");
  EXPECT_EQ(job->counts.rows_read, 1);
  EXPECT_THAT(job->error, HasSubstr(":2:1 (imei): bad_imei"));
  EXPECT_THAT(job->error, HasSubstr("nothing changed"));
}

TEST_F(ImportRulesTest, RejectedJobRecordsTheListedErrorsAndHowManyMore) {
  env_.config().import.max_listed_errors = 2;
  ListImportReport report = ImportStolen(
      {"x!,20240101,", "y!,20240101,", "z!,20240101,", "w!,20240101,", Imei(1) + ",20240101,"});
  EXPECT_FALSE(report.accepted);
  EXPECT_EQ(report.total_errors, 4);
  EXPECT_EQ(report.errors.size(), 2u);
  EXPECT_THAT(report.summary, HasSubstr("4 errors (first 2 listed)"));
  Result<store::JobRecord> job = env_.store().GetJob(report.job_id);
  ASSERT_TRUE(job.ok()) << job.status().ToString();
  EXPECT_THAT(job->error, HasSubstr(":3:1 (imei): bad_imei"));
  EXPECT_THAT(job->error, ::testing::EndsWith("\n... and 2 more"));
}

TEST_F(ImportRulesTest, MultiColumnKeysDiffOnEveryKeyColumn) {
  std::string a = env_.WriteFile(
      "pairing_a.csv", CsvFile("imei,imsi,msisdn", {Imei(1) + ",410010000000001,923000000001",
                                                    Imei(1) + ",410010000000002,923000000002"}));
  ASSERT_TRUE(ImportPath(ListKind::kPairing, a).accepted);
  std::string b = env_.WriteFile(
      "pairing_b.csv", CsvFile("imei,imsi,msisdn", {Imei(1) + ",410010000000001,923000000001",
                                                    Imei(1) + ",410010000000002,923000000009"}));
  ListImportReport report = ImportPath(ListKind::kPairing, b);
  ASSERT_TRUE(report.accepted) << report.summary;
  EXPECT_EQ(report.counts.added, 1);
  EXPECT_EQ(report.counts.removed, 1);
  EXPECT_EQ(report.counts.unchanged, 1);
}

TEST_F(ImportRulesTest, DeltaOnMultiColumnKeysRemovesOnlyTheNamedPair) {
  std::string a = env_.WriteFile(
      "pairing_a.csv", CsvFile("imei,imsi,msisdn", {Imei(1) + ",410010000000001,923000000001",
                                                    Imei(1) + ",410010000000002,923000000002"}));
  ASSERT_TRUE(ImportPath(ListKind::kPairing, a).accepted);
  std::string delta = env_.WriteFile(
      "pairing_delta.csv",
      CsvFile("imei,imsi,msisdn,change_type", {Imei(1) + ",410010000000002,923000000002,remove",
                                               Imei(2) + ",410010000000002,923000000002,add"}));
  ListImportReport report = ImportPath(ListKind::kPairing, delta, /*delta=*/true);
  ASSERT_TRUE(report.accepted) << report.summary;
  EXPECT_THAT(env_.CurrentRows(ListKind::kPairing),
              ElementsAre(ListRow{Norm(1), "410010000000001", "923000000001"},
                          ListRow{Norm(2), "410010000000002", "923000000002"}));
}

TEST_F(ImportRulesTest, ProgressReportsEveryRowRead) {
  std::string path = env_.WriteFile("stolen.csv", CsvFile(kStolenHeader, StolenRows(70000)));
  std::vector<std::int64_t> seen;
  ListImportOptions options;
  options.progress = [&seen](std::int64_t rows_read) { seen.push_back(rows_read); };
  Result<ListImportReport> report = env_.Import(ListKind::kStolen, path, options);
  ASSERT_TRUE(report.ok()) << report.status().ToString();
  EXPECT_TRUE(report->accepted);
  EXPECT_THAT(seen, ElementsAre(65536, 70000));
}

// The merge with the store's key-ordered scan needs the file sorted exactly as the store sorts:
// keys of every length, sharing long prefixes, in two orders, must diff as all unchanged.
TEST_F(ImportRulesTest, ReorderedFileWithAwkwardKeysChangesNothing) {
  std::vector<std::string> rows = {"CITIZEN-00000000001,410010000000001",
                                   "CITIZEN-0000000000,410010000000001",
                                   "CITIZEN-00000000001,41001000000000",
                                   "CITIZEN-0000000000,41001000000001",
                                   "CITIZEN-000000000,410010000000001",
                                   "C,410010000000001",
                                   "CITIZEN-0000000000Z,1",
                                   "CITIZEN-0000000000A,1",
                                   "CITIZEN-0000000000a,1",
                                   "CITIZEN-0000000000-,1"};
  std::string a = env_.WriteFile("subscribers_a.csv", CsvFile("uid,imsi", rows));
  ListImportReport first = ImportPath(ListKind::kSubscribers, a);
  ASSERT_TRUE(first.accepted) << first.summary;
  ASSERT_EQ(first.counts.added, 10);
  std::reverse(rows.begin(), rows.end());
  std::swap(rows[2], rows[7]);
  std::string b = env_.WriteFile("subscribers_b.csv", CsvFile("uid,imsi", rows));
  ListImportReport second = ImportPath(ListKind::kSubscribers, b);
  ASSERT_TRUE(second.accepted) << second.summary;
  EXPECT_EQ(second.counts.unchanged, 10);
  EXPECT_EQ(second.counts.added + second.counts.removed + second.counts.changed, 0);

  std::vector<std::string> imeis = {"A",   "AB", "ABCDEF0123456789", "ABCDEF012345678",
                                    "1",   "12", "12345678901234",   "1234567890123#",
                                    "*123"};
  for (std::string& imei : imeis) imei += ",20240101,";
  std::string c = env_.WriteFile("stolen_a.csv", CsvFile(kStolenHeader, imeis));
  ASSERT_TRUE(ImportPath(ListKind::kStolen, c).accepted);
  std::reverse(imeis.begin(), imeis.end());
  std::string d = env_.WriteFile("stolen_b.csv", CsvFile(kStolenHeader, imeis));
  ListImportReport again = ImportPath(ListKind::kStolen, d);
  ASSERT_TRUE(again.accepted) << again.summary;
  EXPECT_EQ(again.counts.unchanged, 9);
}

}  // namespace
}  // namespace openceir::ingest
