// MD5 via OpenSSL's EVP interface, rendered as lower-case hex.
#include "openceir/identifiers/golden_hash.h"

#include <openssl/evp.h>

namespace openceir::identifiers {

std::string GoldenHashOf(std::string_view imei_norm) {
  unsigned char digest[EVP_MAX_MD_SIZE];
  unsigned int size = 0;
  if (EVP_Digest(imei_norm.data(), imei_norm.size(), digest, &size, EVP_md5(), nullptr) != 1) {
    return std::string();
  }
  static constexpr char kHex[] = "0123456789abcdef";
  std::string hex(2 * size, '0');
  for (unsigned int i = 0; i < size; ++i) {
    hex[2 * i] = kHex[digest[i] >> 4];
    hex[2 * i + 1] = kHex[digest[i] & 0x0f];
  }
  return hex;
}

}  // namespace openceir::identifiers
