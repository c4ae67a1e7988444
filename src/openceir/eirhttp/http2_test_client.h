// An in-memory HTTP/2 client on nghttp2's client session, for driving an Http2Session in tests
// without sockets: requests go in, the bytes are pumped both ways until both sides are idle.
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <utility>
#include <vector>

#include "openceir/eirhttp/http2_session.h"

struct nghttp2_session;

namespace openceir::eirhttp::testing {

struct Reply {
  std::map<std::string, std::string> headers;  // ":status" included
  std::string body;
  bool closed = false;
  std::uint32_t error_code = 0;  // RST_STREAM code when reset
  int status() const;
};

class MemoryClient {
 public:
  explicit MemoryClient(Http2Session& server);
  ~MemoryClient();

  // Queues a request; returns its stream id.
  std::int32_t Submit(const std::string& method, const std::string& path,
                      const std::vector<std::pair<std::string, std::string>>& headers = {});
  // Moves bytes both ways until neither side has anything to send.
  void Pump();
  // What the server has to send now, taken raw instead of delivered to the client (whose
  // nghttp2 session reads nothing more once it saw a GOAWAY and has no stream open).
  std::string TakeServerBytes();

  const Reply& reply(std::int32_t stream_id) { return replies_[stream_id]; }
  bool got_goaway() const { return got_goaway_; }
  std::int32_t goaway_last_stream_id() const { return goaway_last_stream_id_; }

 private:
  friend struct ClientCallbacks;
  Http2Session& server_;
  nghttp2_session* session_ = nullptr;
  std::map<std::int32_t, Reply> replies_;
  bool got_goaway_ = false;
  std::int32_t goaway_last_stream_id_ = -1;
};

}  // namespace openceir::eirhttp::testing
