// Cell identifiers: `MCC-MNC-LAC-CI` (FORMATS.md), as text and as a compact key.
//
// MCC is 3 digits and MNC 2 or 3 (kept as written: 01 and 001 are different networks). LAC
// (LAC/TAC) and CI (cell identity; up to 36 bits for NR) are decimal integers; leading zeros do
// not make a different cell, so the canonical text has none.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace openceir::events {

inline constexpr std::uint64_t kMaxLac = 4294967295ULL;  // 32 bits
inline constexpr std::uint64_t kMaxCi = 68719476735ULL;  // 36 bits (NR cell identity)

struct CellKey {
  std::uint64_t network = 0;   // mcc * 10000 + mnc digits * 1000 + mnc
  std::uint64_t cell = 0;      // lac << 36 | ci  (lac < 2^28 here; see MakeCellKey)
  std::uint32_t lac_high = 0;  // lac >> 28, so that all 32 bits of LAC fit
  bool operator==(const CellKey&) const = default;
};

struct CellKeyHash {
  std::size_t operator()(const CellKey& key) const {
    std::uint64_t h = key.network * 0x9E3779B97F4A7C15ULL ^ key.cell;
    h ^= static_cast<std::uint64_t>(key.lac_high) << 17;
    h ^= h >> 31;
    h *= 0xBF58476D1CE4E5B9ULL;
    h ^= h >> 29;
    return static_cast<std::size_t>(h);
  }
};

// Requires mcc < 1000, mnc_digits 2 or 3, mnc < 10^mnc_digits, lac <= kMaxLac, ci <= kMaxCi.
CellKey MakeCellKey(unsigned mcc, unsigned mnc, int mnc_digits, std::uint64_t lac,
                    std::uint64_t ci);

// Parses `MCC-MNC-LAC-CI`; nullopt unless MCC is 3 digits, MNC 2-3 digits, LAC 1-10 digits
// <= kMaxLac and CI 1-11 digits <= kMaxCi.
std::optional<CellKey> ParseCellId(std::string_view text);

// The canonical text: "214-01-1234-56789".
std::string FormatCellId(const CellKey& key);

}  // namespace openceir::events
