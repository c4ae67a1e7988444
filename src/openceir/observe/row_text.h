// Text helpers shared by the row parsers of network data files (operator data, events):
// character classes of IMEI input, trimming, packing decimal identifiers, and showing values
// in error messages. Inline: they run once or more per field on the import hot path.
#pragma once

#include <fmt/format.h>

#include <array>
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

namespace openceir::observe::row_text {

// Character classes of IMEI input ([0-9A-Fa-f*#]).
enum : std::uint8_t { kDigit = 1, kImeiChar = 2 };

constexpr std::array<std::uint8_t, 256> MakeCharClasses() {
  std::array<std::uint8_t, 256> table{};
  for (std::size_t c = '0'; c <= '9'; ++c) table[c] = kDigit | kImeiChar;
  for (std::size_t c = 'a'; c <= 'f'; ++c) table[c] = kImeiChar;
  for (std::size_t c = 'A'; c <= 'F'; ++c) table[c] = kImeiChar;
  table['*'] = kImeiChar;
  table['#'] = kImeiChar;
  return table;
}
constexpr std::array<std::uint8_t, 256> kCharClasses = MakeCharClasses();

inline std::uint8_t ClassOf(char c) { return kCharClasses[static_cast<unsigned char>(c)]; }

inline std::string_view Trim(std::string_view text) {
  while (!text.empty() && (text.front() == ' ' || text.front() == '\t')) text.remove_prefix(1);
  while (!text.empty() && (text.back() == ' ' || text.back() == '\t')) text.remove_suffix(1);
  return text;
}

// Up to 15 decimal digits -> PackSubscriberId form; false otherwise.
inline bool PackDigits(std::string_view text, std::uint64_t* packed) {
  if (text.size() > 15) return false;
  std::uint64_t value = 0;
  for (char c : text) {
    unsigned d = static_cast<unsigned char>(c) - '0';
    if (d > 9) return false;
    value = value * 10 + d;
  }
  *packed = value * 16 + text.size();
  return true;
}

inline std::string Shown(std::string_view value) {
  constexpr std::size_t kMax = 40;
  if (value.size() <= kMax) return std::string(value);
  return fmt::format("{}...", value.substr(0, kMax));
}

inline std::string Lower(std::string_view text) {
  std::string out(text);
  for (char& c : out) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return out;
}

}  // namespace openceir::observe::row_text
