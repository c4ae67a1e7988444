// malformed_imei, is_test_tac, bad_check_digit.
#include <gtest/gtest.h>

#include "openceir/classify/classify_test_util.h"

namespace openceir::classify {
namespace {

using testing::D;
using testing::EvaluateOn;
using testing::MustMake;

TEST(IdentifierDimensionsTest, MalformedImeiIsAnythingButFourteenDigits) {
  auto context = testing::NewContext(D(20261101));
  context->Finish();
  auto malformed = MustMake("malformed_imei");
  const std::vector<std::pair<std::string, bool>> cases = {{"35123456789012", false},
                                                           {"3512345678901A", true},
                                                           {"1234567890123", true},
                                                           {"ABCDEF", true},
                                                           {"**#", true},
                                                           {"0", true}};
  for (const auto& [imei, expected] : cases) {
    EXPECT_EQ(EvaluateOn(*malformed, *context, nullptr, imei).matched, expected) << imei;
  }
  const DimensionOutcome outcome = EvaluateOn(*malformed, *context, nullptr, "3512345678901A");
  EXPECT_EQ(malformed->Explain(outcome), "the IMEI is not 14 digits (14 characters, 1 not digits)");
}

TEST(IdentifierDimensionsTest, IsTestTac) {
  auto context = testing::NewContext(D(20261101));
  context->Finish();
  auto test_tac = MustMake("is_test_tac");
  EXPECT_TRUE(EvaluateOn(*test_tac, *context, nullptr, "00101700000001").matched);
  EXPECT_TRUE(EvaluateOn(*test_tac, *context, nullptr, "00440000000001").matched);
  EXPECT_FALSE(EvaluateOn(*test_tac, *context, nullptr, "00101800000001").matched);
  EXPECT_FALSE(EvaluateOn(*test_tac, *context, nullptr, "35101700000001").matched);
  EXPECT_FALSE(EvaluateOn(*test_tac, *context, nullptr, "00AB").matched);
}

TEST(IdentifierDimensionsTest, BadCheckDigitOnlyForTypedFifteenDigits) {
  auto context = testing::NewContext(D(20261101));
  context->Finish();
  auto check = MustMake("bad_check_digit");
  // 49015420323751 has Luhn digit 8.
  ImeiFacts facts = ImeiFacts::Of("49015420323751", nullptr);
  DimensionOutcome outcome;
  check->Evaluate(*context, facts, &outcome);
  EXPECT_FALSE(outcome.matched);  // network data: nothing typed
  EXPECT_EQ(check->Explain(outcome),
            "not typed by a person: network data has no check digit to verify");

  facts.typed_imei = "490154203237518";
  check->Evaluate(*context, facts, &outcome);
  EXPECT_FALSE(outcome.matched);

  facts.typed_imei = "490154203237517";
  check->Evaluate(*context, facts, &outcome);
  EXPECT_TRUE(outcome.matched);
  EXPECT_EQ(check->Explain(outcome), "check digit 7 given, 8 expected");

  for (std::string_view typed : {"49015420323751", "4901542032375180", "49015420323751X"}) {
    facts.typed_imei = typed;
    check->Evaluate(*context, facts, &outcome);
    EXPECT_FALSE(outcome.matched) << typed;
  }
}

TEST(IdentifierDimensionsTest, BadCheckDigitReadsTheRegistrationsTypedForm) {
  auto context = testing::NewContext(D(20261101));
  context->AddTypedImei("49015420323751", "490154203237517");  // Luhn digit is 8
  context->AddTypedImei("35209900176148", "352099001761481");  // right
  context->AddTypedImei("86416609000040", "86416609000040");   // 14 digits: nothing to check
  context->Finish();
  auto check = MustMake("bad_check_digit");
  EXPECT_NE(check->Explain(DimensionOutcome()), "");

  DimensionOutcome wrong = EvaluateOn(*check, *context, nullptr, "49015420323751");
  EXPECT_TRUE(wrong.matched);
  EXPECT_EQ(check->Explain(wrong), "check digit 7 given, 8 expected");

  DimensionOutcome right = EvaluateOn(*check, *context, nullptr, "35209900176148");
  EXPECT_FALSE(right.matched);
  EXPECT_EQ(check->Explain(right), "check digit 1 given, 1 expected");

  DimensionOutcome fourteen = EvaluateOn(*check, *context, nullptr, "86416609000040");
  EXPECT_FALSE(fourteen.matched);
  EXPECT_EQ(check->Explain(fourteen),
            "typed without a check digit (not 15 digits): nothing to verify");

  DimensionOutcome untyped = EvaluateOn(*check, *context, nullptr, "35000000000011");
  EXPECT_FALSE(untyped.matched);
  EXPECT_EQ(check->Explain(untyped),
            "not typed by a person: network data has no check digit to verify");

  // A typed form given with the facts (a public check) wins over the registration's.
  ImeiFacts facts = ImeiFacts::Of("49015420323751", nullptr);
  facts.typed_imei = "490154203237518";
  DimensionOutcome given;
  check->Evaluate(*context, facts, &given);
  EXPECT_FALSE(given.matched);
}

TEST(IdentifierDimensionsTest, BadCheckDigitNeedsTheTypedImeis) {
  ContextNeeds needs;
  MustMake("bad_check_digit")->AddNeeds(D(20261101), &needs);
  EXPECT_EQ(needs.parts, static_cast<std::uint32_t>(kNeedTypedImeis));
}

}  // namespace
}  // namespace openceir::classify
