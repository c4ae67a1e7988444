// A sorted set of 64-bit keys (packed IMEIs) with a bucket directory over the key range, so a
// lookup is one directory read and a binary search in a bucket that holds about one key on
// uniform keys (and stays logarithmic on clustered ones: a TAC's serials are contiguous).
// 8 bytes a key plus 4 bytes a directory slot (one or two slots a key).
//
// Immutable after construction; Find is thread-safe and never allocates.
#pragma once

#include <cstddef>
#include <cstdint>
#include <vector>

namespace openceir::eir {

class SortedKeys {
 public:
  SortedKeys() = default;
  // `keys` must be sorted and unique.
  explicit SortedKeys(std::vector<std::uint64_t> keys);

  static constexpr std::size_t kNotFound = ~std::size_t{0};

  // The index of `key` in the sorted keys, or kNotFound.
  std::size_t Find(std::uint64_t key) const noexcept;

  std::size_t size() const noexcept { return keys_.size(); }
  std::uint64_t operator[](std::size_t i) const noexcept { return keys_[i]; }
  std::size_t MemoryBytes() const noexcept;

 private:
  std::vector<std::uint64_t> keys_;
  // directory_[b] = first index whose (key - min_key_) >> shift_ >= b; back() = size().
  std::vector<std::uint32_t> directory_;
  std::uint64_t min_key_ = 0;
  unsigned shift_ = 63;
};

}  // namespace openceir::eir
