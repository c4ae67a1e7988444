// An incremental SHA-256 (OpenSSL EVP, which uses the CPU's SHA extensions): for inputs hashed
// while they are read, so that a multi-gigabyte file is read once.
#pragma once

#include <memory>
#include <string>
#include <string_view>

#include "openceir/base/status.h"

namespace openceir::io {

class Sha256 {
 public:
  // Errors: Internal when OpenSSL cannot start a digest.
  static Result<Sha256> Start();
  ~Sha256();
  Sha256(Sha256&&) noexcept;
  Sha256& operator=(Sha256&&) noexcept;

  Status Update(std::string_view bytes);
  // Lower-case hex of the digest of everything updated. Ends the digest: call once.
  Result<std::string> FinishHex();

 private:
  struct State;
  explicit Sha256(std::unique_ptr<State> state);
  std::unique_ptr<State> state_;
};

}  // namespace openceir::io
