// Tests of the month arithmetic (observation_types.h) and of ImeiSummaryBuilder, including a
// property test against a brute-force computation straight from daily rows.
#include "openceir/store/imei_summary.h"

#include <fmt/format.h>
#include <fmt/ranges.h>
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <algorithm>
#include <map>
#include <random>
#include <set>
#include <tuple>

#include "openceir/store/observation_types.h"

namespace openceir::store {
namespace {

using ::testing::ElementsAre;

Date D(int year, int month, int day) { return DateFromCivil(year, month, day).value(); }

TEST(ObservationTypesTest, MonthIndexRoundTripsThroughFirstDay) {
  EXPECT_EQ(MonthOf(D(2026, 11, 28)), 2026 * 12 + 10);
  EXPECT_EQ(FirstDayOf(MonthOf(D(2026, 11, 28))), D(2026, 11, 1));
  EXPECT_EQ(MonthOf(D(2026, 12, 31)) + 1, MonthOf(D(2027, 1, 1)));
  EXPECT_EQ(FirstDayOf(MonthOf(D(2027, 1, 1))), D(2027, 1, 1));
  for (Date d = D(1999, 12, 1); d <= D(2101, 1, 31); d.days += 13) {
    int year = 0, month = 0, day = 0;
    CivilFromDate(d, &year, &month, &day);
    ASSERT_EQ(FirstDayOf(MonthOf(d)), D(year, month, 1)) << FormatIsoDate(d);
  }
}

TEST(ObservationTypesTest, DaysInCountsLeapFebruaries) {
  EXPECT_EQ(DaysIn(MonthOf(D(2024, 2, 10))), 29);
  EXPECT_EQ(DaysIn(MonthOf(D(2025, 2, 10))), 28);
  EXPECT_EQ(DaysIn(MonthOf(D(2000, 2, 10))), 29);
  EXPECT_EQ(DaysIn(MonthOf(D(2100, 2, 10))), 28);
  EXPECT_EQ(DaysIn(MonthOf(D(2026, 4, 1))), 30);
  EXPECT_EQ(DaysIn(MonthOf(D(2026, 12, 1))), 31);
}

TEST(ObservationTypesTest, FormatMonthIsYearThenTwoDigitMonth) {
  EXPECT_EQ(FormatMonth(MonthOf(D(2026, 11, 28))), "202611");
  EXPECT_EQ(FormatMonth(MonthOf(D(2027, 1, 1))), "202701");
}

TEST(ObservationTypesTest, ImportKindsHaveDistinctNames) {
  EXPECT_EQ(ObservationImportKindName(ObservationImportKind::kOperatorData), "operator");
  EXPECT_EQ(ObservationImportKindName(ObservationImportKind::kEvents), "events");
  EXPECT_EQ(ObservationImportKindName(ObservationImportKind::kCells), "cells");
}

TripletMonth Triplet(std::string op, MonthIndex month, std::string imsi, std::string msisdn,
                     DayMask days, RatMask rat = 1, std::uint8_t imsi_class = 0) {
  TripletMonth t;
  t.operator_id = std::move(op);
  t.month = month;
  t.imei_norm = "35209900176148";
  t.imsi = std::move(imsi);
  t.msisdn = std::move(msisdn);
  t.day_mask = days;
  t.rat_mask = rat;
  t.imsi_class = imsi_class;
  return t;
}

TEST(ImeiSummaryBuilderTest, CountsEachDayOnceAcrossOperatorsAndMsisdns) {
  const MonthIndex nov = MonthOf(D(2026, 11, 1));
  ImeiSummaryBuilder builder({D(2026, 11, 1), D(2026, 11, 30)});
  builder.Start("35209900176148", D(2025, 1, 1));
  builder.Add(Triplet("op2", nov, "111", "9001", 0b0110, 4, kImsiInboundRoamer));
  builder.Add(Triplet("op1", nov, "111", "9002", 0b0011, 2, kImsiLocalSubscriber));
  builder.Add(Triplet("op1", nov, "222", "", 0b1000));
  builder.Add(Triplet("op1", nov, "", "9001", 0b10000));
  ASSERT_TRUE(builder.any());
  ImeiSummary s = builder.Finish();
  EXPECT_EQ(s.imei_norm, "35209900176148");
  EXPECT_EQ(s.first_seen_ever, D(2025, 1, 1));
  EXPECT_EQ(s.first_seen, D(2026, 11, 1));
  EXPECT_EQ(s.last_seen, D(2026, 11, 5));
  EXPECT_EQ(s.days_seen, 5);
  EXPECT_EQ(s.imsi_days, 3 + 1);
  EXPECT_EQ(s.distinct_imsis, 2);
  EXPECT_EQ(s.distinct_msisdns, 2);
  EXPECT_EQ(s.rat_mask, 7u);
  EXPECT_EQ(s.imsi_classes, kImsiInboundRoamer | kImsiLocalSubscriber);
  EXPECT_THAT(s.operators, ElementsAre("op1", "op2"));
  EXPECT_THAT(s.msisdns, ElementsAre("9001", "9002"));
  ASSERT_EQ(s.imsis.size(), 2u);
  EXPECT_EQ(s.imsis[0].imsi, "111");
  EXPECT_EQ(s.imsis[0].days_seen, 3);
  EXPECT_THAT(s.imsis[0].days, ElementsAre(0b0111u));
  EXPECT_EQ(s.imsis[1].imsi, "222");
  EXPECT_DOUBLE_EQ(s.AverageImsisPerDay(), 4.0 / 5.0);
}

TEST(ImeiSummaryBuilderTest, TripletWithNoDayInTheWindowChangesNothing) {
  const MonthIndex nov = MonthOf(D(2026, 11, 1));
  ImeiSummaryBuilder builder({D(2026, 11, 10), D(2026, 12, 5)});
  builder.Start("35209900176148", D(2026, 11, 1));
  builder.Add(Triplet("op1", nov, "111", "9001", 0x1ff, 8, kImsiLocalNonMember));  // days 1-9
  EXPECT_FALSE(builder.any());
  builder.Add(Triplet("op2", nov + 1, "222", "9002", 1u << 4));  // 5 December
  ASSERT_TRUE(builder.any());
  ImeiSummary s = builder.Finish();
  EXPECT_EQ(s.first_seen, D(2026, 12, 5));
  EXPECT_EQ(s.last_seen, D(2026, 12, 5));
  EXPECT_EQ(s.rat_mask, 1u);
  EXPECT_EQ(s.imsi_classes, 0);
  EXPECT_THAT(s.operators, ElementsAre("op2"));
  EXPECT_THAT(s.msisdns, ElementsAre("9002"));
}

TEST(ImeiSummaryBuilderTest, IgnoresBitsPastTheEndOfTheMonth) {
  const MonthIndex feb = MonthOf(D(2026, 2, 1));
  ImeiSummaryBuilder builder({D(2026, 2, 1), D(2026, 3, 31)});
  builder.Start("35209900176148", D(2026, 2, 1));
  builder.Add(Triplet("op1", feb, "111", "", (1u << 27) | (1u << 28) | (1u << 30)));
  ImeiSummary s = builder.Finish();
  EXPECT_EQ(s.days_seen, 1);
  EXPECT_EQ(s.last_seen, D(2026, 2, 28));
}

TEST(ImeiSummaryBuilderTest, StartForgetsThePreviousImei) {
  const MonthIndex nov = MonthOf(D(2026, 11, 1));
  ImeiSummaryBuilder builder({D(2026, 11, 1), D(2026, 11, 30)});
  builder.Start("a", D(2026, 11, 1));
  builder.Add(Triplet("op1", nov, "111", "9001", 1, 2, 1));
  builder.Start("b", D(2026, 11, 2));
  EXPECT_FALSE(builder.any());
  builder.Add(Triplet("op2", nov, "222", "", 2, 4, 2));
  ImeiSummary s = builder.Finish();
  EXPECT_EQ(s.imei_norm, "b");
  EXPECT_THAT(s.operators, ElementsAre("op2"));
  EXPECT_TRUE(s.msisdns.empty());
  EXPECT_EQ(s.rat_mask, 4u);
  EXPECT_EQ(s.days_seen, 1);
}

// --- Property test: builder over monthly triplets == brute force over daily rows -------------

struct DailyRow {
  Date date;
  std::string imei, imsi, msisdn, op;
  RatMask rat;
  std::uint8_t imsi_class;
};

using TripletKey = std::tuple<std::string, MonthIndex, std::string, std::string, std::string>;

std::map<TripletKey, TripletMonth> AggregateToMonths(const std::vector<DailyRow>& rows) {
  std::map<TripletKey, TripletMonth> triplets;
  for (const DailyRow& row : rows) {
    const MonthIndex month = MonthOf(row.date);
    auto [it, inserted] =
        triplets.try_emplace(TripletKey{row.op, month, row.imei, row.imsi, row.msisdn});
    TripletMonth& t = it->second;
    if (inserted) {
      t = {row.op, month, row.imei, row.imsi, row.msisdn, row.date, row.date, 0, 0, 0};
    }
    t.first_seen = std::min(t.first_seen, row.date);
    t.last_seen = std::max(t.last_seen, row.date);
    t.day_mask |= DayMask{1} << (row.date.days - FirstDayOf(month).days);
    t.rat_mask |= row.rat;
    t.imsi_class |= row.imsi_class;
  }
  return triplets;
}

// The summary by definition. RAT and IMSI classes are kept per monthly triplet, so they count
// for every daily row whose (operator, month, IMEI, IMSI, MSISDN) has a day in the window.
std::string BruteForceSummary(const std::vector<DailyRow>& rows, const std::string& imei,
                              DateWindow window) {
  std::set<TripletKey> keys_in_window;
  for (const DailyRow& r : rows) {
    if (r.imei == imei && r.date >= window.first && r.date <= window.last) {
      keys_in_window.insert({r.op, MonthOf(r.date), r.imei, r.imsi, r.msisdn});
    }
  }
  if (keys_in_window.empty()) return "none";
  std::set<std::int32_t> days;
  std::map<std::string, std::set<std::int32_t>> imsi_days;
  std::set<std::string> msisdns, operators;
  RatMask rat = 0;
  int classes = 0;
  Date first_ever{INT32_MAX};
  for (const DailyRow& r : rows) {
    if (r.imei != imei) continue;
    first_ever = std::min(first_ever, r.date);
    if (keys_in_window.count({r.op, MonthOf(r.date), r.imei, r.imsi, r.msisdn}) != 0) {
      rat |= r.rat;
      classes |= r.imsi_class;
    }
    if (r.date < window.first || r.date > window.last) continue;
    days.insert(r.date.days);
    if (!r.imsi.empty()) imsi_days[r.imsi].insert(r.date.days - window.first.days);
    if (!r.msisdn.empty()) msisdns.insert(r.msisdn);
    operators.insert(r.op);
  }
  std::int64_t total = 0;
  std::string imsis;
  for (const auto& [imsi, seen] : imsi_days) {
    total += static_cast<std::int64_t>(seen.size());
    imsis += fmt::format(" {}:{}", imsi, fmt::join(seen, ","));
  }
  return fmt::format(
      "{} first={} last={} ever={} days={} imsi_days={} imsis={} msisdns={} rat={} classes={} "
      "ops=[{}] msisdn_list=[{}] imsi_list=[{}]",
      imei, *days.begin(), *days.rbegin(), first_ever.days, days.size(), total, imsi_days.size(),
      msisdns.size(), rat, classes, fmt::join(operators, ","), fmt::join(msisdns, ","), imsis);
}

std::string Describe(const ImeiSummary& s, DateWindow window) {
  std::string imsis;
  for (const ImsiSeen& seen : s.imsis) {
    std::vector<int> offsets;
    for (int i = 0; i < window.days(); ++i) {
      if ((seen.days[static_cast<std::size_t>(i / 64)] >> (i % 64)) & 1) offsets.push_back(i);
    }
    EXPECT_EQ(seen.days_seen, static_cast<int>(offsets.size()));
    imsis += fmt::format(" {}:{}", seen.imsi, fmt::join(offsets, ","));
  }
  return fmt::format(
      "{} first={} last={} ever={} days={} imsi_days={} imsis={} msisdns={} rat={} classes={} "
      "ops=[{}] msisdn_list=[{}] imsi_list=[{}]",
      s.imei_norm, s.first_seen.days, s.last_seen.days, s.first_seen_ever.days, s.days_seen,
      s.imsi_days, s.distinct_imsis, s.distinct_msisdns, s.rat_mask, s.imsi_classes,
      fmt::join(s.operators, ","), fmt::join(s.msisdns, ","), imsis);
}

TEST(ImeiSummaryBuilderPropertyTest, EqualsBruteForceOverDailyRowsForRandomWindows) {
  // Starts around month ends, a leap February (2024), a common one (2025), century years.
  const Date starts[] = {D(2023, 12, 20), D(2024, 1, 25), D(2025, 1, 28),
                         D(2099, 12, 30), D(2000, 1, 15), D(2026, 10, 31)};
  std::mt19937_64 rng(20261129);
  auto pick = [&rng](int n) { return static_cast<int>(rng() % static_cast<std::uint64_t>(n)); };
  for (int round = 0; round < 60; ++round) {
    const Date base = starts[pick(6)];
    const int span = 1 + pick(100);
    std::vector<DailyRow> rows;
    const int row_count = 1 + pick(400);
    for (int i = 0; i < row_count; ++i) {
      DailyRow r;
      r.date = Date{base.days + pick(span)};
      r.imei = fmt::format("3520990017614{}", pick(6));
      r.imsi = pick(5) == 0 ? "" : fmt::format("21401{}", pick(7));
      r.msisdn = pick(4) == 0 ? "" : fmt::format("3460{}", pick(7));
      r.op = fmt::format("op{}", pick(3));
      r.rat = RatMask{1} << pick(5);
      r.imsi_class = static_cast<std::uint8_t>(1 << pick(3));
      rows.push_back(std::move(r));
    }
    auto triplets = AggregateToMonths(rows);
    std::map<std::string, std::vector<TripletMonth>> by_imei;
    for (const auto& [key, t] : triplets) by_imei[t.imei_norm].push_back(t);

    for (int w = 0; w < 5; ++w) {
      const Date first{base.days - 5 + pick(span + 10)};
      const DateWindow full{first, Date{first.days + pick(70)}};
      ImeiSummaryBuilder builder(full);
      for (auto& [imei, list] : by_imei) {
        std::shuffle(list.begin(), list.end(), rng);
        Date ever{INT32_MAX};
        for (const DailyRow& r : rows) {
          if (r.imei == imei) ever = std::min(ever, r.date);
        }
        builder.Start(imei, ever);
        for (const TripletMonth& t : list) builder.Add(t);
        const std::string got = builder.any() ? Describe(builder.Finish(), full) : "none";
        ASSERT_EQ(got, BruteForceSummary(rows, imei, full))
            << "round " << round << " window " << FormatIsoDate(full.first) << ".."
            << FormatIsoDate(full.last);
      }
    }
  }
}

}  // namespace
}  // namespace openceir::store
