// duplicate_threshold, duplicate_daily_avg, daily_avg_uid on hand-made summaries.
#include <gtest/gtest.h>

#include "openceir/classify/classify_test_util.h"

namespace openceir::classify {
namespace {

using testing::D;
using testing::Days;
using testing::EvaluateOn;
using testing::MustMake;
using testing::SummaryMaker;

constexpr char kImei[] = "35000000123456";

std::string Imsi(int i) { return "41001" + std::to_string(1000000000 + i); }
std::string Msisdn(int i) { return "92300" + std::to_string(1000000 + i); }

class DuplicateTest : public ::testing::Test {
 protected:
  void SetUp() override {
    context_ = testing::NewContext(curr_);
    context_->AddSubscriber("UID-A", Imsi(0));
    context_->AddSubscriber("UID-A", Imsi(1));  // one person, two SIMs
    context_->AddSubscriber("UID-B", Imsi(2));
    context_->Finish();
  }
  // `imsis` distinct IMSIs, each on the first day of the 30-day window.
  store::ImeiSummary WithImsis(int imsis) {
    SummaryMaker maker(kImei, window_, D(20260101));
    for (int i = 0; i < imsis; ++i) maker.Seen("op1", Imsi(i), Msisdn(i), {window_.first});
    return maker.Make();
  }
  const Date curr_ = D(20261101);
  const store::DateWindow window_ = WindowOfDays(curr_, 30);
  std::unique_ptr<ClassifyContext> context_;
};

TEST_F(DuplicateTest, ThresholdBoundaries) {
  auto dimension = MustMake("duplicate_threshold", {{"threshold", "10"}, {"period_days", "30"}});
  for (int imsis : {9, 10, 11}) {
    const store::ImeiSummary summary = WithImsis(imsis);
    EXPECT_EQ(EvaluateOn(*dimension, *context_, &summary, kImei).matched, imsis >= 10) << imsis;
  }
  const store::ImeiSummary summary = WithImsis(12);
  const DimensionOutcome outcome = EvaluateOn(*dimension, *context_, &summary, kImei);
  EXPECT_EQ(dimension->Explain(outcome), "12 distinct IMSIs in 20261002..20261031 >= threshold 10");
}

TEST_F(DuplicateTest, ThresholdCountsOnlyCleanImsis) {
  auto dimension = MustMake("duplicate_threshold", {{"threshold", "2"}, {"period_days", "30"}});
  const store::ImeiSummary summary = SummaryMaker(kImei, window_, D(20260101))
                                         .Seen("op1", Imsi(0), "", {window_.first})
                                         .Seen("op1", "4100112", "", {window_.first})  // unclean
                                         .Make();
  const DimensionOutcome outcome = EvaluateOn(*dimension, *context_, &summary, kImei);
  EXPECT_FALSE(outcome.matched);
  EXPECT_EQ(std::get<std::int64_t>(outcome.Find("distinct_imsis")->value), 1);
}

TEST_F(DuplicateTest, ThresholdByMsisdn) {
  auto dimension = MustMake("duplicate_threshold",
                            {{"threshold", "2"}, {"period_days", "30"}, {"use_msisdn", "true"}});
  const store::ImeiSummary one_msisdn = SummaryMaker(kImei, window_, D(20260101))
                                            .Seen("op1", Imsi(0), Msisdn(0), {window_.first})
                                            .Seen("op1", Imsi(1), Msisdn(0), {window_.first})
                                            .Make();
  EXPECT_FALSE(EvaluateOn(*dimension, *context_, &one_msisdn, kImei).matched);
  const store::ImeiSummary two = WithImsis(2);
  EXPECT_TRUE(EvaluateOn(*dimension, *context_, &two, kImei).matched);
}

TEST_F(DuplicateTest, NoSummaryMeansNoMatch) {
  auto dimension = MustMake("duplicate_threshold", {{"threshold", "1"}, {"period_days", "30"}});
  EXPECT_FALSE(EvaluateOn(*dimension, *context_, nullptr, kImei).matched);
}

// IMSI 0 on days 0..9, IMSI 1 on days 0..4 and IMSI 2 on days 5..9: 20 IMSI-days over 10 days.
store::ImeiSummary TwoPerDay(store::DateWindow window, int days) {
  return SummaryMaker(kImei, window, D(20260101))
      .Seen("op1", Imsi(0), "", Days(window.first, days))
      .Seen("op1", Imsi(1), "", Days(window.first, days / 2))
      .Seen("op2", Imsi(2), "", Days(Date{window.first.days + days / 2}, days - days / 2))
      .Make();
}

TEST_F(DuplicateTest, DailyAverageBoundaries) {
  const store::ImeiSummary summary = TwoPerDay(window_, 10);
  for (const auto& [threshold, expected] :
       std::vector<std::pair<std::string, bool>>{{"1.9", true}, {"2.0", true}, {"2.1", false}}) {
    auto dimension =
        MustMake("duplicate_daily_avg",
                 {{"threshold", threshold}, {"period_days", "30"}, {"min_seen_days", "5"}});
    const DimensionOutcome outcome = EvaluateOn(*dimension, *context_, &summary, kImei);
    EXPECT_EQ(outcome.matched, expected) << threshold;
    EXPECT_EQ(std::get<std::int64_t>(outcome.Find("imsi_days")->value), 20);
    EXPECT_EQ(std::get<std::int64_t>(outcome.Find("days_seen")->value), 10);
  }
}

TEST_F(DuplicateTest, DailyAverageMinSeenDaysBoundaries) {
  const store::ImeiSummary summary = TwoPerDay(window_, 10);
  for (const auto& [min_days, expected] :
       std::vector<std::pair<std::string, bool>>{{"9", true}, {"10", true}, {"11", false}}) {
    auto dimension =
        MustMake("duplicate_daily_avg",
                 {{"threshold", "2"}, {"period_days", "30"}, {"min_seen_days", min_days}});
    const DimensionOutcome outcome = EvaluateOn(*dimension, *context_, &summary, kImei);
    EXPECT_EQ(outcome.matched, expected) << min_days;
    if (!expected) {
      EXPECT_EQ(dimension->Explain(outcome),
                "seen on 10 days in 20261002..20261031, fewer than min_seen_days 11");
    }
  }
}

TEST_F(DuplicateTest, DailyAverageWindowEdges) {
  // Sightings the day before the window and on the classification date itself are outside it.
  const store::ImeiSummary edges = SummaryMaker(kImei, window_, D(20260101))
                                       .Seen("op1", Imsi(0), "", {window_.first, window_.last})
                                       .Seen("op1", Imsi(1), "", {window_.first, window_.last})
                                       .Make();
  auto dimension = MustMake("duplicate_daily_avg",
                            {{"threshold", "2"}, {"period_days", "30"}, {"min_seen_days", "2"}});
  EXPECT_TRUE(EvaluateOn(*dimension, *context_, &edges, kImei).matched);
  // The same sightings moved one day out on each side fall outside the 30-day window.
  const store::ImeiSummary outside =
      SummaryMaker(kImei, window_, D(20260101))
          .Seen("op1", Imsi(0), "", {Date{window_.first.days - 1}, window_.last})
          .Seen("op1", Imsi(1), "", {Date{window_.first.days - 1}, curr_})
          .Make();
  const DimensionOutcome outcome = EvaluateOn(*dimension, *context_, &outside, kImei);
  EXPECT_FALSE(outcome.matched);
  EXPECT_EQ(std::get<std::int64_t>(outcome.Find("days_seen")->value), 1);
}

TEST_F(DuplicateTest, DailyAvgUidCountsPersonsNotSims) {
  // UID-A's two SIMs on the same 10 days are one person: 10 UID-days over 10 days = 1.0;
  // UID-B on 5 of the days adds 5: 15 / 10 = 1.5.
  const store::ImeiSummary summary =
      SummaryMaker(kImei, window_, D(20260101))
          .Seen("op1", Imsi(0), "", Days(window_.first, 10))
          .Seen("op1", Imsi(1), "", Days(window_.first, 10))
          .Seen("op1", Imsi(2), "", Days(window_.first, 5))
          .Seen("op1", Imsi(3), "", Days(window_.first, 10))  // not registered: not counted
          .Make();
  for (const auto& [threshold, expected] :
       std::vector<std::pair<std::string, bool>>{{"1.4", true}, {"1.5", true}, {"1.6", false}}) {
    auto dimension =
        MustMake("daily_avg_uid",
                 {{"threshold", threshold}, {"period_days", "30"}, {"min_seen_days", "10"}});
    const DimensionOutcome outcome = EvaluateOn(*dimension, *context_, &summary, kImei);
    EXPECT_EQ(outcome.matched, expected) << threshold;
    EXPECT_EQ(std::get<std::int64_t>(outcome.Find("uid_days")->value), 15);
    EXPECT_EQ(std::get<std::int64_t>(outcome.Find("distinct_uids")->value), 2);
  }
}

}  // namespace
}  // namespace openceir::classify
