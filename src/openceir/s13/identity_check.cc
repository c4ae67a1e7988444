#include "openceir/s13/identity_check.h"

namespace openceir::s13 {
namespace {

constexpr char kHexDigits[] = "0123456789ABCDEF";
// A.S0022 Mobile Identity, octet 3 bits 3-1.
constexpr std::uint8_t kTypeOfIdentityMask = 0x07;
constexpr std::uint8_t kTypeOfIdentityMeid = 0x01;

bool IsHexDigit(char c) {
  return (c >= '0' && c <= '9') || (c >= 'A' && c <= 'F') || (c >= 'a' && c <= 'f');
}

char UpperHex(char c) { return (c >= 'a' && c <= 'f') ? static_cast<char>(c - 'a' + 'A') : c; }

bool IsImsi(std::string_view text) {
  if (text.empty() || text.size() > 15) return false;
  for (char c : text) {
    if (c < '0' || c > '9') return false;
  }
  return true;
}

}  // namespace

std::optional<MeidDigits> DecodeMeid(std::span<const std::uint8_t> avp_value) noexcept {
  MeidDigits digits{};
  if (avp_value.size() == 8) {
    // Mobile Identity octets 3-10: digit 1 | odd/even | type, then (digit 2k+1 | digit 2k).
    if ((avp_value[0] & kTypeOfIdentityMask) != kTypeOfIdentityMeid) return std::nullopt;
    if ((avp_value[7] >> 4) != 0x0F) return std::nullopt;  // 14 digits: the last nibble is filler
    digits[0] = kHexDigits[avp_value[0] >> 4];
    for (std::size_t i = 1; i < 8; ++i) {
      digits[2 * i - 1] = kHexDigits[avp_value[i] & 0x0F];
      if (2 * i < digits.size()) digits[2 * i] = kHexDigits[avp_value[i] >> 4];
    }
    return digits;
  }
  if (avp_value.size() == 7) {  // the 56-bit MEID itself, most significant digit first
    for (std::size_t i = 0; i < 7; ++i) {
      digits[2 * i] = kHexDigits[avp_value[i] >> 4];
      digits[2 * i + 1] = kHexDigits[avp_value[i] & 0x0F];
    }
    return digits;
  }
  if (avp_value.size() == 14) {  // the MEID as hex text
    for (std::size_t i = 0; i < 14; ++i) {
      const char c = static_cast<char>(avp_value[i]);
      if (!IsHexDigit(c)) return std::nullopt;
      digits[i] = UpperHex(c);
    }
    return digits;
  }
  return std::nullopt;
}

std::optional<eir::EquipmentQuery> QueryOf(const IdentityCheckRequest& request,
                                           MeidDigits& meid_buffer) noexcept {
  if (!request.has_terminal_information) return std::nullopt;
  eir::EquipmentQuery query;
  if (request.imei) {
    query.imei = *request.imei;
  } else if (request.meid) {
    const std::optional<MeidDigits> meid = DecodeMeid(*request.meid);
    if (meid) {
      meid_buffer = *meid;
      query.imei = std::string_view(meid_buffer.data(), meid_buffer.size());
    } else {
      query.imei = std::string_view();
    }
  } else {
    return std::nullopt;
  }
  if (request.user_name && IsImsi(*request.user_name)) query.imsi = *request.user_name;
  return query;
}

IdentityCheckAnswer AnswerIdentityCheck(const IdentityCheckRequest& request,
                                        const eir::DecisionSnapshot& snapshot) noexcept {
  IdentityCheckAnswer answer;
  MeidDigits meid_buffer;
  const std::optional<eir::EquipmentQuery> query = QueryOf(request, meid_buffer);
  if (!query) {
    answer.outcome = request.has_terminal_information
                         ? IdentityCheckOutcome::kMissingImei
                         : IdentityCheckOutcome::kMissingTerminalInformation;
    answer.metrics_answer = eir::Answer::kBadRequest;
    return answer;
  }
  const eir::Decision decision = snapshot.Decide(*query);
  answer.metrics_answer = eir::AnswerOf(decision);
  if (decision.equipment_unknown) {
    answer.outcome = IdentityCheckOutcome::kEquipmentUnknown;
  } else {
    answer.outcome = IdentityCheckOutcome::kEquipmentStatus;
    answer.status = decision.status;
  }
  return answer;
}

}  // namespace openceir::s13
