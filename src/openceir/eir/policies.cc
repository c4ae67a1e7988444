// Policy answers as the config spells them.
#include "openceir/eir/policies.h"

#include <array>
#include <string>

namespace openceir::eir {

namespace {

constexpr std::array kAnswers = {PolicyAnswer::kWhitelisted, PolicyAnswer::kGreylisted,
                                 PolicyAnswer::kBlacklisted, PolicyAnswer::kEquipmentUnknown};

bool EqualsIgnoringCase(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i) {
    const auto lower = [](char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c + 32) : c; };
    if (lower(a[i]) != lower(b[i])) return false;
  }
  return true;
}

}  // namespace

std::string_view PolicyAnswerName(PolicyAnswer answer) {
  switch (answer) {
    case PolicyAnswer::kWhitelisted: return "whitelisted";
    case PolicyAnswer::kGreylisted: return "greylisted";
    case PolicyAnswer::kBlacklisted: return "blacklisted";
    case PolicyAnswer::kEquipmentUnknown: return "unknown";
  }
  return "unknown";
}

Result<PolicyAnswer> ParsePolicyAnswer(std::string_view text) {
  for (PolicyAnswer answer : kAnswers) {
    if (EqualsIgnoringCase(text, PolicyAnswerName(answer))) return answer;
  }
  return InvalidInputError("policy answer '" + std::string(text) +
                           "' is none of whitelisted, greylisted, blacklisted, unknown");
}

}  // namespace openceir::eir
