// API key material: new keys, and the hash the registry store keeps instead of the key.
//
// A key is 32 random bytes (libsodium randombytes_buf) shown once as text: "oc_" followed by 64
// lower-case hex digits. The store keeps BLAKE2b-256 of the text, keyed with a fixed
// domain-separation key. A slow password hash (Argon2) is not needed: it protects guessable
// secrets, and a 256-bit random key cannot be guessed, so a fast hash is as safe and keeps the
// per-request key check cheap.
#pragma once

#include <string>
#include <string_view>

#include "openceir/base/status.h"

namespace openceir::api {

struct NewKeyMaterial {
  std::string text;  // shown once to the person creating the key
  std::string hash;  // ApiKeyHash(text), what the store keeps
};

// A fresh random key. Thread-safe.
NewKeyMaterial GenerateApiKey();

// True when `text` has the shape of a key ("oc_" + 64 lower-case hex digits).
bool LooksLikeApiKey(std::string_view text);

// Lower-case hex keyed BLAKE2b-256 of `text` (any text: a malformed key simply matches none).
std::string ApiKeyHash(std::string_view text);

}  // namespace openceir::api
