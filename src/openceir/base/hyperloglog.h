// HyperLogLog distinct counting (Flajolet et al. 2007, with the small-range correction) for
// bounded-memory daily distinct counts of IMEIs, IMSIs, MSISDNs and triplets.
//
// Precision 12: 4096 one-byte registers, ~1.6% standard error. Sketches of the same precision
// merge exactly (register-wise max), so counts of two files of one day combine correctly.
#pragma once

#include <array>
#include <cstdint>
#include <string>
#include <string_view>

#include "openceir/base/status.h"

namespace openceir {

// 64-bit hash for sketches (a fixed function, so sketches from any process or backend merge).
std::uint64_t SketchHash(std::string_view bytes);
// The hash of a tuple from its members' SketchHash values (order matters): what a sketch of
// distinct tuples adds, without hashing the joined bytes again.
std::uint64_t CombineSketchHashes(std::uint64_t a, std::uint64_t b, std::uint64_t c);
// The hash of a number (a packed identifier) in the family `seed`: one finaliser round, a
// bijection for each seed, so distinct numbers never collide within a family.
std::uint64_t SketchHashOfNumber(std::uint64_t value, std::uint64_t seed);

class HyperLogLog {
 public:
  static constexpr int kPrecision = 12;
  static constexpr std::size_t kRegisters = std::size_t{1} << kPrecision;

  void AddHash(std::uint64_t hash);
  void Add(std::string_view value) { AddHash(SketchHash(value)); }
  void Merge(const HyperLogLog& other);
  // The estimated number of distinct values added.
  std::int64_t Estimate() const;
  bool empty() const;

  // kRegisters bytes.
  std::string Serialize() const;
  // Errors: kInvalidInput when `bytes` is not kRegisters long or holds an impossible register.
  static Result<HyperLogLog> Deserialize(std::string_view bytes);

 private:
  std::array<std::uint8_t, kRegisters> registers_{};
};

}  // namespace openceir
