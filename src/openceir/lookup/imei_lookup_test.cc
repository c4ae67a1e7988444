// LookupImei against a real SQLite registry store populated through CommitListChanges.
#include "openceir/lookup/imei_lookup.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <nlohmann/json.hpp>

#include "openceir/base/clock.h"
#include "openceir/identifiers/golden_hash.h"
#include "openceir/store/sqlite/sqlite_registry_store.h"

namespace openceir::lookup {
namespace {

using store::ListKind;
using store::ListRow;

class ImeiLookupTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = std::filesystem::temp_directory_path() /
           ("openceir_lookup_test_" + std::to_string(::getpid()) + "_" +
            ::testing::UnitTest::GetInstance()->current_test_info()->name());
    std::filesystem::remove_all(dir_);
    std::filesystem::create_directories(dir_);
    auto opened = store::OpenSqliteRegistryStore((dir_ / "registry.db").string(), &clock_);
    ASSERT_TRUE(opened.ok()) << opened.status().ToString();
    store_ = std::move(opened).value();
    ASSERT_TRUE(store_->Migrate().ok());
  }
  void TearDown() override {
    store_.reset();
    std::filesystem::remove_all(dir_);
  }

  void Add(ListKind kind, std::vector<ListRow> rows) {
    store::JobStart start;
    start.command = "import test";
    start.pid = ::getpid();
    auto job = store_->StartJob(start);
    ASSERT_TRUE(job.ok()) << job.status().ToString();
    store::ListChanges changes;
    changes.added = std::move(rows);
    store::JobCounts counts;
    counts.added = static_cast<std::int64_t>(changes.added.size());
    Status status = store_->CommitListChanges(*job, kind, changes, counts);
    ASSERT_TRUE(status.ok()) << status.ToString();
  }

