#include "openceir/eirhttp/tls_context.h"

#include <nghttp2/nghttp2.h>
#include <openssl/err.h>
#include <openssl/ssl.h>

#include <exception>

namespace openceir::eirhttp {
namespace {

namespace ssl = boost::asio::ssl;

int SelectH2(SSL* /*ssl*/, const unsigned char** out, unsigned char* out_size,
             const unsigned char* in, unsigned int in_size, void* /*arg*/) {
  unsigned char* selected = nullptr;
  // 1: "h2" chosen; 0: only http/1.1 offered; -1: neither.
  if (nghttp2_select_next_protocol(&selected, out_size, in, in_size) != 1) {
    return SSL_TLSEXT_ERR_ALERT_FATAL;  // no_application_protocol (RFC 7301)
  }
  *out = selected;
  return SSL_TLSEXT_ERR_OK;
}

std::string OpenSslError() {
  const unsigned long code = ERR_get_error();
  if (code == 0) return "unknown error";
  char text[256];
  ERR_error_string_n(code, text, sizeof(text));
  return text;
}

}  // namespace

Result<std::unique_ptr<ssl::context>> MakeTlsContext(const std::string& certificate_file,
                                                     const std::string& private_key_file) {
  std::unique_ptr<ssl::context> context;
  try {  // ssl::context's constructor throws when OpenSSL cannot make a context
    context = std::make_unique<ssl::context>(ssl::context::tls_server);
  } catch (const std::exception& error) {
    return InternalError(std::string("TLS context: ") + error.what());
  }
  boost::system::error_code error;
  context->set_options(ssl::context::default_workarounds | ssl::context::no_sslv2 |
                           ssl::context::no_sslv3 | ssl::context::no_tlsv1 |
                           ssl::context::no_tlsv1_1 | ssl::context::no_compression |
                           ssl::context::single_dh_use,
                       error);
  SSL_CTX* native = context->native_handle();
  SSL_CTX_set_options(native, SSL_OP_NO_RENEGOTIATION);
  // TLS 1.2 suites allowed by RFC 9113 (ephemeral key exchange, AEAD); TLS 1.3 suites are
  // all acceptable and configured separately by OpenSSL.
  if (SSL_CTX_set_cipher_list(native, "ECDHE+AESGCM:ECDHE+CHACHA20") != 1) {
    return InternalError("TLS cipher list: " + OpenSslError());
  }
  context->use_certificate_chain_file(certificate_file, error);
  if (error) {
    return IoError("TLS certificate " + certificate_file + ": " + error.message());
  }
  context->use_private_key_file(private_key_file, ssl::context::pem, error);
  if (error) {
    return IoError("TLS private key " + private_key_file + ": " + error.message());
  }
  if (SSL_CTX_check_private_key(native) != 1) {
    return IoError("TLS private key " + private_key_file + " does not match certificate " +
                   certificate_file);
  }
  SSL_CTX_set_alpn_select_cb(native, SelectH2, nullptr);
  return context;
}

}  // namespace openceir::eirhttp
