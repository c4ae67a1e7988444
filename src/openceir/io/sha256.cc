#include "openceir/io/sha256.h"

#include <openssl/evp.h>

namespace openceir::io {

struct Sha256::State {
  EVP_MD_CTX* context = nullptr;
  bool finished = false;
  ~State() { EVP_MD_CTX_free(context); }
};

Sha256::Sha256(std::unique_ptr<State> state) : state_(std::move(state)) {}
Sha256::~Sha256() = default;
Sha256::Sha256(Sha256&&) noexcept = default;
Sha256& Sha256::operator=(Sha256&&) noexcept = default;

Result<Sha256> Sha256::Start() {
  auto state = std::make_unique<State>();
  state->context = EVP_MD_CTX_new();
  if (state->context == nullptr || EVP_DigestInit_ex(state->context, EVP_sha256(), nullptr) != 1) {
    return InternalError("OpenSSL could not start a SHA-256 digest");
  }
  return Sha256(std::move(state));
}

Status Sha256::Update(std::string_view bytes) {
  if (state_->finished) return FailedPreconditionError("the SHA-256 digest is already finished");
  if (EVP_DigestUpdate(state_->context, bytes.data(), bytes.size()) != 1) {
    return InternalError("OpenSSL SHA-256 update failed");
  }
  return Status::Ok();
}

Result<std::string> Sha256::FinishHex() {
  if (state_->finished) return FailedPreconditionError("the SHA-256 digest is already finished");
  state_->finished = true;
  unsigned char digest[EVP_MAX_MD_SIZE];
  unsigned int length = 0;
  if (EVP_DigestFinal_ex(state_->context, digest, &length) != 1 || length != 32) {
    return InternalError("OpenSSL SHA-256 final failed");
  }
  static constexpr char kHex[] = "0123456789abcdef";
  std::string hex(2 * length, '0');
  for (unsigned int i = 0; i < length; ++i) {
    hex[2 * i] = kHex[digest[i] >> 4];
    hex[2 * i + 1] = kHex[digest[i] & 15];
  }
  return hex;
}

}  // namespace openceir::io
