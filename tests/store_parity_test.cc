// Issue 6: the same scenarios on SQLite and on PostgreSQL give the same lists and reports, byte
// for byte; a store moves between the two with `db export|import` without loss; and a
// PostgreSQL connection lost in the middle of an import fails the import cleanly, leaving
// nothing of it.
//
// The PostgreSQL server is a private cluster this program starts (tests/support/pg_cluster.h)
// and stops at exit; each store is a fresh database in it, named to `openceir` by a
// postgresql:// URI given as --store, as an operator would.
#include <gtest/gtest.h>
#include <signal.h>
#include <sys/wait.h>

#include <filesystem>
#include <nlohmann/json.hpp>

#include "openceir/store/postgresql/pg_connection.h"
#include "openceir/store/postgresql/pg_dsn.h"
#include "openceir/store/postgresql/pg_test_util.h"
#include "tests/support/country_cli.h"
#include "tests/support/run_process.h"
#include "tests/support/tree_compare.h"

namespace openceir::testing {
namespace {

using Args = std::vector<std::string>;
namespace pg = store::postgresql;

constexpr const char* kPeriod = "20261101_20261106";

// A new PostgreSQL database of the shared private cluster, as a --store URI.
std::string FreshPgStore() {
  auto dsn = pg::testing::FreshDatabase();
  EXPECT_TRUE(dsn.ok()) << dsn.status().ToString();
  if (!dsn.ok()) return "";
  auto uri = store::DescribePgDsn(*dsn);
  EXPECT_TRUE(uri.ok()) << uri.status().ToString();
  return uri.ok() ? *uri : "";
}

std::string DatabaseOf(const std::string& uri) { return uri.substr(uri.rfind('/') + 1); }

// Ends every session on `database` but the caller's, as a server restart or a network cut
// would, waiting (up to 10 s each) until they are gone; returns how many it ended.
int TerminateSessions(const std::string& database) {
  auto admin_dsn = pg::testing::AdminDsn();
  EXPECT_TRUE(admin_dsn.ok()) << admin_dsn.status().ToString();
  if (!admin_dsn.ok()) return 0;
  auto admin = pg::PgConnection::Open(*admin_dsn);
  EXPECT_TRUE(admin.ok()) << admin.status().ToString();
  if (!admin.ok()) return 0;
  EXPECT_TRUE((*admin)
                  ->Prepare("terminate",
                            "SELECT count(pg_terminate_backend(pid, 10000)) FROM pg_stat_activity "
                            "WHERE datname = $1 AND pid <> pg_backend_pid()")
                  .ok());
  auto ended = (*admin)->Execute("terminate", pg::PgParams().Text(database));
  EXPECT_TRUE(ended.ok()) << ended.status().ToString();
  return ended.ok() ? std::stoi(std::string(ended->Text(0, 0))) : 0;
}

bool WaitUntilStopped(pid_t pid) {
  int status = 0;
  while (::waitpid(pid, &status, WUNTRACED) < 0) {
    if (errno != EINTR) return false;
  }
  return WIFSTOPPED(status);
}

class StoreParityTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    sim_dir_ = new TempDir();
    ProcessResult simulated = RunOpenceir(
        {"--config", std::string(SourceDir()) + "/etc/openceir.yaml", "simulate", "--out", Sim(),
         "--subscribers", "3000", "--days", "6", "--start", "20261101", "--seed", "11"},
        sim_dir_->path());
    ASSERT_EQ(simulated.exit_code, 0) << simulated.out << simulated.err;
  }
  static void TearDownTestSuite() {
    delete sim_dir_;
    sim_dir_ = nullptr;
  }
  static std::string Sim() { return sim_dir_->File("sim"); }

  CountryCli Cli(const std::string& store) const { return CountryCli(config_, store, dir_.path()); }

