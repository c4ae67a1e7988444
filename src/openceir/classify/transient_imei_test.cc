// transient_imei: sequential MSISDNs on one operator (SIM boxes), and the hex-letter trap.
#include <gtest/gtest.h>

#include "openceir/classify/classify_test_util.h"

namespace openceir::classify {
namespace {

using testing::D;
using testing::Days;
using testing::EvaluateOn;
using testing::MustMake;
using testing::SummaryMaker;

class TransientImeiTest : public ::testing::Test {
 protected:
  void SetUp() override {
    context_ = testing::NewContext(curr_);
    context_->Finish();
    dimension_ = MustMake("transient_imei", {{"period", "30"}, {"num_msisdns", "5"}});
  }
  // `sims` SIMs with MSISDNs 923001000000 + step * i, each seen `days` days (the last one
  // `last_days` days) by `op` (op2 for the last SIM when `second_operator`).
  store::ImeiSummary SimBox(const std::string& imei, int sims, int days, int last_days,
                            std::uint64_t step = 1, bool second_operator = false) {
    SummaryMaker maker(imei, window_, D(20260101));
    for (int i = 0; i < sims; ++i) {
      const bool last = i == sims - 1;
      maker.Seen(last && second_operator ? "op2" : "op1", "41001000000" + std::to_string(1000 + i),
                 std::to_string(923001000000 + step * static_cast<std::uint64_t>(i)),
                 Days(window_.first, last ? last_days : days));
    }
    return maker.Make();
  }
  const Date curr_ = D(20261101);
  const store::DateWindow window_ = WindowOfDays(curr_, 30);
  std::unique_ptr<ClassifyContext> context_;
  std::unique_ptr<Dimension> dimension_;
};

TEST_F(TransientImeiTest, AverageBoundaries) {
  // 10 SIMs x 15 days = 150 subscriber-days / 30 = 5 per day.
  const store::ImeiSummary at = SimBox("35000000000001", 10, 15, 15);
  const DimensionOutcome outcome = EvaluateOn(*dimension_, *context_, &at, "35000000000001");
  EXPECT_TRUE(outcome.matched);
  EXPECT_EQ(dimension_->Explain(outcome),
            "10 distinct MSISDNs (in sequence, step 1), on 1 operator(s), 150 subscriber-days / "
            "30 days = 5 per day >= num_msisdns 5 in 20261002..20261031");
  // 149 / 30 = 4 (integer division, as DIRBS).
  const store::ImeiSummary below = SimBox("35000000000001", 10, 15, 14);
  EXPECT_FALSE(EvaluateOn(*dimension_, *context_, &below, "35000000000001").matched);
  const store::ImeiSummary above = SimBox("35000000000001", 11, 15, 15);
  EXPECT_TRUE(EvaluateOn(*dimension_, *context_, &above, "35000000000001").matched);
}

TEST_F(TransientImeiTest, NeedsOneOperatorAndASequence) {
  const store::ImeiSummary two_operators = SimBox("35000000000001", 10, 20, 20, 1, true);
  EXPECT_FALSE(EvaluateOn(*dimension_, *context_, &two_operators, "35000000000001").matched);
  const store::ImeiSummary step_ten = SimBox("35000000000001", 10, 20, 20, 10);
  EXPECT_TRUE(EvaluateOn(*dimension_, *context_, &step_ten, "35000000000001").matched);
  // Break the sequence with one MSISDN off the step.
  const store::ImeiSummary broken =
      SummaryMaker("35000000000001", window_, D(20260101))
          .Seen("op1", "410010000001000", "923001000000", Days(window_.first, 30))
          .Seen("op1", "410010000001001", "923001000001", Days(window_.first, 30))
          .Seen("op1", "410010000001002", "923001000005", Days(window_.first, 30))
          .Seen("op1", "410010000001003", "923001000006", Days(window_.first, 30))
          .Seen("op1", "410010000001004", "923001000007", Days(window_.first, 30))
          .Make();
  const DimensionOutcome outcome = EvaluateOn(*dimension_, *context_, &broken, "35000000000001");
  EXPECT_FALSE(outcome.matched);
  EXPECT_EQ(std::get<std::int64_t>(outcome.Find("sequential")->value), 0);
}

TEST_F(TransientImeiTest, OneMsisdnIsNoSequence) {
  const store::ImeiSummary single = SimBox("35000000000001", 1, 30, 30);
  EXPECT_FALSE(EvaluateOn(*dimension_, *context_, &single, "35000000000001").matched);
}

// Issue 4 item 9: DIRBS casts imei_norm to a number in this rule, so one IMEI with a hex letter
// aborts the whole classification. Here it is just another IMEI, and the ones after it are
// still evaluated.
TEST_F(TransientImeiTest, HexLetterImeiNeitherCrashesNorStopsTheRule) {
  const store::ImeiSummary hex = SimBox("35ABCDEF123456", 10, 15, 15);
  const store::ImeiSummary next = SimBox("35000000000002", 10, 15, 15);
  EXPECT_TRUE(EvaluateOn(*dimension_, *context_, &hex, "35ABCDEF123456").matched);
  EXPECT_TRUE(EvaluateOn(*dimension_, *context_, &next, "35000000000002").matched);
}

TEST_F(TransientImeiTest, MalformedMsisdnsAreNotPartOfTheSequence) {
  const store::ImeiSummary summary =
      SummaryMaker("35000000000001", window_, D(20260101))
          .Seen("op1", "410010000001000", "923001000000", Days(window_.first, 30))
          .Seen("op1", "410010000001001", "92300100000A", Days(window_.first, 30))
          .Seen("op1", "410010000001002", "923001000002", Days(window_.first, 30))
          .Seen("op1", "410010000001003", "12", Days(window_.first, 30))
          .Seen("op1", "410010000001004", "923001000004", Days(window_.first, 30))
          .Make();
  const DimensionOutcome outcome = EvaluateOn(*dimension_, *context_, &summary, "35000000000001");
  EXPECT_EQ(std::get<std::int64_t>(outcome.Find("distinct_msisdns")->value), 3);
  EXPECT_EQ(std::get<std::int64_t>(outcome.Find("msisdn_step")->value), 2);
  EXPECT_TRUE(outcome.matched);  // 150 subscriber-days / 30 = 5
}

}  // namespace
}  // namespace openceir::classify
