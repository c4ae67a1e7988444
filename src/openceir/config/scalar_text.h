// Strict parsing of the scalar texts a configuration holds (booleans, integers, reals, digit
// strings). yaml-cpp keeps each scalar's text as written, so these decide what is accepted.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string_view>

namespace openceir::config {

// true/True/TRUE/yes/Yes/YES/on/On/ON and the false forms; nullopt otherwise.
std::optional<bool> ParseBoolText(std::string_view text);

// Optional sign and decimal digits fitting in int64; nullopt otherwise (no spaces, no 0x).
std::optional<std::int64_t> ParseIntText(std::string_view text);

// A finite decimal real: "0.5", "-1", "1e-3", ".25"; nullopt for inf, nan, hex and anything else.
std::optional<double> ParseRealText(std::string_view text);

// True when text is min_digits..max_digits ASCII decimal digits.
bool IsDigits(std::string_view text, std::size_t min_digits, std::size_t max_digits);

}  // namespace openceir::config