  // Imports the simulated country into `cli`'s new store. With `parallel`, the three
  // operators' data files are imported by three processes at once (as one import worker per
  // operator would), then their events.
  void ImportCountry(const CountryCli& cli, bool parallel = false) const {
    ASSERT_TRUE(cli.MustPass({"db", "init"}));
    cli.ImportReferenceLists(Sim());
    ASSERT_TRUE(cli.MustPass({"import", "stolen", Sim() + "/stolen_delta.csv", "--delta"}));
    if (!parallel) {
      cli.ImportOperatorData(Sim(), kPeriod, /*with_events=*/true);
      return;
    }
    ASSERT_TRUE(cli.MustPass({"import", "cells", Sim() + "/cells.csv"}));
    std::vector<pid_t> workers;
    for (const std::string op : {"op1", "op2", "op3"}) {
      ProcessOptions options;
      options.cwd = dir_.path();
      options.stdout_path = dir_.File(op + ".out");
      options.stderr_path = dir_.File(op + ".err");
      workers.push_back(StartOpenceir({"--config", config_, "--store", cli.store(), "import",
                                       "operator", op, Sim() + "/" + op + "_" + kPeriod + ".csv"},
                                      options));
    }
    for (std::size_t i = 0; i < workers.size(); ++i) {
      ProcessResult worker = Reap(workers[i]);
      EXPECT_EQ(worker.exit_code, 0) << ReadFile(dir_.File("op" + std::to_string(i + 1) + ".err"));
    }
    for (const std::string op : {"op1", "op2", "op3"}) {
      ASSERT_TRUE(
          cli.MustPass({"import", "events", op, Sim() + "/" + op + "_" + kPeriod + ".events.csv"}));
    }
  }

  // `classify --json` on `date`; writes the report (without its timing) to `file`; the run.
  static std::string Classify(const CountryCli& cli, const std::string& date,
                              const std::string& file) {
    ProcessResult classify = cli.Run({"classify", "--curr-date", date, "--json"});
    EXPECT_TRUE(classify.exit_code == 0 || classify.exit_code == 1)  // 1: a safety cap tripped
        << classify.out << classify.err;
    nlohmann::json report = nlohmann::json::parse(classify.out, nullptr, false);
    EXPECT_TRUE(report.is_object()) << classify.out;
    if (!report.is_object()) return "";
    report.erase("seconds");
    WriteFile(file, report.dump(2) + "\n");
    return std::to_string(report["run"].get<std::int64_t>());
  }

  // What a regulator gets from the store of `cli`, all written under `out`: two classification
  // runs and their lists (the second as a delta against the first), the monthly report, every
  // ad-hoc report and `explain` of some cloned and stolen IMEIs.
  static void Outputs(const CountryCli& cli, const std::string& out) {
    for (const char* folder : {"explain", "lists_1", "lists_2", "lists_1_again", "reports"}) {
      std::filesystem::create_directories(out + "/" + folder);
    }
    std::string run1 = Classify(cli, "20261107", out + "/classify_1.json");
    ASSERT_TRUE(cli.MustPass({"lists", out + "/lists_1"}));
    std::string run2 = Classify(cli, "20261215", out + "/classify_2.json");
    ASSERT_TRUE(cli.MustPass({"lists", out + "/lists_2", "--base", run1}));
    ASSERT_TRUE(cli.MustPass({"lists", out + "/lists_1_again", "--run", run1}));
    ASSERT_TRUE(cli.MustPass({"report", "monthly", "11", "2026", out + "/reports"}));
    for (const char* adhoc :
         {"top-duplicates", "gsma-not-found", "stolen-violations", "blacklist-violations",
          "condition-overlaps", "unregistered-subscribers", "transient-msisdns"}) {
      ASSERT_TRUE(
          cli.MustPass({"report", adhoc, out + "/reports", "--month", "11", "--year", "2026"}));
    }
    std::set<std::string> imeis = TruthImeis(Sim(), "cloned");
    std::set<std::string> stolen = TruthImeis(Sim(), "stolen");
    imeis.insert(stolen.begin(), stolen.end());
    int explained = 0;
    for (const std::string& imei : imeis) {
      if (++explained > 6) break;
      ProcessResult explain = cli.Run({"explain", imei, "--json"});
      EXPECT_EQ(explain.exit_code, 0) << explain.err;
      WriteFile(out + "/explain/" + imei + ".json", explain.out);
    }
    EXPECT_GT(explained, 2) << "the simulation made too few cloned and stolen IMEIs";
  }

