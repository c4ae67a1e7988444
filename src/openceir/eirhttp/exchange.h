// One HTTP request and the response to it, as the HTTP/2 session hands them to a handler.
//
// Both live in a per-stream slot that the session recycles, so the strings keep their
// capacity from one request to the next and answering allocates nothing once warm.
#pragma once

#include <chrono>
#include <cstdint>
#include <string>
#include <string_view>

namespace openceir::eirhttp {

struct Request {
  std::string_view method;         // ":method"
  std::string_view path;           // ":path": path and query, as received (not decoded)
  std::string_view if_none_match;  // "if-none-match", empty when absent
  std::chrono::steady_clock::time_point received;  // when its HEADERS frame began
};

struct Response {
  int status = 200;
  std::string_view content_type;  // empty: no content-type header
  // The body is `static_body` when it is not empty (constant text), else `body`, else the
  // `file_size` bytes of `file_fd` (which the session closes when the stream ends).
  std::string_view static_body;
  std::string body;
  int file_fd = -1;
  std::uint64_t file_size = 0;
  std::string etag;                // non-empty: an "etag" header
  std::string_view allow;          // non-empty: an "allow" header (405)
  std::string_view cache_control;  // non-empty: a "cache-control" header
  bool head = false;               // answer headers only (HEAD, 304): content-length still set

  // Back to "200, empty" keeping the string capacity.
  void Reset() {
    status = 200;
    content_type = {};
    static_body = {};
    body.clear();
    file_fd = -1;
    file_size = 0;
    etag.clear();
    allow = {};
    cache_control = {};
    head = false;
  }
};

// What answers requests. Called on the connection's thread; must not block. Implementations
// shared by several connections must be thread-safe.
class RequestHandler {
 public:
  virtual ~RequestHandler() = default;
  virtual void Handle(const Request& request, Response* response) = 0;
};

}  // namespace openceir::eirhttp
