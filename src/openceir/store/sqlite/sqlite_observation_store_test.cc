// Tests of the SQLite observation store: the conformance suite, plus what only SQLite has (one
// file shared with the registry store, processes killed mid-batch, two processes importing at
// the same time, blobs that raw SQL can corrupt).
#include "openceir/store/sqlite/sqlite_observation_store.h"

#include <fmt/format.h>
#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <sqlite3.h>
#include <sys/wait.h>
#include <unistd.h>

#include <bit>
#include <csignal>
#include <cstdlib>
#include <filesystem>
#include <string>

#include "openceir/store/sqlite/sqlite_observation_store_impl.h"
#include "openceir/store/sqlite/sqlite_registry_store.h"
#include "openceir/store/testing/observation_store_conformance.h"

namespace openceir::store {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;
using testing::ObservationStoreConformanceTest;

// A fresh directory holding one SQLite store file; removed with the object.
class SqliteObservationTestDatabase final : public testing::ObservationTestDatabase {
 public:
  SqliteObservationTestDatabase() {
    std::string pattern = (std::filesystem::temp_directory_path() / "openceir-obs-XXXXXX").string();
    dir_ = mkdtemp(pattern.data()) != nullptr ? pattern : std::string();
    path_ = dir_ + "/openceir.db";
  }
  ~SqliteObservationTestDatabase() override {
    std::error_code ignored;
    if (!dir_.empty()) std::filesystem::remove_all(dir_, ignored);
  }
  bool ok() const { return !dir_.empty(); }
  const std::string& path() const { return path_; }

  Result<std::unique_ptr<ObservationStore>> Open(const Clock* clock) override {
    return OpenSqliteObservationStore(path_, clock);
  }

 private:
  std::string dir_;
  std::string path_;
};

Result<std::unique_ptr<testing::ObservationTestDatabase>> CreateSqliteDatabase() {
  auto database = std::make_unique<SqliteObservationTestDatabase>();
  if (!database->ok()) return IoError("cannot create a temporary directory");
  return std::unique_ptr<testing::ObservationTestDatabase>(std::move(database));
}

INSTANTIATE_TEST_SUITE_P(Sqlite, ObservationStoreConformanceTest,
                         ::testing::Values(testing::ObservationStoreBackend{"sqlite",
                                                                            CreateSqliteDatabase}),
                         testing::ObservationStoreBackendName);

Date D(int year, int month, int day) { return DateFromCivil(year, month, day).value(); }

// `count` distinct triplets of `op` in November 2026 (IMEIs 4xxxxxxxxxxxxx).
std::vector<TripletMonth> ManyTriplets(const std::string& op, int count) {
  std::vector<TripletMonth> triplets;
  const MonthIndex month = MonthOf(D(2026, 11, 1));
  for (int i = 0; i < count; ++i) {
    TripletMonth t;
    t.operator_id = op;
    t.month = month;
    t.imei_norm = fmt::format("4{:013d}", i);
    t.imsi = fmt::format("21401{:010d}", i);
    t.first_seen = D(2026, 11, 2);
    t.last_seen = D(2026, 11, 2);
    t.day_mask = 2;
    t.rat_mask = 4;
    triplets.push_back(std::move(t));
  }
  return triplets;
}

ObservationImport OperatorImport(const std::string& op, const std::string& sha) {
  ObservationImport import;
  import.job_id = 1;
  import.operator_id = op;
  import.file_sha256 = sha;
  import.first_day = D(2026, 11, 2);
  import.last_day = D(2026, 11, 2);
  return import;
}

std::int64_t CountTriplets(ObservationStore& store, const std::string& op) {
  std::int64_t count = 0;
  Status status =
      store.ScanTriplets(op, {D(2026, 11, 1), D(2026, 11, 30)}, [&count](const TripletMonth&) {
        ++count;
        return Status::Ok();
      });
  EXPECT_TRUE(status.ok()) << status.ToString();
  return count;
}

class SqliteObservationStoreTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_TRUE(database_.ok());
    auto store = database_.Open(&clock_);
    ASSERT_TRUE(store.ok()) << store.status().ToString();
    store_ = std::move(store).value();
    ASSERT_TRUE(store_->Migrate().ok());
  }

  // Runs this test binary's SqliteObservationChildTest in a child process with `env` set.
  pid_t StartChild(const std::vector<std::pair<std::string, std::string>>& env) {
    pid_t child = fork();
    if (child == 0) {
      setenv("OPENCEIR_TEST_STORE", database_.path().c_str(), 1);
      for (const auto& [name, value] : env) setenv(name.c_str(), value.c_str(), 1);
      execl("/proc/self/exe", "store_sqlite_observation_test",
            "--gtest_filter=SqliteObservationChildTest.*", static_cast<char*>(nullptr));
      _exit(127);
    }
    return child;
  }

  ManualClock clock_{1'790'000'000};
  SqliteObservationTestDatabase database_;
  std::unique_ptr<ObservationStore> store_;
};

