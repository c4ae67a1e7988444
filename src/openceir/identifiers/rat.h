// Radio access technology codes of operator data (FORMATS.md: 001 UTRAN ... 105 UMB, and
// OpenCEIR's 008 NR) and the generation each belongs to, as bits for RAT masks.
#pragma once

#include <cstdint>
#include <optional>
#include <string_view>

#include "openceir/base/status.h"

namespace openceir::identifiers {

// Bit of one RAT code in a RAT mask: 001-008 -> bits 0-7, 101-105 -> bits 8-12.
std::optional<std::uint32_t> RatBit(std::string_view code);

// Parses a pipe-joined RAT list ("001|006"); empty -> 0. kInvalidInput naming the bad code.
Result<std::uint32_t> ParseRatList(std::string_view text);

// Radio generations as bits (2G = 1, 3G = 2, 4G = 4, 5G = 8): the same bits the GSMA TAC
// import derives from bands, so inconsistent_rat compares like with like.
enum RadioGenerationBits : std::uint8_t { kGen2G = 1, kGen3G = 2, kGen4G = 4, kGen5G = 8 };
// The generations a RAT mask uses (WLAN, GAN and virtual count as none).
std::uint8_t GenerationsOfRatMask(std::uint32_t rat_mask);

}  // namespace openceir::identifiers
