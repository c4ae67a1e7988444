// The summary scans of the observation store conformance suite: summaries equal a brute-force
// computation from daily rows on random data, and a multi-window scan equals one scan per
// window (see observation_store_conformance.h).
#include <fmt/format.h>
#include <fmt/ranges.h>
#include <gtest/gtest.h>

#include <algorithm>
#include <map>
#include <random>
#include <set>
#include <tuple>
#include <vector>

#include "openceir/store/testing/observation_store_conformance.h"

namespace openceir::store::testing {
namespace {

Date D(int year, int month, int day) { return DateFromCivil(year, month, day).value(); }

ObservationImport Import(const std::string& op, const std::string& sha) {
  ObservationImport import;
  import.job_id = 7;
  import.kind = ObservationImportKind::kOperatorData;
  import.operator_id = op;
  import.file_sha256 = sha;
  import.first_day = D(2024, 1, 1);
  import.last_day = D(2024, 4, 30);
  import.rows = 42;
  return import;
}

struct DailyRow {
  Date date;
  std::string imei, imsi, msisdn, op;
  RatMask rat;
  std::uint8_t imsi_class;
};

using TripletKey = std::tuple<std::string, MonthIndex, std::string, std::string, std::string>;

// Every field of a summary, as text (a readable diff when a backend disagrees).
std::string Describe(const ImeiSummary& s, DateWindow window) {
  std::string imsis;
  for (const ImsiSeen& seen : s.imsis) {
    std::vector<int> offsets;
    for (int i = 0; i < window.days(); ++i) {
      if ((seen.days[static_cast<std::size_t>(i / 64)] >> (i % 64)) & 1) offsets.push_back(i);
    }
    imsis += fmt::format(" {}:{}({})", seen.imsi, fmt::join(offsets, ","), seen.days_seen);
  }
  return fmt::format(
      "{} first={} last={} ever={} days={} imsi_days={} imsis={} msisdns={} rat={} classes={} "
      "ops=[{}] msisdn_list=[{}]{}",
      s.imei_norm, FormatIsoDate(s.first_seen), FormatIsoDate(s.last_seen),
      FormatIsoDate(s.first_seen_ever), s.days_seen, s.imsi_days, s.distinct_imsis,
      s.distinct_msisdns, s.rat_mask, s.imsi_classes, fmt::join(s.operators, ","),
      fmt::join(s.msisdns, ","), imsis);
}

// The summaries by definition, from the daily rows. RAT and IMSI classes are kept per monthly
// triplet, so they count for every row whose (operator, month, IMEI, IMSI, MSISDN) has a day in
// the window. first_seen_ever is the first day of the IMEI in any row.
std::vector<std::string> BruteForceSummaries(const std::vector<DailyRow>& rows, DateWindow window) {
  auto inside = [&window](Date d) { return d >= window.first && d <= window.last; };
  std::set<TripletKey> keys_in_window;
  std::set<std::string> imeis;
  for (const DailyRow& r : rows) {
    if (!inside(r.date)) continue;
    keys_in_window.insert({r.op, MonthOf(r.date), r.imei, r.imsi, r.msisdn});
    imeis.insert(r.imei);
  }
  std::vector<std::string> summaries;
  for (const std::string& imei : imeis) {
    std::set<std::int32_t> days;
    std::map<std::string, std::set<int>> imsi_days;
    std::set<std::string> msisdns, operators;
    RatMask rat = 0;
    int classes = 0;
    Date ever{INT32_MAX};
    for (const DailyRow& r : rows) {
      if (r.imei != imei) continue;
      ever = std::min(ever, r.date);
      if (keys_in_window.count({r.op, MonthOf(r.date), r.imei, r.imsi, r.msisdn}) != 0) {
        rat |= r.rat;
        classes |= r.imsi_class;
      }
      if (!inside(r.date)) continue;
      days.insert(r.date.days);
      if (!r.imsi.empty()) imsi_days[r.imsi].insert(r.date.days - window.first.days);
      if (!r.msisdn.empty()) msisdns.insert(r.msisdn);
      operators.insert(r.op);
    }
    std::int64_t total = 0;
    std::string imsis;
    for (const auto& [imsi, seen] : imsi_days) {
      total += static_cast<std::int64_t>(seen.size());
      imsis += fmt::format(" {}:{}({})", imsi, fmt::join(seen, ","), seen.size());
    }
    summaries.push_back(fmt::format(
        "{} first={} last={} ever={} days={} imsi_days={} imsis={} msisdns={} rat={} classes={} "
        "ops=[{}] msisdn_list=[{}]{}",
        imei, FormatIsoDate(Date{*days.begin()}), FormatIsoDate(Date{*days.rbegin()}),
        FormatIsoDate(ever), days.size(), total, imsi_days.size(), msisdns.size(), rat, classes,
        fmt::join(operators, ","), fmt::join(msisdns, ","), imsis));
  }
  return summaries;
}

// One monthly triplet per (operator, month, IMEI, IMSI, MSISDN) of `rows`.
std::vector<TripletMonth> ToTriplets(const std::vector<DailyRow>& rows) {
  std::map<TripletKey, TripletMonth> triplets;
  for (const DailyRow& row : rows) {
    const MonthIndex month = MonthOf(row.date);
    auto [it, inserted] =
        triplets.try_emplace(TripletKey{row.op, month, row.imei, row.imsi, row.msisdn});
    TripletMonth& t = it->second;
    if (inserted) t = {row.op, month, row.imei, row.imsi, row.msisdn, row.date, row.date, 0, 0, 0};
    t.first_seen = std::min(t.first_seen, row.date);
    t.last_seen = std::max(t.last_seen, row.date);
    t.day_mask |= DayMask{1} << (row.date.days - FirstDayOf(month).days);
    t.rat_mask |= row.rat;
    t.imsi_class |= row.imsi_class;
  }
  std::vector<TripletMonth> out;
  for (auto& [key, t] : triplets) out.push_back(std::move(t));
  return out;
}

// 2024-01-20 .. 2024-04-28: a leap February and three month boundaries.
const Date kBase = D(2024, 1, 20);
constexpr int kSpan = 100;

// 3000 random daily rows of 60 IMEIs and 3 operators, committed in many files of random size,
// each merged in two calls, as importers do. Returns the rows.
std::vector<DailyRow> FillRandomStore(ObservationStore& store, std::mt19937_64& rng) {
  auto pick = [&rng](int n) { return static_cast<int>(rng() % static_cast<std::uint64_t>(n)); };
  std::vector<DailyRow> rows;
  for (int i = 0; i < 3000; ++i) {
    DailyRow r;
    r.date = Date{kBase.days + pick(kSpan)};
    r.imei = fmt::format("352099001{:05d}", pick(60));
    r.imsi = pick(6) == 0 ? "" : fmt::format("21401{:03d}", pick(12));
    r.msisdn = pick(4) == 0 ? "" : fmt::format("3460{:03d}", pick(12));
    r.op = fmt::format("op{}", pick(3));
    r.rat = RatMask{1} << pick(6);
    r.imsi_class = static_cast<std::uint8_t>(1 << pick(3));
    rows.push_back(std::move(r));
  }
  // Each file holds some rows of one operator; the store must merge them back together.
  std::map<std::string, std::vector<DailyRow>> by_operator;
  for (const DailyRow& r : rows) by_operator[r.op].push_back(r);
  int file = 0;
  for (auto& [op, op_rows] : by_operator) {
    std::shuffle(op_rows.begin(), op_rows.end(), rng);
    for (std::size_t begin = 0; begin < op_rows.size();) {
      const std::size_t n =
          std::min(op_rows.size() - begin, static_cast<std::size_t>(1 + pick(400)));
      std::vector<DailyRow> part(op_rows.begin() + static_cast<std::ptrdiff_t>(begin),
                                 op_rows.begin() + static_cast<std::ptrdiff_t>(begin + n));
      std::vector<TripletMonth> triplets = ToTriplets(part);
      std::shuffle(triplets.begin(), triplets.end(), rng);
      auto batch = store.BeginBatch().value();
      const std::size_t half = triplets.size() / 2;
      EXPECT_TRUE(batch->MergeTriplets(std::span(triplets).first(half)).ok());
      EXPECT_TRUE(batch->MergeTriplets(std::span(triplets).subspan(half)).ok());
      EXPECT_TRUE(batch->Commit(Import(op, fmt::format("file{}", file++))).ok());
      begin += n;
    }
  }
  return rows;
}

// A random window around the data: may start before it, end after it, or hold no triplet.
DateWindow RandomWindow(std::mt19937_64& rng) {
  auto pick = [&rng](int n) { return static_cast<int>(rng() % static_cast<std::uint64_t>(n)); };
  const Date first{kBase.days - 5 + pick(kSpan + 10)};
  return {first, Date{first.days + pick(75)}};
}

// "imei window: summary" for every IMEI of one scan of `window` alone.
std::vector<std::string> SingleWindowScan(ObservationStore& store, DateWindow window,
                                          std::size_t index) {
  std::vector<std::string> got;
  Status status = store.ScanImeiSummaries(window, [&](const ImeiSummary& s) {
    got.push_back(fmt::format("{} w{}: {}", s.imei_norm, index, Describe(s, window)));
    return Status::Ok();
  });
  EXPECT_TRUE(status.ok()) << status.ToString();
  return got;
}

}  // namespace

TEST_P(ObservationStoreConformanceTest, SummariesEqualBruteForceOnRandomData) {
  std::mt19937_64 rng(20261129);
  const std::vector<DailyRow> rows = FillRandomStore(store(), rng);
  std::vector<DateWindow> windows = {{kBase, Date{kBase.days + kSpan - 1}},
                                     {D(2024, 2, 29), D(2024, 3, 1)},
                                     {D(2024, 2, 1), D(2024, 2, 29)},
                                     {D(2023, 1, 1), D(2024, 1, 19)}};
  for (int i = 0; i < 12; ++i) windows.push_back(RandomWindow(rng));
  for (const DateWindow& window : windows) {
    SCOPED_TRACE(
        fmt::format("window {}..{}", FormatIsoDate(window.first), FormatIsoDate(window.last)));
    std::vector<std::string> got;
    Status status = store().ScanImeiSummaries(window, [&](const ImeiSummary& s) {
      got.push_back(Describe(s, window));
      return Status::Ok();
    });
    ASSERT_TRUE(status.ok()) << status.ToString();
    const std::vector<std::string> expected = BruteForceSummaries(rows, window);
    ASSERT_EQ(got.size(), expected.size());
    for (std::size_t i = 0; i < got.size(); ++i) ASSERT_EQ(got[i], expected[i]);
  }
}

// One read for several windows (classification's 90 and 30 days) must give, per IMEI, exactly
// the summaries of separate scans: windows nested, overlapping, disjoint, repeated, empty
// (last < first) and holding no data. The visitor swaps a stale summary in for each it takes,
// as the classifier does to spare copies: the scan must reset it before reuse.
TEST_P(ObservationStoreConformanceTest, MultiWindowScanEqualsSeparateScansOnRandomData) {
  std::mt19937_64 rng(20261130);
  FillRandomStore(store(), rng);
  std::vector<std::vector<DateWindow>> window_sets = {
      {{kBase, Date{kBase.days + kSpan - 1}}, {D(2024, 3, 2), D(2024, 3, 31)}},
      {{D(2024, 2, 1), D(2024, 2, 10)}, {D(2024, 4, 1), D(2024, 4, 5)}},
      {{D(2024, 2, 29), D(2024, 3, 1)}, {D(2024, 2, 29), D(2024, 3, 1)}},
      {{D(2024, 3, 5), D(2024, 3, 4)}, {D(2024, 3, 1), D(2024, 3, 20)}},
      {{D(2023, 1, 1), D(2023, 3, 1)}},
      {{D(2024, 5, 1), D(2024, 5, 30)}, {D(2024, 4, 20), D(2024, 5, 2)}}};
  for (int i = 0; i < 10; ++i) {
    std::vector<DateWindow> set;
    const int n = 1 + static_cast<int>(rng() % 4);
    for (int w = 0; w < n; ++w) set.push_back(RandomWindow(rng));
    window_sets.push_back(std::move(set));
  }
  for (const std::vector<DateWindow>& windows : window_sets) {
    std::vector<std::string> shown;
    for (const DateWindow& w : windows) {
      shown.push_back(fmt::format("{}..{}", FormatIsoDate(w.first), FormatIsoDate(w.last)));
    }
    SCOPED_TRACE(fmt::format("windows {}", fmt::join(shown, " ")));
    // Separate scans, merged by IMEI (then window index).
    std::vector<std::string> expected;
    for (std::size_t w = 0; w < windows.size(); ++w) {
      for (std::string& line : SingleWindowScan(store(), windows[w], w)) {
        expected.push_back(std::move(line));
      }
    }
    std::sort(expected.begin(), expected.end());

    std::vector<std::string> got;
    std::string previous_imei;
    ImeiSummary stale;
    stale.imei_norm = "stale";
    stale.imsis.push_back({"999999999999999", {~std::uint64_t{0}, ~std::uint64_t{0}}, 7});
    stale.msisdns = {"1", "2"};
    stale.operators = {"stale_op"};
    stale.days_seen = 99;
    Status status = store().ScanWindowSummaries(
        windows, [&](std::span<ImeiSummary* const> summaries) -> Status {
          EXPECT_EQ(summaries.size(), windows.size());
          std::string imei;
          for (std::size_t w = 0; w < summaries.size(); ++w) {
            if (summaries[w] == nullptr) continue;
            if (imei.empty()) imei = summaries[w]->imei_norm;
            EXPECT_EQ(summaries[w]->imei_norm, imei) << "one IMEI per visit";
            got.push_back(fmt::format("{} w{}: {}", imei, w, Describe(*summaries[w], windows[w])));
            ImeiSummary taken = stale;
            std::swap(taken, *summaries[w]);
          }
          EXPECT_FALSE(imei.empty()) << "a visit with no summary";
          EXPECT_LT(previous_imei, imei) << "IMEIs in imei_norm order, once each";
          previous_imei = imei;
          return Status::Ok();
        });
    ASSERT_TRUE(status.ok()) << status.ToString();
    ASSERT_EQ(got.size(), expected.size());
    for (std::size_t i = 0; i < got.size(); ++i) ASSERT_EQ(got[i], expected[i]);
  }
}

}  // namespace openceir::store::testing