TEST_F(SqliteObservationStoreTest, SharesOneFileWithTheRegistryStore) {
  auto registry = OpenSqliteRegistryStore(database_.path(), &clock_);
  ASSERT_TRUE(registry.ok());
  ASSERT_TRUE((*registry)->Migrate().ok());
  EXPECT_EQ((*registry)->SchemaVersion().value(), RegistryStore::LatestSchemaVersion());
  EXPECT_EQ(store_->SchemaVersion().value(), ObservationStore::LatestSchemaVersion());
  auto batch = store_->BeginBatch().value();
  ASSERT_TRUE(batch->MergeTriplets(ManyTriplets("op1", 3)).ok());
  ASSERT_TRUE(batch->Commit(OperatorImport("op1", "f1")).ok());
  EXPECT_TRUE((*registry)->Check().value().empty());
  EXPECT_EQ(CountTriplets(*store_, "op1"), 3);
}

TEST_F(SqliteObservationStoreTest, OneBatchAtATimePerStoreObject) {
  auto first = store_->BeginBatch();
  ASSERT_TRUE(first.ok());
  auto second = store_->BeginBatch();
  EXPECT_EQ(second.status().code(), StatusCode::kFailedPrecondition);
  first->reset();
  EXPECT_TRUE(store_->BeginBatch().ok());
}

TEST_F(SqliteObservationStoreTest, CorruptTravelStateIsAnInternalErrorNamingTheImei) {
  auto batch = store_->BeginBatch().value();
  ASSERT_TRUE(batch->PutTravelState(std::vector<TravelState>{{"35209900176148", {}}}).ok());
  ObservationImport import = OperatorImport("op1", "e1");
  import.kind = ObservationImportKind::kEvents;
  ASSERT_TRUE(batch->Commit(import).ok());
  sqlite3* db = nullptr;
  ASSERT_EQ(sqlite3_open(database_.path().c_str(), &db), SQLITE_OK);
  ASSERT_EQ(
      sqlite3_exec(db, "UPDATE obs_travel_state SET points = x'0105'", nullptr, nullptr, nullptr),
      SQLITE_OK);
  sqlite3_close(db);
  const std::vector<std::string> imeis = {"35209900176148"};
  Status status = store_->GetTravelState(imeis, [](const TravelState&) { return Status::Ok(); });
  EXPECT_EQ(status.code(), StatusCode::kInternal);
  EXPECT_THAT(status.message(), HasSubstr("35209900176148"));
}

std::vector<TravelPoint> SamplePoints() {
  // Repeated IMSI, operator and cell (the tables dedupe them), a second place for the same cell
  // id (moved in the cell table: both positions must survive exactly), times out of order.
  return {{1767600000, "214011234567890", "op1", "214-01-100-7", 40.4168, -3.7038},
          {1767596400, "214011234567890", "op1", "214-01-100-7", 40.4168, -3.7038},
          {1767592800, "214019876543210", "op2", "214-07-9-1", 41.3874, 2.1686},
          {1767589200, "214011234567890", "op1", "214-01-100-7", 40.41680001, -3.7038},
          {-5, "", "", "", -0.0, 0.1}};
}

void ExpectSamePoints(const std::vector<TravelPoint>& got, const std::vector<TravelPoint>& want) {
  ASSERT_EQ(got.size(), want.size());
  for (std::size_t i = 0; i < want.size(); ++i) {
    SCOPED_TRACE(i);
    EXPECT_EQ(got[i].time, want[i].time);
    EXPECT_EQ(got[i].imsi, want[i].imsi);
    EXPECT_EQ(got[i].operator_id, want[i].operator_id);
    EXPECT_EQ(got[i].cell_id, want[i].cell_id);
    EXPECT_EQ(std::bit_cast<std::uint64_t>(got[i].lat), std::bit_cast<std::uint64_t>(want[i].lat));
    EXPECT_EQ(std::bit_cast<std::uint64_t>(got[i].lon), std::bit_cast<std::uint64_t>(want[i].lon));
  }
}

