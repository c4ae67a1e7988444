// Importing the same file twice: the second import is refused and changes nothing, unless
// --allow-reimport is given (then it applies, and a full list equal to the current changes
// nothing either).
#include <gtest/gtest.h>

#include "tests/support/list_files.h"
#include "tests/support/run_process.h"
#include "tests/support/store_snapshot.h"

namespace openceir::testing {
namespace {

TEST(ReimportTest, SecondImportOfSameFileIsRefusedAndChangesNothing) {
  TempDir dir;
  std::string store_path = dir.File("registry.db");
  auto run = [&](std::vector<std::string> args) {
    args.insert(args.begin(), {"--store", store_path});
    return RunOpenceir(args, dir.path());
  };
  ASSERT_EQ(run({"db", "init"}).exit_code, 0);
  WriteFile(dir.File("stolen.csv"), StolenList(0, 500));
  ProcessResult first = run({"import", "stolen", dir.File("stolen.csv")});
  ASSERT_EQ(first.exit_code, 0) << first.err;

  auto jobs = AllJobIds(store_path);
  ASSERT_TRUE(jobs.ok());
  auto before = SnapshotStore(store_path, *jobs);
  ASSERT_TRUE(before.ok()) << before.status().ToString();

  ProcessResult second = run({"import", "stolen", dir.File("stolen.csv")});
  EXPECT_EQ(second.exit_code, 1) << second.out << second.err;
  EXPECT_NE((second.out + second.err).find("already"), std::string::npos)
      << second.out << second.err;
  auto after_refused = SnapshotStore(store_path, *jobs);
  ASSERT_TRUE(after_refused.ok());
  EXPECT_EQ(*after_refused, *before) << Describe(*after_refused);

  // A copy under another name has the same hash: refused too.
  WriteFile(dir.File("copy.csv"), ReadFile(dir.File("stolen.csv")));
  EXPECT_EQ(run({"import", "stolen", dir.File("copy.csv")}).exit_code, 1);

  ProcessResult allowed = run({"import", "stolen", dir.File("stolen.csv"), "--allow-reimport"});
  EXPECT_EQ(allowed.exit_code, 0) << allowed.out << allowed.err;
  auto after_allowed = SnapshotStore(store_path, *jobs);
  ASSERT_TRUE(after_allowed.ok());
  EXPECT_EQ(*after_allowed, *before) << Describe(*after_allowed);

  auto records = AllJobs(store_path);
  ASSERT_TRUE(records.ok());
  ASSERT_EQ(records->size(), 4u);
  EXPECT_EQ((*records)[0].outcome, store::JobOutcome::kSucceeded);  // --allow-reimport
  EXPECT_EQ((*records)[1].outcome, store::JobOutcome::kRejected);   // copy.csv
  EXPECT_EQ((*records)[2].outcome, store::JobOutcome::kRejected);   // second import
}

}  // namespace
}  // namespace openceir::testing
