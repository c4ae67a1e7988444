// Compact in-memory sets and maps keyed by imei_norm, TAC or IMSI, for the registry snapshot
// classification reads (classify_context.h).
//
// 14-digit imei_norms (nearly all) are packed into 64-bit keys (identifiers::PackImei) and kept
// in sorted vectors: 8 bytes an IMEI, binary search, no per-entry allocation, so a registration
// list of 10 M IMEIs takes 80 MB. The few imei_norms that do not pack (lists may hold malformed
// identifiers too) are kept as sorted strings beside them.
//
// Usage: Add...() in any order, then Finish() once; lookups require Finish(). Const methods are
// thread-safe after Finish().
#pragma once

#include <algorithm>
#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "openceir/identifiers/imei.h"

namespace openceir::classify {

// An imei_norm with its packed key computed once (identifiers::kNotPacked when not 14 digits).
struct ImeiKey {
  std::string_view imei_norm;
  std::uint64_t packed = identifiers::kNotPacked;

  static ImeiKey Of(std::string_view imei_norm) {
    ImeiKey key{imei_norm};
    if (auto packed = identifiers::PackImei(imei_norm)) key.packed = *packed;
    return key;
  }
};

// The TAC of an imei_norm as a number when its first 8 characters are digits, else kNoTac.
inline constexpr std::uint32_t kNoTac = ~std::uint32_t{0};
std::uint32_t TacOf(std::string_view imei_norm);
// 8 digits -> number, else kNoTac.
std::uint32_t ParseTac(std::string_view tac);

// An IMSI (1-15 digits) as a 64-bit key that keeps leading zeros apart ("0012" != "12"):
// value * 16 + digit count. kNoImsiKey when not 1-15 digits.
inline constexpr std::uint64_t kNoImsiKey = ~std::uint64_t{0};
std::uint64_t ImsiKeyOf(std::string_view imsi);

// A map from imei_norm to V (V small and copyable). A set is ImeiMap<Empty>-like: see ImeiSet.
template <typename V>
class ImeiMap {
 public:
  void Add(std::string_view imei_norm, V value) {
    if (auto packed = identifiers::PackImei(imei_norm)) {
      packed_.emplace_back(*packed, std::move(value));
    } else {
      other_.emplace_back(std::string(imei_norm), std::move(value));
    }
  }
  // Sorts; on duplicate keys the first added wins.
  void Finish() {
    SortUnique(packed_);
    SortUnique(other_);
    packed_.shrink_to_fit();
    other_.shrink_to_fit();
  }
  // The value of `key`, or nullptr.
  const V* Find(const ImeiKey& key) const {
    if (key.packed != identifiers::kNotPacked) return FindIn(packed_, key.packed);
    return FindIn(other_, key.imei_norm);
  }
  bool Contains(const ImeiKey& key) const { return Find(key) != nullptr; }
  std::size_t size() const { return packed_.size() + other_.size(); }
  std::size_t MemoryBytes() const {
    std::size_t bytes = packed_.capacity() * sizeof(packed_[0]);
    for (const auto& entry : other_) bytes += sizeof(entry) + entry.first.capacity();
    return bytes;
  }

 private:
  template <typename K>
  static void SortUnique(std::vector<std::pair<K, V>>& entries) {
    const auto less = [](const auto& a, const auto& b) { return a.first < b.first; };
    // Lists are scanned in key order: usually already sorted.
    if (!std::is_sorted(entries.begin(), entries.end(), less)) {
      std::stable_sort(entries.begin(), entries.end(), less);
    }
    entries.erase(std::unique(entries.begin(), entries.end(),
                              [](const auto& a, const auto& b) { return a.first == b.first; }),
                  entries.end());
  }
  template <typename K, typename Q>
  static const V* FindIn(const std::vector<std::pair<K, V>>& entries, const Q& key) {
    auto it = std::lower_bound(entries.begin(), entries.end(), key,
                               [](const auto& entry, const Q& k) { return entry.first < k; });
    return it != entries.end() && it->first == key ? &it->second : nullptr;
  }

  std::vector<std::pair<std::uint64_t, V>> packed_;
  std::vector<std::pair<std::string, V>> other_;
};

// A set of imei_norms (8 bytes an IMEI for packed ones).
class ImeiSet {
 public:
  void Add(std::string_view imei_norm);
  void Finish();
  bool Contains(const ImeiKey& key) const;
  std::size_t size() const { return packed_.size() + other_.size(); }
  std::size_t MemoryBytes() const;

 private:
  std::vector<std::uint64_t> packed_;
  std::vector<std::string> other_;
};

// A sorted set of numbers (TACs).
class TacSet {
 public:
  void Add(std::uint32_t tac) { tacs_.push_back(tac); }
  void Finish();
  bool Contains(std::uint32_t tac) const {
    return std::binary_search(tacs_.begin(), tacs_.end(), tac);
  }
  std::size_t size() const { return tacs_.size(); }

 private:
  std::vector<std::uint32_t> tacs_;
};

}  // namespace openceir::classify