TEST(TravelPointCodecTest, RoundTripsExactlyAndSharesRepeatedValues) {
  const std::vector<TravelPoint> points = SamplePoints();
  const std::string blob = EncodeTravelPoints(points);
  auto decoded = DecodeTravelPoints(blob, "35209900176148");
  ASSERT_TRUE(decoded.ok()) << decoded.status().ToString();
  ExpectSamePoints(*decoded, points);
  // 7 strings and 4 places stored once: 168 bytes, where format 1 (a string triple and two
  // doubles a point) takes 231.
  EXPECT_LE(blob.size(), 168u);
}

TEST(TravelPointCodecTest, ReadsTheFormerPerPointFormat) {
  // Format 1: count, then per point zigzag time delta, lat, lon, IMSI, operator, cell.
  const std::vector<TravelPoint> points = {SamplePoints()[0], SamplePoints()[2]};
  std::string blob = {'\x01', '\x02'};
  std::int64_t previous = 0;
  for (const TravelPoint& p : points) {
    std::uint64_t zz = (static_cast<std::uint64_t>(p.time - previous) << 1) ^
                       static_cast<std::uint64_t>((p.time - previous) >> 63);
    previous = p.time;
    while (zz >= 0x80) {
      blob.push_back(static_cast<char>((zz & 0x7f) | 0x80));
      zz >>= 7;
    }
    blob.push_back(static_cast<char>(zz));
    for (double d : {p.lat, p.lon}) {
      const auto bits = std::bit_cast<std::uint64_t>(d);
      for (int i = 0; i < 8; ++i) blob.push_back(static_cast<char>((bits >> (8 * i)) & 0xff));
    }
    for (const std::string* text : {&p.imsi, &p.operator_id, &p.cell_id}) {
      blob.push_back(static_cast<char>(text->size()));
      blob += *text;
    }
  }
  auto decoded = DecodeTravelPoints(blob, "35209900176148");
  ASSERT_TRUE(decoded.ok()) << decoded.status().ToString();
  ExpectSamePoints(*decoded, points);
}

TEST(TravelPointCodecTest, CorruptBlobsAreErrorsNamingTheImei) {
  const std::string blob = EncodeTravelPoints(SamplePoints());
  for (std::size_t cut = 0; cut < blob.size(); ++cut) {
    auto decoded = DecodeTravelPoints(blob.substr(0, cut), "35209900176148");
    ASSERT_FALSE(decoded.ok()) << "cut at " << cut;
    EXPECT_THAT(decoded.status().message(), HasSubstr("35209900176148"));
  }
  std::string bad_index = EncodeTravelPoints({SamplePoints()[0]});
  bad_index.back() = '\x09';  // the point's place index, past the table
  EXPECT_FALSE(DecodeTravelPoints(bad_index, "35209900176148").ok());
  EXPECT_FALSE(DecodeTravelPoints(blob + "x", "35209900176148").ok());
  EXPECT_FALSE(DecodeTravelPoints(std::string("\x03\x00", 2), "35209900176148").ok());
}

// The child half of the multi-process tests: run in a fresh process (the fault point reads
// OPENCEIR_FREEZE_AT once per process), it merges OPENCEIR_TEST_ROWS triplets of operator
// OPENCEIR_TEST_OPERATOR into the store OPENCEIR_TEST_STORE and commits them, writing "merging"
// to the file descriptor OPENCEIR_TEST_READY_FD (if set) first. Skipped when run directly.
TEST(SqliteObservationChildTest, MergesAndCommits) {
  const char* path = std::getenv("OPENCEIR_TEST_STORE");
  if (path == nullptr) GTEST_SKIP() << "only run as the child of a multi-process test";
  const std::string op = std::getenv("OPENCEIR_TEST_OPERATOR");
  const int rows = std::atoi(std::getenv("OPENCEIR_TEST_ROWS"));
  SystemClock clock;
  auto store = OpenSqliteObservationStore(path, &clock);
  ASSERT_TRUE(store.ok());
  auto batch = (*store)->BeginBatch();
  ASSERT_TRUE(batch.ok());
  if (const char* fd = std::getenv("OPENCEIR_TEST_READY_FD"); fd != nullptr) {
    ASSERT_EQ(write(std::atoi(fd), "merging", 7), 7);
  }
  Status merged = (*batch)->MergeTriplets(ManyTriplets(op, rows));
  ASSERT_TRUE(merged.ok()) << merged.ToString();
  Status committed = (*batch)->Commit(OperatorImport(op, "sha-" + op));
  ASSERT_TRUE(committed.ok()) << committed.ToString();
}

