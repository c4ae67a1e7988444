// TravelDetector: impossible-travel evidence for one IMEI, as a pure computation.
//
// Feed the events of one IMEI in time order together with what was remembered of it (the
// newest event per IMSI and clock hour, at most store::TravelState::kMaxTravelPoints, newest
// first: about ten days of a phone used a few times a day); get the pairs of events
// that no one could have made with one phone, and the state to remember next time. Knows nothing
// of files, stores or cell tables: the events import supplies positions and tolerances.
//
// A pair is evidence when
//   * the two events carry DIFFERENT non-null IMSIs (one subscriber moving fast, e.g. on a
//     plane between two attaches, is not a clone: the same SIM cannot be in two phones, so
//     the same IMSI is never compared with itself),
//   * their great-circle (haversine) distance is at least `min_distance_km` (neighbouring cells
//     and cell-position errors do not count), and
//   * that distance, less the tolerance of both cells (their ranges), cannot be covered at
//     `max_speed_kmh` in the time between them (the time is floored at one second).
// Each new event is compared with the remembered events of every other IMSI (one per hour), so
// that files of different operators, imported one after the other, still meet; the work per
// event is bounded by kMaxTravelPoints. For each pair of IMSIs and UTC day of the later
// event, only the fastest pair is kept, so that a cloned IMEI used all day in two cities gives
// one record per day and pair instead of one per event.
#pragma once

#include <cstdint>
#include <span>
#include <vector>

namespace openceir::events {

struct TravelDetectorOptions {
  double max_speed_kmh = 300;
  double min_distance_km = 30;
  // A cell's range counts in the tolerance up to this much (OpenCelliD ranges of badly sampled
  // cells reach tens of kilometres and would hide everything).
  double max_cell_range_km = 10;
};

// One event as the detector sees it. `ref` is the caller's handle, returned in evidence.
struct TravelFix {
  std::int64_t time = 0;         // Unix seconds UTC
  std::uint64_t subscriber = 0;  // packed IMSI (observe::PackSubscriberId), non-zero
  double lat = 0;
  double lon = 0;
  double range_km = 0;  // the cell's range (capped by max_cell_range_km inside)
  std::uint32_t ref = 0;
};

// Evidence: the refs of the earlier and the later event.
struct TravelPair {
  std::uint32_t first_ref = 0;
  std::uint32_t second_ref = 0;
  double distance_km = 0;
  double speed_kmh = 0;
};

// Great-circle distance in km on a sphere of radius 6371.0088 km (the mean Earth radius).
double HaversineKm(double lat1, double lon1, double lat2, double lon2);

// Reusable across IMEIs (keeps scratch buffers); not thread-safe.
class TravelDetector {
 public:
  explicit TravelDetector(TravelDetectorOptions options) : options_(options) {}

  // `state`: the remembered events of one IMEI, newest first, one per subscriber and hour, at most
  // store::TravelState::kMaxTravelPoints (they may be newer than `events`: files of earlier
  // days can come later). `events`: this IMEI's new events in time order. Appends evidence to
  // `evidence` and replaces `state` with the newest event per subscriber and hour over both,
  // newest first, at most kMaxTravelPoints.
  void Run(std::vector<TravelFix>* state, std::span<const TravelFix> events,
           std::vector<TravelPair>* evidence);

  const TravelDetectorOptions& options() const { return options_; }

 private:
  // The evidence for `a` (earlier) and `b` (later), if they are too far apart.
  bool Check(const TravelFix& a, const TravelFix& b, TravelPair* pair) const;
  void Remember(std::vector<TravelFix>* state, const TravelFix& fix) const;

  TravelDetectorOptions options_;
  struct Kept {
    std::uint64_t low_subscriber;
    std::uint64_t high_subscriber;
    std::int32_t day;
    std::size_t index;  // into the caller's evidence vector
  };
  std::vector<Kept> kept_;
};

}  // namespace openceir::events
