// MEID / ESN parsing, check digits and pseudo-ESN (see meid.h). SHA-1 comes from OpenSSL's
// libcrypto (one-shot SHA1(), not deprecated in OpenSSL 3).
#include "openceir/identifiers/meid.h"

#include <openssl/sha.h>

#include <array>
#include <cassert>
#include <cstddef>

#include "openceir/identifiers/ascii.h"

namespace openceir::identifiers {

namespace {

constexpr std::uint64_t kMeidLimit = std::uint64_t{1} << 56;
constexpr char kHexDigits[] = "0123456789ABCDEF";

// Luhn in base `base` over digit values, most significant first: from the right, the rightmost
// and every second digit is doubled; a doubled value >= base contributes the sum of its two
// base-`base` digits (1 + (2d - base)). The check digit brings the sum to a multiple of base.
int LuhnDigit(const int* digits, std::size_t count, int base) {
  int sum = 0;
  for (std::size_t i = 0; i < count; ++i) {
    const bool doubled = (count - 1 - i) % 2 == 0;
    int value = digits[i];
    if (doubled) {
      value *= 2;
      if (value >= base) value = value - base + 1;
    }
    sum += value;
  }
  return (base - sum % base) % base;
}

// `raw` without surrounding white space and without inner ' ' and '-' (typed forms group the
// digits), as up to N characters in `chars`.
template <std::size_t N>
struct Compacted {
  std::array<char, N> chars{};
  std::size_t length = 0;  // all characters kept, may exceed N
  bool all_hex = true;     // every kept character is a hex digit

