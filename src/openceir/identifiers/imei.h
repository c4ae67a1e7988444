// IMEI, IMEISV and TAC: normalisation (DIRBS-compatible imei_norm), validation with a reason,
// Luhn check digit, and packing of 14-digit IMEIs into a 64-bit key for fast sets and maps.
//
// All functions are pure and thread-safe. None allocates except those returning std::string.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>
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

// --- Additions (identifiers owner) -------------------------------------------------------

// Fast path for bulk ingest: *key = PackImei(*NormalizeImei(raw)) when that imei_norm is 14
// digits, and returns true; otherwise returns false and leaves *key unchanged. Never
// allocates; branch-light SWAR digit check. Exactly equivalent to the slow composition.
bool NormalizeAndPack(std::string_view raw, std::uint64_t* key);

// Value written by NormalizeAndPackBatch for inputs whose imei_norm is not 14 digits. It is
// larger than every packed key (packed keys are < 10^14).
inline constexpr std::uint64_t kNotPacked = ~std::uint64_t{0};

// Batch form: keys[i] = packed key of raw[i], or kNotPacked. Requires keys.size() >=
// raw.size(). Returns how many inputs packed.
std::size_t NormalizeAndPackBatch(std::span<const std::string_view> raw,
                                  std::span<std::uint64_t> keys);

// DIRBS's is_test_tac dimension (see imei.cc for the source): the first 8 characters are
// digits, the first two are "00", and the next four are "10" + 01..17, or "44", "86" or "91"
// followed by any two digits. Accepts a TAC or a whole imei_norm; only the first 8
// characters are examined; false when there are fewer than 8.
bool IsTestTac(std::string_view tac);

// Reserved patterns that no real device carries (see imei.cc): a TAC of all zeros or a
// serial (digits 9-14) of all zeros, which covers the all-zero IMEI. Requires nothing:
// false unless `imei_norm` starts with 14 digits.
bool IsReservedImeiPattern(std::string_view imei_norm);

// The parts of a valid IMEI/IMEISV, as views into the caller's string.
struct ImeiParts {
  std::string_view tac;          // 8 digits
  std::string_view serial;       // 6 digits
  std::string_view check_digit;  // 1 digit for 15-digit IMEIs, else empty
  std::string_view svn;          // 2 digits for 16-digit IMEISVs, else empty
};

// ValidateImei(raw, source), and on kOk fills *parts (views into `raw`, which must outlive
// them). *parts is untouched on error. `parts` may be null. Checks run in this order, the
// first failing one is returned: empty, bad_character, bad_length, bad_check_digit (15 digits
// from ImeiSource::kTyped only), reserved_pattern, test_tac.
ImeiError ParseImei(std::string_view raw, ImeiSource source, ImeiParts* parts);

}  // namespace openceir::identifiers
