// API key generation and hashing over libsodium (see api_key.h).
#include "openceir/api/api_key.h"

#include <sodium.h>

#include <array>

namespace openceir::api {
namespace {

constexpr std::string_view kPrefix = "oc_";
constexpr std::size_t kKeyBytes = 32;
// Domain separation: these hashes can never collide with another use of BLAKE2b in OpenCEIR.
// Public by design (see api_key.h: the key's entropy is what protects it).
constexpr std::string_view kHashKey = "openceir api key hash v1 ......";
static_assert(kHashKey.size() >= crypto_generichash_KEYBYTES_MIN);

std::string Hex(const unsigned char* bytes, std::size_t size) {
  static constexpr char kDigits[] = "0123456789abcdef";
  std::string hex;
  hex.reserve(size * 2);
  for (std::size_t i = 0; i < size; ++i) {
    hex += kDigits[bytes[i] >> 4];
    hex += kDigits[bytes[i] & 0xf];
  }
  return hex;
}

// sodium_init is idempotent and thread-safe; it only fails when no entropy source exists, and
// randombytes_buf would abort in that case rather than return weak bytes.
void InitSodium() {
  static const int kInit = sodium_init();
  (void)kInit;
}

}  // namespace

NewKeyMaterial GenerateApiKey() {
  InitSodium();
  std::array<unsigned char, kKeyBytes> bytes{};
  randombytes_buf(bytes.data(), bytes.size());
  NewKeyMaterial key;
  key.text = std::string(kPrefix) + Hex(bytes.data(), bytes.size());
  sodium_memzero(bytes.data(), bytes.size());
  key.hash = ApiKeyHash(key.text);
  return key;
}

bool LooksLikeApiKey(std::string_view text) {
  if (!text.starts_with(kPrefix) || text.size() != kPrefix.size() + 2 * kKeyBytes) return false;
  return text.substr(kPrefix.size()).find_first_not_of("0123456789abcdef") ==
         std::string_view::npos;
}

std::string ApiKeyHash(std::string_view text) {
  InitSodium();
  std::array<unsigned char, crypto_generichash_BYTES> digest{};
  crypto_generichash(digest.data(), digest.size(),
                     reinterpret_cast<const unsigned char*>(text.data()), text.size(),
                     reinterpret_cast<const unsigned char*>(kHashKey.data()), kHashKey.size());
  return Hex(digest.data(), digest.size());
}

}  // namespace openceir::api
