// Ed25519 keys that sign list bundles (libsodium). The central node signs each bundle's
// manifest with its secret key; EIR nodes trust its public key.
//
// Key files: one line, the key as 64 hex digits (32 bytes) or as standard base64 (44
// characters); white space around it is ignored. The secret key file holds the 32-byte seed
// (libsodium's 64-byte secret key, seed then public key, is accepted too: 128 hex digits or 88
// base64 characters). `openceir lists keygen` writes both files, the secret one mode 0600.
#pragma once

#include <array>
#include <cstdint>
#include <string>
#include <string_view>

#include "openceir/base/status.h"

namespace openceir::bundle {

struct PublicKey {
  std::array<std::uint8_t, 32> bytes{};
  std::string Hex() const;
  friend bool operator==(const PublicKey&, const PublicKey&) = default;
};

struct SigningKey {
  std::array<std::uint8_t, 64> secret{};  // libsodium layout: seed, then public key
  PublicKey public_key;
};

// A fresh key pair. Errors: kInternal when libsodium cannot start.
Result<SigningKey> GenerateSigningKey();

// Parses key file text (see above). kInvalidInput saying what is wrong.
Result<SigningKey> ParseSigningKey(std::string_view text);
Result<PublicKey> ParsePublicKey(std::string_view text);
// Reads and parses a key file. kNotFound / kIoError / kInvalidInput naming the file.
Result<SigningKey> LoadSigningKey(const std::string& path);
Result<PublicKey> LoadPublicKey(const std::string& path);

// Writes the seed (hex) to `secret_path` (mode 0600, refused when it exists) and the public key
// (hex) to `public_path`. kAlreadyExists, kIoError.
Status WriteKeyFiles(const SigningKey& key, const std::string& secret_path,
                     const std::string& public_path);

// Detached Ed25519 signature of `message`, as 128 hex digits.
std::string SignHex(const SigningKey& key, std::string_view message);
// True when `signature_hex` (white space around it ignored) is `key`'s signature of `message`.
bool VerifyHex(const PublicKey& key, std::string_view message, std::string_view signature_hex);

}  // namespace openceir::bundle
