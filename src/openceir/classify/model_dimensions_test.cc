// inconsistent_rat and device_type_mismatch.
#include <gtest/gtest.h>

#include "openceir/classify/classify_test_util.h"
#include "openceir/identifiers/rat.h"

namespace openceir::classify {
namespace {

using testing::D;
using testing::EvaluateOn;
using testing::MustMake;
using testing::SummaryMaker;

store::RatMask Rats(std::string_view codes) { return identifiers::ParseRatList(codes).value(); }

class ModelDimensionsTest : public ::testing::Test {
 protected:
  void SetUp() override {
    context_ = testing::NewContext(curr_);
    // A 2G-only feature phone whose bands say "GSM 900,DCS 1800": the GSMA import stores
    // radio_caps "2G" (DCS is 2G, never LTE).
    context_->AddGsmaTac("35000001", "Acme", "Feature 1", "Mobile Phone/Feature phone", "2G",
                         "20200101");
    // Two TACs of one model: the model supports what either supports (DIRBS).
    context_->AddGsmaTac("35000002", "Acme", "Smart 2", "Smartphone", "2G|3G", "20200101");
    context_->AddGsmaTac("35000003", "Acme", "Smart 2", "Smartphone", "4G", "20200101");
    context_->AddGsmaTac("35000004", "", "No maker", "Smartphone", "2G", "20200101");
    context_->AddGsmaTac("35000005", "Acme", "No bands", "Smartphone", "", "20200101");
    context_->AddGsmaTac("35000006", "Acme", "Meter", "Module", "2G", "20200101");
    context_->AddGsmaTac("35000007", "Acme", "Stick", "Dongle", "3G", "20200101");
    context_->AddRegistration("35000001000001", "", "Module");
    context_->AddRegistration("35000002000001", "", "Smartphone");
    context_->AddSubscriber("UID-1", "410010000000001");
    context_->Finish();
  }
  store::ImeiSummary Seen(const std::string& imei, std::string_view rats,
                          const std::string& imsi = "410019999999999") {
    return SummaryMaker(imei, WindowOfDays(curr_, 90), D(20260101))
        .Seen("op1", imsi, "", {D(20261020)}, Rats(rats))
        .Make();
  }
  const Date curr_ = D(20261101);
  std::unique_ptr<ClassifyContext> context_;
};

TEST_F(ModelDimensionsTest, InconsistentRatFlagsAGenerationTheModelLacks) {
  auto rat = MustMake("inconsistent_rat");
  const store::ImeiSummary on_lte = Seen("35000001000002", "006");
  const DimensionOutcome outcome = EvaluateOn(*rat, *context_, &on_lte, "35000001000002");
  EXPECT_TRUE(outcome.matched);
  EXPECT_EQ(rat->Explain(outcome), "seen on 4G but its model supports only 2G");
  const store::ImeiSummary on_gsm = Seen("35000001000002", "002");
  EXPECT_FALSE(EvaluateOn(*rat, *context_, &on_gsm, "35000001000002").matched);
}

TEST_F(ModelDimensionsTest, InconsistentRatUsesTheWholeModel) {
  auto rat = MustMake("inconsistent_rat");
  // TAC 35000002 itself has no 4G, but its model does (TAC 35000003).
  const store::ImeiSummary on_lte = Seen("35000002000002", "002|006");
  EXPECT_FALSE(EvaluateOn(*rat, *context_, &on_lte, "35000002000002").matched);
  const store::ImeiSummary on_nr = Seen("35000002000002", "008");
  EXPECT_TRUE(EvaluateOn(*rat, *context_, &on_nr, "35000002000002").matched);
}

TEST_F(ModelDimensionsTest, InconsistentRatSkipsUnknownModels) {
  auto rat = MustMake("inconsistent_rat");
  for (const std::string imei : {"35000004000001", "35000005000001", "35999999000001"}) {
    const store::ImeiSummary summary = Seen(imei, "006");
    EXPECT_FALSE(EvaluateOn(*rat, *context_, &summary, imei).matched) << imei;
  }
  // WLAN and virtual RATs name no generation.
  const store::ImeiSummary wlan = Seen("35000001000002", "003|007");
  EXPECT_FALSE(EvaluateOn(*rat, *context_, &wlan, "35000001000002").matched);
}

TEST(RadioCapsTest, ParsesWholeItemsOnly) {
  EXPECT_EQ(ParseRadioCaps("2G|3G|4G|5G"),
            identifiers::kGen2G | identifiers::kGen3G | identifiers::kGen4G | identifiers::kGen5G);
  EXPECT_EQ(ParseRadioCaps("2G"), identifiers::kGen2G);
  // No LIKE-style matching: text that merely contains a keyword names nothing.
  EXPECT_EQ(ParseRadioCaps("DCS 1800"), 0);
  EXPECT_EQ(ParseRadioCaps("24G"), 0);
  EXPECT_EQ(ParseRadioCaps("4G_"), 0);
  EXPECT_EQ(ParseRadioCaps(""), 0);
}

TEST_F(ModelDimensionsTest, DeviceTypeMismatchRegistrationConflict) {
  auto mismatch = MustMake("device_type_mismatch");
  // A feature phone TAC registered as a module.
  const store::ImeiSummary summary = Seen("35000001000001", "002");
  const DimensionOutcome outcome = EvaluateOn(*mismatch, *context_, &summary, "35000001000001");
  EXPECT_TRUE(outcome.matched);
  EXPECT_EQ(mismatch->Explain(outcome),
            "registered as \"module\" but its TAC is a \"mobile phone/feature phone\"");
  // Registered as what it is.
  EXPECT_FALSE(EvaluateOn(*mismatch, *context_, nullptr, "35000002000001").matched);
}

TEST_F(ModelDimensionsTest, DeviceTypeMismatchPersonSimInModule) {
  auto mismatch = MustMake("device_type_mismatch");
  const store::ImeiSummary person = Seen("35000006000001", "002", "410010000000001");
  const DimensionOutcome outcome = EvaluateOn(*mismatch, *context_, &person, "35000006000001");
  EXPECT_TRUE(outcome.matched);
  EXPECT_EQ(mismatch->Explain(outcome),
            "its TAC is a \"module\" but it carried 1 SIM(s) registered to a person");
  const store::ImeiSummary machine = Seen("35000006000001", "002");
  EXPECT_FALSE(EvaluateOn(*mismatch, *context_, &machine, "35000006000001").matched);
  // A person's SIM in a dongle is ordinary.
  const store::ImeiSummary dongle = Seen("35000007000001", "001", "410010000000001");
  EXPECT_FALSE(EvaluateOn(*mismatch, *context_, &dongle, "35000007000001").matched);
}

}  // namespace
}  // namespace openceir::classify