TEST_F(SqliteObservationStoreTest, KillDuringABatchLeavesTheStoreAsBefore) {
  auto batch = store_->BeginBatch().value();
  ASSERT_TRUE(batch->MergeTriplets(ManyTriplets("op1", 1)).ok());
  ASSERT_TRUE(batch->Commit(OperatorImport("op1", "before")).ok());
  // 20000 rows: 40 chunks of operator rows, then 40 of network IMEIs; chunk 3 is in the middle
  // of the operator rows, chunk 60 among the network IMEIs.
  for (const char* point : {"obs_merge_chunk@3", "obs_merge_chunk@60", "obs_before_commit"}) {
    SCOPED_TRACE(point);
    pid_t child = StartChild({{"OPENCEIR_FREEZE_AT", point},
                              {"OPENCEIR_TEST_OPERATOR", "op1"},
                              {"OPENCEIR_TEST_ROWS", "20000"}});
    ASSERT_GE(child, 0);
    int wstatus = 0;
    ASSERT_EQ(waitpid(child, &wstatus, WUNTRACED), child);
    ASSERT_TRUE(WIFSTOPPED(wstatus)) << "the child finished without reaching " << point;
    kill(child, SIGKILL);
    ASSERT_EQ(waitpid(child, &wstatus, 0), child);

    EXPECT_EQ(CountTriplets(*store_, "op1"), 1);
    EXPECT_EQ(CountTriplets(*store_, ""), 1);
    EXPECT_EQ(store_->CountNetworkImeis().value(), 1);
    EXPECT_FALSE(store_->FindImport(ObservationImportKind::kOperatorData, "op1", "sha-op1")
                     .value()
                     .has_value());
  }
  // The killed writers left no lock behind.
  auto after = store_->BeginBatch().value();
  ASSERT_TRUE(after->MergeTriplets(ManyTriplets("op1", 2)).ok());
  ASSERT_TRUE(after->Commit(OperatorImport("op1", "after")).ok());
  EXPECT_EQ(CountTriplets(*store_, "op1"), 2);
}

TEST_F(SqliteObservationStoreTest, TwoOperatorsImportingAtOnceBothCommit) {
  // op1 takes the write lock and freezes just before its commit; op2 starts its batch and must
  // wait (it cannot finish while op1 holds the lock) instead of failing; then op1 goes on.
  pid_t first = StartChild({{"OPENCEIR_FREEZE_AT", "obs_before_commit"},
                            {"OPENCEIR_TEST_OPERATOR", "op1"},
                            {"OPENCEIR_TEST_ROWS", "3000"}});
  ASSERT_GE(first, 0);
  int wstatus = 0;
  ASSERT_EQ(waitpid(first, &wstatus, WUNTRACED), first);
  ASSERT_TRUE(WIFSTOPPED(wstatus));

  int ready[2];
  ASSERT_EQ(pipe(ready), 0);
  pid_t second = StartChild({{"OPENCEIR_TEST_OPERATOR", "op2"},
                             {"OPENCEIR_TEST_ROWS", "2000"},
                             {"OPENCEIR_TEST_READY_FD", std::to_string(ready[1])}});
  ASSERT_GE(second, 0);
  close(ready[1]);
  char message[8] = {};
  ASSERT_EQ(read(ready[0], message, 7), 7);
  close(ready[0]);
  EXPECT_EQ(waitpid(second, &wstatus, WNOHANG), 0) << "op2 finished while op1 held the lock";
  // Readers are not blocked meanwhile, and see neither batch.
  EXPECT_EQ(store_->CountNetworkImeis().value(), 0);

  kill(first, SIGCONT);
  ASSERT_EQ(waitpid(first, &wstatus, 0), first);
  EXPECT_TRUE(WIFEXITED(wstatus) && WEXITSTATUS(wstatus) == 0);
  ASSERT_EQ(waitpid(second, &wstatus, 0), second);
  EXPECT_TRUE(WIFEXITED(wstatus) && WEXITSTATUS(wstatus) == 0);

  EXPECT_EQ(CountTriplets(*store_, "op1"), 3000);
  EXPECT_EQ(CountTriplets(*store_, "op2"), 2000);
  EXPECT_EQ(CountTriplets(*store_, ""), 3000);  // the same IMEI-IMSI pairs on both networks
  EXPECT_TRUE(store_->FindImport(ObservationImportKind::kOperatorData, "op1", "sha-op1")
                  .value()
                  .has_value());
  EXPECT_TRUE(store_->FindImport(ObservationImportKind::kOperatorData, "op2", "sha-op2")
                  .value()
                  .has_value());
}

}  // namespace
}  // namespace openceir::store
