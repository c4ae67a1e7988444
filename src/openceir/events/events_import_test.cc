// Whole imports of cell tables and events files against the SQLite stores.
#include "openceir/events/events_import.h"

#include <fmt/format.h>
#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>

#include "openceir/base/clock.h"
#include "openceir/events/cells_import.h"
#include "openceir/io/input_file.h"
#include "openceir/observe/demo_region_test_util.h"
#include "openceir/store/sqlite/sqlite_observation_store.h"
#include "openceir/store/sqlite/sqlite_registry_store.h"

namespace openceir::events {
namespace {

namespace fs = std::filesystem;

constexpr std::string_view kCellHeader =
    "radio,mcc,net,area,cell,unit,lon,lat,range,samples,changeable,created,updated,"
    "averageSignal\n";
// Madrid (two neighbouring cells ~6 km apart), Barcelona (~505 km away) on op2's network.
constexpr std::string_view kCells =
    "LTE,999,01,1,1,,-3.7038,40.4168,1000,5,1,1,2,\n"
    "LTE,999,01,1,2,,-3.6500,40.4500,1000,5,1,1,2,\n"
    "LTE,999,02,2,1,,2.1686,41.3874,1000,5,1,1,2,\n";

constexpr std::string_view kEventHeader = "timestamp,imei,imsi,msisdn,rat,cell_id\n";
constexpr const char* kImei = "35123456789012";

using observe::testing::TwoOperatorDemoConfig;

class EventsImportTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() /
           fmt::format("events_import_test_{}_{}", getpid(),
                       ::testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::remove_all(dir_);
    fs::create_directories(dir_);
    std::string path = (dir_ / "store.db").string();
    auto registry = store::OpenSqliteRegistryStore(path, &clock_);
    ASSERT_TRUE(registry.ok()) << registry.status().ToString();
    registry_ = std::move(registry).value();
    ASSERT_TRUE(registry_->Migrate().ok());
    auto observations = store::OpenSqliteObservationStore(path, &clock_);
    ASSERT_TRUE(observations.ok()) << observations.status().ToString();
    observations_ = std::move(observations).value();
    ASSERT_TRUE(observations_->Migrate().ok());
  }
  void TearDown() override {
    observations_.reset();
    registry_.reset();
    fs::remove_all(dir_);
  }

  std::string Write(const std::string& name, std::string_view text) {
    std::string path = (dir_ / name).string();
    std::ofstream(path, std::ios::binary) << text;
    return path;
  }

  CellsImportReport ImportCellsText(const std::string& name, std::string_view rows) {
    auto report = ImportCells(*registry_, *observations_, config_,
                              Write(name, std::string(kCellHeader) + std::string(rows)), {});
    EXPECT_TRUE(report.ok()) << report.status().ToString();
    return report.ok() ? *report : CellsImportReport{};
  }

  EventsImportReport ImportEventsText(const std::string& operator_id, const std::string& name,
                                      std::string_view rows) {
    EventsImportOptions options;
    options.clock = &clock_;
    options.temp_dir = dir_.string();
    auto report = ImportEvents(*registry_, *observations_, config_, operator_id,
                               Write(name, std::string(kEventHeader) + std::string(rows)), options);
    EXPECT_TRUE(report.ok()) << report.status().ToString();
    return report.ok() ? *report : EventsImportReport{};
  }

  std::vector<store::TravelEvidence> Evidence() {
    std::vector<store::TravelEvidence> out;
    store::DateWindow window{*DateFromCivil(2026, 1, 1), *DateFromCivil(2026, 12, 31)};
    EXPECT_TRUE(observations_
                    ->ScanTravelEvidence(window,
                                         [&](const store::TravelEvidence& e) {
                                           out.push_back(e);
                                           return Status::Ok();
                                         })
                    .ok());
    return out;
  }

