// IMEI, IMEISV and TAC: normalisation (DIRBS-compatible imei_norm), validation with a reason,
// Luhn check digit, and packing of 14-digit IMEIs into a 64-bit key for fast sets and maps.
//
// All functions are pure and thread-safe. None allocates except those returning std::string.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace openceir::identifiers {

// Why an identifier is not valid. kOk when it is.
enum class ImeiError {
  kOk = 0,
  kEmpty,            // nothing after trimming
  kBadLength,        // not 14, 15 or 16 digits
  kBadCharacter,     // a character other than a decimal digit
  kBadCheckDigit,    // 15 digits typed by a person, and the 15th is not the Luhn digit
  kTestTac,          // TAC reserved for test equipment (see IsTestTac)
  kReservedPattern,  // all zeros, or another reserved pattern (see imei.cc)
};

// Stable snake_case name for reports and JSON: "bad_check_digit".
std::string_view ImeiErrorName(ImeiError error);

// Where an IMEI came from. Networks never send a reliable check digit, so it is only
// verified for identifiers a person typed (registration, public check, theft report).
enum class ImeiSource { kNetwork, kTyped };

// imei_norm exactly as in FORMATS.md: trim ASCII white space; empty -> nullopt; if the first
// 14 characters are digits, those 14; otherwise the whole trimmed value upper-cased.
std::optional<std::string> NormalizeImei(std::string_view raw);

// True when `imei_norm` is exactly 14 decimal digits (the only form that packs).
bool IsDigits14(std::string_view imei_norm);

// Packs a 14-digit imei_norm into a 64-bit key that orders like the digits.
// Returns nullopt unless IsDigits14(imei_norm).
std::optional<std::uint64_t> PackImei(std::string_view imei_norm);

// Inverse of PackImei: 14 digits with leading zeros.
std::string UnpackImei(std::uint64_t key);

// The 8-digit TAC of a packed IMEI (key / 1'000'000).
inline std::uint32_t TacOfPacked(std::uint64_t key) {
  return static_cast<std::uint32_t>(key / 1'000'000);
}

// Luhn check digit (0-9) of exactly 14 digits; -1 if `digits14` is not 14 digits.
int LuhnCheckDigit(std::string_view digits14);

// True when `digits15` is 15 digits whose last is the Luhn digit of the first 14.
bool LuhnVerify(std::string_view digits15);

// `digits14` with its Luhn digit appended; empty string if not 14 digits.
std::string AppendLuhn(std::string_view digits14);

// Validates an IMEI (14, 15 digits) or IMEISV (16 digits) given in `raw` (trimmed first).
ImeiError ValidateImei(std::string_view raw, ImeiSource source);

// A TAC is exactly 8 decimal digits.
bool IsValidTac(std::string_view tac);

}  // namespace openceir::identifiers
