// Per-IMEI summaries for a date window: everything classification reads from network data.
//
// Every backend must give the same summaries for the same data (the parity suites prove it).
// SQLite and PostgreSQL stream the triplets of the window in imei_norm order and fold them with
// ImeiSummaryBuilder; ClickHouse computes the same numbers in the engine.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "openceir/base/date.h"
#include "openceir/store/observation_types.h"

namespace openceir::store {

// An inclusive range of days. Summaries count only days inside it.
struct DateWindow {
  Date first;
  Date last;
  int days() const { return last.days - first.days + 1; }
};

// The day mask of the days of `month` that fall inside `window` (0 when none): the filter the
// backends apply to a month's triplets.
DayMask WindowDaysOf(MonthIndex month, DateWindow window);

// One IMSI seen with the IMEI in the window.
struct ImsiSeen {
  std::string imsi;
  // Bit i of word i / 64 set = seen on day window.first + i (window.days() bits).
  std::vector<std::uint64_t> days;
  int days_seen = 0;
};

struct ImeiSummary {
  std::string imei_norm;
  Date first_seen;  // first and last day seen inside the window
  Date last_seen;
  Date first_seen_ever;        // from the network IMEIs (any date, not only the window)
  int days_seen = 0;           // distinct days with any triplet
  std::int64_t imsi_days = 0;  // sum over distinct IMSIs of the days each was seen
  int distinct_imsis = 0;      // non-null IMSIs
  int distinct_msisdns = 0;    // non-null MSISDNs
  RatMask rat_mask = 0;
  std::uint8_t imsi_classes = 0;       // OR of ImsiClassBits
  std::vector<std::string> operators;  // sorted operator ids
  std::vector<ImsiSeen> imsis;         // sorted by imsi, non-null only
  std::vector<std::string> msisdns;    // sorted, distinct, non-null only

  // DIRBS's duplicate_daily_avg: IMSI-days per day seen (0 when never seen).
  double AverageImsisPerDay() const {
    return days_seen == 0 ? 0.0 : static_cast<double>(imsi_days) / days_seen;
  }
};

// Folds the per-operator triplets of one IMEI (any order) into its summary for `window`.
// Usage: Start(imei, first_seen_ever); Add(...) for each triplet; Finish() -> summary.
// Triplet days outside the window are ignored; a triplet with no day in the window changes
// nothing. Buffers are reused from IMEI to IMEI (no allocation per IMEI once warm when the
// summaries are taken with Finish(ImeiSummary*)). Not thread-safe.
class ImeiSummaryBuilder {
 public:
  explicit ImeiSummaryBuilder(DateWindow window);

  void Start(const std::string& imei_norm, Date first_seen_ever);
  void Add(const TripletMonth& triplet);
  // True when at least one added triplet had a day inside the window.
  bool any() const { return any_; }
  // The summary of the IMEI started last. Requires any().
  ImeiSummary Finish();
  // The same into *out, swapping buffers with it: what *out held is reused by the next Start.
  void Finish(ImeiSummary* out);

 private:
  DateWindow window_;
  int words_;
  bool any_ = false;
  ImeiSummary current_;
  std::vector<std::uint64_t> all_days_;
  std::vector<std::string> msisdns_;   // unsorted, with repeats until Finish
  std::vector<ImsiSeen> spare_imsis_;  // entries of earlier IMEIs, reused for their buffers
  // The month of the last triplet added: its day bits inside the window, and how many days
  // after window_.first it starts (negative: before).
  MonthIndex month_ = -1;
  DayMask month_mask_ = 0;
  int month_offset_ = 0;
};

}  // namespace openceir::store
