// WindowSummariesBuilder: folds one IMEI's monthly triplets into its summaries for several date
// windows at once. Each triplet is folded once (its days over the span of every window, its
// strings looked up once, with a bit per window it has days in); each window's summary is then
// cut out of that fold at Finish. The summaries equal those of one ImeiSummaryBuilder per window
// (imei_summary.h); the summary scan conformance suite checks it against a brute force.
//
// Usage: Start(imei, first_seen_ever); Add(...) for each triplet, any order; Finish(out) ->
// out[w] is the summary for window w when any(w). Buffers are reused from IMEI to IMEI (none
// allocated per IMEI once warm when the out summaries are handed back). Not thread-safe.
#pragma once

#include <cstdint>
#include <functional>
#include <span>
#include <string>
#include <vector>

#include "openceir/base/status.h"
#include "openceir/store/imei_summary.h"

namespace openceir::store {

class WindowSummariesBuilder {
 public:
  // At most kMaxWindows windows (empty ones, last < first, are allowed and never seen).
  static constexpr std::size_t kMaxWindows = 32;
  explicit WindowSummariesBuilder(std::span<const DateWindow> windows);

  void Start(const std::string& imei_norm, Date first_seen_ever);
  void Add(const TripletMonth& triplet);
  // True when an added triplet had a day inside window w.
  bool any(std::size_t w) const { return (seen_windows_ >> w) & 1u; }
  bool any() const { return seen_windows_ != 0; }
  // Fills *out[w] for every window w with any(w), swapping buffers with it (what it held is
  // reused); the others are left unchanged. Requires out.size() == the number of windows.
  void Finish(std::span<ImeiSummary* const> out);

 private:
  struct Window {
    DateWindow window;
    int offset = 0;  // days from span_.first to window.first
    int words = 0;
    DayMask month_mask = 0;  // the current month's days inside the window
  };
  struct Operator {
    std::string id;
    std::uint32_t windows = 0;  // bit w: seen in window w
  };
  struct Imsi {
    std::string imsi;
    std::vector<std::uint64_t> days;  // over the span
  };
  struct Msisdn {
    std::string msisdn;
    std::uint32_t windows = 0;
  };

  void SetMonth(MonthIndex month);
  void FillWindow(std::size_t w, ImeiSummary* out);

  std::vector<Window> windows_;
  DateWindow span_{};
  int span_words_ = 0;
  MonthIndex month_ = -1;
  DayMask span_month_mask_ = 0;  // OR of the windows' month masks
  int month_offset_ = 0;         // days from span_.first to the current month's first day

  std::string imei_norm_;
  Date first_seen_ever_;
  std::uint32_t seen_windows_ = 0;
  std::vector<std::uint64_t> all_days_;  // over the span
  RatMask rat_masks_[kMaxWindows] = {};
  std::uint8_t imsi_classes_[kMaxWindows] = {};
  // Live entries are the first *_count_; the rest keep their buffers for the next IMEIs.
  std::vector<Operator> operators_;
  std::size_t operator_count_ = 0;
  std::size_t last_operator_ = 0;  // the entry found last: consecutive triplets often share it
  std::vector<Imsi> imsis_;
  std::size_t imsi_count_ = 0;
  std::size_t last_imsi_ = 0;
  std::vector<Msisdn> msisdns_;  // with repeats until Finish
  std::vector<std::uint32_t> order_;
  std::vector<std::uint64_t> slice_;
  std::vector<ImsiSeen> spare_;  // ImsiSeen of earlier summaries, reused for their buffers
};

// What a backend's summary scan does between its rows, in imei_norm order, and its visitor, for
// any number of windows: one WindowSummariesBuilder per kMaxWindows windows, and the hand-over of
// each IMEI's summaries (null for the windows it has no day in). Not thread-safe.
class ImeiWindowsFold {
 public:
  using Visitor = std::function<Status(std::span<ImeiSummary* const> summaries)>;
  explicit ImeiWindowsFold(std::span<const DateWindow> windows);

  // The IMEI being folded; empty before the first Start and after Finish.
  const std::string& imei_norm() const { return current_; }
  // Starts the next IMEI (after Finish of the previous one).
  void Start(const std::string& imei_norm, Date first_seen_ever);
  void Add(const TripletMonth& triplet);
  // Hands the current IMEI's summaries to `visit` when it has a day in any window; then no IMEI
  // is current. Does nothing when none is.
  Status Finish(const Visitor& visit);

 private:
  std::span<const DateWindow> windows_;
  std::vector<WindowSummariesBuilder> builders_;
  std::vector<ImeiSummary> summaries_;
  std::vector<ImeiSummary*> targets_;
  std::vector<ImeiSummary*> visited_;
  std::string current_;
};

}  // namespace openceir::store
