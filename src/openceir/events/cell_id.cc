#include "openceir/events/cell_id.h"

#include <fmt/format.h>

namespace openceir::events {
namespace {

// 1..max_digits decimal digits -> value.
bool ParseNumber(std::string_view text, std::size_t max_digits, std::uint64_t* value) {
  if (text.empty() || text.size() > max_digits) return false;
  std::uint64_t v = 0;
  for (char c : text) {
    unsigned d = static_cast<unsigned char>(c) - '0';
    if (d > 9) return false;
    v = v * 10 + d;
  }
  *value = v;
  return true;
}

}  // namespace

CellKey MakeCellKey(unsigned mcc, unsigned mnc, int mnc_digits, std::uint64_t lac,
                    std::uint64_t ci) {
  CellKey key;
  key.network = std::uint64_t{mcc} * 10000 + static_cast<std::uint64_t>(mnc_digits) * 1000 + mnc;
  key.cell = ((lac & 0x0FFFFFFFULL) << 36) | ci;
  key.lac_high = static_cast<std::uint32_t>(lac >> 28);
  return key;
}

std::optional<CellKey> ParseCellId(std::string_view text) {
  std::string_view parts[4];
  for (int i = 0; i < 3; ++i) {
    std::size_t dash = text.find('-');
    if (dash == std::string_view::npos) return std::nullopt;
    parts[i] = text.substr(0, dash);
    text.remove_prefix(dash + 1);
  }
  parts[3] = text;
  std::uint64_t mcc = 0, mnc = 0, lac = 0, ci = 0;
  if (parts[0].size() != 3 || !ParseNumber(parts[0], 3, &mcc)) return std::nullopt;
  if (parts[1].size() < 2 || !ParseNumber(parts[1], 3, &mnc)) return std::nullopt;
  if (!ParseNumber(parts[2], 10, &lac) || lac > kMaxLac) return std::nullopt;
  if (!ParseNumber(parts[3], 11, &ci) || ci > kMaxCi) return std::nullopt;
  return MakeCellKey(static_cast<unsigned>(mcc), static_cast<unsigned>(mnc),
                     static_cast<int>(parts[1].size()), lac, ci);
}

std::string FormatCellId(const CellKey& key) {
  std::uint64_t mcc = key.network / 10000;
  int mnc_digits = static_cast<int>(key.network / 1000 % 10);
  std::uint64_t mnc = key.network % 1000;
  std::uint64_t lac = (std::uint64_t{key.lac_high} << 28) | (key.cell >> 36);
  std::uint64_t ci = key.cell & kMaxCi;
  return fmt::format("{:03}-{:0{}}-{}-{}", mcc, mnc, mnc_digits, lac, ci);
}

}  // namespace openceir::events
