// concurrent_operators: SIMs of several member operators active with one IMEI on one day.
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
constexpr char kOp1Imsi[] = "410010000000001";
constexpr char kOp2Imsi[] = "410020000000002";

class ConcurrentOperatorsTest : public ::testing::Test {
 protected:
  void SetUp() override {
    context_ = testing::NewContext(curr_);
    context_->Finish();
    dimension_ = MustMake("concurrent_operators");  // threshold 2, period_days 30
  }
  const Date curr_ = D(20261101);
  const store::DateWindow window_ = WindowOfDays(curr_, 30);
  std::unique_ptr<ClassifyContext> context_;
  std::unique_ptr<Dimension> dimension_;
};

TEST_F(ConcurrentOperatorsTest, SameDayOnTwoOperatorsMatches) {
  const store::ImeiSummary summary = SummaryMaker(kImei, window_, D(20260101))
                                         .Seen("op1", kOp1Imsi, "", Days(D(20261010), 5))
                                         .Seen("op2", kOp2Imsi, "", Days(D(20261014), 3))
                                         .Make();
  const DimensionOutcome outcome = EvaluateOn(*dimension_, *context_, &summary, kImei);
  EXPECT_TRUE(outcome.matched);
  EXPECT_EQ(dimension_->Explain(outcome),
            "active with SIMs of 2 or more operators on 1 day(s) in 20261002..20261031 (first "
            "20261014: op1|op2); reported by 2 operator(s)");
}

TEST_F(ConcurrentOperatorsTest, ConsecutiveDaysDoNotMatch) {
  // A SIM swap from op1 to op2 between two days is not concurrent use.
  const store::ImeiSummary summary = SummaryMaker(kImei, window_, D(20260101))
                                         .Seen("op1", kOp1Imsi, "", Days(D(20261010), 5))
                                         .Seen("op2", kOp2Imsi, "", Days(D(20261015), 3))
                                         .Make();
  EXPECT_FALSE(EvaluateOn(*dimension_, *context_, &summary, kImei).matched);
}

TEST_F(ConcurrentOperatorsTest, TwoSimsOfOneOperatorDoNotMatch) {
  const store::ImeiSummary summary = SummaryMaker(kImei, window_, D(20260101))
                                         .Seen("op1", kOp1Imsi, "", Days(D(20261010), 5))
                                         .Seen("op1", "410010000000009", "", Days(D(20261010), 5))
                                         .Make();
  EXPECT_FALSE(EvaluateOn(*dimension_, *context_, &summary, kImei).matched);
}

TEST_F(ConcurrentOperatorsTest, RoamerImsisAndASingleReportingOperatorDoNotCount) {
  // An op2 IMSI reported only by op1 (national roaming): one reporting operator.
  const store::ImeiSummary one_reporter = SummaryMaker(kImei, window_, D(20260101))
                                              .Seen("op1", kOp1Imsi, "", {D(20261010)})
                                              .Seen("op1", kOp2Imsi, "", {D(20261010)})
                                              .Make();
  EXPECT_FALSE(EvaluateOn(*dimension_, *context_, &one_reporter, kImei).matched);
  const store::ImeiSummary roamer = SummaryMaker(kImei, window_, D(20260101))
                                        .Seen("op1", kOp1Imsi, "", {D(20261010)})
                                        .Seen("op2", "234100000000001", "", {D(20261010)})
                                        .Make();
  EXPECT_FALSE(EvaluateOn(*dimension_, *context_, &roamer, kImei).matched);
}

TEST_F(ConcurrentOperatorsTest, ThresholdThree) {
  config::RegionConfig region = testing::TestRegion();
  region.operators.push_back({"op3", "Operator Three", {"41003"}});
  ClassifyContext context(curr_);
  ASSERT_TRUE(context.SetRegion(region).ok());
  context.Finish();
  auto three = MustMake("concurrent_operators", {{"threshold", "3"}});
  SummaryMaker maker(kImei, window_, D(20260101));
  maker.Seen("op1", kOp1Imsi, "", {D(20261010)}).Seen("op2", kOp2Imsi, "", {D(20261010)});
  const store::ImeiSummary two = maker.Make();
  EXPECT_FALSE(EvaluateOn(*three, context, &two, kImei).matched);
  maker.Seen("op3", "410030000000003", "", {D(20261010)});
  const store::ImeiSummary all = maker.Make();
  EXPECT_TRUE(EvaluateOn(*three, context, &all, kImei).matched);
}

}  // namespace
}  // namespace openceir::classify