  std::vector<store::TravelState> States(std::vector<std::string> imeis) {
    std::vector<store::TravelState> out;
    EXPECT_TRUE(observations_
                    ->GetTravelState(imeis,
                                     [&](const store::TravelState& s) {
                                       out.push_back(s);
                                       return Status::Ok();
                                     })
                    .ok());
    return out;
  }

  std::int64_t Triplets(const std::string& operator_id) {
    std::int64_t n = 0;
    store::DateWindow window{*DateFromCivil(2026, 1, 1), *DateFromCivil(2026, 12, 31)};
    EXPECT_TRUE(observations_
                    ->ScanTriplets(operator_id, window,
                                   [&](const store::TripletMonth&) {
                                     ++n;
                                     return Status::Ok();
                                   })
                    .ok());
    return n;
  }

  ManualClock clock_{1'780'000'000};  // 2026-05-28
  config::Config config_ = TwoOperatorDemoConfig();
  fs::path dir_;
  std::unique_ptr<store::RegistryStore> registry_;
  std::unique_ptr<store::ObservationStore> observations_;
};

// --- cells ------------------------------------------------------------------------------------

TEST_F(EventsImportTest, CellsGoodFileUpsertsEveryCell) {
  CellsImportReport report = ImportCellsText("cells.csv", kCells);
  ASSERT_TRUE(report.accepted) << report.summary;
  EXPECT_EQ(report.rows, 3);
  EXPECT_EQ(observations_->CountCells().value(), 3);
  auto cell = observations_->FindCell("999-02-2-1").value();
  ASSERT_TRUE(cell.has_value());
  EXPECT_DOUBLE_EQ(cell->lat, 41.3874);
  EXPECT_DOUBLE_EQ(cell->lon, 2.1686);
  EXPECT_EQ(cell->range_m, 1000);
  EXPECT_EQ(cell->radio, "LTE");
}

TEST_F(EventsImportTest, CellsSecondFileReplacesByCellId) {
  ASSERT_TRUE(ImportCellsText("cells.csv", kCells).accepted);
  CellsImportReport report =
      ImportCellsText("cells2.csv",
                      "NR,999,02,2,1,,2.0,41.0,50,5,1,1,2,\nGSM,999,01,3,3,,1,1,1,1,"
                      "0,1,2,-90\n");
  ASSERT_TRUE(report.accepted) << report.summary;
  EXPECT_EQ(observations_->CountCells().value(), 4);
  EXPECT_EQ(observations_->FindCell("999-02-2-1").value()->radio, "NR");
}

TEST_F(EventsImportTest, CellsBadFileChangesNothingAndNamesLineColumnAndRule) {
  ASSERT_TRUE(ImportCellsText("cells.csv", kCells).accepted);
  CellsImportReport report = ImportCellsText(
      "bad.csv",
      "LTE,999,01,9,9,,-3.7,40.4,1000,5,1,1,2,\nLTE,999,01,1,1,,-3.7,95.0,1000,5,1,1,2,\n");
  EXPECT_FALSE(report.accepted);
  ASSERT_EQ(report.errors.size(), 1u);
  EXPECT_EQ(report.errors[0].line, 3);
  EXPECT_EQ(report.errors[0].column, 8);
  EXPECT_EQ(report.errors[0].rule, "bad_lat");
  EXPECT_EQ(report.errors[0].ToString().substr(0, 12), "bad.csv:3:8 ");
  EXPECT_EQ(observations_->CountCells().value(), 3);
  EXPECT_FALSE(observations_->FindCell("999-01-9-9").value().has_value());
  EXPECT_DOUBLE_EQ(observations_->FindCell("999-01-1-1").value()->lat, 40.4168);
}

TEST_F(EventsImportTest, CellsCsvSyntaxErrorIsListedWithItsLine) {
  CellsImportReport report =
      ImportCellsText("bad.csv", "LTE,999,01,9,9,,-3.7,40.4,1000,5,1,1,2,\n\"LTE,999\n");
  EXPECT_FALSE(report.accepted);
  ASSERT_FALSE(report.errors.empty());
  EXPECT_EQ(report.errors[0].rule, "csv_unterminated_quote");
  EXPECT_EQ(report.errors[0].line, 3);
  EXPECT_EQ(observations_->CountCells().value(), 0);
}

TEST_F(EventsImportTest, CellsReimportIsRefused) {
  ASSERT_TRUE(ImportCellsText("cells.csv", kCells).accepted);
  CellsImportReport again = ImportCellsText("cells.csv", kCells);
  EXPECT_FALSE(again.accepted);
  ASSERT_EQ(again.errors.size(), 1u);
  EXPECT_EQ(again.errors[0].rule, "already_imported");
}

// --- events -----------------------------------------------------------------------------------

TEST_F(EventsImportTest, FlagsTwoImsisInTwoCitiesHalfAnHourApart) {
  ASSERT_TRUE(ImportCellsText("cells.csv", kCells).accepted);
  EventsImportReport report = ImportEventsText(
      "op1", "op1_20260105_20260105.events.csv",
      "2026-01-05T10:00:00Z,35123456789012,999011111111111,999100000001,006,999-01-1-1\n"
      "2026-01-05T10:30:00Z,35123456789012,999012222222222,999100000002,006,999-02-2-1\n"
      "2026-01-05T10:40:00Z,35123456789099,999013333333333,999100000003,006,999-01-1-2\n");
  ASSERT_TRUE(report.accepted) << report.summary;
  EXPECT_EQ(report.rows, 3);
  EXPECT_EQ(report.evidence, 1);
  EXPECT_EQ(report.travel_imeis, 2);
  EXPECT_EQ(Triplets("op1"), 3);
  std::vector<store::TravelEvidence> evidence = Evidence();
  ASSERT_EQ(evidence.size(), 1u);
  const store::TravelEvidence& e = evidence[0];
  EXPECT_EQ(e.imei_norm, kImei);
  EXPECT_EQ(e.first.imsi, "999011111111111");
  EXPECT_EQ(e.first.cell_id, "999-01-1-1");
  EXPECT_EQ(e.first.operator_id, "op1");
  EXPECT_EQ(e.first.time, 1767607200);
  EXPECT_EQ(e.second.imsi, "999012222222222");
  EXPECT_EQ(e.second.cell_id, "999-02-2-1");
  EXPECT_EQ(e.second.time, 1767607200 + 1800);
  EXPECT_NEAR(e.distance_km, 505, 3);
  EXPECT_NEAR(e.speed_kmh, 1010, 6);
  std::vector<store::TravelState> states = States({kImei});
  ASSERT_EQ(states.size(), 1u);
  ASSERT_EQ(states[0].points.size(), 2u);
  EXPECT_EQ(states[0].points[0].imsi, "999012222222222");  // newest first
}

TEST_F(EventsImportTest, NeighbouringCellsAreNotFlagged) {
  ASSERT_TRUE(ImportCellsText("cells.csv", kCells).accepted);
  EventsImportReport report =
      ImportEventsText("op1", "op1_20260105_20260105.events.csv",
                       "2026-01-05T10:00:00Z,35123456789012,999011111111111,,006,999-01-1-1\n"
                       "2026-01-05T10:00:05Z,35123456789012,999012222222222,,006,999-01-1-2\n");
  ASSERT_TRUE(report.accepted) << report.summary;
  EXPECT_EQ(report.evidence, 0);
  EXPECT_TRUE(Evidence().empty());
}

TEST_F(EventsImportTest, SameImsiFarApartIsNotFlagged) {
  ASSERT_TRUE(ImportCellsText("cells.csv", kCells).accepted);
  EventsImportReport report =
      ImportEventsText("op1", "op1_20260105_20260105.events.csv",
                       "2026-01-05T10:00:00Z,35123456789012,999011111111111,,006,999-01-1-1\n"
                       "2026-01-05T10:05:00Z,35123456789012,999011111111111,,006,999-02-2-1\n");
  ASSERT_TRUE(report.accepted) << report.summary;
  EXPECT_EQ(report.evidence, 0);
}

TEST_F(EventsImportTest, DetectsAcrossFilesOfDifferentDays) {
  ASSERT_TRUE(ImportCellsText("cells.csv", kCells).accepted);
  ASSERT_TRUE(ImportEventsText("op1", "op1_20260105_20260105.events.csv",
                               "2026-01-05T23:50:00Z,35123456789012,999011111111111,,,999-01-1-1\n")
                  .accepted);
  EXPECT_TRUE(Evidence().empty());
  EventsImportReport report =
      ImportEventsText("op1", "op1_20260106_20260106.events.csv",
                       "2026-01-06T00:10:00Z,35123456789012,999012222222222,,,999-02-2-1\n");
  ASSERT_TRUE(report.accepted) << report.summary;
  EXPECT_EQ(report.evidence, 1);
  std::vector<store::TravelEvidence> evidence = Evidence();
  ASSERT_EQ(evidence.size(), 1u);
  EXPECT_EQ(evidence[0].first.imsi, "999011111111111");
  EXPECT_EQ(evidence[0].second.imsi, "999012222222222");
}

TEST_F(EventsImportTest, DetectsAcrossOperators) {
  ASSERT_TRUE(ImportCellsText("cells.csv", kCells).accepted);
  ASSERT_TRUE(ImportEventsText("op1", "op1_20260105_20260105.events.csv",
                               "2026-01-05T10:00:00Z,35123456789012,999011111111111,,,999-01-1-1\n")
                  .accepted);
  EventsImportReport report =
      ImportEventsText("op2", "op2_20260105_20260105.events.csv",
                       "2026-01-05T10:20:00Z,35123456789012,999022222222222,,,999-02-2-1\n");
  ASSERT_TRUE(report.accepted) << report.summary;
  std::vector<store::TravelEvidence> evidence = Evidence();
  ASSERT_EQ(evidence.size(), 1u);
  EXPECT_EQ(evidence[0].first.operator_id, "op1");
  EXPECT_EQ(evidence[0].second.operator_id, "op2");
  EXPECT_EQ(Triplets("op1"), 1);
  EXPECT_EQ(Triplets("op2"), 1);
}

TEST_F(EventsImportTest, AnEarlierDayImportedLaterIsStillCompared) {
  ASSERT_TRUE(ImportCellsText("cells.csv", kCells).accepted);
  ASSERT_TRUE(ImportEventsText("op1", "op1_20260106_20260106.events.csv",
                               "2026-01-06T00:10:00Z,35123456789012,999012222222222,,,999-02-2-1\n")
                  .accepted);
  EventsImportReport report =
      ImportEventsText("op1", "op1_20260105_20260105.events.csv",
                       "2026-01-05T23:50:00Z,35123456789012,999011111111111,,,999-01-1-1\n");
  ASSERT_TRUE(report.accepted) << report.summary;
  std::vector<store::TravelEvidence> evidence = Evidence();
  ASSERT_EQ(evidence.size(), 1u);
  EXPECT_EQ(evidence[0].first.imsi, "999011111111111");  // the earlier event comes first
}

TEST_F(EventsImportTest, UnknownCellsAreCountedAndNotUsedForTravel) {
  ASSERT_TRUE(ImportCellsText("cells.csv", kCells).accepted);
  EventsImportReport report =
      ImportEventsText("op1", "op1_20260105_20260105.events.csv",
                       "2026-01-05T10:00:00Z,35123456789012,999011111111111,,,999-01-1-1\n"
                       "2026-01-05T10:10:00Z,35123456789012,999012222222222,,,999-02-77-77\n"
                       "2026-01-05T10:20:00Z,35123456789012,999013333333333,,,\n");
  ASSERT_TRUE(report.accepted) << report.summary;
  EXPECT_EQ(report.events_unknown_cell, 1);
  EXPECT_EQ(report.events_without_cell, 1);
  ASSERT_EQ(report.unknown_cells.size(), 1u);
  EXPECT_EQ(report.unknown_cells[0], "999-02-77-77");
  EXPECT_NE(report.summary.find("999-02-77-77"), std::string::npos);
  EXPECT_EQ(report.travel_events, 1);
  EXPECT_EQ(report.evidence, 0);
  EXPECT_EQ(Triplets("op1"), 3);  // every event still counts for triplets
}

TEST_F(EventsImportTest, ReimportIsRefused) {
  ASSERT_TRUE(ImportCellsText("cells.csv", kCells).accepted);
  std::string rows = "2026-01-05T10:00:00Z,35123456789012,999011111111111,,,999-01-1-1\n";
  ASSERT_TRUE(ImportEventsText("op1", "op1_20260105_20260105.events.csv", rows).accepted);
  EventsImportReport again = ImportEventsText("op1", "op1_20260105_20260105.events.csv", rows);
  EXPECT_FALSE(again.accepted);
  ASSERT_EQ(again.errors.size(), 1u);
  EXPECT_EQ(again.errors[0].rule, "already_imported");
}

TEST_F(EventsImportTest, ARejectedFileChangesNothing) {
  ASSERT_TRUE(ImportCellsText("cells.csv", kCells).accepted);
  EventsImportReport report =
      ImportEventsText("op1", "op1_20260105_20260105.events.csv",
                       "2026-01-05T10:00:00Z,35123456789012,999011111111111,,,999-01-1-1\n"
                       "2026-01-05T10:30:00Z,35123456789012,999012222222222,,,999-02-2-1\n"
                       "2026-01-06T10:30:00Z,35123456789012,999012222222222,,,999-02-2-1\n");
  EXPECT_FALSE(report.accepted);
  ASSERT_EQ(report.errors.size(), 1u);
  EXPECT_EQ(report.errors[0].line, 4);
  EXPECT_EQ(report.errors[0].column, 1);
  EXPECT_EQ(report.errors[0].rule, "timestamp_outside_range");
  EXPECT_TRUE(Evidence().empty());
  EXPECT_TRUE(States({kImei}).empty());
  EXPECT_EQ(Triplets("op1"), 0);
  EXPECT_FALSE(
      observations_
          ->FindImport(
              store::ObservationImportKind::kEvents, "op1",
              io::Sha256OfFile((dir_ / "op1_20260105_20260105.events.csv").string()).value())
          .value()
          .has_value());
}

TEST_F(EventsImportTest, FileNameRulesRejectBeforeReading) {
  struct Case {
    std::string operator_id;
    std::string name;
    std::string rule;
  };
  const Case cases[] = {
      {"op1", "op1_20260105_20260105.csv", "bad_file_name"},
      {"op1", "op2_20260105_20260105.events.csv", "operator_mismatch"},
      {"op1", "op1_20260105_20260199.events.csv", "bad_file_date"},
      {"op1", "op1_20260106_20260105.events.csv", "bad_date_range"},
      {"op1", "op1_20260105_20261231.events.csv", "date_range_in_future"},
      {"op9", "op9_20260105_20260105.events.csv", "unknown_operator"},
  };
  for (const Case& c : cases) {
    EventsImportReport report = ImportEventsText(
        c.operator_id, c.name, "2026-01-05T10:00:00Z,35123456789012,999011111111111,,,\n");
    EXPECT_FALSE(report.accepted) << c.name;
    ASSERT_EQ(report.errors.size(), 1u) << c.name;
    EXPECT_EQ(report.errors[0].rule, c.rule) << c.name;
  }
}

TEST_F(EventsImportTest, CompressedNamesAreAccepted) {
  EventsFileNameCheck check =
      CheckEventsFileName("op1_20260105_20260106.events.csv.gz", "op1", *DateFromCivil(2026, 2, 1));
  EXPECT_TRUE(check.ok) << check.message;
  EXPECT_EQ(check.first_day, *DateFromCivil(2026, 1, 5));
  EXPECT_EQ(check.last_day, *DateFromCivil(2026, 1, 6));
}

}  // namespace
}  // namespace openceir::events
