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
  // FNV-1a over 8-byte words, then a strong finaliser: fast for short identifiers and stable.
  std::uint64_t h = 0xcbf29ce484222325ULL ^ bytes.size();
  std::size_t i = 0;
  for (; i + 8 <= bytes.size(); i += 8) {
    std::uint64_t word;
    std::memcpy(&word, bytes.data() + i, 8);
    h = (h ^ word) * 0x100000001b3ULL;
    h = Mix(h);
  }
  std::uint64_t tail = 0;
  for (std::size_t shift = 0; i < bytes.size(); ++i, shift += 8) {
    tail |= std::uint64_t{static_cast<unsigned char>(bytes[i])} << shift;
  }
  return Mix(h ^ tail);
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
