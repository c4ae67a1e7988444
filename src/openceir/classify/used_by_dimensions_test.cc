// used_by_local_subscriber, used_by_international_roamer, used_by_local_non_member_roamer,
// used_by_dirbs_subscriber.
#include <gtest/gtest.h>

#include "openceir/classify/classify_test_util.h"

namespace openceir::classify {
namespace {

using testing::D;
using testing::EvaluateOn;
using testing::MustMake;
using testing::SummaryMaker;

constexpr char kImei[] = "35000000123456";

TEST(UsedByDimensionsTest, EachMatchesItsImsiClass) {
  const Date curr = D(20261101);
  auto context = testing::NewContext(curr);
  context->Finish();
  const store::DateWindow window = WindowOfDays(curr, 30);
  struct Case {
    std::uint8_t imsi_class;
    bool local, roamer, non_member, member;
  };
  const std::vector<Case> cases = {
      {store::kImsiLocalSubscriber, true, false, false, true},
      {store::kImsiInboundRoamer, false, true, false, false},
      {store::kImsiLocalNonMember, true, false, true, false},
  };
  for (const Case& c : cases) {
    const store::ImeiSummary summary =
        SummaryMaker(kImei, window, D(20260101))
            .Seen("op1", "410019999999999", "", {window.first}, 0, c.imsi_class)
            .Make();
    auto matches = [&](const std::string& module) {
      return EvaluateOn(*MustMake(module, {{"lookback_days", "30"}}), *context, &summary, kImei)
          .matched;
    };
    EXPECT_EQ(matches("used_by_local_subscriber"), c.local) << int{c.imsi_class};
    EXPECT_EQ(matches("used_by_international_roamer"), c.roamer) << int{c.imsi_class};
    EXPECT_EQ(matches("used_by_local_non_member_roamer"), c.non_member) << int{c.imsi_class};
    EXPECT_EQ(matches("used_by_dirbs_subscriber"), c.member) << int{c.imsi_class};
  }
}

TEST(UsedByDimensionsTest, LookbackWindowEdges) {
  const Date curr = D(20261101);
  auto dimension = MustMake("used_by_international_roamer", {{"lookback_days", "7"}});
  const store::DateWindow window = *dimension->Window(curr);
  EXPECT_EQ(window.first, D(20261025));
  EXPECT_EQ(window.last, D(20261031));
  auto context = testing::NewContext(curr);
  context->Finish();
  const store::ImeiSummary summary =
      SummaryMaker(kImei, window, D(20260101))
          .Seen("op1", "234109999999999", "", {window.first}, 0, store::kImsiInboundRoamer)
          .Make();
  const DimensionOutcome outcome = EvaluateOn(*dimension, *context, &summary, kImei);
  EXPECT_TRUE(outcome.matched);
  EXPECT_EQ(dimension->Explain(outcome),
            "used by an international roamer (an IMSI from outside the region) in "
            "20261025..20261031");
  // Not seen in the window: no summary for it.
  EXPECT_FALSE(EvaluateOn(*dimension, *context, nullptr, kImei).matched);
}

}  // namespace
}  // namespace openceir::classify
