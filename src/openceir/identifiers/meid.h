// MEID and ESN, the 3GPP2 (CDMA2000) equipment identifiers: parsing of the hexadecimal and
// decimal forms, the MEID check digit, conversion between forms, and the pseudo-ESN (pESN)
// derived from an MEID.
//
// An MEID is 56 bits: 8-bit regional code RR, 24-bit manufacturer code, 24-bit serial
// (3GPP2 S.R0048). Written as 14 hex digits, or in decimal as 18 digits (the top 32 bits as
// 10 digits, then the serial as 8 digits). An ESN is 32 bits: 8-bit manufacturer code and
// 24-bit serial; 8 hex digits or 11 decimal digits (3 + 8). A pESN is manufacturer code 0x80
// followed by the low 24 bits of SHA-1 over the 7 MEID bytes.
//
// All functions are pure and thread-safe.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace openceir::identifiers {

enum class MeidError {
  kOk = 0,
  kEmpty,          // nothing after trimming
  kBadLength,      // MEID: not 14/15 hex or 18/19 decimal; ESN: not 8 hex or 11 decimal
  kBadCharacter,   // not a hex digit (hex form) or not a decimal digit (decimal form)
  kBadCheckDigit,  // a check digit was given and is wrong
  kOutOfRange,     // decimal form whose parts do not fit their bits (e.g. serial > 16777215)
};

// Stable snake_case name: "bad_check_digit".
std::string_view MeidErrorName(MeidError error);

// Parses an MEID in any of its written forms: 14 hex digits, 15 (with check digit), 18
// decimal digits, or 19 (with check digit). Trims ASCII white space and ignores ' ' and '-'
// inside (typed forms like "AF 01 23 45 0A BC DE C"). Hex digits in either case. A given
// check digit is verified (see MeidCheckDigit; the decimal form uses decimal Luhn over its 18
// digits). On kOk sets *meid (56 bits); otherwise leaves it unchanged.
MeidError ParseMeid(std::string_view raw, std::uint64_t* meid);

// The check digit of an MEID as a character '0'-'9' or 'A'-'F' (3GPP2 S.R0048): Luhn over the
// 14 hex digits in base 16, except when all 14 are decimal digits (an IMEI, the decimal
// subset of MEIDs), where it is the IMEI's decimal Luhn digit. Requires meid < 2^56.
char MeidCheckDigit(std::uint64_t meid);

// 14 upper-case hex digits.
std::string FormatMeidHex(std::uint64_t meid);

// 18 decimal digits: manufacturer part (top 32 bits) as 10 digits, serial as 8 digits.
std::string FormatMeidDecimal(std::uint64_t meid);

// Decimal Luhn check digit of the 18-digit decimal form, '0'-'9'.
char MeidDecimalCheckDigit(std::uint64_t meid);

// The pseudo-ESN: 0x80000000 | low 24 bits of SHA-1(7 big-endian MEID bytes).
std::uint32_t PseudoEsn(std::uint64_t meid);

// Parses an ESN: 8 hex digits, or 11 decimal digits (3-digit manufacturer code <= 255 and
// 8-digit serial <= 16777215). Trims ASCII white space and ignores ' ' and '-' inside. On kOk
// sets *esn; otherwise leaves it unchanged.
MeidError ParseEsn(std::string_view raw, std::uint32_t* esn);

// 8 upper-case hex digits.
std::string FormatEsnHex(std::uint32_t esn);

// 11 decimal digits: manufacturer code as 3, serial as 8.
std::string FormatEsnDecimal(std::uint32_t esn);

// The 8-bit manufacturer code (top byte) of an ESN.
inline std::uint8_t EsnManufacturerCode(std::uint32_t esn) {
  return static_cast<std::uint8_t>(esn >> 24);
}

// True when the ESN is a pseudo-ESN (manufacturer code 0x80, reserved for pESNs).
inline bool IsPseudoEsn(std::uint32_t esn) { return EsnManufacturerCode(esn) == 0x80; }

}  // namespace openceir::identifiers
