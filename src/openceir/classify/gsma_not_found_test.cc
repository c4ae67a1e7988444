// gsma_not_found: TAC absent from the GSMA database for longer than its RBI's delay.
#include <gtest/gtest.h>

#include "openceir/classify/classify_test_util.h"

namespace openceir::classify {
namespace {

using testing::D;
using testing::MustMake;

class GsmaNotFoundTest : public ::testing::Test {
 protected:
  void SetUp() override {
    context_ = testing::NewContext(curr_);
    context_->AddGsmaTac("35000000", "Acme", "Phone", "Smartphone", "4G", "20200101");
    context_->Finish();
  }
  // Evaluates `dimension` on `imei` first seen `days_before` days before curr_.
  DimensionOutcome Evaluate(const Dimension& dimension, const std::string& imei,
                            std::optional<int> days_before) {
    ImeiFacts facts = ImeiFacts::Of(imei, nullptr);
    if (days_before) facts.first_seen_ever = Date{curr_.days - *days_before};
    DimensionOutcome outcome;
    dimension.Evaluate(*context_, facts, &outcome);
    return outcome;
  }
  const Date curr_ = D(20261101);
  std::unique_ptr<ClassifyContext> context_;
};

TEST_F(GsmaNotFoundTest, TacInDatabaseNeverMatches) {
  auto dimension = MustMake("gsma_not_found", {{"ignore_rbi_delays", "true"}});
  EXPECT_FALSE(Evaluate(*dimension, "35000000123456", 400).matched);
}

TEST_F(GsmaNotFoundTest, DefaultDelayOfRbi35IsTwentyDays) {
  auto dimension = MustMake("gsma_not_found");
  // DIRBS: first_seen + delay < curr_date.
  EXPECT_FALSE(Evaluate(*dimension, "35000001123456", 19).matched);
  EXPECT_FALSE(Evaluate(*dimension, "35000001123456", 20).matched);  // due == curr_date
  const DimensionOutcome outcome = Evaluate(*dimension, "35000001123456", 21);
  EXPECT_TRUE(outcome.matched);
  EXPECT_EQ(dimension->Explain(outcome),
            "TAC 35000001 is not in the GSMA TAC database; first seen 20261011 + 20 days allowed "
            "for RBI 35 = 20261031 < 20261101");
}

TEST_F(GsmaNotFoundTest, PerRbiDelaysOverrideOneRbiAndKeepTheOtherDefaults) {
  auto dimension = MustMake("gsma_not_found", {{"per_rbi_delays.35", "5"}});
  EXPECT_FALSE(Evaluate(*dimension, "35000001123456", 5).matched);
  EXPECT_TRUE(Evaluate(*dimension, "35000001123456", 6).matched);
  // RBI 86 keeps DIRBS's default of 19 days.
  EXPECT_FALSE(Evaluate(*dimension, "86000001123456", 19).matched);
  EXPECT_TRUE(Evaluate(*dimension, "86000001123456", 20).matched);
  // An RBI without a delay waits 0 days.
  EXPECT_FALSE(Evaluate(*dimension, "44000001123456", 0).matched);
  EXPECT_TRUE(Evaluate(*dimension, "44000001123456", 1).matched);
}

TEST_F(GsmaNotFoundTest, IgnoreRbiDelaysMatchesFromTheDayAfterFirstSeen) {
  auto dimension = MustMake("gsma_not_found", {{"ignore_rbi_delays", "true"}});
  EXPECT_FALSE(Evaluate(*dimension, "35000001123456", 0).matched);
  EXPECT_TRUE(Evaluate(*dimension, "35000001123456", 1).matched);
}

TEST_F(GsmaNotFoundTest, MalformedImeisAreNotFoundToo) {
  auto dimension = MustMake("gsma_not_found", {{"ignore_rbi_delays", "true"}});
  EXPECT_TRUE(Evaluate(*dimension, "3500000112345F", 30).matched);
  // A malformed IMEI whose first 8 characters are an allocated TAC is found.
  EXPECT_FALSE(Evaluate(*dimension, "3500000012345F", 30).matched);
  EXPECT_TRUE(Evaluate(*dimension, "AB", 30).matched);
  // With delays, an RBI that is not two digits has no delay and does not crash.
  EXPECT_TRUE(Evaluate(*MustMake("gsma_not_found"), "A", 1).matched);
}

TEST_F(GsmaNotFoundTest, NeverSeenImeiDoesNotMatch) {
  auto dimension = MustMake("gsma_not_found");
  EXPECT_FALSE(Evaluate(*dimension, "35000001123456", std::nullopt).matched);
}

}  // namespace
}  // namespace openceir::classify
