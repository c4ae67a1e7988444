// `openceir` as a user runs it: exit codes, --help everywhere, config check, import, check
// --json and jobs, on real files in a temporary folder.
#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <nlohmann/json.hpp>

#include "openceir/identifiers/golden_hash.h"
#include "openceir/identifiers/imei.h"
#include "openceir/lookup/imei_lookup.h"
#include "tests/support/list_files.h"
#include "tests/support/run_process.h"

namespace openceir::testing {
namespace {

using Args = std::vector<std::string>;

class CliTest : public ::testing::Test {
 protected:
  // Runs openceir in the temporary folder (no etc/openceir.yaml there: built-in defaults).
  ProcessResult Run(const Args& args) { return RunOpenceir(args, dir_.path()); }
  ProcessResult RunOnStore(Args args) {
    args.insert(args.begin(), {"--store", store_});
    return RunOpenceir(args, dir_.path());
  }
  void InitStore() {
    ProcessResult init = RunOnStore({"db", "init"});
    ASSERT_EQ(init.exit_code, 0) << init.err;
  }

  TempDir dir_;
  std::string store_ = dir_.File("registry.db");
};

TEST_F(CliTest, VersionPrintsVersion) {
  ProcessResult result = Run({"version"});
  EXPECT_EQ(result.exit_code, 0);
  EXPECT_EQ(result.out.rfind("openceir ", 0), 0u) << result.out;
}

TEST_F(CliTest, HelpOnEveryCommandExitsZero) {
  const Args commands[] = {
      {},        {"db"},   {"db", "init"}, {"db", "migrate"},   {"db", "check"}, {"import"},
      {"check"}, {"jobs"}, {"config"},     {"config", "check"}, {"version"}};
  for (Args args : commands) {
    args.push_back("--help");
    ProcessResult result = Run(args);
    EXPECT_EQ(result.exit_code, 0) << ::testing::PrintToString(args) << result.err;
    EXPECT_NE(result.out.find("Usage"), std::string::npos) << ::testing::PrintToString(args);
  }
  EXPECT_NE(Run({"--help"}).out.find("Exit codes"), std::string::npos);
}

TEST_F(CliTest, UsageErrorsExitTwo) {
  const Args cases[] = {{},
                        {"no-such-command"},
                        {"db"},
                        {"import", "no-such-list", "file.csv"},
                        {"import", "stolen"},
                        {"check"},
                        {"jobs", "--limit", "many"},
                        {"version", "--no-such-flag"}};
  for (const Args& args : cases) {
    ProcessResult result = Run(args);
    EXPECT_EQ(result.exit_code, 2) << ::testing::PrintToString(args) << result.out << result.err;
  }
}

TEST_F(CliTest, ShippedConfigPasses) {
  ProcessResult result =
      Run({"--config", std::string(SourceDir()) + "/etc/openceir.yaml", "config", "check"});
  EXPECT_EQ(result.exit_code, 0) << result.out << result.err;
}

TEST_F(CliTest, BadConfigFailsNamingTheKeyPath) {
  std::string shipped = ReadFile(std::string(SourceDir()) + "/etc/openceir.yaml");
  ASSERT_FALSE(shipped.empty());
  // An unknown key in the store section.
  WriteFile(dir_.File("bad.yaml"), "store:\n  kind: sqlite\n  paht: x.db\n");
  ProcessResult result = Run({"--config", dir_.File("bad.yaml"), "config", "check"});
  EXPECT_EQ(result.exit_code, 1) << result.out << result.err;
  EXPECT_NE(result.err.find("store.paht"), std::string::npos) << result.err;
}

TEST_F(CliTest, MissingConfigNamedOnCommandLineExitsOne) {
  ProcessResult result = Run({"--config", dir_.File("none.yaml"), "config", "check"});
  EXPECT_EQ(result.exit_code, 1) << result.err;
  // Named once: the loader's message already starts with the file.
  std::size_t first = result.err.find("none.yaml");
  ASSERT_NE(first, std::string::npos) << result.err;
  EXPECT_EQ(result.err.find("none.yaml", first + 1), std::string::npos) << result.err;
}

TEST_F(CliTest, ConfigCheckShowsTheStoreEveryCommandUses) {
  std::filesystem::create_directories(dir_.File("etc"));
  WriteFile(dir_.File("etc/site.yaml"), ReadFile(std::string(SourceDir()) + "/etc/openceir.yaml"));
  // A relative --config: the store path still comes out absolute, beside the file.
  ProcessResult result = Run({"--config", "etc/site.yaml", "config", "check"});
  ASSERT_EQ(result.exit_code, 0) << result.out << result.err;
  EXPECT_NE(result.out.find("at " + dir_.File("etc/")), std::string::npos) << result.out;
  ProcessResult init = Run({"--config", "etc/site.yaml", "db", "init"});
  ASSERT_EQ(init.exit_code, 0) << init.err;
  EXPECT_NE(init.out.find(dir_.File("etc/")), std::string::npos) << init.out;

  ProcessResult overridden =
      Run({"--config", "etc/site.yaml", "--store", dir_.File("other.db"), "config", "check"});
  ASSERT_EQ(overridden.exit_code, 0) << overridden.err;
  EXPECT_NE(overridden.out.find("at " + dir_.File("other.db")), std::string::npos)
      << overridden.out;
}

TEST_F(CliTest, ProgressLineOnlyWhenStderrIsATerminal) {
  InitStore();
  WriteFile(dir_.File("first.csv"), StolenList(0, 3000));
  WriteFile(dir_.File("second.csv"), StolenList(0, 3500));
  ProcessResult piped = RunOnStore({"import", "stolen", dir_.File("first.csv")});
  ASSERT_EQ(piped.exit_code, 0) << piped.err;
  EXPECT_EQ(piped.err.find("rows/s"), std::string::npos) << piped.err;
  EXPECT_EQ(piped.err.find('\r'), std::string::npos) << piped.err;

  ProcessResult terminal = RunOpenceirWithTerminalStderr(
      {"--store", store_, "import", "stolen", dir_.File("second.csv")}, dir_.path());
  ASSERT_EQ(terminal.exit_code, 0) << terminal.err;
  EXPECT_NE(terminal.err.find("rows/s"), std::string::npos) << terminal.err;
  EXPECT_NE(terminal.err.find("second.csv"), std::string::npos) << terminal.err;
  // The line is erased at the end, so the summary (on stdout) stands alone.
  EXPECT_NE(terminal.err.rfind("\r\033[K"), std::string::npos);
  EXPECT_NE(terminal.out.find("added"), std::string::npos) << terminal.out;
}

TEST_F(CliTest, CommandsOnUninitialisedStoreSayDbInit) {
  ProcessResult result = RunOnStore({"check", "35123456789012"});
  EXPECT_EQ(result.exit_code, 1);
  EXPECT_NE(result.err.find("db init"), std::string::npos) << result.err;
}

TEST_F(CliTest, GoodImportExitsZeroAndRejectedImportExitsOne) {
  InitStore();
  WriteFile(dir_.File("stolen.csv"), StolenList(0, 100));
  ProcessResult good = RunOnStore({"import", "stolen", dir_.File("stolen.csv")});
  EXPECT_EQ(good.exit_code, 0) << good.out << good.err;
  EXPECT_FALSE(good.out.empty());
  EXPECT_EQ(good.out.find("job"), good.out.rfind("job")) << "the job named twice: " << good.out;

  WriteFile(dir_.File("bad.csv"), "serial,reporting_date,status\n1,20260101,\n");
  ProcessResult bad = RunOnStore({"import", "stolen", dir_.File("bad.csv")});
  EXPECT_EQ(bad.exit_code, 1) << bad.out << bad.err;
  EXPECT_NE(bad.err.find("bad.csv"), std::string::npos) << bad.err;

  ProcessResult check = RunOnStore({"db", "check"});
  EXPECT_EQ(check.exit_code, 0) << check.out << check.err;
}

TEST_F(CliTest, RejectedImportListsErrorsAndCountsTheRest) {
  InitStore();
  std::string file = "imei,reporting_date,status\n";
  for (int i = 0; i < 50; ++i) file += TestImei(i) + ",not-a-date,\n";
  WriteFile(dir_.File("dates.csv"), file);
  ProcessResult result = RunOnStore({"import", "stolen", dir_.File("dates.csv")});
  EXPECT_EQ(result.exit_code, 1);
  EXPECT_NE(result.err.find("dates.csv:2:"), std::string::npos) << result.err;
  EXPECT_NE(result.err.find("... and "), std::string::npos) << result.err;
}

TEST_F(CliTest, CheckJsonReportsWhatTheRegistryKnows) {
  InitStore();
  WriteFile(dir_.File("stolen.csv"), StolenList(0, 10));
  ASSERT_EQ(RunOnStore({"import", "stolen", dir_.File("stolen.csv")}).exit_code, 0);
  std::string stolen_imei = TestImei(3);
  std::string other_imei = TestImei(500);
  ProcessResult result = RunOnStore({"check", "--json", stolen_imei, other_imei});
  ASSERT_EQ(result.exit_code, 0) << result.err;
  nlohmann::json json = nlohmann::json::parse(result.out, nullptr, /*allow_exceptions=*/false);
  ASSERT_TRUE(json.is_array()) << result.out;
  ASSERT_EQ(json.size(), 2u);
  for (const char* field : {"input", "imei_norm", "valid", "validation", "tac", "test_tac", "model",
                            "registered", "registration", "stolen", "paired", "pairings", "golden",
                            "barred", "barred_tac", "monitored", "association_uids"}) {
    EXPECT_TRUE(json[0].contains(field)) << field;
  }
  EXPECT_EQ(json[0]["imei_norm"], stolen_imei);
  EXPECT_EQ(json[0]["validation"], "ok");
  EXPECT_TRUE(json[0]["stolen"].is_object());
  EXPECT_EQ(json[0]["stolen"]["confirmed"], true);
  EXPECT_TRUE(json[1]["stolen"].is_null());

  // The 15th digit is not the Luhn digit: invalid as typed.
  std::string wrong_digit = std::to_string((identifiers::LuhnCheckDigit(stolen_imei) + 1) % 10);
  ProcessResult invalid = RunOnStore({"check", "--json", stolen_imei + wrong_digit});
  EXPECT_EQ(invalid.exit_code, 1);
  nlohmann::json bad = nlohmann::json::parse(invalid.out, nullptr, false);
  ASSERT_TRUE(bad.is_array()) << invalid.out;
  EXPECT_EQ(bad[0]["valid"], false);
  EXPECT_EQ(bad[0]["validation"], "bad_check_digit");
  EXPECT_EQ(bad[0]["imei_norm"], stolen_imei);
  EXPECT_TRUE(bad[0]["stolen"].is_object());  // looked up by imei_norm all the same
}

TEST_F(CliTest, JobsListsTheImports) {
  InitStore();
  WriteFile(dir_.File("stolen.csv"), StolenList(0, 10));
  WriteFile(dir_.File("bad.csv"), "serial\n1\n");
  ASSERT_EQ(RunOnStore({"import", "stolen", dir_.File("stolen.csv")}).exit_code, 0);
  ASSERT_EQ(RunOnStore({"import", "stolen", dir_.File("bad.csv")}).exit_code, 1);

  ProcessResult text = RunOnStore({"jobs"});
  EXPECT_EQ(text.exit_code, 0) << text.err;
  EXPECT_NE(text.out.find("import stolen"), std::string::npos) << text.out;
  // A header and one line per job, even for the rejected one whose error has several lines.
  EXPECT_EQ(std::count(text.out.begin(), text.out.end(), '\n'), 3) << text.out;

  ProcessResult result = RunOnStore({"jobs", "--json"});
  ASSERT_EQ(result.exit_code, 0) << result.err;
  nlohmann::json jobs = nlohmann::json::parse(result.out, nullptr, false);
  ASSERT_TRUE(jobs.is_array()) << result.out;
  std::vector<std::string> outcomes;
  for (const auto& job : jobs) {
    if (job["command"] == "import stolen") outcomes.push_back(job["outcome"]);
  }
  // Newest first.
  EXPECT_EQ(outcomes, (std::vector<std::string>{"rejected", "succeeded"})) << result.out;
  ProcessResult limited = RunOnStore({"jobs", "--json", "--limit", "1"});
  EXPECT_EQ(nlohmann::json::parse(limited.out, nullptr, false).size(), 1u);
}

TEST_F(CliTest, GoldenPlainAndPrehashedAreSeenByCheck) {
  InitStore();
  std::string plain_imei = TestImei(1);
  std::string hashed_imei = TestImei(2);
  WriteFile(dir_.File("golden.csv"), "golden_imei\n" + plain_imei + "\n");
  ProcessResult plain = RunOnStore({"import", "golden", dir_.File("golden.csv")});
  ASSERT_EQ(plain.exit_code, 0) << plain.out << plain.err;
  // The pre-hashed full file lists the plain IMEI's hash too: both files land in one key
  // space (MD5 of imei_norm), so that row is unchanged and only the new one is added.
  WriteFile(dir_.File("golden_hashed.csv"), "golden_imei\n" +
                                                identifiers::GoldenHashOf(plain_imei) + "\n" +
                                                identifiers::GoldenHashOf(hashed_imei) + "\n");
  ProcessResult hashed =
      RunOnStore({"import", "golden", dir_.File("golden_hashed.csv"), "--prehashed", "--json"});
  ASSERT_EQ(hashed.exit_code, 0) << hashed.out << hashed.err;
  nlohmann::json hashed_report = nlohmann::json::parse(hashed.out, nullptr, false);
  ASSERT_TRUE(hashed_report.is_object()) << hashed.out;
  EXPECT_EQ(hashed_report["counts"]["added"], 1);
  EXPECT_EQ(hashed_report["counts"]["unchanged"], 1);
  EXPECT_EQ(hashed_report["counts"]["removed"], 0);
  EXPECT_EQ(RunOnStore({"import", "stolen", dir_.File("golden.csv"), "--prehashed"}).exit_code, 1);

  ProcessResult check = RunOnStore({"check", "--json", plain_imei, hashed_imei, TestImei(3)});
  ASSERT_EQ(check.exit_code, 0) << check.err;
  nlohmann::json json = nlohmann::json::parse(check.out, nullptr, false);
  ASSERT_TRUE(json.is_array()) << check.out;
  EXPECT_EQ(json[0]["golden"], true);
  EXPECT_EQ(json[1]["golden"], true);
  EXPECT_EQ(json[2]["golden"], false);
}

TEST_F(CliTest, DeltaImportAppliesAndRejectsAddOfExistingKey) {
  InitStore();
  WriteFile(dir_.File("stolen.csv"), StolenList(0, 20));
  ASSERT_EQ(RunOnStore({"import", "stolen", dir_.File("stolen.csv")}).exit_code, 0);
  WriteFile(dir_.File("delta.csv"), "imei,reporting_date,status,change_type\n" + TestImei(100) +
                                        ",20260105,,add\n" + TestImei(0) + ",,,remove\n");
  ProcessResult delta =
      RunOnStore({"import", "stolen", dir_.File("delta.csv"), "--delta", "--json"});
  ASSERT_EQ(delta.exit_code, 0) << delta.out << delta.err;
  nlohmann::json report = nlohmann::json::parse(delta.out, nullptr, false);
  ASSERT_TRUE(report.is_object()) << delta.out;
  EXPECT_EQ(report["accepted"], true);
  EXPECT_EQ(report["counts"]["added"], 1);
  EXPECT_EQ(report["counts"]["removed"], 1);

  WriteFile(dir_.File("again.csv"),
            "imei,reporting_date,status,change_type\n" + TestImei(5) + ",20260105,,add\n");
  ProcessResult again = RunOnStore({"import", "stolen", dir_.File("again.csv"), "--delta"});
  EXPECT_EQ(again.exit_code, 1) << again.out << again.err;
  EXPECT_NE(again.err.find("again.csv:2"), std::string::npos) << again.err;
}

}  // namespace
}  // namespace openceir::testing
