#include "openceir/identifiers/rat.h"

#include <string>

namespace openceir::identifiers {
namespace {

constexpr std::uint32_t kUtran = 1u << 0;    // 001
constexpr std::uint32_t kGeran = 1u << 1;    // 002
constexpr std::uint32_t kHspaEvo = 1u << 4;  // 005
constexpr std::uint32_t kEutran = 1u << 5;   // 006
constexpr std::uint32_t kNr = 1u << 7;       // 008
constexpr std::uint32_t kEhrpd = 1u << 9;    // 102
constexpr std::uint32_t kHrpd = 1u << 10;    // 103
constexpr std::uint32_t k1xRtt = 1u << 11;   // 104
constexpr std::uint32_t kUmb = 1u << 12;     // 105

}  // namespace

std::optional<std::uint32_t> RatBit(std::string_view code) {
  if (code.size() != 3 || code[0] < '0' || code[0] > '9' || code[1] != '0' || code[2] < '0' ||
      code[2] > '9') {
    return std::nullopt;
  }
  int last = code[2] - '0';
  if (code[0] == '0' && last >= 1 && last <= 8) return 1u << (last - 1);
  if (code[0] == '1' && last >= 1 && last <= 5) return 1u << (8 + last - 1);
  return std::nullopt;
}

Result<std::uint32_t> ParseRatList(std::string_view text) {
  std::uint32_t mask = 0;
  if (text.empty()) return mask;
  std::size_t start = 0;
  while (true) {
    std::size_t bar = text.find('|', start);
    std::string_view code = text.substr(start, bar == std::string_view::npos ? bar : bar - start);
    std::optional<std::uint32_t> bit = RatBit(code);
    if (!bit) return InvalidInputError("unknown RAT code '" + std::string(code) + "'");
    mask |= *bit;
    if (bar == std::string_view::npos) return mask;
    start = bar + 1;
  }
}

std::uint8_t GenerationsOfRatMask(std::uint32_t rat_mask) {
  std::uint8_t generations = 0;
  if (rat_mask & (kGeran | k1xRtt)) generations |= kGen2G;
  if (rat_mask & (kUtran | kHspaEvo | kHrpd | kEhrpd | kUmb)) generations |= kGen3G;
  if (rat_mask & kEutran) generations |= kGen4G;
  if (rat_mask & kNr) generations |= kGen5G;
  return generations;
}

}  // namespace openceir::identifiers