  std::string_view text() const { return {chars.data(), length < N ? length : N}; }
};

template <std::size_t N>
Compacted<N> Compact(std::string_view raw) {
  Compacted<N> out;
  for (char c : TrimAscii(raw)) {
    if (c == ' ' || c == '-') continue;
    out.all_hex = out.all_hex && HexValue(c) >= 0;
    if (out.length < N) out.chars[out.length] = c;
    ++out.length;
  }
  return out;
}

std::uint64_t DecimalValue(std::string_view digits) {
  std::uint64_t value = 0;
  for (char c : digits) value = value * 10 + static_cast<std::uint64_t>(c - '0');
  return value;
}

std::string DecimalDigits(std::uint64_t value, std::size_t width) {
  std::string out(width, '0');
  for (std::size_t i = width; i-- > 0;) {
    out[i] = static_cast<char>('0' + value % 10);
    value /= 10;
  }
  return out;
}

std::string HexDigits(std::uint64_t value, std::size_t width) {
  std::string out(width, '0');
  for (std::size_t i = width; i-- > 0;) {
    out[i] = kHexDigits[value & 0xF];
    value >>= 4;
  }
  return out;
}

int DecimalLuhnOf(std::string_view digits) {
  std::array<int, 24> values{};
  for (std::size_t i = 0; i < digits.size(); ++i) values[i] = digits[i] - '0';
  return LuhnDigit(values.data(), digits.size(), 10);
}

}  // namespace

std::string_view MeidErrorName(MeidError error) {
  switch (error) {
    case MeidError::kOk: return "ok";
    case MeidError::kEmpty: return "empty";
    case MeidError::kBadLength: return "bad_length";
    case MeidError::kBadCharacter: return "bad_character";
    case MeidError::kBadCheckDigit: return "bad_check_digit";
    case MeidError::kOutOfRange: return "out_of_range";
  }
  return "unknown";
}

char MeidCheckDigit(std::uint64_t meid) {
  assert(meid < kMeidLimit);
  std::array<int, 14> values{};
  bool all_decimal = true;
  for (std::size_t i = 0; i < 14; ++i) {
    values[i] = static_cast<int>((meid >> (4 * (13 - i))) & 0xF);
    all_decimal = all_decimal && values[i] <= 9;
  }
  return kHexDigits[LuhnDigit(values.data(), values.size(), all_decimal ? 10 : 16)];
}

std::string FormatMeidHex(std::uint64_t meid) { return HexDigits(meid, 14); }

std::string FormatMeidDecimal(std::uint64_t meid) {
  return DecimalDigits(meid >> 24, 10) + DecimalDigits(meid & 0xFFFFFF, 8);
}

char MeidDecimalCheckDigit(std::uint64_t meid) {
  return static_cast<char>('0' + DecimalLuhnOf(FormatMeidDecimal(meid)));
}

MeidError ParseMeid(std::string_view raw, std::uint64_t* meid) {
  const Compacted<19> compacted = Compact<19>(raw);
  const std::string_view text = compacted.text();
  const std::size_t n = compacted.length;
  if (n == 0) return MeidError::kEmpty;
  if (!compacted.all_hex) return MeidError::kBadCharacter;
  if (n == 14 || n == 15) {
    std::uint64_t value = 0;
    for (char c : text.substr(0, 14))
      value = (value << 4) | static_cast<std::uint64_t>(HexValue(c));
    if (n == 15 && ToUpperAscii(text[14]) != MeidCheckDigit(value)) {
      return MeidError::kBadCheckDigit;
    }
    *meid = value;
    return MeidError::kOk;
  }
  if (n == 18 || n == 19) {
    if (!AllDigits(text)) return MeidError::kBadCharacter;
    if (n == 19 && text[18] - '0' != DecimalLuhnOf(text.substr(0, 18))) {
      return MeidError::kBadCheckDigit;
    }
    const std::uint64_t manufacturer = DecimalValue(text.substr(0, 10));
    const std::uint64_t serial = DecimalValue(text.substr(10, 8));
    if (manufacturer > 0xFFFFFFFF || serial > 0xFFFFFF) return MeidError::kOutOfRange;
    *meid = (manufacturer << 24) | serial;
    return MeidError::kOk;
  }
  return MeidError::kBadLength;
}

std::uint32_t PseudoEsn(std::uint64_t meid) {
  assert(meid < kMeidLimit);
  std::array<unsigned char, 7> bytes{};
  for (std::size_t i = 0; i < bytes.size(); ++i) {
    bytes[i] = static_cast<unsigned char>(meid >> (8 * (6 - i)));
  }
  std::array<unsigned char, SHA_DIGEST_LENGTH> digest{};
  SHA1(bytes.data(), bytes.size(), digest.data());
  return 0x80000000U | (std::uint32_t{digest[17]} << 16) | (std::uint32_t{digest[18]} << 8) |
         std::uint32_t{digest[19]};
}

MeidError ParseEsn(std::string_view raw, std::uint32_t* esn) {
  const Compacted<11> compacted = Compact<11>(raw);
  const std::string_view text = compacted.text();
  const std::size_t n = compacted.length;
  if (n == 0) return MeidError::kEmpty;
  if (!compacted.all_hex) return MeidError::kBadCharacter;
  if (n == 8) {
    std::uint32_t value = 0;
    for (char c : text) value = (value << 4) | static_cast<std::uint32_t>(HexValue(c));
    *esn = value;
    return MeidError::kOk;
  }
  if (n == 11) {
    if (!AllDigits(text)) return MeidError::kBadCharacter;
    const std::uint64_t manufacturer = DecimalValue(text.substr(0, 3));
    const std::uint64_t serial = DecimalValue(text.substr(3, 8));
    if (manufacturer > 0xFF || serial > 0xFFFFFF) return MeidError::kOutOfRange;
    *esn = static_cast<std::uint32_t>((manufacturer << 24) | serial);
    return MeidError::kOk;
  }
  return MeidError::kBadLength;
}

std::string FormatEsnHex(std::uint32_t esn) { return HexDigits(esn, 8); }

std::string FormatEsnDecimal(std::uint32_t esn) {
  return DecimalDigits(esn >> 24, 3) + DecimalDigits(esn & 0xFFFFFF, 8);
}

}  // namespace openceir::identifiers
