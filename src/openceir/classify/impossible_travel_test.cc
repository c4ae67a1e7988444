// impossible_travel on travel evidence loaded into the context.
#include <gtest/gtest.h>

#include "openceir/classify/classify_test_util.h"

namespace openceir::classify {
namespace {

using testing::D;
using testing::MustMake;

store::TravelEvidence Hop(const std::string& imei, Date day, double km, double kmh) {
  store::TravelEvidence evidence;
  evidence.imei_norm = imei;
  evidence.second.time = std::int64_t{day.days} * 86400 + 43200;
  evidence.first.time = evidence.second.time - static_cast<std::int64_t>(km / kmh * 3600);
  evidence.first.cell_id = "410-01-1-1";
  evidence.second.cell_id = "410-02-9-9";
  evidence.first.imsi = "410010000000001";
  evidence.second.imsi = "410020000000002";
  evidence.distance_km = km;
  evidence.speed_kmh = kmh;
  return evidence;
}

class ImpossibleTravelTest : public ::testing::Test {
 protected:
  void SetUp() override {
    context_ = testing::NewContext(curr_);
    context_->AddTravelEvidence(Hop("35000000000001", D(20261031), 1000, 5000));
    context_->AddTravelEvidence(Hop("35000000000002", D(20261002), 1000, 5000));  // first day
    context_->AddTravelEvidence(Hop("35000000000003", D(20261001), 1000, 5000));  // day before
    context_->AddTravelEvidence(Hop("35000000000004", D(20261020), 1000, 900));   // == max
    context_->AddTravelEvidence(Hop("35000000000005", D(20261020), 99.9, 5000));  // < min km
    context_->AddTravelEvidence(Hop("35000000000006", D(20261020), 300, 1200));
    context_->AddTravelEvidence(Hop("35000000000006", D(20261021), 800, 2400));
    context_->Finish();
    dimension_ = MustMake("impossible_travel");  // defaults: 900 km/h, 100 km, 30 days
  }
  DimensionOutcome Evaluate(const std::string& imei) {
    DimensionOutcome outcome;
    dimension_->Evaluate(*context_, ImeiFacts::Of(imei, nullptr), &outcome);
    return outcome;
  }
  const Date curr_ = D(20261101);
  std::unique_ptr<ClassifyContext> context_;
  std::unique_ptr<Dimension> dimension_;
};

TEST_F(ImpossibleTravelTest, LookbackEdges) {
  EXPECT_TRUE(Evaluate("35000000000001").matched);
  EXPECT_TRUE(Evaluate("35000000000002").matched);
  EXPECT_FALSE(Evaluate("35000000000003").matched);
}

TEST_F(ImpossibleTravelTest, SpeedAndDistanceThresholds) {
  EXPECT_FALSE(Evaluate("35000000000004").matched);  // not faster than 900 km/h
  EXPECT_FALSE(Evaluate("35000000000005").matched);  // shorter than 100 km
  EXPECT_FALSE(Evaluate("35000000000099").matched);  // no evidence at all
}

TEST_F(ImpossibleTravelTest, EvidenceCountsHopsAndNamesTheFastest) {
  const DimensionOutcome outcome = Evaluate("35000000000006");
  EXPECT_TRUE(outcome.matched);
  EXPECT_EQ(std::get<std::int64_t>(outcome.Find("impossible_hops")->value), 2);
  EXPECT_EQ(dimension_->Explain(outcome),
            "2 hop(s) faster than 900 km/h in 20261002..20261031; fastest 800 km in 1200 s "
            "(2400 km/h) from cell 410-01-1-1 to cell 410-02-9-9");
}

TEST_F(ImpossibleTravelTest, NeedsTheTravelWindow) {
  ContextNeeds needs;
  dimension_->AddNeeds(curr_, &needs);
  MustMake("impossible_travel", {{"lookback_days", "60"}})->AddNeeds(curr_, &needs);
  ASSERT_TRUE(needs.travel_window.has_value());
  EXPECT_EQ(needs.travel_window->first, D(20260902));
  EXPECT_EQ(needs.travel_window->last, D(20261031));
}

}  // namespace
}  // namespace openceir::classify
