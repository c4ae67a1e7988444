// Ed25519 with libsodium; key files as hex or base64.
#include "openceir/bundle/signing_key.h"

#include <sodium.h>
#include <sys/stat.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <fstream>
#include <sstream>

namespace openceir::bundle {

namespace {

bool SodiumReady() {
  static const bool ready = sodium_init() >= 0;
  return ready;
}

std::string_view Trim(std::string_view text) {
  const auto space = [](char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n'; };
  while (!text.empty() && space(text.front())) text.remove_prefix(1);
  while (!text.empty() && space(text.back())) text.remove_suffix(1);
  return text;
}

std::string ToHex(const std::uint8_t* bytes, std::size_t size) {
  std::string hex(size * 2 + 1, '\0');
  sodium_bin2hex(hex.data(), hex.size(), bytes, size);
  hex.pop_back();
  return hex;
}

// Decodes hex or base64 text into exactly `size` bytes; false otherwise.
bool Decode(std::string_view text, std::uint8_t* out, std::size_t size) {
  std::size_t decoded = 0;
  const std::string copy(text);
  if (copy.size() == size * 2 &&
      sodium_hex2bin(out, size, copy.c_str(), copy.size(), nullptr, &decoded, nullptr) == 0 &&
      decoded == size) {
    return true;
  }
  std::string buffer(copy.size(), '\0');
  return sodium_base642bin(reinterpret_cast<unsigned char*>(buffer.data()), buffer.size(),
                           copy.c_str(), copy.size(), nullptr, &decoded, nullptr,
                           sodium_base64_VARIANT_ORIGINAL) == 0 &&
         decoded == size && (std::memcpy(out, buffer.data(), size), true);
}

Result<std::string> ReadSmallFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    return errno == ENOENT ? NotFoundError(path + ": no such key file")
                           : IoError(path + ": cannot read: " + std::strerror(errno));
  }
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

}  // namespace

std::string PublicKey::Hex() const { return ToHex(bytes.data(), bytes.size()); }

Result<SigningKey> GenerateSigningKey() {
  if (!SodiumReady()) return InternalError("libsodium cannot start");
  SigningKey key;
  crypto_sign_ed25519_keypair(key.public_key.bytes.data(), key.secret.data());
  return key;
}

Result<SigningKey> ParseSigningKey(std::string_view text) {
  if (!SodiumReady()) return InternalError("libsodium cannot start");
  text = Trim(text);
  SigningKey key;
  std::array<std::uint8_t, 32> seed{};
  if (Decode(text, seed.data(), seed.size())) {
    crypto_sign_ed25519_seed_keypair(key.public_key.bytes.data(), key.secret.data(), seed.data());
    sodium_memzero(seed.data(), seed.size());
    return key;
  }
  if (Decode(text, key.secret.data(), key.secret.size())) {
    crypto_sign_ed25519_sk_to_pk(key.public_key.bytes.data(), key.secret.data());
    return key;
  }
  return InvalidInputError(
      "not an Ed25519 secret key: expected a 32-byte seed (64 hex digits or 44 base64 "
      "characters) or a 64-byte secret key");
}

Result<PublicKey> ParsePublicKey(std::string_view text) {
  PublicKey key;
  if (!Decode(Trim(text), key.bytes.data(), key.bytes.size())) {
    return InvalidInputError(
        "not an Ed25519 public key: expected 32 bytes as 64 hex digits or 44 base64 characters");
  }
  return key;
}

Result<SigningKey> LoadSigningKey(const std::string& path) {
  OPENCEIR_ASSIGN_OR_RETURN(std::string text, ReadSmallFile(path));
  auto key = ParseSigningKey(text);
  sodium_memzero(text.data(), text.size());
  if (!key.ok()) return InvalidInputError(path + ": " + key.status().message());
  return key;
}

Result<PublicKey> LoadPublicKey(const std::string& path) {
  OPENCEIR_ASSIGN_OR_RETURN(std::string text, ReadSmallFile(path));
  auto key = ParsePublicKey(text);
  if (!key.ok()) return InvalidInputError(path + ": " + key.status().message());
  return key;
}

Status WriteKeyFiles(const SigningKey& key, const std::string& secret_path,
                     const std::string& public_path) {
  struct stat info;
  for (const std::string* path : {&secret_path, &public_path}) {
    if (::stat(path->c_str(), &info) == 0) return AlreadyExistsError(*path + ": exists");
  }
  std::FILE* file = std::fopen(secret_path.c_str(), "wx");
  if (file == nullptr) return IoError(secret_path + ": cannot create: " + std::strerror(errno));
  ::chmod(secret_path.c_str(), 0600);
  const std::string seed = ToHex(key.secret.data(), 32) + "\n";
  const bool written = std::fwrite(seed.data(), 1, seed.size(), file) == seed.size();
  if (std::fclose(file) != 0 || !written) return IoError(secret_path + ": cannot write");
  std::ofstream out(public_path, std::ios::binary);
  out << key.public_key.Hex() << "\n";
  out.close();
  if (!out) return IoError(public_path + ": cannot write");
  return Status::Ok();
}

std::string SignHex(const SigningKey& key, std::string_view message) {
  std::array<std::uint8_t, crypto_sign_ed25519_BYTES> signature{};
  crypto_sign_ed25519_detached(signature.data(), nullptr,
                               reinterpret_cast<const unsigned char*>(message.data()),
                               message.size(), key.secret.data());
  return ToHex(signature.data(), signature.size());
}

bool VerifyHex(const PublicKey& key, std::string_view message, std::string_view signature_hex) {
  if (!SodiumReady()) return false;
  std::array<std::uint8_t, crypto_sign_ed25519_BYTES> signature{};
  const std::string hex(Trim(signature_hex));
  std::size_t decoded = 0;
  if (hex.size() != signature.size() * 2 ||
      sodium_hex2bin(signature.data(), signature.size(), hex.c_str(), hex.size(), nullptr, &decoded,
                     nullptr) != 0 ||
      decoded != signature.size()) {
    return false;
  }
  return crypto_sign_ed25519_verify_detached(signature.data(),
                                             reinterpret_cast<const unsigned char*>(message.data()),
                                             message.size(), key.bytes.data()) == 0;
}

}  // namespace openceir::bundle
