// Dimensions about the identifier itself: malformed_imei, is_test_tac, bad_check_digit.
#include <fmt/format.h>

#include <algorithm>

#include "openceir/classify/dimension_base.h"
#include "openceir/classify/dimension_makers.h"
#include "openceir/identifiers/imei.h"

namespace openceir::classify::internal {
namespace {

// DIRBS's malformed_imei: imei_norm is not 14 digits (it keeps hex letters, '*', '#', and
// shorter values as sent, upper-cased).
class MalformedImei final : public RegistryDimension {
 public:
  MalformedImei() : RegistryDimension("malformed_imei", 0) {}
  void Evaluate(const ClassifyContext&, const ImeiFacts& facts,
                DimensionOutcome* outcome) const override {
    outcome->Reset();
    outcome->matched = facts.imei.packed == identifiers::kNotPacked;
    outcome->Add("imei_norm_length", static_cast<std::int64_t>(facts.imei.imei_norm.size()));
    std::int64_t non_digits = 0;
    for (char c : facts.imei.imei_norm) non_digits += (c < '0' || c > '9') ? 1 : 0;
    outcome->Add("non_digit_characters", non_digits);
  }
  std::string Explain(const DimensionOutcome& outcome) const override {
    if (!outcome.matched) return "the IMEI is 14 digits";
    return fmt::format("the IMEI is not 14 digits ({} characters, {} not digits)",
                       IntEvidence(outcome, "imei_norm_length"),
                       IntEvidence(outcome, "non_digit_characters"));
  }
};

// DIRBS's is_test_tac (identifiers::IsTestTac).
class IsTestTac final : public RegistryDimension {
 public:
  IsTestTac() : RegistryDimension("is_test_tac", 0) {}
  void Evaluate(const ClassifyContext&, const ImeiFacts& facts,
                DimensionOutcome* outcome) const override {
    outcome->Reset();
    outcome->matched = identifiers::IsTestTac(facts.imei.imei_norm);
    if (outcome->record_evidence) outcome->Add("tac", TacText(facts.tac));
  }
  std::string Explain(const DimensionOutcome& outcome) const override {
    return fmt::format("TAC {} is {}reserved for test equipment", TextEvidence(outcome, "tac"),
                       outcome.matched ? "" : "not ");
  }
};

// A 15-digit IMEI typed by a person whose last digit is not the Luhn digit of the first 14.
// The typed form is the one given with the facts (a public check) or, for an IMEI being
// classified, the registration list's approved_imei. Network data carries no reliable check
// digit (and imei_norm keeps only 14 digits), so an IMEI nobody typed never matches.
class BadCheckDigit final : public RegistryDimension {
 public:
  BadCheckDigit() : RegistryDimension("bad_check_digit", kNeedTypedImeis) {}
  void Evaluate(const ClassifyContext& context, const ImeiFacts& facts,
                DimensionOutcome* outcome) const override {
    outcome->Reset();
    std::string_view typed = facts.typed_imei;
    std::size_t typed_length = typed.size();
    char registered[15];  // the registration's typed form, rebuilt from imei_norm
    if (typed.empty()) {
      if (const TypedImei* entry = context.FindTypedImei(facts.imei)) {
        typed_length = entry->length;
        if (entry->length == 15 && facts.imei.imei_norm.size() == 14) {
          std::copy_n(facts.imei.imei_norm.data(), 14, registered);
          registered[14] = entry->check_digit;
          typed = std::string_view(registered, 15);
        }
      }
    }
    const bool fifteen = typed.size() == 15 && identifiers::IsDigits14(typed.substr(0, 14)) &&
                         typed[14] >= '0' && typed[14] <= '9';
    outcome->Add("typed", typed_length == 0 ? 0 : 1);
    if (!fifteen) {
      outcome->Add("typed_digits", static_cast<std::int64_t>(typed_length));
      return;
    }
    const int expected = identifiers::LuhnCheckDigit(typed.substr(0, 14));
    outcome->Add("check_digit_given", static_cast<std::int64_t>(typed[14] - '0'));
    outcome->Add("check_digit_expected", static_cast<std::int64_t>(expected));
    outcome->matched = expected != typed[14] - '0';
  }
  std::string Explain(const DimensionOutcome& outcome) const override {
    if (!IntEvidence(outcome, "typed")) {
      return "not typed by a person: network data has no check digit to verify";
    }
    if (outcome.Find("check_digit_given") == nullptr) {
      return "typed without a check digit (not 15 digits): nothing to verify";
    }
    return fmt::format("check digit {} given, {} expected",
                       IntEvidence(outcome, "check_digit_given"),
                       IntEvidence(outcome, "check_digit_expected"));
  }
};

}  // namespace

DimensionResult MakeMalformedImei(const DimensionParams&) {
  return std::unique_ptr<Dimension>(std::make_unique<MalformedImei>());
}
DimensionResult MakeIsTestTac(const DimensionParams&) {
  return std::unique_ptr<Dimension>(std::make_unique<IsTestTac>());
}
DimensionResult MakeBadCheckDigit(const DimensionParams&) {
  return std::unique_ptr<Dimension>(std::make_unique<BadCheckDigit>());
}

}  // namespace openceir::classify::internal
