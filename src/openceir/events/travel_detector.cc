#include "openceir/events/travel_detector.h"

#include <algorithm>
#include <cmath>

#include "openceir/store/observation_types.h"

namespace openceir::events {
namespace {

constexpr double kEarthRadiusKm = 6371.0088;
constexpr double kDegToRad = 3.14159265358979323846 / 180.0;
constexpr std::int64_t kSecondsPerDay = 86400;

std::int32_t DayOf(std::int64_t time) {
  std::int64_t day = time / kSecondsPerDay;
  if (time % kSecondsPerDay < 0) --day;
  return static_cast<std::int32_t>(day);
}

std::int64_t HourOf(std::int64_t time) {
  std::int64_t hour = time / 3600;
  if (time % 3600 < 0) --hour;
  return hour;
}

}  // namespace

double HaversineKm(double lat1, double lon1, double lat2, double lon2) {
  double phi1 = lat1 * kDegToRad;
  double phi2 = lat2 * kDegToRad;
  double dphi = (lat2 - lat1) * kDegToRad;
  double dlambda = (lon2 - lon1) * kDegToRad;
  double s1 = std::sin(dphi / 2);
  double s2 = std::sin(dlambda / 2);
  double h = s1 * s1 + std::cos(phi1) * std::cos(phi2) * s2 * s2;
  h = std::min(1.0, std::max(0.0, h));
  return 2 * kEarthRadiusKm * std::asin(std::sqrt(h));
}

bool TravelDetector::Check(const TravelFix& a, const TravelFix& b, TravelPair* pair) const {
  double seconds = static_cast<double>(std::max<std::int64_t>(1, b.time - a.time));
  double hours = seconds / 3600.0;
  // Half the Earth's circumference can be covered in this time: no distance is too far.
  if (options_.max_speed_kmh * hours >= 20016.0 + 2 * options_.max_cell_range_km) return false;
  double distance = HaversineKm(a.lat, a.lon, b.lat, b.lon);
  if (distance < options_.min_distance_km) return false;
  double tolerance = std::min(a.range_km, options_.max_cell_range_km) +
                     std::min(b.range_km, options_.max_cell_range_km);
  if (distance - tolerance <= options_.max_speed_kmh * hours) return false;
  pair->first_ref = a.ref;
  pair->second_ref = b.ref;
  pair->distance_km = distance;
  pair->speed_kmh = distance / hours;
  return true;
}

void TravelDetector::Remember(std::vector<TravelFix>* state, const TravelFix& fix) const {
  // One point per IMSI and clock hour: operators send their files separately, so an event
  // of another operator's file must find this IMSI's event of about the same time, not only
  // its newest one.
  const std::int64_t hour = HourOf(fix.time);
  auto same = std::find_if(state->begin(), state->end(), [&](const TravelFix& s) {
    return s.subscriber == fix.subscriber && HourOf(s.time) == hour;
  });
  if (same != state->end()) {
    if (same->time > fix.time) return;  // a newer event of this IMSI and hour is remembered
    state->erase(same);
  }
  // Newest first; among equal times the one remembered last goes first.
  auto at = std::find_if(state->begin(), state->end(),
                         [&](const TravelFix& s) { return s.time <= fix.time; });
  state->insert(at, fix);
  // No pruning by age: a file of earlier days may be imported after newer ones, and its events
  // must still meet the points of their own days. The cap keeps the newest.
  if (state->size() > store::TravelState::kMaxTravelPoints) {
    state->resize(store::TravelState::kMaxTravelPoints);
  }
}

void TravelDetector::Run(std::vector<TravelFix>* state, std::span<const TravelFix> events,
                         std::vector<TravelPair>* evidence) {
  kept_.clear();
  for (const TravelFix& fix : events) {
    for (const TravelFix& other : *state) {
      if (other.subscriber == fix.subscriber) continue;
      const TravelFix& earlier = other.time <= fix.time ? other : fix;
      const TravelFix& later = other.time <= fix.time ? fix : other;
      TravelPair pair;
      if (!Check(earlier, later, &pair)) continue;
      Kept key{std::min(fix.subscriber, other.subscriber),
               std::max(fix.subscriber, other.subscriber), DayOf(later.time), 0};
      auto it = std::find_if(kept_.begin(), kept_.end(), [&](const Kept& k) {
        return k.low_subscriber == key.low_subscriber && k.high_subscriber == key.high_subscriber &&
               k.day == key.day;
      });
      if (it == kept_.end()) {
        key.index = evidence->size();
        kept_.push_back(key);
        evidence->push_back(pair);
      } else if ((*evidence)[it->index].speed_kmh < pair.speed_kmh) {
        (*evidence)[it->index] = pair;
      }
    }
    Remember(state, fix);
  }
}

}  // namespace openceir::events
