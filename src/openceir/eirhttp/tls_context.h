// The server's TLS context for HTTP/2 (RFC 9113 9.2): TLS 1.2 or later, AEAD ciphers only for
// TLS 1.2, ALPN choosing "h2" (a client that offers only other protocols is refused).
#pragma once

#include <boost/asio/ssl/context.hpp>
#include <memory>
#include <string>

#include "openceir/base/status.h"

namespace openceir::eirhttp {

// Loads the PEM certificate chain and private key. kIoError naming the file when one cannot
// be read or the key does not match the certificate.
Result<std::unique_ptr<boost::asio::ssl::context>> MakeTlsContext(
    const std::string& certificate_file, const std::string& private_key_file);

}  // namespace openceir::eirhttp
