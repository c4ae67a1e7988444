// Imports in other processes: killed at fault points (the store must be as before), and two
// operators importing into one store at the same time. The child processes are this test binary
// re-run with a filter selecting OperatorImportChild.Run and its orders in the environment.
#include <fmt/format.h>
#include <gtest/gtest.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdlib>
#include <memory>

#include "openceir/observe/operator_import.h"
#include "openceir/observe/operator_import_test_util.h"
#include "openceir/store/sqlite/sqlite_observation_store.h"
#include "openceir/store/sqlite/sqlite_registry_store.h"

namespace openceir::observe {
namespace {

using testing::OperatorImportFixture;

constexpr char kChildEnv[] = "OPENCEIR_OBSERVE_CHILD";  // "<db>|<operator>|<file>"

// The child side: imports one file; exit code 0 accepted, 1 rejected, 2 error.
TEST(OperatorImportChild, Run) {
  const char* order = std::getenv(kChildEnv);
  if (order == nullptr) GTEST_SKIP() << "only run as a child process";
  std::string spec(order);
  std::size_t a = spec.find('|');
  std::size_t b = spec.find('|', a + 1);
  std::string db = spec.substr(0, a);
  std::string op = spec.substr(a + 1, b - a - 1);
  std::string file = spec.substr(b + 1);
  ManualClock clock(testing::kToday);
  auto registry = store::OpenSqliteRegistryStore(db, &clock);
  auto observations = store::OpenSqliteObservationStore(db, &clock);
  if (!registry.ok() || !observations.ok()) std::_Exit(2);
  OperatorImportOptions options;
  options.clock = &clock;
  auto report =
      ImportOperatorData(**registry, **observations, testing::DemolandConfig(), op, file, options);
  std::_Exit(!report.ok() ? 2 : report->accepted ? 0 : 1);
}

std::string Rows(const std::string& op_prefix, int n, const std::string& date) {
  std::string out = "date,imei,imsi,msisdn,rat\n";
  for (int i = 0; i < n; ++i) {
    out += fmt::format("{},{},{}{:010},{},006\n", date, 35123456000000LL + i, op_prefix, i,
                       999100000000LL + i);
  }
  return out;
}

class OperatorImportProcessTest : public OperatorImportFixture {
 protected:
  // Starts this binary as a child importing `file` for `op`; freezes at `freeze_at` if given.
  pid_t Spawn(const std::string& op, const std::string& file, const std::string& freeze_at) {
    pid_t pid = fork();
    if (pid == 0) {
      std::string order = db_path_ + "|" + op + "|" + file;
      setenv(kChildEnv, order.c_str(), 1);
      if (freeze_at.empty()) {
        unsetenv("OPENCEIR_FREEZE_AT");
      } else {
        setenv("OPENCEIR_FREEZE_AT", freeze_at.c_str(), 1);
      }
      execl("/proc/self/exe", "observe_import_test", "--gtest_filter=OperatorImportChild.Run",
            static_cast<char*>(nullptr));
      std::_Exit(3);
    }
    return pid;
  }
};

TEST_F(OperatorImportProcessTest, KillAtAFaultPointLeavesTheStoreAsBefore) {
  auto first = Import("op1", WriteFile("op1_20261101_20261101.csv", Rows("99901", 50, "20261101")));
  ASSERT_TRUE(first.ok());
  ASSERT_TRUE(first->accepted) << first->summary;

  int round = 0;
  for (std::string point : {"operator_import_after_parse", "operator_import_before_commit"}) {
    std::string day = fmt::format("202611{:02}", 2 + round++);
    std::string file = WriteFile(fmt::format("op1_{}_{}.csv", day, day), Rows("99901", 3000, day));
    const std::size_t triplets_before = Triplets("op1").size();
    const std::size_t days_before = DailyCounts("op1").size();
    observations_.reset();
    registry_.reset();
    pid_t pid = Spawn("op1", file, point);
    ASSERT_GT(pid, 0);
    int status = 0;
    ASSERT_EQ(waitpid(pid, &status, WUNTRACED), pid);
    ASSERT_TRUE(WIFSTOPPED(status)) << point << " status " << status;
    ASSERT_EQ(kill(pid, SIGKILL), 0);
    ASSERT_EQ(waitpid(pid, &status, 0), pid);
    ASSERT_TRUE(WIFSIGNALED(status));
    Reopen();

    EXPECT_EQ(Triplets("op1").size(), triplets_before) << point;
    EXPECT_EQ(DailyCounts("op1").size(), days_before) << point;
    auto imports =
        observations_->ListImports(store::ObservationImportKind::kOperatorData, "op1",
                                   *DateFromCivil(2026, 1, 1), *DateFromCivil(2026, 12, 31));
    ASSERT_TRUE(imports.ok());
    EXPECT_EQ(imports->size(), static_cast<std::size_t>(round)) << point;
    auto interrupted = registry_->MarkInterruptedJobs();
    ASSERT_TRUE(interrupted.ok());
    EXPECT_EQ(*interrupted, 1) << point;
    // The file imports normally afterwards.
    auto again = Import("op1", file);
    ASSERT_TRUE(again.ok());
    EXPECT_TRUE(again->accepted) << again->summary;
    // Same IMEI, IMSI and MSISDN in the same month: the 3000 monthly triplets of round one.
    EXPECT_EQ(Triplets("op1").size(), 3000u) << point;
    EXPECT_EQ(DailyCounts("op1").size(), days_before + 1) << point;
  }
}

TEST_F(OperatorImportProcessTest, TwoOperatorsImportConcurrentlyFromTwoProcesses) {
  std::string file1 = WriteFile("op1_20261101_20261101.csv", Rows("99901", 5000, "20261101"));
  std::string file2 = WriteFile("op2_20261101_20261101.csv", Rows("99902", 4000, "20261101"));
  observations_.reset();
  registry_.reset();
  pid_t pid1 = Spawn("op1", file1, "");
  pid_t pid2 = Spawn("op2", file2, "");
  ASSERT_GT(pid1, 0);
  ASSERT_GT(pid2, 0);
  for (pid_t pid : {pid1, pid2}) {
    int status = 0;
    ASSERT_EQ(waitpid(pid, &status, 0), pid);
    ASSERT_TRUE(WIFEXITED(status));
    EXPECT_EQ(WEXITSTATUS(status), 0) << "child " << pid;
  }
  Reopen();
  EXPECT_EQ(Triplets("op1").size(), 5000u);
  EXPECT_EQ(Triplets("op2").size(), 4000u);
  for (const auto& t : Triplets("op2")) ASSERT_EQ(t.imsi.substr(0, 5), "99902");
}

}  // namespace
}  // namespace openceir::observe
