// The API's HTTP/1.1 server on Boost.Beast: one listening socket, a pool of threads running one
// io_context, asynchronous connections with keep-alive, a header limit (16 KiB), a body limit
// and an idle timeout (the whole request must arrive within it). Each request is answered by
// ApiService on the thread that read it. Cleartext only (TLS is not built yet: put a TLS proxy
// in front).
//
//   HttpServer server(options, service);
//   if (Status s = server.Start(); !s.ok()) ...   // binds, starts the threads
//   server.port();                                // the port bound (listen port 0: ephemeral)
//   server.Stop();                                // stops accepting, closes, joins the threads
#pragma once

#include <cstdint>
#include <memory>
#include <string>

#include "openceir/api/api_service.h"
#include "openceir/base/status.h"

namespace openceir::api {

struct HttpServerOptions {
  std::string listen = "127.0.0.1:8081";  // "host:port" or "[v6 address]:port"
  int threads = 2;
  std::size_t max_body_bytes = 1 << 20;
  int idle_timeout_seconds = 30;
};

class HttpServer {
 public:
  // `service` must outlive the server.
  HttpServer(HttpServerOptions options, ApiService& service);
  ~HttpServer();  // Stop()s
  HttpServer(const HttpServer&) = delete;
  HttpServer& operator=(const HttpServer&) = delete;

  // Resolves and binds the address and starts the threads. Errors: kInvalidInput for a malformed
  // address, kIoError when it cannot be bound. On error nothing keeps running. Call once.
  Status Start();
  // Stops accepting, closes every connection (requests being answered finish first) and joins the
  // threads. Idempotent; blocks.
  void Stop();
  std::uint16_t port() const;

 private:
  class Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace openceir::api
