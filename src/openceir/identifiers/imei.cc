// IMEI normalisation (imei_norm), validation, Luhn and packing. The fast path used by bulk
// ingest (NormalizeAndPack) is in imei_pack.cc.
#include "openceir/identifiers/imei.h"

#include <cassert>

#include "openceir/identifiers/ascii.h"

namespace openceir::identifiers {

namespace {

// Luhn: the value a digit contributes when it is doubled (2d, minus 9 when that is >= 10).
constexpr int kDoubled[10] = {0, 2, 4, 6, 8, 1, 3, 5, 7, 9};

constexpr std::uint64_t kPackLimit = 100'000'000'000'000;  // 10^14

}  // namespace

std::string_view ImeiErrorName(ImeiError error) {
  switch (error) {
    case ImeiError::kOk: return "ok";
    case ImeiError::kEmpty: return "empty";
    case ImeiError::kBadLength: return "bad_length";
    case ImeiError::kBadCharacter: return "bad_character";
    case ImeiError::kBadCheckDigit: return "bad_check_digit";
    case ImeiError::kTestTac: return "test_tac";
    case ImeiError::kReservedPattern: return "reserved_pattern";
  }
  return "unknown";
}

std::optional<std::string> NormalizeImei(std::string_view raw) {
  const std::string_view trimmed = TrimAscii(raw);
  if (trimmed.empty()) return std::nullopt;
  if (trimmed.size() >= 14 && AllDigits(trimmed.substr(0, 14))) {
    return std::string(trimmed.substr(0, 14));
  }
  // Kept whole so that it can be reported as malformed. ASCII upper-casing only: operator data
  // is ASCII by FORMATS.md's input pattern; other bytes pass through unchanged.
  std::string imei_norm(trimmed);
  for (char& c : imei_norm) c = ToUpperAscii(c);
  return imei_norm;
}

bool IsDigits14(std::string_view imei_norm) {
  return imei_norm.size() == 14 && AllDigits(imei_norm);
}

std::optional<std::uint64_t> PackImei(std::string_view imei_norm) {
  if (!IsDigits14(imei_norm)) return std::nullopt;
  std::uint64_t key = 0;
  for (char c : imei_norm) key = key * 10 + static_cast<std::uint64_t>(c - '0');
  return key;
}

std::string UnpackImei(std::uint64_t key) {
  assert(key < kPackLimit && "key does not come from PackImei");
  key %= kPackLimit;
  std::string digits(14, '0');
  for (std::size_t i = 14; i-- > 0;) {
    digits[i] = static_cast<char>('0' + key % 10);
    key /= 10;
  }
  return digits;
}

int LuhnCheckDigit(std::string_view digits14) {
  if (!IsDigits14(digits14)) return -1;
  // From the right, the rightmost digit (index 13) is doubled, then every second one.
  int sum = 0;
  for (std::size_t i = 0; i < 14; i += 2) {
    sum += digits14[i] - '0';
    sum += kDoubled[digits14[i + 1] - '0'];
  }
  return (10 - sum % 10) % 10;
}

bool LuhnVerify(std::string_view digits15) {
  if (digits15.size() != 15 || !IsDigit(digits15[14])) return false;
  const int check = LuhnCheckDigit(digits15.substr(0, 14));
  return check >= 0 && check == digits15[14] - '0';
}

std::string AppendLuhn(std::string_view digits14) {
  const int check = LuhnCheckDigit(digits14);
  if (check < 0) return {};
  std::string out(digits14);
  out.push_back(static_cast<char>('0' + check));
  return out;
}

bool IsTestTac(std::string_view tac) {
  // DIRBS-Core, src/dirbs/dimensions/is_test_tac.py (IsTestTAC._matching_imeis_sql):
  //   SUBSTRING(imei_norm, 1, 2) = '00' AND imei_norm ~ '^[0-9]{8}'
  //   AND ((SUBSTRING(imei_norm, 3, 2) = '10'
  //         AND SUBSTRING(imei_norm, 5, 2)::INT BETWEEN 1 AND 17)
  //        OR SUBSTRING(imei_norm, 3, 2) IN ('44', '86', '91'))
  // i.e. test TACs 001001xx..001017xx, 0044xxxx, 0086xxxx and 0091xxxx (reporting body "00",
  // which GSMA reserves for test IMEIs).
  if (tac.size() < 8 || !AllDigits(tac.substr(0, 8))) return false;
  if (tac[0] != '0' || tac[1] != '0') return false;
  const int group = (tac[2] - '0') * 10 + (tac[3] - '0');
  if (group == 44 || group == 86 || group == 91) return true;
  if (group != 10) return false;
  const int sub = (tac[4] - '0') * 10 + (tac[5] - '0');
  return sub >= 1 && sub <= 17;
}

bool IsReservedImeiPattern(std::string_view imei_norm) {
  // Our choice, documented in README.md: TAC 00000000 is never allocated (reporting body 00
  // is for tests, and no test range starts 0000), and a serial of 000000 is what uninitialised
  // or wiped devices report (the all-zero IMEI 000000000000000 is the common case). Both mark
  // the identifier as unusable for identifying a device.
  if (imei_norm.size() < 14 || !AllDigits(imei_norm.substr(0, 14))) return false;
  return imei_norm.substr(0, 8) == "00000000" || imei_norm.substr(8, 6) == "000000";
}

ImeiError ParseImei(std::string_view raw, ImeiSource source, ImeiParts* parts) {
  const std::string_view imei = TrimAscii(raw);
  if (imei.empty()) return ImeiError::kEmpty;
  if (!AllDigits(imei)) return ImeiError::kBadCharacter;
  if (imei.size() < 14 || imei.size() > 16) return ImeiError::kBadLength;
  // A person may mistype; a network never sends a reliable check digit (see imei.h).
  if (imei.size() == 15 && source == ImeiSource::kTyped && !LuhnVerify(imei)) {
    return ImeiError::kBadCheckDigit;
  }
  if (IsReservedImeiPattern(imei)) return ImeiError::kReservedPattern;
  if (IsTestTac(imei)) return ImeiError::kTestTac;
  if (parts != nullptr) {
    parts->tac = imei.substr(0, 8);
    parts->serial = imei.substr(8, 6);
    parts->check_digit = imei.size() == 15 ? imei.substr(14, 1) : std::string_view();
    parts->svn = imei.size() == 16 ? imei.substr(14, 2) : std::string_view();
  }
  return ImeiError::kOk;
}

ImeiError ValidateImei(std::string_view raw, ImeiSource source) {
  return ParseImei(raw, source, nullptr);
}

bool IsValidTac(std::string_view tac) { return tac.size() == 8 && AllDigits(tac); }

}  // namespace openceir::identifiers