  // Byte-identical trees of at least `min_files` files.
  static void ExpectSameTrees(const std::string& left, const std::string& right,
                              std::size_t min_files) {
    std::vector<std::string> differences = CompareTrees(left, right);
    EXPECT_TRUE(differences.empty()) << [&] {
      std::string text;
      for (const std::string& difference : differences) text += difference + "\n";
      return text;
    }();
    EXPECT_GE(FilesUnder(left).size(), min_files);
  }

  static TempDir* sim_dir_;
  TempDir dir_;
  std::string config_ = std::string(SourceDir()) + "/etc/openceir.yaml";
};

TempDir* StoreParityTest::sim_dir_ = nullptr;

TEST_F(StoreParityTest, SqliteAndPostgresqlGiveByteIdenticalListsReportsAndExplanations) {
  CountryCli sqlite = Cli(dir_.File("country.db"));
  CountryCli postgresql = Cli(FreshPgStore());
  ASSERT_FALSE(postgresql.store().empty());
  ImportCountry(sqlite);
  ImportCountry(postgresql, /*parallel=*/true);
  // A re-import is refused on both.
  for (const CountryCli* cli : {&sqlite, &postgresql}) {
    EXPECT_EQ(cli->Run({"import", "operator", "op1", Sim() + "/op1_" + kPeriod + ".csv"}).exit_code,
              1);
  }
  Outputs(sqlite, dir_.File("out_sqlite"));
  Outputs(postgresql, dir_.File("out_postgresql"));
  ExpectSameTrees(dir_.File("out_sqlite"), dir_.File("out_postgresql"), 40);
  // A list run regenerated from history is the run's lists, on both.
  ExpectSameTrees(dir_.File("out_sqlite/lists_1"), dir_.File("out_postgresql/lists_1_again"), 8);

  for (const CountryCli* cli : {&sqlite, &postgresql}) {
    ProcessResult check = cli->Run({"db", "check"});
    EXPECT_EQ(check.exit_code, 0) << check.out << check.err;
  }
}

TEST_F(StoreParityTest, ExportFromSqliteImportIntoPostgresqlAndBackLosesNothing) {
  CountryCli sqlite = Cli(dir_.File("country.db"));
  ImportCountry(sqlite);
  Outputs(sqlite, dir_.File("out_sqlite"));
  ASSERT_TRUE(sqlite.MustPass({"db", "export", dir_.File("dump_sqlite")}));

  CountryCli postgresql = Cli(FreshPgStore());
  ASSERT_FALSE(postgresql.store().empty());
  ASSERT_TRUE(postgresql.MustPass({"db", "import", dir_.File("dump_sqlite")}));
  ASSERT_TRUE(postgresql.MustPass({"db", "export", dir_.File("dump_postgresql")}));
  // Every table, row and value came across: the dumps are the same bytes.
  std::vector<std::string> differences =
      CompareTrees(dir_.File("dump_sqlite"), dir_.File("dump_postgresql"), {"manifest.json"});
  EXPECT_TRUE(differences.empty()) << (differences.empty() ? "" : differences.front());

  // And back into a new SQLite file.
  CountryCli sqlite_again = Cli(dir_.File("again.db"));
  ASSERT_TRUE(sqlite_again.MustPass({"db", "import", dir_.File("dump_postgresql")}));

  // The moved stores go on: the same lists, reports and explanations as the original, from
  // the history they carried over (the first run regenerated) and from new runs.
  for (const auto& [cli, name] :
       {std::pair{&postgresql, "postgresql"}, std::pair{&sqlite_again, "sqlite_again"}}) {
    std::string out = dir_.File(std::string("out_") + name);
    ASSERT_TRUE(cli->MustPass({"db", "check"}));
    std::string run1 = "";
    {
      nlohmann::json first =
          nlohmann::json::parse(ReadFile(dir_.File("out_sqlite/classify_1.json")), nullptr, false);
      ASSERT_TRUE(first.is_object());
      run1 = std::to_string(first["run"].get<std::int64_t>());
    }
    std::filesystem::create_directories(out + "/lists_1_again");
    ASSERT_TRUE(cli->MustPass({"lists", out + "/lists_1_again", "--run", run1}));
    ExpectSameTrees(dir_.File("out_sqlite/lists_1"), out + "/lists_1_again", 8);
  }
  // A dump goes only into an empty store.
  ProcessResult twice = sqlite_again.Run({"db", "import", dir_.File("dump_sqlite")});
  EXPECT_EQ(twice.exit_code, 1) << twice.out << twice.err;
  EXPECT_NE(twice.err.find("has rows"), std::string::npos) << twice.err;
}

