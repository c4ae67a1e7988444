#include "openceir/base/hyperloglog.h"

#include <algorithm>
#include <bit>
#include <cmath>
#include <cstring>

namespace openceir {
namespace {

std::uint64_t Mix(std::uint64_t x) {  // splitmix64 finaliser
  x ^= x >> 30;
  x *= 0xbf58476d1ce4e5b9ULL;
  x ^= x >> 27;
  x *= 0x94d049bb133111ebULL;
  x ^= x >> 31;
  return x;
}

}  // namespace

std::uint64_t SketchHash(std::string_view bytes) {
  // FNV-style over 8-byte words, each followed by a strong finaliser; the last word is read
  // ending at the last byte (overlapping the one before) and short inputs with two overlapping
  // loads, so there is no byte loop. The length seeds the hash, so overlaps are unambiguous.
  const std::size_t n = bytes.size();
  const char* data = bytes.data();
  std::uint64_t h = 0xcbf29ce484222325ULL ^ n;
  auto absorb = [&h](std::uint64_t word) { h = Mix((h ^ word) * 0x100000001b3ULL); };
  if (n >= 8) {
    std::uint64_t word;
    for (std::size_t i = 0; i + 8 < n; i += 8) {
      std::memcpy(&word, data + i, 8);
      absorb(word);
    }
    std::memcpy(&word, data + n - 8, 8);
    absorb(word);
    return h;
  }
  std::uint64_t tail = 0;
  if (n >= 4) {
    std::uint32_t lo, hi;
    std::memcpy(&lo, data, 4);
    std::memcpy(&hi, data + n - 4, 4);
    tail = lo | (std::uint64_t{hi} << 32);
  } else if (n > 0) {
    tail = std::uint64_t{static_cast<unsigned char>(data[0])} |
           std::uint64_t{static_cast<unsigned char>(data[n / 2])} << 8 |
           std::uint64_t{static_cast<unsigned char>(data[n - 1])} << 16;
  }
  absorb(tail);
  return h;
}

std::uint64_t SketchHashOfNumber(std::uint64_t value, std::uint64_t seed) {
  return Mix(value ^ (seed * 0x9e3779b97f4a7c15ULL));
}

std::uint64_t CombineSketchHashes(std::uint64_t a, std::uint64_t b, std::uint64_t c) {
  return Mix(Mix(Mix(a ^ 0x9e3779b97f4a7c15ULL) ^ b) ^ c);
}

void HyperLogLog::AddHash(std::uint64_t hash) {
  std::size_t index = hash >> (64 - kPrecision);
  std::uint64_t rest = (hash << kPrecision) | (std::uint64_t{1} << (kPrecision - 1));
  auto rank = static_cast<std::uint8_t>(std::countl_zero(rest) + 1);
  registers_[index] = std::max(registers_[index], rank);
}

void HyperLogLog::Merge(const HyperLogLog& other) {
  for (std::size_t i = 0; i < kRegisters; ++i) {
    registers_[i] = std::max(registers_[i], other.registers_[i]);
  }
}

std::int64_t HyperLogLog::Estimate() const {
  constexpr double m = static_cast<double>(kRegisters);
  const double alpha = 0.7213 / (1.0 + 1.079 / m);
  double sum = 0;
  int zeros = 0;
  for (std::uint8_t r : registers_) {
    sum += std::ldexp(1.0, -static_cast<int>(r));
    if (r == 0) ++zeros;
  }
  double estimate = alpha * m * m / sum;
  if (estimate <= 2.5 * m && zeros > 0) {
    estimate = m * std::log(m / static_cast<double>(zeros));  // linear counting
  }
  return static_cast<std::int64_t>(std::llround(estimate));
}

bool HyperLogLog::empty() const {
  return std::all_of(registers_.begin(), registers_.end(), [](std::uint8_t r) { return r == 0; });
}

std::string HyperLogLog::Serialize() const {
  return std::string(reinterpret_cast<const char*>(registers_.data()), registers_.size());
}

Result<HyperLogLog> HyperLogLog::Deserialize(std::string_view bytes) {
  if (bytes.size() != kRegisters) {
    return InvalidInputError("HyperLogLog sketch: wrong size " + std::to_string(bytes.size()));
  }
  HyperLogLog sketch;
  for (std::size_t i = 0; i < kRegisters; ++i) {
    auto r = static_cast<std::uint8_t>(bytes[i]);
    if (r > 64 - kPrecision + 1) return InvalidInputError("HyperLogLog sketch: bad register");
    sketch.registers_[i] = r;
  }
  return sketch;
}

}  // namespace openceir
