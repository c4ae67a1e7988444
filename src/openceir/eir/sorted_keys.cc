// SortedKeys: the directory is built in one pass over the sorted keys.
#include "openceir/eir/sorted_keys.h"

#include <algorithm>
#include <bit>
#include <cassert>

namespace openceir::eir {

SortedKeys::SortedKeys(std::vector<std::uint64_t> keys) : keys_(std::move(keys)) {
  assert(std::is_sorted(keys_.begin(), keys_.end()));
  assert(keys_.size() < (std::size_t{1} << 32));
  if (keys_.empty()) return;
  // One or two slots a key: 2^ceil(log2(n)) slots over [min key, max key].
  min_key_ = keys_.front();
  const unsigned slot_bits = static_cast<unsigned>(std::bit_width(keys_.size()));
  const unsigned key_bits = static_cast<unsigned>(std::bit_width(keys_.back() - min_key_));
  shift_ = key_bits > slot_bits ? key_bits - slot_bits : 0;
  const std::size_t slots = static_cast<std::size_t>((keys_.back() - min_key_) >> shift_) + 1;
  directory_.resize(slots + 1);
  std::size_t i = 0;
  for (std::size_t slot = 0; slot < slots; ++slot) {
    while (i < keys_.size() && ((keys_[i] - min_key_) >> shift_) < slot) ++i;
    directory_[slot] = static_cast<std::uint32_t>(i);
  }
  directory_[slots] = static_cast<std::uint32_t>(keys_.size());
}

std::size_t SortedKeys::Find(std::uint64_t key) const noexcept {
  if (key < min_key_) return kNotFound;
  const std::uint64_t slot = (key - min_key_) >> shift_;
  if (slot + 1 >= directory_.size()) return kNotFound;
  const auto begin = keys_.begin() + directory_[slot];
  const auto end = keys_.begin() + directory_[slot + 1];
  const auto it = std::lower_bound(begin, end, key);
  if (it == end || *it != key) return kNotFound;
  return static_cast<std::size_t>(it - keys_.begin());
}

std::size_t SortedKeys::MemoryBytes() const noexcept {
  return keys_.capacity() * sizeof(std::uint64_t) + directory_.capacity() * sizeof(std::uint32_t);
}

}  // namespace openceir::eir