TEST_F(StoreParityTest, AChangedDumpIsRefusedAndChangesNothing) {
  CountryCli sqlite = Cli(dir_.File("country.db"));
  ImportCountry(sqlite);
  ASSERT_TRUE(sqlite.MustPass({"db", "export", dir_.File("dump")}));
  // One digit of one triplet changed: the file no longer matches the manifest.
  std::string triplets = ReadFile(dir_.File("dump/obs_triplet.tsv"));
  std::size_t at = triplets.rfind('\n', triplets.size() - 2) + 1;
  triplets[at] = triplets[at] == '1' ? '2' : '1';
  WriteFile(dir_.File("dump/obs_triplet.tsv"), triplets);

  CountryCli postgresql = Cli(FreshPgStore());
  ASSERT_FALSE(postgresql.store().empty());
  ProcessResult refused = postgresql.Run({"db", "import", dir_.File("dump")});
  EXPECT_EQ(refused.exit_code, 1) << refused.out << refused.err;
  EXPECT_NE(refused.err.find("obs_triplet.tsv"), std::string::npos) << refused.err;
  EXPECT_NE(refused.err.find("SHA-256"), std::string::npos) << refused.err;
  // Nothing of it is in the store: every table is still empty, so a good dump goes in.
  ProcessResult status = postgresql.Run({"status", "--json"});
  ASSERT_EQ(status.exit_code, 0) << status.err;
  nlohmann::json json = nlohmann::json::parse(status.out, nullptr, false);
  ASSERT_TRUE(json.is_object()) << status.out;
  EXPECT_EQ(json["network_imeis"].get<int>(), 0);
  EXPECT_EQ(json["lists"]["gsma-tac"].get<int>(), 0);
}

// One classification run at a time across processes (a second is refused at once, naming the
// holder), and readers are not blocked by the run's open transaction.
TEST_F(StoreParityTest, OneClassificationRunAtATimeAndReadersAreNeverBlocked) {
  CountryCli postgresql = Cli(FreshPgStore());
  ASSERT_FALSE(postgresql.store().empty());
  ImportCountry(postgresql);
  ProcessOptions options;
  options.cwd = dir_.path();
  options.env["OPENCEIR_FREEZE_AT"] = "classification_before_commit";
  options.stdout_path = dir_.File("first.out");
  options.stderr_path = dir_.File("first.err");
  pid_t first = StartOpenceir(
      {"--config", config_, "--store", postgresql.store(), "classify", "--curr-date", "20261107"},
      options);
  ASSERT_TRUE(WaitUntilStopped(first)) << ReadFile(dir_.File("first.err"));

  ProcessResult second = postgresql.Run({"classify", "--curr-date", "20261107"});
  EXPECT_EQ(second.exit_code, 1) << second.out << second.err;
  EXPECT_NE(second.err.find("classification run"), std::string::npos) << second.err;
  // Readers see the store as it was before the run, without waiting for it.
  ProcessResult status = postgresql.Run({"status", "--json"});
  EXPECT_EQ(status.exit_code, 0) << status.err;
  std::filesystem::create_directories(dir_.File("no_run_yet"));
  std::filesystem::create_directories(dir_.File("after_run"));
  ProcessResult lists = postgresql.Run({"lists", dir_.File("no_run_yet")});
  EXPECT_EQ(lists.exit_code, 1) << lists.out << lists.err;  // no classification run committed

  ::kill(first, SIGCONT);
  ProcessResult finished = Reap(first);
  EXPECT_TRUE(finished.exit_code == 0 || finished.exit_code == 1)
      << ReadFile(dir_.File("first.err"));
  EXPECT_TRUE(postgresql.MustPass({"lists", dir_.File("after_run")}));
}

