// Deterministic pseudo-random numbers for the simulation, identical on every platform and
// standard library (std:: distributions are implementation-defined, so none is used).
//
// Two forms: Rng, a sequential SplitMix64 stream for building the population, and HashKey,
// a stateless mix of (seed, a, b) for per-row decisions, so a row's randomness does not
// depend on the order rows are generated in.
#pragma once

#include <cstdint>

namespace openceir::simulate {

__extension__ typedef unsigned __int128 Uint128;  // __extension__: no -Wpedantic warning

// SplitMix64's finaliser: a bijective, well-mixed 64-bit hash.
constexpr std::uint64_t Mix64(std::uint64_t x) {
  x += 0x9E3779B97F4A7C15ULL;
  x = (x ^ (x >> 30)) * 0xBF58476D1CE4E5B9ULL;
  x = (x ^ (x >> 27)) * 0x94D049BB133111EBULL;
  return x ^ (x >> 31);
}

// A hash of three values; different (a, b) give independent-looking results.
constexpr std::uint64_t HashKey(std::uint64_t seed, std::uint64_t a, std::uint64_t b) {
  return Mix64(Mix64(seed ^ Mix64(a)) + b * 0xD6E8FEB86659FD93ULL);
}

// Maps 64 random bits to [0, 1).
constexpr double UnitInterval(std::uint64_t bits) {
  return static_cast<double>(bits >> 11) * 0x1.0p-53;
}

class Rng {
 public:
  explicit Rng(std::uint64_t seed) : state_(Mix64(seed)) {}

  std::uint64_t Next() {
    state_ += 0x9E3779B97F4A7C15ULL;
    std::uint64_t z = state_;
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
    return z ^ (z >> 31);
  }

  // Uniform in [0, n); 0 when n == 0. Multiply-shift: bias below 2^-32 for our n.
  std::uint64_t Below(std::uint64_t n) {
    return static_cast<std::uint64_t>((static_cast<Uint128>(Next()) * n) >> 64);
  }
  // Uniform in [lo, hi] (requires lo <= hi).
  int Between(int lo, int hi) {
    return lo + static_cast<int>(Below(static_cast<std::uint64_t>(hi - lo) + 1));
  }
  double Unit() { return UnitInterval(Next()); }
  bool Chance(double p) { return Unit() < p; }

 private:
  std::uint64_t state_;
};

}  // namespace openceir::simulate
