// The server side of one HTTP/2 connection, on nghttp2's session API, independent of the
// transport: bytes received go in through Receive(), bytes to send come out of Send(). The
// Asio connection (connection.h) moves them; tests drive it in memory with an nghttp2 client.
//
// Each request is answered as soon as its END_STREAM arrives, by the RequestHandler, in the
// calling thread. Streams live in slots recycled across requests (no allocation per request
// once warm, apart from nghttp2's own stream bookkeeping). Not thread-safe: one connection,
// one thread (or strand) at a time.
#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "openceir/base/status.h"
#include "openceir/eirhttp/exchange.h"

struct nghttp2_session;

namespace openceir::eirhttp {

struct SessionLimits {
  std::uint32_t max_concurrent_streams = 256;    // SETTINGS_MAX_CONCURRENT_STREAMS
  std::uint32_t max_header_list_bytes = 16384;   // SETTINGS_MAX_HEADER_LIST_SIZE; more -> 431
  std::uint32_t max_path_bytes = 4096;           // a longer :path -> 414 (TS 29.500 allows it)
  std::uint32_t initial_window_bytes = 1 << 20;  // per stream, for request bodies we discard
};

class Http2Session {
 public:
  Http2Session(RequestHandler& handler, const SessionLimits& limits);
  ~Http2Session();
  Http2Session(const Http2Session&) = delete;
  Http2Session& operator=(const Http2Session&) = delete;

  // Creates the nghttp2 session and queues the server's SETTINGS. Call once, first.
  Status Start();

  // Processes bytes received from the client (answering every request they complete).
  // Returns false on a fatal protocol error: Send() the GOAWAY nghttp2 queued, then close.
  bool Receive(const std::uint8_t* data, std::size_t size);

  // Appends frames ready to go out to `out`, up to about `max_bytes` (the rest waits for the
  // next call). Returns false on a fatal error (close the connection).
  bool Send(std::string* out, std::size_t max_bytes);

  // First step of a graceful shutdown: a GOAWAY notice (last stream id 2^31-1), so the client
  // stops opening streams while those already on the wire still get answers.
  void NoticeShutdown();
  // Second step: the final GOAWAY naming the last stream processed; streams after it are
  // refused, streams up to it finish. Idempotent.
  void FinishShutdown();

  // True when the session has nothing more to read or write: the connection can be closed.
  bool Finished() const;
  // Streams open on this connection (request being received or response being sent).
  std::size_t open_streams() const { return open_stream_slots_.size(); }

 private:
  struct Stream;
  struct Callbacks;

  Stream* AcquireStream(std::int32_t stream_id);
  void ReleaseStream(Stream* stream);
  int OnHeader(Stream* stream, std::string_view name, std::string_view value);
  int Answer(Stream* stream);

  RequestHandler& handler_;
  SessionLimits limits_;
  nghttp2_session* session_ = nullptr;
  std::vector<std::unique_ptr<Stream>> free_streams_;
  std::vector<Stream*> open_stream_slots_;  // owned; Stream::slot is each one's index
  bool final_goaway_sent_ = false;
};

}  // namespace openceir::eirhttp
