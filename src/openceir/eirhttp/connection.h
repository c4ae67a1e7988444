// One client connection on Boost.Asio, carrying an Http2Session: cleartext (h2c with prior
// knowledge) over a TCP socket, or TLS (ALPN h2) over an ssl::stream. Internal to the server.
//
// All its handlers run on the executor its socket was created with (one io_context per thread,
// or a strand of a shared io_context), so the session is never touched by two threads at once.
// It keeps at most one read and one write in flight; everything that became ready in one read
// (many requests' responses) goes out in one write.
#pragma once

#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/ssl/context.hpp>
#include <chrono>
#include <cstdint>
#include <functional>
#include <memory>

#include "openceir/eirhttp/exchange.h"
#include "openceir/eirhttp/http2_session.h"

namespace openceir::eirhttp {

class Connection : public std::enable_shared_from_this<Connection> {
 public:
  virtual ~Connection() = default;

  // Begins serving (the TLS handshake first, for TLS). Call once, from any thread.
  virtual void Start() = 0;
  // Graceful shutdown: GOAWAY notice now, the final GOAWAY after `grace`; the connection
  // closes itself when its open streams are done. Thread-safe (posts to the executor).
  virtual void Shutdown(std::chrono::milliseconds grace) = 0;
  // Closes the socket now, whatever is in flight. Thread-safe.
  virtual void Close() = 0;
};

struct ConnectionOptions {
  RequestHandler* handler = nullptr;
  SessionLimits limits;
  // Called once, on the connection's executor, when it has closed.
  std::function<void(Connection*)> on_closed;
};

// `socket` is an accepted socket; its executor becomes the connection's.
std::shared_ptr<Connection> MakeCleartextConnection(boost::asio::ip::tcp::socket socket,
                                                    const ConnectionOptions& options);
std::shared_ptr<Connection> MakeTlsConnection(boost::asio::ip::tcp::socket socket,
                                              boost::asio::ssl::context& tls,
                                              const ConnectionOptions& options);

}  // namespace openceir::eirhttp
