// The observation store conformance suite (see observation_store_conformance.h).
#include "openceir/store/testing/observation_store_conformance.h"

#include <fmt/format.h>
#include <fmt/ranges.h>
#include <gmock/gmock.h>

#include <algorithm>
#include <map>
#include <tuple>
#include <vector>

#include "openceir/store/daily_sketches.h"

GTEST_ALLOW_UNINSTANTIATED_PARAMETERIZED_TEST(ObservationStoreConformanceTest);

namespace openceir::store::testing {

using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::IsEmpty;

std::string ObservationStoreBackendName(
    const ::testing::TestParamInfo<ObservationStoreBackend>& info) {
  return info.param.name;
}

void ObservationStoreConformanceTest::SetUp() {
  auto database = GetParam().create_database();
  ASSERT_TRUE(database.ok()) << database.status().ToString();
  database_ = std::move(database).value();
  auto store = database_->Open(&clock_);
  ASSERT_TRUE(store.ok()) << store.status().ToString();
  store_ = std::move(store).value();
  Status migrated = store_->Migrate();
  ASSERT_TRUE(migrated.ok()) << migrated.ToString();
}

namespace {

Date D(int year, int month, int day) { return DateFromCivil(year, month, day).value(); }

// A triplet of one month seen on `days` (all in one month).
TripletMonth T(const std::string& op, const std::string& imei, const std::string& imsi,
               const std::string& msisdn, std::initializer_list<Date> days, RatMask rat = 1,
               std::uint8_t imsi_class = kImsiLocalSubscriber) {
  TripletMonth t;
  t.operator_id = op;
  t.month = MonthOf(*days.begin());
  t.imei_norm = imei;
  t.imsi = imsi;
  t.msisdn = msisdn;
  t.first_seen = *std::min_element(days.begin(), days.end());
  t.last_seen = *std::max_element(days.begin(), days.end());
  for (Date day : days) t.day_mask |= DayMask{1} << (day.days - FirstDayOf(t.month).days);
  t.rat_mask = rat;
  t.imsi_class = imsi_class;
  return t;
}

// "op 202611 imei imsi msisdn 2026-11-01..2026-11-03 mask=0x5 rat=1 class=1".
std::string Show(const TripletMonth& t) {
  return fmt::format("{} {} {} {} {} {}..{} mask={:#x} rat={} class={}", t.operator_id,
                     FormatMonth(t.month), t.imei_norm, t.imsi, t.msisdn,
                     FormatIsoDate(t.first_seen), FormatIsoDate(t.last_seen), t.day_mask,
                     t.rat_mask, t.imsi_class);
}

ObservationImport Import(const std::string& op, const std::string& sha,
                         ObservationImportKind kind = ObservationImportKind::kOperatorData,
                         Date first = D(2026, 11, 1), Date last = D(2026, 11, 30)) {
  ObservationImport import;
  import.job_id = 7;
  import.kind = kind;
  import.operator_id = op;
  import.file_sha256 = sha;
  import.first_day = first;
  import.last_day = last;
  import.rows = 42;
  return import;
}

// Merges `triplets` in one batch and commits it as file `sha`.
Status CommitTriplets(ObservationStore& store, const std::vector<TripletMonth>& triplets,
                      const std::string& sha) {
  OPENCEIR_ASSIGN_OR_RETURN(auto batch, store.BeginBatch());
  OPENCEIR_RETURN_IF_ERROR(batch->MergeTriplets(triplets));
  return batch->Commit(Import(triplets.empty() ? "op1" : triplets[0].operator_id, sha));
}

std::vector<std::string> ScanShown(ObservationStore& store, const std::string& op,
                                   DateWindow window) {
  std::vector<std::string> rows;
  Status status = store.ScanTriplets(op, window, [&rows](const TripletMonth& t) {
    rows.push_back(Show(t));
    return Status::Ok();
  });
  EXPECT_TRUE(status.ok()) << status.ToString();
  return rows;
}

const DateWindow kNovember{D(2026, 11, 1), D(2026, 11, 30)};
const std::string kImeiA = "35209900176148";
const std::string kImeiB = "35209900176149";

}  // namespace

TEST_P(ObservationStoreConformanceTest, MigrateIsIdempotent) {
  ASSERT_EQ(store().SchemaVersion().value(), ObservationStore::LatestSchemaVersion());
  ASSERT_TRUE(store().Migrate().ok());
  EXPECT_EQ(store().SchemaVersion().value(), ObservationStore::LatestSchemaVersion());
}

TEST_P(ObservationStoreConformanceTest, FreshDatabaseIsAtVersionZero) {
  auto fresh = GetParam().create_database().value();
  auto store = fresh->Open(&clock()).value();
  EXPECT_EQ(store->SchemaVersion().value(), 0);
}

TEST_P(ObservationStoreConformanceTest, MergeOrsMasksAndWidensTheSeenRange) {
  ASSERT_TRUE(CommitTriplets(
                  store(),
                  {T("op1", kImeiA, "214011", "346001", {D(2026, 11, 3)}, 1, kImsiLocalSubscriber)},
                  "f1")
                  .ok());
  ASSERT_TRUE(CommitTriplets(store(),
                             {T("op1", kImeiA, "214011", "346001", {D(2026, 11, 1), D(2026, 11, 9)},
                                4, kImsiInboundRoamer)},
                             "f2")
                  .ok());
  EXPECT_THAT(ScanShown(store(), "op1", kNovember),
              ElementsAre("op1 202611 35209900176148 214011 346001 2026-11-01..2026-11-09 "
                          "mask=0x105 rat=5 class=3"));
}

TEST_P(ObservationStoreConformanceTest, MergeCombinesDuplicatesWithinOneCallInAnyOrder) {
  ASSERT_TRUE(CommitTriplets(store(),
                             {T("op1", kImeiB, "214012", "", {D(2026, 11, 5)}),
                              T("op1", kImeiA, "214011", "346001", {D(2026, 11, 2)}, 2),
                              T("op1", kImeiA, "214011", "346001", {D(2026, 11, 1)}, 8),
                              T("op1", kImeiB, "214012", "", {D(2026, 11, 4)})},
                             "f1")
                  .ok());
  EXPECT_THAT(ScanShown(store(), "op1", kNovember),
              ElementsAre("op1 202611 35209900176148 214011 346001 2026-11-01..2026-11-02 "
                          "mask=0x3 rat=10 class=1",
                          "op1 202611 35209900176149 214012  2026-11-04..2026-11-05 "
                          "mask=0x18 rat=1 class=1"));
}

TEST_P(ObservationStoreConformanceTest, OneMergeMayMixOperatorsAndMonths) {
  ASSERT_TRUE(CommitTriplets(store(),
                             {T("op2", kImeiA, "214011", "346001", {D(2026, 11, 7)}, 2),
                              T("op1", kImeiB, "214011", "", {D(2026, 12, 1)}),
                              T("op1", kImeiA, "214011", "346001", {D(2026, 11, 3)}),
                              T("op10", kImeiA, "214011", "346001", {D(2026, 11, 3)}, 8)},
                             "f1")
                  .ok());
  EXPECT_THAT(
      ScanShown(store(), "op1", {D(2026, 11, 1), D(2026, 12, 31)}),
      ElementsAre(HasSubstr("op1 202611 35209900176148"), HasSubstr("op1 202612 35209900176149")));
  EXPECT_THAT(ScanShown(store(), "op10", kNovember), ElementsAre(HasSubstr("rat=8")));
  EXPECT_THAT(ScanShown(store(), "", {D(2026, 11, 1), D(2026, 12, 31)}),
              ElementsAre(" 202611 35209900176148 214011 346001 2026-11-03..2026-11-07 "
                          "mask=0x44 rat=11 class=1",
                          " 202612 35209900176149 214011  2026-12-01..2026-12-01 "
                          "mask=0x1 rat=1 class=1"));
  std::vector<std::string> operators;
  ASSERT_TRUE(store()
                  .ScanImeiSummaries(kNovember,
                                     [&operators](const ImeiSummary& s) {
                                       operators = s.operators;
                                       return Status::Ok();
                                     })
                  .ok());
  EXPECT_THAT(operators, ElementsAre("op1", "op10", "op2"));
}

TEST_P(ObservationStoreConformanceTest, CountryRowsMergeEveryOperator) {
  ASSERT_TRUE(CommitTriplets(
                  store(),
                  {T("op1", kImeiA, "214011", "346001", {D(2026, 11, 3)}, 1, kImsiLocalSubscriber),
                   T("op1", kImeiA, "214011", "346002", {D(2026, 11, 4)})},
                  "f1")
                  .ok());
  ASSERT_TRUE(CommitTriplets(
                  store(),
                  {T("op2", kImeiA, "214011", "346001", {D(2026, 11, 7)}, 2, kImsiLocalNonMember)},
                  "f2")
                  .ok());
  EXPECT_THAT(ScanShown(store(), "", kNovember),
              ElementsAre(" 202611 35209900176148 214011 346001 2026-11-03..2026-11-07 "
                          "mask=0x44 rat=3 class=5",
                          " 202611 35209900176148 214011 346002 2026-11-04..2026-11-04 "
                          "mask=0x8 rat=1 class=1"));
  EXPECT_THAT(ScanShown(store(), "op2", kNovember),
              ElementsAre("op2 202611 35209900176148 214011 346001 2026-11-07..2026-11-07 "
                          "mask=0x40 rat=2 class=4"));
}

// A country row is the fold of every operator's row of the key, whole, and is in a window when
// the fold has a day in it: one operator's days outside the window still count for first_seen.
TEST_P(ObservationStoreConformanceTest, CountryRowsAreFoldedBeforeTheWindowFilter) {
  ASSERT_TRUE(CommitTriplets(store(),
                             {T("op1", kImeiA, "214011", "346001", {D(2026, 11, 3)}),
                              T("op1", kImeiA, "214011", "346002", {D(2026, 11, 4)})},
                             "f1")
                  .ok());
  ASSERT_TRUE(
      CommitTriplets(store(), {T("op2", kImeiA, "214011", "346001", {D(2026, 11, 7)}, 2)}, "f2")
          .ok());
  const DateWindow from_fifth{D(2026, 11, 5), D(2026, 11, 30)};
  EXPECT_THAT(ScanShown(store(), "", from_fifth),
              ElementsAre(" 202611 35209900176148 214011 346001 2026-11-03..2026-11-07 "
                          "mask=0x44 rat=3 class=1"));
  EXPECT_THAT(ScanShown(store(), "op1", from_fifth), ElementsAre());
}

TEST_P(ObservationStoreConformanceTest, NetworkImeisKeepFirstAndLastSeenEverAndRats) {
  ASSERT_TRUE(
      CommitTriplets(store(), {T("op1", kImeiA, "214011", "", {D(2026, 11, 20)}, 4)}, "f1").ok());
  ASSERT_TRUE(CommitTriplets(store(),
                             {T("op2", kImeiA, "214012", "", {D(2026, 10, 2)}, 1),
                              T("op2", kImeiA, "214012", "", {D(2026, 12, 24)}, 2),
                              T("op2", kImeiB, "", "346001", {D(2026, 12, 1)}, 8)},
                             "f2")
                  .ok());
  auto found = store().FindNetworkImei(kImeiA);
  ASSERT_TRUE(found.ok()) << found.status().ToString();
  ASSERT_TRUE(found->has_value());
  EXPECT_EQ((*found)->imei_norm, kImeiA);
  EXPECT_EQ((*found)->first_seen, D(2026, 10, 2));
  EXPECT_EQ((*found)->last_seen, D(2026, 12, 24));
  EXPECT_EQ((*found)->rat_mask, 7u);
  EXPECT_EQ(store().CountNetworkImeis().value(), 2);
  EXPECT_FALSE(store().FindNetworkImei("99999999999999").value().has_value());
}

TEST_P(ObservationStoreConformanceTest, MergeRejectsBadTripletsAndWritesNothing) {
  TripletMonth no_operator = T("", kImeiA, "214011", "", {D(2026, 11, 3)});
  TripletMonth no_day = T("op1", kImeiA, "214011", "", {D(2026, 11, 3)});
  no_day.day_mask = 0;
  TripletMonth past_end = T("op1", kImeiA, "214011", "", {D(2026, 11, 3)});
  past_end.day_mask |= DayMask{1} << 30;  // 31 November
  for (const TripletMonth& bad : {no_operator, no_day, past_end}) {
    SCOPED_TRACE(Show(bad));
    auto batch = store().BeginBatch().value();
    Status status = batch->MergeTriplets(
        std::vector<TripletMonth>{T("op1", kImeiB, "214012", "", {D(2026, 11, 2)}), bad});
    EXPECT_EQ(status.code(), StatusCode::kInvalidInput) << status.ToString();
    EXPECT_THAT(status.message(), HasSubstr("triplet 1"));
    ASSERT_TRUE(batch->Commit(Import("op1", "sha-" + Show(bad))).ok());
  }
  EXPECT_THAT(ScanShown(store(), "op1", kNovember), IsEmpty());
  EXPECT_EQ(store().CountNetworkImeis().value(), 0);
}

TEST_P(ObservationStoreConformanceTest, ScanTripletsKeepsRowsWithADayInTheWindowInKeyOrder) {
  ASSERT_TRUE(CommitTriplets(store(),
                             {T("op1", kImeiB, "214011", "", {D(2026, 10, 30)}),
                              T("op1", kImeiA, "214012", "", {D(2026, 11, 2)}),
                              T("op1", kImeiA, "214011", "346001", {D(2026, 11, 1)}),
                              T("op1", kImeiA, "214011", "346001", {D(2026, 10, 31)}),
                              T("op1", kImeiA, "214011", "", {D(2026, 10, 5), D(2026, 10, 29)}),
                              T("op1", kImeiA, "214011", "", {D(2026, 12, 1)})},
                             "f1")
                  .ok());
  ASSERT_TRUE(
      CommitTriplets(store(), {T("op2", kImeiA, "214011", "", {D(2026, 11, 1)})}, "f2").ok());
  // The window cuts both months: 5 October (the first row) is out, 29 October is in.
  EXPECT_THAT(ScanShown(store(), "op1", {D(2026, 10, 6), D(2026, 11, 1)}),
              ElementsAre(HasSubstr("202610 35209900176148 214011  2026-10-05..2026-10-29"),
                          HasSubstr("202610 35209900176148 214011 346001"),
                          HasSubstr("202611 35209900176148 214011 346001"),
                          HasSubstr("202610 35209900176149 214011 ")));
  EXPECT_THAT(ScanShown(store(), "op1", {D(2026, 11, 3), D(2026, 11, 30)}), IsEmpty());
  EXPECT_THAT(ScanShown(store(), "op1", {D(2026, 12, 1), D(2027, 3, 1)}),
              ElementsAre(HasSubstr("202612 35209900176148 214011 ")));
  EXPECT_THAT(ScanShown(store(), "op3", {D(2026, 1, 1), D(2026, 12, 31)}), IsEmpty());
}

TEST_P(ObservationStoreConformanceTest, DailyCountsMergeRowsAndSketches) {
  auto counts_of = [](int from, int to, std::int64_t rows, Date day) {
    DailySketches sketches;
    for (int i = from; i < to; ++i) {
      sketches.imeis.Add(fmt::format("imei{}", i));
      sketches.imsis.Add(fmt::format("imsi{}", i % 100));
      sketches.msisdns.Add(fmt::format("msisdn{}", i));
      sketches.triplets.Add(fmt::format("t{}", i));
    }
    DailyCounts counts;
    counts.operator_id = "op1";
    counts.day = day;
    counts.rows = rows;
    sketches.FillCounts(&counts);
    return counts;
  };
  const Date day = D(2026, 11, 3);
  auto first = store().BeginBatch().value();
  ASSERT_TRUE(first
                  ->MergeDailyCounts(std::vector{counts_of(0, 1000, 1500, day),
                                                 counts_of(0, 10, 10, D(2026, 11, 5))})
                  .ok());
  ASSERT_TRUE(first->Commit(Import("op1", "f1")).ok());
  auto second = store().BeginBatch().value();
  ASSERT_TRUE(second->MergeDailyCounts(std::vector{counts_of(500, 1500, 700, day)}).ok());
  ASSERT_TRUE(second->Commit(Import("op1", "f2")).ok());

  const DailyCounts expected = counts_of(0, 1500, 2200, day);
  std::vector<DailyCounts> seen;
  ASSERT_TRUE(store()
                  .ScanDailyCounts("op1", {D(2026, 11, 2), D(2026, 11, 4)},
                                   [&seen](const DailyCounts& c) {
                                     seen.push_back(c);
                                     return Status::Ok();
                                   })
                  .ok());
  ASSERT_EQ(seen.size(), 1u);
  EXPECT_EQ(seen[0].operator_id, "op1");
  EXPECT_EQ(seen[0].day, day);
  EXPECT_EQ(seen[0].rows, 2200);
  EXPECT_EQ(seen[0].imeis, expected.imeis);
  EXPECT_EQ(seen[0].imsis, expected.imsis);
  EXPECT_EQ(seen[0].msisdns, expected.msisdns);
  EXPECT_EQ(seen[0].triplets, expected.triplets);
  EXPECT_EQ(seen[0].sketches, expected.sketches);
  EXPECT_NEAR(static_cast<double>(seen[0].imeis), 1500, 1500 * 0.05);

  std::vector<Date> days;
  ASSERT_TRUE(store()
                  .ScanDailyCounts("op1", {D(2026, 11, 1), D(2026, 11, 30)},
                                   [&days](const DailyCounts& c) {
                                     days.push_back(c.day);
                                     return Status::Ok();
                                   })
                  .ok());
  EXPECT_THAT(days, ElementsAre(D(2026, 11, 3), D(2026, 11, 5)));
}

TEST_P(ObservationStoreConformanceTest, DailyCountsWithABrokenSketchAreRefused) {
  DailyCounts counts;
  counts.operator_id = "op1";
  counts.day = D(2026, 11, 3);
  counts.rows = 5;
  counts.sketches = "not a sketch";
  auto batch = store().BeginBatch().value();
  Status status = batch->MergeDailyCounts(std::vector{counts});
  EXPECT_EQ(status.code(), StatusCode::kInvalidInput);
  EXPECT_THAT(status.message(), HasSubstr("op1"));
}

TEST_P(ObservationStoreConformanceTest, CellsAreUpsertedByCellId) {
  auto batch = store().BeginBatch().value();
  ASSERT_TRUE(batch
                  ->UpsertCells(std::vector<Cell>{{"214-01-100-2", "LTE", 40.4168, -3.7038, 1000},
                                                  {"214-01-100-1", "GSM", 41.3874, 2.1686, 3000}})
                  .ok());
  ASSERT_TRUE(batch->Commit(Import("", "cells1", ObservationImportKind::kCells)).ok());
  batch = store().BeginBatch().value();
  ASSERT_TRUE(
      batch->UpsertCells(std::vector<Cell>{{"214-01-100-2", "NR", -33.8688, 151.2093, 250}}).ok());
  ASSERT_TRUE(batch->Commit(Import("", "cells2", ObservationImportKind::kCells)).ok());

  EXPECT_EQ(store().CountCells().value(), 2);
  auto cell = store().FindCell("214-01-100-2").value();
  ASSERT_TRUE(cell.has_value());
  EXPECT_EQ(cell->radio, "NR");
  EXPECT_EQ(cell->lat, -33.8688);
  EXPECT_EQ(cell->lon, 151.2093);
  EXPECT_EQ(cell->range_m, 250);
  EXPECT_FALSE(store().FindCell("214-01-100-3").value().has_value());
  std::vector<std::string> ids;
  ASSERT_TRUE(store()
                  .ScanCells([&ids](const Cell& c) {
                    ids.push_back(c.cell_id);
                    return Status::Ok();
                  })
                  .ok());
  EXPECT_THAT(ids, ElementsAre("214-01-100-1", "214-01-100-2"));
}

namespace {

TravelPoint Point(std::int64_t time, const std::string& imsi, const std::string& cell, double lat,
                  double lon) {
  return {time, imsi, "op1", cell, lat, lon};
}

std::string ShowPoint(const TravelPoint& p) {
  return fmt::format("{}/{}/{}/{}/{}/{}", p.time, p.imsi, p.operator_id, p.cell_id, p.lat, p.lon);
}

std::map<std::string, std::vector<std::string>> TravelStates(
    ObservationStore& store, const std::vector<std::string>& imeis) {
  std::map<std::string, std::vector<std::string>> states;
  Status status = store.GetTravelState(imeis, [&states](const TravelState& state) {
    auto& points = states[state.imei_norm];
    for (const TravelPoint& p : state.points) points.push_back(ShowPoint(p));
    return Status::Ok();
  });
  EXPECT_TRUE(status.ok()) << status.ToString();
  return states;
}

}  // namespace

TEST_P(ObservationStoreConformanceTest, TravelStateIsReplacedPerImei) {
  auto batch = store().BeginBatch().value();
  std::vector<TravelState> states = {{kImeiA,
                                      {Point(1'790'000'100, "214011", "c1", 40.5, -3.25),
                                       Point(-5, "", "", 0.1 + 0.2, -179.999999)}},
                                     {kImeiB, {Point(1'790'000'000, "214012", "c2", 1, 2)}}};
  ASSERT_TRUE(batch->PutTravelState(states).ok());
  ASSERT_TRUE(batch->Commit(Import("op1", "e1", ObservationImportKind::kEvents)).ok());
  auto got = TravelStates(store(), {kImeiA, kImeiB, "00000000000000"});
  ASSERT_EQ(got.size(), 2u);
  EXPECT_THAT(got[kImeiA],
              ElementsAre(ShowPoint(states[0].points[0]), ShowPoint(states[0].points[1])));

  batch = store().BeginBatch().value();
  std::vector<TravelState> replacement = {{kImeiA, {Point(1'790'000'500, "214019", "c9", 3, 4)}}};
  ASSERT_TRUE(batch->PutTravelState(replacement).ok());
  ASSERT_TRUE(batch->Commit(Import("op1", "e2", ObservationImportKind::kEvents)).ok());
  got = TravelStates(store(), {kImeiA, kImeiB});
  EXPECT_THAT(got[kImeiA], ElementsAre(ShowPoint(replacement[0].points[0])));
  EXPECT_THAT(got[kImeiB], ElementsAre(ShowPoint(states[1].points[0])));
}

TEST_P(ObservationStoreConformanceTest, IdenticalTravelEvidenceIsStoredOnce) {
  const std::int64_t day = D(2026, 11, 3).days * std::int64_t{86'400};
  TravelEvidence e1{kImeiB, Point(day + 10, "214011", "c1", 40.4, -3.7),
                    Point(day + 3600, "214012", "c2", 41.4, 2.2), 505.2, 503.8};
  TravelEvidence e2 = e1;
  e2.imei_norm = kImeiA;
  TravelEvidence e3 = e1;
  e3.second.time = day + 86'400 + 60;  // the next day
  TravelEvidence e4 = e1;
  e4.second.imsi = "214013";
  auto batch = store().BeginBatch().value();
  ASSERT_TRUE(batch->AddTravelEvidence(std::vector{e1, e2, e3, e1}).ok());
  ASSERT_TRUE(batch->Commit(Import("op1", "e1", ObservationImportKind::kEvents)).ok());
  batch = store().BeginBatch().value();
  ASSERT_TRUE(batch->AddTravelEvidence(std::vector{e1, e4}).ok());
  ASSERT_TRUE(batch->Commit(Import("op1", "e2", ObservationImportKind::kEvents)).ok());

  auto scan = [this](DateWindow window) {
    std::vector<std::string> rows;
    EXPECT_TRUE(store()
                    .ScanTravelEvidence(window,
                                        [&rows](const TravelEvidence& e) {
                                          rows.push_back(fmt::format(
                                              "{} {} {} {} {}", e.imei_norm, ShowPoint(e.first),
                                              ShowPoint(e.second), e.distance_km, e.speed_kmh));
                                          return Status::Ok();
                                        })
                    .ok());
    return rows;
  };
  const std::string first = ShowPoint(e1.first);
  EXPECT_THAT(scan({D(2026, 11, 3), D(2026, 11, 3)}),
              ElementsAre(kImeiA + " " + first + " " + ShowPoint(e1.second) + " 505.2 503.8",
                          kImeiB + " " + first + " " + ShowPoint(e1.second) + " 505.2 503.8",
                          kImeiB + " " + first + " " + ShowPoint(e4.second) + " 505.2 503.8"));
  EXPECT_THAT(scan({D(2026, 11, 4), D(2026, 11, 30)}),
              ElementsAre(kImeiB + " " + first + " " + ShowPoint(e3.second) + " 505.2 503.8"));
}

TEST_P(ObservationStoreConformanceTest, CommitRecordsTheImportAndRefusesTheSameFileTwice) {
  ASSERT_TRUE(
      CommitTriplets(store(), {T("op1", kImeiA, "214011", "", {D(2026, 11, 3)})}, "sha1").ok());
  auto found = store().FindImport(ObservationImportKind::kOperatorData, "op1", "sha1").value();
  ASSERT_TRUE(found.has_value());
  EXPECT_EQ(found->job_id, 7);
  EXPECT_EQ(found->kind, ObservationImportKind::kOperatorData);
  EXPECT_EQ(found->operator_id, "op1");
  EXPECT_EQ(found->file_sha256, "sha1");
  EXPECT_EQ(found->first_day, D(2026, 11, 1));
  EXPECT_EQ(found->last_day, D(2026, 11, 30));
  EXPECT_EQ(found->rows, 42);
  EXPECT_FALSE(
      store().FindImport(ObservationImportKind::kEvents, "op1", "sha1").value().has_value());

  // The same file again: refused, and its rows are not applied.
  Status again =
      CommitTriplets(store(), {T("op1", kImeiB, "214011", "", {D(2026, 11, 4)})}, "sha1");
  EXPECT_EQ(again.code(), StatusCode::kAlreadyExists) << again.ToString();
  EXPECT_EQ(store().CountNetworkImeis().value(), 1);
  EXPECT_THAT(ScanShown(store(), "op1", kNovember), ElementsAre(HasSubstr(kImeiA)));
  // The same bytes from another operator are another import.
  EXPECT_TRUE(
      CommitTriplets(store(), {T("op2", kImeiB, "214011", "", {D(2026, 11, 4)})}, "sha1").ok());
}

TEST_P(ObservationStoreConformanceTest, ListImportsFindsImportsOverlappingTheRange) {
  for (auto [sha, first, last] : {std::tuple{"a", D(2026, 11, 1), D(2026, 11, 1)},
                                  std::tuple{"b", D(2026, 11, 2), D(2026, 11, 4)},
                                  std::tuple{"c", D(2026, 11, 6), D(2026, 11, 6)}}) {
    auto batch = store().BeginBatch().value();
    ASSERT_TRUE(
        batch->Commit(Import("op1", sha, ObservationImportKind::kOperatorData, first, last)).ok());
  }
  auto batch = store().BeginBatch().value();
  ASSERT_TRUE(batch->Commit(Import("op2", "d")).ok());
  auto imports =
      store()
          .ListImports(ObservationImportKind::kOperatorData, "op1", D(2026, 11, 4), D(2026, 11, 6))
          .value();
  std::vector<std::string> shas;
  for (const auto& import : imports) shas.push_back(import.file_sha256);
  EXPECT_THAT(shas, ElementsAre("b", "c"));
}

TEST_P(ObservationStoreConformanceTest, UncommittedBatchIsInvisibleAndRolledBack) {
  auto other = database().Open(&clock()).value();
  {
    auto batch = store().BeginBatch().value();
    ASSERT_TRUE(
        batch->MergeTriplets(std::vector{T("op1", kImeiA, "214011", "346001", {D(2026, 11, 3)})})
            .ok());
    Cell cell{"214-01-1-1", "LTE", 1, 2, 3};
    ASSERT_TRUE(batch->UpsertCells(std::vector{cell}).ok());
    // Readers are not blocked by the open batch, and do not see it.
    EXPECT_THAT(ScanShown(store(), "op1", kNovember), IsEmpty());
    EXPECT_THAT(ScanShown(*other, "", kNovember), IsEmpty());
    EXPECT_EQ(other->CountCells().value(), 0);
    EXPECT_EQ(store().CountNetworkImeis().value(), 0);
  }  // dropped without Commit
  EXPECT_EQ(other->CountNetworkImeis().value(), 0);
  EXPECT_EQ(store().CountCells().value(), 0);
  // The store takes new batches afterwards.
  ASSERT_TRUE(
      CommitTriplets(store(), {T("op1", kImeiB, "214011", "", {D(2026, 11, 4)})}, "f1").ok());
  EXPECT_THAT(ScanShown(*other, "op1", kNovember), ElementsAre(HasSubstr(kImeiB)));
}

TEST_P(ObservationStoreConformanceTest, BatchIsFinishedAfterCommit) {
  auto batch = store().BeginBatch().value();
  ASSERT_TRUE(batch->Commit(Import("op1", "f1")).ok());
  EXPECT_EQ(batch->MergeTriplets(std::vector{T("op1", kImeiA, "1", "", {D(2026, 11, 3)})}).code(),
            StatusCode::kFailedPrecondition);
  EXPECT_EQ(batch->Commit(Import("op1", "f2")).code(), StatusCode::kFailedPrecondition);
  EXPECT_FALSE(
      store().FindImport(ObservationImportKind::kOperatorData, "op1", "f2").value().has_value());
}

TEST_P(ObservationStoreConformanceTest, SummaryVisitorErrorStopsTheScan) {
  ASSERT_TRUE(CommitTriplets(store(),
                             {T("op1", kImeiA, "214011", "", {D(2026, 11, 3)}),
                              T("op1", kImeiB, "214011", "", {D(2026, 11, 3)})},
                             "f1")
                  .ok());
  int visits = 0;
  Status status = store().ScanImeiSummaries(kNovember, [&visits](const ImeiSummary&) {
    ++visits;
    return AbortedError("enough");
  });
  EXPECT_EQ(status.code(), StatusCode::kAborted);
  EXPECT_EQ(visits, 1);
}

}  // namespace openceir::store::testing
