// The golden list's key: the lower-case hex MD5 of an imei_norm, as DIRBS stores golden IMEIs
// (FORMATS.md), so that a list of protected devices need not hold the identifiers themselves.
#pragma once

#include <string>
#include <string_view>

namespace openceir::identifiers {

// 32 lower-case hex digits (OpenSSL EVP MD5); empty only if the library offers no MD5, which
// then matches nothing.
std::string GoldenHashOf(std::string_view imei_norm);

}  // namespace openceir::identifiers