// The connection to PostgreSQL is cut while an operator import is between its COPY and its
// commit (the process frozen there, every session of the database terminated, then resumed):
// the import fails with the unavailable-resource exit code and a message saying so, and none of
// its data is visible; run again, it imports.
TEST_F(StoreParityTest, ConnectionLostMidImportFailsCleanlyAndLeavesNothing) {
  CountryCli postgresql = Cli(FreshPgStore());
  ASSERT_FALSE(postgresql.store().empty());
  ASSERT_TRUE(postgresql.MustPass({"db", "init"}));
  postgresql.ImportReferenceLists(Sim());

  // What the store holds, as `status --json` tells it (lists, network IMEIs, imports).
  auto holdings = [&postgresql]() {
    ProcessResult status = postgresql.Run({"status", "--json"});
    EXPECT_EQ(status.exit_code, 0) << status.err;
    nlohmann::json json = nlohmann::json::parse(status.out, nullptr, false);
    EXPECT_TRUE(json.is_object()) << status.out;
    if (!json.is_object()) return nlohmann::json();
    return nlohmann::json{{"lists", json["lists"]},
                          {"network_imeis", json["network_imeis"]},
                          {"imports", json["imports"]}};
  };
  for (const char* freeze_at : {"operator_import_before_commit", "pg_before_commit"}) {
    SCOPED_TRACE(freeze_at);
    bool list_import = std::string(freeze_at).starts_with("pg_");
    Args args = list_import ? Args{"import", "stolen", Sim() + "/stolen_delta.csv", "--delta"}
                            : Args{"import", "operator", "op1", Sim() + "/op1_" + kPeriod + ".csv"};
    nlohmann::json before = holdings();
    Args full = args;
    full.insert(full.begin(), {"--config", config_, "--store", postgresql.store()});
    ProcessOptions options;
    options.cwd = dir_.path();
    options.env["OPENCEIR_FREEZE_AT"] = freeze_at;
    options.stdout_path = dir_.File("cut.out");
    options.stderr_path = dir_.File("cut.err");
    pid_t pid = StartOpenceir(full, options);
    ASSERT_TRUE(WaitUntilStopped(pid)) << ReadFile(dir_.File("cut.err"));
    EXPECT_GE(TerminateSessions(DatabaseOf(postgresql.store())), 1);
    ::kill(pid, SIGCONT);
    ProcessResult cut = Reap(pid);
    std::string err = ReadFile(dir_.File("cut.err"));
    EXPECT_EQ(cut.exit_code, 3) << err;
    EXPECT_NE(err.find("SQLSTATE"), std::string::npos) << err;
    EXPECT_EQ(holdings(), before);
    // The job the dead process left running is found and marked; the store is healthy.
    ProcessResult check = postgresql.Run({"db", "check"});
    EXPECT_EQ(check.exit_code, 0) << check.out << check.err;
    EXPECT_TRUE(postgresql.MustPass(args));
    EXPECT_NE(holdings(), before);
  }
  EXPECT_GT(holdings()["network_imeis"].get<int>(), 1000);
}

}  // namespace
}  // namespace openceir::testing
