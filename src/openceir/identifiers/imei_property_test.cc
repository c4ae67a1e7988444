// Property tests of imei.h over many seeded random values: Luhn round trips and single-digit
// error detection, idempotent normalisation, order-preserving packing, and the fast path
// agreeing with the slow composition.
#include <gtest/gtest.h>

#include <algorithm>
#include <cstdint>
#include <random>
#include <string>
#include <utility>

#include "openceir/identifiers/imei.h"

namespace openceir::identifiers {
namespace {

constexpr int kIterations = 20000;

std::string RandomDigits(std::mt19937_64& rng, std::size_t n) {
  std::uniform_int_distribution<int> digit(0, 9);
  std::string out(n, '0');
  for (char& c : out) c = static_cast<char>('0' + digit(rng));
  return out;
}

// Mostly IMEI-like values, with white space, letters, '*', '#', and odd lengths mixed in.
std::string RandomRaw(std::mt19937_64& rng) {
  static constexpr char kAlphabet[] = "0123456789abcdefABCDEF*# \t-";
  std::uniform_int_distribution<int> kind(0, 3);
  std::uniform_int_distribution<std::size_t> length(0, 20);
  std::uniform_int_distribution<std::size_t> pick(0, sizeof kAlphabet - 2);
  if (kind(rng) == 0) {
    std::string out(length(rng), ' ');
    for (char& c : out) c = kAlphabet[pick(rng)];
    return out;
  }
  std::string out = RandomDigits(rng, 13 + length(rng) % 5);
  if (kind(rng) == 0) {
    // Not out.insert(0, " "): GCC 12 -O3 reports a false -Wrestrict on it.
    std::string padded(" ");
    padded += out;
    out = std::move(padded);
  }
  if (kind(rng) == 0) out.push_back(kAlphabet[pick(rng)]);
  if (kind(rng) == 0) out[length(rng) % out.size()] = kAlphabet[pick(rng)];
  return out;
}

TEST(ImeiPropertyTest, EveryAppendedLuhnVerifies) {
  std::mt19937_64 rng(20240601);
  for (int i = 0; i < kIterations; ++i) {
    const std::string digits14 = RandomDigits(rng, 14);
    const std::string imei = AppendLuhn(digits14);
    ASSERT_EQ(imei.size(), 15U);
    ASSERT_TRUE(LuhnVerify(imei)) << imei;
    ASSERT_EQ(ValidateImei(imei, ImeiSource::kTyped) == ImeiError::kBadCheckDigit, false) << imei;
  }
}

TEST(ImeiPropertyTest, ChangingAnyOneDigitBreaksVerification) {
  std::mt19937_64 rng(7);
  std::uniform_int_distribution<std::size_t> position(0, 14);
  std::uniform_int_distribution<int> delta(1, 9);
  for (int i = 0; i < kIterations; ++i) {
    std::string imei = AppendLuhn(RandomDigits(rng, 14));
    const std::size_t at = position(rng);
    imei[at] = static_cast<char>('0' + (imei[at] - '0' + delta(rng)) % 10);
    ASSERT_FALSE(LuhnVerify(imei)) << imei << " changed at " << at;
  }
}

TEST(ImeiPropertyTest, NormalizationIsIdempotent) {
  std::mt19937_64 rng(42);
  for (int i = 0; i < kIterations; ++i) {
    const std::string raw = RandomRaw(rng);
    const auto once = NormalizeImei(raw);
    if (!once) continue;
    // A normalised value that still has surrounding white space cannot exist: trimmed first.
    const auto twice = NormalizeImei(*once);
    ASSERT_TRUE(twice.has_value()) << "raw=\"" << raw << "\"";
    ASSERT_EQ(*twice, *once) << "raw=\"" << raw << "\"";
  }
}

TEST(ImeiPropertyTest, FastPathAgreesWithSlowPath) {
  std::mt19937_64 rng(99);
  for (int i = 0; i < kIterations * 5; ++i) {
    const std::string raw = RandomRaw(rng);
    std::uint64_t key = kNotPacked;
    const bool packed = NormalizeAndPack(raw, &key);
    const auto imei_norm = NormalizeImei(raw);
    const auto expected = imei_norm ? PackImei(*imei_norm) : std::nullopt;
    ASSERT_EQ(packed, expected.has_value()) << "raw=\"" << raw << "\"";
    if (packed) {
      ASSERT_EQ(key, *expected) << "raw=\"" << raw << "\"";
    }
  }
}

TEST(ImeiPropertyTest, FastPathRejectsEveryNonDigitByte) {
  // Every byte value at every position: only '0'..'9' may pack.
  for (int byte = 0; byte < 256; ++byte) {
    for (std::size_t at = 0; at < 14; ++at) {
      std::string raw = "35209900176148";
      raw[at] = static_cast<char>(byte);
      std::uint64_t key = 0;
      const bool is_digit = byte >= '0' && byte <= '9';
      ASSERT_EQ(NormalizeAndPack(raw, &key), is_digit) << "byte " << byte << " at " << at;
    }
  }
}

TEST(ImeiPropertyTest, PackRoundTripsAndPreservesOrder) {
  std::mt19937_64 rng(3);
  std::string previous = RandomDigits(rng, 14);
  for (int i = 0; i < kIterations; ++i) {
    const std::string imei_norm = RandomDigits(rng, 14);
    const auto key = PackImei(imei_norm);
    ASSERT_TRUE(key.has_value());
    ASSERT_EQ(UnpackImei(*key), imei_norm);
    ASSERT_EQ(TacOfPacked(*key), static_cast<std::uint32_t>(std::stoul(imei_norm.substr(0, 8))));
    const auto previous_key = PackImei(previous);
    ASSERT_EQ(imei_norm < previous, *key < *previous_key) << imei_norm << " vs " << previous;
    ASSERT_EQ(imei_norm == previous, *key == *previous_key);
    previous = imei_norm;
  }
}

}  // namespace
}  // namespace openceir::identifiers
