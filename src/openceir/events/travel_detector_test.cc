#include "openceir/events/travel_detector.h"

#include <gtest/gtest.h>

#include <vector>

#include "openceir/store/observation_types.h"

namespace openceir::events {
namespace {

// Places (lat, lon).
constexpr double kMadrid[2] = {40.4168, -3.7038};
constexpr double kMadridNearby[2] = {40.4500, -3.6500};  // ~6 km away: a neighbouring cell
constexpr double kBarcelona[2] = {41.3874, 2.1686};      // ~505 km from Madrid
constexpr double kToledo[2] = {39.8628, -4.0273};        // ~67 km from Madrid

constexpr std::int64_t kT0 = 1'790'000'000;  // some instant in 2026
constexpr std::int64_t kHour = 3600;

TravelFix Fix(std::int64_t time, std::uint64_t subscriber, const double (&place)[2],
              std::uint32_t ref, double range_km = 0) {
  return TravelFix{time, subscriber, place[0], place[1], range_km, ref};
}

TEST(HaversineTest, KnownDistances) {
  EXPECT_NEAR(HaversineKm(kMadrid[0], kMadrid[1], kBarcelona[0], kBarcelona[1]), 505, 3);
  EXPECT_NEAR(HaversineKm(0, 0, 0, 180), 20015.1, 1);
  EXPECT_DOUBLE_EQ(HaversineKm(10, 20, 10, 20), 0);
  // Across the antimeridian: 0.2 degrees of longitude at the equator, not 359.8.
  EXPECT_NEAR(HaversineKm(0, 179.9, 0, -179.9), 22.24, 0.1);
}

TEST(TravelDetectorTest, FlagsTwoImsisTooFarApartForTheTime) {
  TravelDetector detector({});
  std::vector<TravelFix> state;
  std::vector<TravelFix> events = {Fix(kT0, 11, kMadrid, 0), Fix(kT0 + kHour, 22, kBarcelona, 1)};
  std::vector<TravelPair> evidence;
  detector.Run(&state, events, &evidence);
  ASSERT_EQ(evidence.size(), 1u);
  EXPECT_EQ(evidence[0].first_ref, 0u);
  EXPECT_EQ(evidence[0].second_ref, 1u);
  EXPECT_NEAR(evidence[0].distance_km, 505, 3);
  EXPECT_NEAR(evidence[0].speed_kmh, 505, 3);
}

TEST(TravelDetectorTest, DoesNotFlagWhenTheTimeAllowsTheTrip) {
  TravelDetector detector({});  // 300 km/h: Madrid-Barcelona needs ~1 h 41 min
  std::vector<TravelFix> state;
  std::vector<TravelFix> events = {Fix(kT0, 11, kMadrid, 0),
                                   Fix(kT0 + 2 * kHour, 22, kBarcelona, 1)};
  std::vector<TravelPair> evidence;
  detector.Run(&state, events, &evidence);
  EXPECT_TRUE(evidence.empty());
}

TEST(TravelDetectorTest, NeighbouringCellsAreNotFlaggedEvenAtTheSameSecond) {
  TravelDetector detector({});
  std::vector<TravelFix> state;
  std::vector<TravelFix> events = {Fix(kT0, 11, kMadrid, 0), Fix(kT0, 22, kMadridNearby, 1)};
  std::vector<TravelPair> evidence;
  detector.Run(&state, events, &evidence);
  EXPECT_TRUE(evidence.empty());
}

TEST(TravelDetectorTest, MinimumDistanceIsConfigurable) {
  TravelDetectorOptions options;
  options.min_distance_km = 1;
  TravelDetector detector(options);
  std::vector<TravelFix> state;
  std::vector<TravelFix> events = {Fix(kT0, 11, kMadrid, 0), Fix(kT0 + 10, 22, kMadridNearby, 1)};
  std::vector<TravelPair> evidence;
  detector.Run(&state, events, &evidence);
  EXPECT_EQ(evidence.size(), 1u);
}

TEST(TravelDetectorTest, CellRangesWidenTheTolerance) {
  // Madrid-Toledo ~67 km in 12 minutes needs ~335 km/h: flagged with point-like cells...
  std::vector<TravelFix> events = {Fix(kT0, 11, kMadrid, 0), Fix(kT0 + 720, 22, kToledo, 1)};
  {
    TravelDetector detector({});
    std::vector<TravelFix> state;
    std::vector<TravelPair> evidence;
    detector.Run(&state, events, &evidence);
    EXPECT_EQ(evidence.size(), 1u);
  }
  // ...but not when both cells cover 5 km (67 - 10 = 57 km in 12 min = 285 km/h).
  events[0].range_km = 5;
  events[1].range_km = 5;
  TravelDetector detector({});
  std::vector<TravelFix> state;
  std::vector<TravelPair> evidence;
  detector.Run(&state, events, &evidence);
  EXPECT_TRUE(evidence.empty());
}

TEST(TravelDetectorTest, HugeCellRangesAreCapped) {
  std::vector<TravelFix> events = {Fix(kT0, 11, kMadrid, 0, 40),
                                   Fix(kT0 + kHour, 22, kBarcelona, 1, 40)};
  TravelDetector detector({});  // cap 10 km each: 505 - 20 km in one hour is still too far
  std::vector<TravelFix> state;
  std::vector<TravelPair> evidence;
  detector.Run(&state, events, &evidence);
  EXPECT_EQ(evidence.size(), 1u);
}

TEST(TravelDetectorTest, SameImsiFarApartIsNotFlagged) {
  // One subscriber seen in two cities within minutes (say, a position error or a flight
  // between two attaches) is not a cloned IMEI: the same SIM is in one phone.
  TravelDetector detector({});
  std::vector<TravelFix> state;
  std::vector<TravelFix> events = {Fix(kT0, 11, kMadrid, 0), Fix(kT0 + 60, 11, kBarcelona, 1)};
  std::vector<TravelPair> evidence;
  detector.Run(&state, events, &evidence);
  EXPECT_TRUE(evidence.empty());
  ASSERT_EQ(state.size(), 1u);
  EXPECT_EQ(state[0].ref, 1u);  // the newest event of that IMSI is remembered
}

TEST(TravelDetectorTest, RememberedStateFromAnEarlierFileIsCompared) {
  TravelDetector detector({});
  std::vector<TravelFix> state;
  std::vector<TravelPair> evidence;
  std::vector<TravelFix> day1 = {Fix(kT0, 11, kMadrid, 0)};
  detector.Run(&state, day1, &evidence);
  EXPECT_TRUE(evidence.empty());
  ASSERT_EQ(state.size(), 1u);
  for (TravelFix& fix : state) fix.ref = 100;  // as the caller would renumber them
  std::vector<TravelFix> day2 = {Fix(kT0 + 1800, 22, kBarcelona, 0)};
  detector.Run(&state, day2, &evidence);
  ASSERT_EQ(evidence.size(), 1u);
  EXPECT_EQ(evidence[0].first_ref, 100u);
  EXPECT_EQ(evidence[0].second_ref, 0u);
}

TEST(TravelDetectorTest, StateNewerThanTheEventsPutsTheEventFirst) {
  // A file of an earlier day imported after a later one.
  TravelDetector detector({});
  std::vector<TravelFix> state = {Fix(kT0 + kHour, 22, kBarcelona, 100)};
  std::vector<TravelFix> events = {Fix(kT0, 11, kMadrid, 0)};
  std::vector<TravelPair> evidence;
  detector.Run(&state, events, &evidence);
  ASSERT_EQ(evidence.size(), 1u);
  EXPECT_EQ(evidence[0].first_ref, 0u);
  EXPECT_EQ(evidence[0].second_ref, 100u);
  ASSERT_EQ(state.size(), 2u);
  EXPECT_EQ(state[0].ref, 100u);  // newest first
  EXPECT_EQ(state[1].ref, 0u);
}

TEST(TravelDetectorTest, KeepsOneRecordPerImsiPairAndDayTheFastest) {
  TravelDetector detector({});
  std::vector<TravelFix> state;
  std::vector<TravelFix> events = {
      Fix(kT0, 11, kMadrid, 0),        Fix(kT0 + 3000, 22, kBarcelona, 1),
      Fix(kT0 + 3600, 11, kMadrid, 2), Fix(kT0 + 3700, 22, kBarcelona, 3),
      Fix(kT0 + 3800, 11, kMadrid, 4),
  };
  std::vector<TravelPair> evidence;
  detector.Run(&state, events, &evidence);
  ASSERT_EQ(evidence.size(), 1u);
  // The fastest pairs are 100 s apart: (2, 3) and (3, 4); the first found of equal speed stays.
  EXPECT_EQ(evidence[0].first_ref, 2u);
  EXPECT_EQ(evidence[0].second_ref, 3u);
}

TEST(TravelDetectorTest, StateKeepsTheNewestEventPerImsiAndHour) {
  TravelDetector detector({});
  std::vector<TravelFix> state;
  std::vector<TravelFix> events;
  for (std::uint32_t i = 0; i < 20; ++i) {
    // Every IMSI in the same place within one hour: no evidence, just state churn.
    events.push_back(Fix(kT0 + i * 10, 1000 + i % 12, kMadrid, i));
  }
  std::vector<TravelPair> evidence;
  detector.Run(&state, events, &evidence);
  EXPECT_TRUE(evidence.empty());
  ASSERT_EQ(state.size(), 12u);  // one per IMSI: all in the same hour
  for (std::size_t i = 0; i < state.size(); ++i) {
    EXPECT_EQ(state[i].ref, 19u - i);
    if (i > 0) {
      EXPECT_GT(state[i - 1].time, state[i].time);
    }
  }
}

TEST(TravelDetectorTest, StateIsBoundedNewestFirst) {
  TravelDetector detector({});
  std::vector<TravelFix> state;
  std::vector<TravelFix> events;
  for (std::uint32_t i = 0; i < 50; ++i) {
    events.push_back(Fix(kT0 + i * 3600, 1000, kMadrid, i));  // one IMSI, every hour
  }
  std::vector<TravelPair> evidence;
  detector.Run(&state, events, &evidence);
  ASSERT_EQ(state.size(), store::TravelState::kMaxTravelPoints);
  EXPECT_EQ(state.front().ref, 49u);
  EXPECT_EQ(state.back().ref, 50u - store::TravelState::kMaxTravelPoints);
}

TEST(TravelDetectorTest, ClonesInFilesOfTwoOperatorsMeetAtTheSameHour) {
  TravelDetector detector({});
  // Operator 1's file: IMSI 11 in Madrid at 08:00, 12:00 and 18:00 (state after its import).
  std::vector<TravelFix> state;
  std::vector<TravelPair> evidence;
  std::vector<TravelFix> first = {Fix(kT0, 11, kMadrid, 0), Fix(kT0 + 4 * 3600, 11, kMadrid, 1),
                                  Fix(kT0 + 10 * 3600, 11, kMadrid, 2)};
  detector.Run(&state, first, &evidence);
  EXPECT_TRUE(evidence.empty());
  // Operator 2's file, imported next: IMSI 22 in Barcelona five minutes after 08:00.
  std::vector<TravelFix> second = {Fix(kT0 + 300, 22, kBarcelona, 3)};
  detector.Run(&state, second, &evidence);
  ASSERT_EQ(evidence.size(), 1u);
  EXPECT_EQ(evidence[0].first_ref, 0u);
  EXPECT_EQ(evidence[0].second_ref, 3u);
}

TEST(TravelDetectorTest, TimeIsFlooredAtOneSecond) {
  TravelDetector detector({});
  std::vector<TravelFix> state;
  std::vector<TravelFix> events = {Fix(kT0, 11, kMadrid, 0), Fix(kT0, 22, kBarcelona, 1)};
  std::vector<TravelPair> evidence;
  detector.Run(&state, events, &evidence);
  ASSERT_EQ(evidence.size(), 1u);
  EXPECT_NEAR(evidence[0].speed_kmh, 505 * 3600.0, 3 * 3600.0);
}

}  // namespace
}  // namespace openceir::events
