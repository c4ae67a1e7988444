// stolen_list, barred, barred TAC, monitoring, registration and association dimensions.
#include <gtest/gtest.h>

#include "openceir/classify/classify_test_util.h"

namespace openceir::classify {
namespace {

using testing::D;
using testing::EvaluateOn;
using testing::MustMake;
using testing::NewContext;

class RegistryDimensionsTest : public ::testing::Test {
 protected:
  void SetUp() override {
    context_ = NewContext(D(20261101));
    context_->AddStolen("35000000000001", "20260105", "");
    context_->AddStolen("35000000000002", "20260106", "blacklist");
    context_->AddStolen("35000000000003", "20260107", "pending");
    context_->AddStolen("3500000000000A", "", "");  // malformed IMEIs can be listed too
    context_->AddBarred("35000000000004");
    context_->AddBarredTac("35111111");
    context_->AddMonitored("35000000000005");
    context_->AddGsmaTac("35000000", "Acme", "Phone 1", "Smartphone", "2G|3G|4G", "20200101");
    context_->AddGsmaTac("35999999", "Acme", "Meter M", "Module", "2G", "20200101");
    context_->AddRegistration("35000000000006", "", "Smartphone");
    context_->AddRegistration("35000000000007", "whitelist", "Smartphone");
    context_->AddRegistration("35000000000008", "removed", "Smartphone");
    context_->AddAssociation("UID-1", "35000000000009");
    context_->Finish();
  }
  bool Matches(const std::string& module, const std::string& imei) {
    return EvaluateOn(*MustMake(module), *context_, nullptr, imei).matched;
  }
  std::unique_ptr<ClassifyContext> context_;
};

TEST_F(RegistryDimensionsTest, StolenListMatchesConfirmedReportsOnly) {
  EXPECT_TRUE(Matches("stolen_list", "35000000000001"));   // status empty
  EXPECT_TRUE(Matches("stolen_list", "35000000000002"));   // "blacklist"
  EXPECT_FALSE(Matches("stolen_list", "35000000000003"));  // provisional
  EXPECT_FALSE(Matches("stolen_list", "35000000000099"));
  EXPECT_TRUE(Matches("stolen_list", "3500000000000A"));
}

TEST_F(RegistryDimensionsTest, StolenListEvidenceHasTheReportingDate) {
  auto stolen = MustMake("stolen_list");
  const DimensionOutcome outcome = EvaluateOn(*stolen, *context_, nullptr, "35000000000001");
  ASSERT_NE(outcome.Find("reporting_date"), nullptr);
  EXPECT_EQ(FormatEvidenceValue(*outcome.Find("reporting_date")), "20260105");
  EXPECT_EQ(stolen->Explain(outcome), "on the stolen list (confirmed report of 20260105)");
}

TEST_F(RegistryDimensionsTest, BarredMonitoringAndBarredTac) {
  EXPECT_TRUE(Matches("exists_in_barred_list", "35000000000004"));
  EXPECT_FALSE(Matches("exists_in_barred_list", "35000000000005"));
  EXPECT_TRUE(Matches("exists_in_monitoring_list", "35000000000005"));
  EXPECT_FALSE(Matches("exists_in_monitoring_list", "35000000000004"));
  EXPECT_TRUE(Matches("is_barred_tac", "35111111000000"));
  EXPECT_FALSE(Matches("is_barred_tac", "35111112000000"));
  // A malformed IMEI whose first 8 characters are the barred TAC is still on that TAC.
  EXPECT_TRUE(Matches("is_barred_tac", "35111111ABCDEF"));
  EXPECT_FALSE(Matches("is_barred_tac", "3511"));
  auto tac = MustMake("is_barred_tac");
  EXPECT_EQ(tac->Explain(EvaluateOn(*tac, *context_, nullptr, "35111111000000")),
            "TAC 35111111 is on the barred TAC list");
}

TEST_F(RegistryDimensionsTest, NotOnRegistrationListHonoursStatusAndExemptions) {
  EXPECT_FALSE(Matches("not_on_registration_list", "35000000000006"));
  EXPECT_FALSE(Matches("not_on_registration_list", "35000000000007"));
  EXPECT_TRUE(Matches("not_on_registration_list", "35000000000008"));  // not whitelisted
  EXPECT_TRUE(Matches("not_on_registration_list", "35000000000099"));
  // TAC 35999999 is a "Module", which the region exempts (case-insensitively).
  auto dimension = MustMake("not_on_registration_list");
  const DimensionOutcome outcome = EvaluateOn(*dimension, *context_, nullptr, "35999999000001");
  EXPECT_FALSE(outcome.matched);
  EXPECT_EQ(dimension->Explain(outcome),
            "not registered, but its device type \"module\" is exempt from registration");
}

TEST_F(RegistryDimensionsTest, NotOnAssociationList) {
  EXPECT_FALSE(Matches("not_on_association_list", "35000000000009"));
  EXPECT_TRUE(Matches("not_on_association_list", "35000000000010"));
  EXPECT_FALSE(Matches("not_on_association_list", "35999999000001"));  // exempt type
}

TEST_F(RegistryDimensionsTest, NeedOnlyTheirLists) {
  ContextNeeds needs;
  MustMake("stolen_list")->AddNeeds(D(20261101), &needs);
  MustMake("not_on_registration_list")->AddNeeds(D(20261101), &needs);
  EXPECT_EQ(needs.parts, kNeedStolen | kNeedRegistration | kNeedGsmaTac);
  EXPECT_FALSE(needs.travel_window.has_value());
}

}  // namespace
}  // namespace openceir::classify
