#include "openceir/api/rate_limiter.h"

#include <gtest/gtest.h>

namespace openceir::api {
namespace {

TEST(RateLimiterTest, AllowsTheBurstThenRefusesWithRetryAfter) {
  RateLimiter limiter(/*rate=*/2, /*burst=*/3);
  for (int i = 0; i < 3; ++i) EXPECT_TRUE(limiter.Take("10.0.0.1", 100.0).allowed) << i;
  RateDecision refused = limiter.Take("10.0.0.1", 100.0);
  EXPECT_FALSE(refused.allowed);
  EXPECT_EQ(refused.retry_after_seconds, 1);  // one token at 2/s: 0.5 s, rounded up
}

TEST(RateLimiterTest, RefillsAtTheRate) {
  RateLimiter limiter(/*rate=*/0.5, /*burst=*/1);
  EXPECT_TRUE(limiter.Take("a", 0.0).allowed);
  RateDecision refused = limiter.Take("a", 0.5);
  EXPECT_FALSE(refused.allowed);
  EXPECT_EQ(refused.retry_after_seconds, 2);  // 0.25 token there, 0.75 missing at 0.5/s
  EXPECT_TRUE(limiter.Take("a", 2.0).allowed);
  EXPECT_FALSE(limiter.Take("a", 2.0).allowed);
}

TEST(RateLimiterTest, ClientsHaveTheirOwnBuckets) {
  RateLimiter limiter(1, 1);
  EXPECT_TRUE(limiter.Take("a", 0).allowed);
  EXPECT_FALSE(limiter.Take("a", 0).allowed);
  EXPECT_TRUE(limiter.Take("b", 0).allowed);
}

TEST(RateLimiterTest, CostAboveTheBurstIsRefused) {
  RateLimiter limiter(1, 5);
  RateDecision refused = limiter.Take("a", 0, 6);
  EXPECT_FALSE(refused.allowed);
  EXPECT_EQ(refused.retry_after_seconds, 5);
  EXPECT_TRUE(limiter.Take("a", 0, 5).allowed);  // the refusal took nothing
}

TEST(RateLimiterTest, TimeGoingBackwardsGivesNoTokens) {
  RateLimiter limiter(1, 1);
  EXPECT_TRUE(limiter.Take("a", 10).allowed);
  EXPECT_FALSE(limiter.Take("a", 5).allowed);
}

TEST(RateLimiterTest, BoundsTheClientsTracked) {
  RateLimiter limiter(1, 1, /*max_clients=*/2);
  EXPECT_TRUE(limiter.Take("a", 0).allowed);
  EXPECT_TRUE(limiter.Take("b", 0).allowed);
  EXPECT_TRUE(limiter.Take("c", 0).allowed);  // both empty: the oldest is dropped
  EXPECT_EQ(limiter.tracked_clients(), 2u);
  // At t=5 a and c have refilled: they are dropped when d arrives.
  EXPECT_TRUE(limiter.Take("d", 5).allowed);
  EXPECT_LE(limiter.tracked_clients(), 2u);
}

}  // namespace
}  // namespace openceir::api
