// The bulk-ingest fast path: normalise + pack without allocating. On little-endian machines the
// 14 digits are checked and converted 8 bytes at a time (SWAR); elsewhere a scalar loop.
#include <bit>
#include <cstring>

#include "openceir/identifiers/ascii.h"
#include "openceir/identifiers/imei.h"

namespace openceir::identifiers {

namespace {

constexpr std::uint64_t kOnes = 0x0101010101010101;

inline std::uint64_t Load8(const char* p) {
  std::uint64_t v;
  std::memcpy(&v, p, sizeof v);
  return v;
}

// 0x3333333333333333 exactly when all 8 bytes of `v` are '0'..'9': every byte must have high
// nibble 3, and adding 6 must not carry it to 4 (which happens for ':'..'?'). A byte >= 0xFA
// can carry into its neighbour, but that byte itself then fails, so the result is exact.
inline std::uint64_t DigitSignature(std::uint64_t v) {
  return (v & (0xF0 * kOnes)) | (((v + 0x06 * kOnes) & (0xF0 * kOnes)) >> 4);
}
constexpr std::uint64_t kAllDigits = 0x33 * kOnes;

// Value of 8 ASCII digits loaded little-endian (first character in the lowest byte): combine
// neighbouring digits into 2-digit, then 4-digit, then the 8-digit value.
inline std::uint64_t ParseEight(std::uint64_t v) {
  v = ((v & (0x0F * kOnes)) * (10 * 256 + 1)) >> 8;
  v = ((v & 0x00FF00FF00FF00FF) * (100 * 65536 + 1)) >> 16;
  return ((v & 0x0000FFFF0000FFFF) * (10000ULL * 4294967296ULL + 1)) >> 32;
}

// Packs the 14 characters at `p` when they are all digits. Requires 14 readable bytes.
inline bool PackFourteen(const char* p, std::uint64_t* key) {
  if constexpr (std::endian::native == std::endian::little) {
    const std::uint64_t head = Load8(p);      // digits 0-7: the TAC
    const std::uint64_t tail = Load8(p + 6);  // digits 6-13: the last 6 are the serial
    if (((DigitSignature(head) ^ kAllDigits) | (DigitSignature(tail) ^ kAllDigits)) != 0) {
      return false;
    }
    *key =
        (ParseEight(head) & 0xFFFFFFFF) * 1'000'000 + (ParseEight(tail) & 0xFFFFFFFF) % 1'000'000;
    return true;
  } else {
    std::uint64_t value = 0;
    for (int i = 0; i < 14; ++i) {
      const unsigned digit = static_cast<unsigned char>(p[i]) - unsigned{'0'};
      if (digit > 9) return false;
      value = value * 10 + digit;
    }
    *key = value;
    return true;
  }
}

}  // namespace

bool NormalizeAndPack(std::string_view raw, std::uint64_t* key) {
  // imei_norm is the first 14 characters after trimming when they are digits; trailing white
  // space never matters (it is not a digit), so only leading white space needs handling.
  if (raw.size() >= 14 && PackFourteen(raw.data(), key)) [[likely]] {
    return true;
  }
  std::size_t start = 0;
  while (start < raw.size() && IsAsciiSpace(raw[start])) ++start;
  if (start == 0 || raw.size() - start < 14) return false;
  return PackFourteen(raw.data() + start, key);
}

std::size_t NormalizeAndPackBatch(std::span<const std::string_view> raw,
                                  std::span<std::uint64_t> keys) {
  std::size_t packed = 0;
  const std::size_t n = raw.size() < keys.size() ? raw.size() : keys.size();
  for (std::size_t i = 0; i < n; ++i) {
    std::uint64_t key = kNotPacked;
    packed += NormalizeAndPack(raw[i], &key) ? std::size_t{1} : std::size_t{0};
    keys[i] = key;
  }
  return packed;
}

}  // namespace openceir::identifiers