  ManualClock clock_{1'700'000'000};
  std::filesystem::path dir_;
  std::unique_ptr<store::RegistryStore> store_;
};

TEST_F(ImeiLookupTest, ReportsValidationReasons) {
  struct Case {
    std::string raw;
    identifiers::ImeiError error;
    std::optional<std::string> imei_norm;
  };
  const Case cases[] = {
      {"35123456789012", identifiers::ImeiError::kOk, "35123456789012"},
      {"  351234567890124 ", identifiers::ImeiError::kOk, "35123456789012"},
      {"351234567890125", identifiers::ImeiError::kBadCheckDigit, "35123456789012"},
      {"3512345678", identifiers::ImeiError::kBadLength, "3512345678"},
      {"35123456ab9012", identifiers::ImeiError::kBadCharacter, "35123456AB9012"},
      {"", identifiers::ImeiError::kEmpty, std::nullopt},
  };
  for (const Case& c : cases) {
    auto report = LookupImei(*store_, c.raw);
    ASSERT_TRUE(report.ok()) << c.raw;
    EXPECT_EQ(report->validation, c.error) << c.raw;
    EXPECT_EQ(report->imei_norm, c.imei_norm) << c.raw;
  }
}

TEST_F(ImeiLookupTest, FlagsTestTac) {
  auto report = LookupImei(*store_, "00101234567890");
  ASSERT_TRUE(report.ok());
  EXPECT_EQ(report->tac, "00101234");
  EXPECT_TRUE(report->test_tac);
  auto normal = LookupImei(*store_, "35123456789012");
  ASSERT_TRUE(normal.ok());
  EXPECT_FALSE(normal->test_tac);
}

TEST_F(ImeiLookupTest, UnknownImeiHasNoRegistryFacts) {
  auto report = LookupImei(*store_, "35123456789012");
  ASSERT_TRUE(report.ok());
  EXPECT_FALSE(report->model);
  EXPECT_FALSE(report->registration);
  EXPECT_FALSE(report->stolen);
  EXPECT_TRUE(report->pairings.empty());
  EXPECT_FALSE(report->golden || report->barred || report->barred_tac || report->monitored);
  EXPECT_TRUE(report->association_uids.empty());
}

TEST_F(ImeiLookupTest, GathersEveryList) {
  const std::string imei = "35123456789012";
  Add(ListKind::kGsmaTac, {{"35123456", "Acme", "GSM 900,LTE FDD BAND 3", "20150317", "Phone X",
                            "Smartphone", "2G|4G", "{}"}});
  Add(ListKind::kRegistration, {{imei, "Acme", "Phone X", "whitelist", "PX1", "Acme", "Smartphone",
                                 "2G|4G", "dev7", imei + "4"}});
  Add(ListKind::kStolen, {{imei, "20260101", "pending"}});
  Add(ListKind::kPairing,
      {{imei, "410011234567890", "923001234567"}, {imei, "410011234567891", "923001234568"}});
  Add(ListKind::kGolden, {{identifiers::GoldenHashOf(imei)}});
  Add(ListKind::kBarred, {{imei}});
  Add(ListKind::kBarredTac, {{"35123456"}});
  Add(ListKind::kMonitoring, {{imei}});
  Add(ListKind::kAssociation, {{"uid-b", imei}, {"uid-a", imei}, {"uid-c", "35123456789013"}});

  auto report = LookupImei(*store_, "351234567890124");
  ASSERT_TRUE(report.ok()) << report.status().ToString();
  ASSERT_TRUE(report->model);
  EXPECT_EQ(report->model->manufacturer, "Acme");
  EXPECT_EQ(report->model->model_name, "Phone X");
  EXPECT_EQ(report->model->radio_caps, "2G|4G");
  EXPECT_EQ(report->model->allocation_date, "20150317");
  ASSERT_TRUE(report->registration);
  EXPECT_TRUE(report->registration->registered);
  EXPECT_EQ(report->registration->device_id, "dev7");
  ASSERT_TRUE(report->stolen);
  EXPECT_FALSE(report->stolen->confirmed);
  EXPECT_EQ(report->stolen->reporting_date, "20260101");
  ASSERT_EQ(report->pairings.size(), 2u);
  EXPECT_TRUE(report->golden);
  EXPECT_TRUE(report->barred);
  EXPECT_TRUE(report->barred_tac);
  EXPECT_TRUE(report->monitored);
  EXPECT_EQ(report->association_uids, (std::vector<std::string>{"uid-a", "uid-b"}));

  auto json = nlohmann::json::parse(ToJson(*report));
  EXPECT_EQ(json["imei_norm"], imei);
  EXPECT_EQ(json["validation"], "ok");
  EXPECT_EQ(json["model"]["manufacturer"], "Acme");
  EXPECT_EQ(json["stolen"]["confirmed"], false);
  EXPECT_EQ(json["pairings"].size(), 2u);
  EXPECT_EQ(json["golden"], true);
  EXPECT_EQ(json["registered"], true);

  std::string text = ToText(*report);
  EXPECT_NE(text.find("stolen        yes (provisional: pending, reported 20260101)"),
            std::string::npos)
      << text;
  EXPECT_NE(text.find("associations  uid-a, uid-b"), std::string::npos) << text;
}

TEST_F(ImeiLookupTest, ConfirmedStolenAndUnregisteredStatus) {
  const std::string imei = "35123456789012";
  Add(ListKind::kStolen, {{imei, "20260101", ""}});
  Add(ListKind::kRegistration, {{imei, "", "", "revoked", "", "", "", "", "", imei}});
  auto report = LookupImei(*store_, imei);
  ASSERT_TRUE(report.ok());
  ASSERT_TRUE(report->stolen);
  EXPECT_TRUE(report->stolen->confirmed);
  ASSERT_TRUE(report->registration);
  EXPECT_FALSE(report->registration->registered);
  auto json = nlohmann::json::parse(ToJson(std::vector<ImeiReport>{*report}));
  ASSERT_TRUE(json.is_array());
  EXPECT_EQ(json[0]["registered"], false);
}

}  // namespace
}  // namespace openceir::lookup
