#include "openceir/eirhttp/http2_test_client.h"

#include <nghttp2/nghttp2.h>

#include <cstdlib>
#include <string_view>

namespace openceir::eirhttp::testing {

int Reply::status() const {
  const auto it = headers.find(":status");
  return it == headers.end() ? 0 : std::atoi(it->second.c_str());
}

struct ClientCallbacks {
  static MemoryClient* Self(void* user_data) { return static_cast<MemoryClient*>(user_data); }

  static int OnHeader(nghttp2_session* /*session*/, const nghttp2_frame* frame,
                      const std::uint8_t* name, std::size_t name_size, const std::uint8_t* value,
                      std::size_t value_size, std::uint8_t /*flags*/, void* user_data) {
    Self(user_data)
        ->replies_[frame->hd.stream_id]
        .headers[std::string(reinterpret_cast<const char*>(name), name_size)] =
        std::string(reinterpret_cast<const char*>(value), value_size);
    return 0;
  }
  static int OnData(nghttp2_session* /*session*/, std::uint8_t /*flags*/, std::int32_t stream_id,
                    const std::uint8_t* data, std::size_t size, void* user_data) {
    Self(user_data)->replies_[stream_id].body.append(reinterpret_cast<const char*>(data), size);
    return 0;
  }
  static int OnStreamClose(nghttp2_session* /*session*/, std::int32_t stream_id,
                           std::uint32_t error_code, void* user_data) {
    Reply& reply = Self(user_data)->replies_[stream_id];
    reply.closed = true;
    reply.error_code = error_code;
    return 0;
  }
  static int OnFrame(nghttp2_session* /*session*/, const nghttp2_frame* frame, void* user_data) {
    if (frame->hd.type == NGHTTP2_GOAWAY) {
      Self(user_data)->got_goaway_ = true;
      Self(user_data)->goaway_last_stream_id_ = frame->goaway.last_stream_id;
    }
    return 0;
  }
};

MemoryClient::MemoryClient(Http2Session& server) : server_(server) {
  nghttp2_session_callbacks* callbacks = nullptr;
  nghttp2_session_callbacks_new(&callbacks);
  nghttp2_session_callbacks_set_on_header_callback(callbacks, ClientCallbacks::OnHeader);
  nghttp2_session_callbacks_set_on_data_chunk_recv_callback(callbacks, ClientCallbacks::OnData);
  nghttp2_session_callbacks_set_on_stream_close_callback(callbacks, ClientCallbacks::OnStreamClose);
  nghttp2_session_callbacks_set_on_frame_recv_callback(callbacks, ClientCallbacks::OnFrame);
  nghttp2_session_client_new(&session_, callbacks, this);
  nghttp2_session_callbacks_del(callbacks);
  nghttp2_submit_settings(session_, NGHTTP2_FLAG_NONE, nullptr, 0);
}

MemoryClient::~MemoryClient() { nghttp2_session_del(session_); }

std::int32_t MemoryClient::Submit(const std::string& method, const std::string& path,
                                  const std::vector<std::pair<std::string, std::string>>& headers) {
  std::vector<std::pair<std::string, std::string>> all = {
      {":method", method}, {":scheme", "http"}, {":authority", "eir.test"}, {":path", path}};
  all.insert(all.end(), headers.begin(), headers.end());
  std::vector<nghttp2_nv> nva;
  for (auto& [name, value] : all) {
    nva.push_back(nghttp2_nv{reinterpret_cast<std::uint8_t*>(name.data()),
                             reinterpret_cast<std::uint8_t*>(value.data()), name.size(),
                             value.size(), NGHTTP2_NV_FLAG_NONE});
  }
  return nghttp2_submit_request(session_, nullptr, nva.data(), nva.size(), nullptr, nullptr);
}

void MemoryClient::Pump() {
  for (bool moved = true; moved;) {
    moved = false;
    const std::uint8_t* data = nullptr;
    for (ssize_t n; (n = nghttp2_session_mem_send(session_, &data)) > 0;) {
      moved = true;
      server_.Receive(data, static_cast<std::size_t>(n));
    }
    std::string out;
    server_.Send(&out, 1 << 30);
    if (!out.empty()) {
      moved = true;
      nghttp2_session_mem_recv(session_, reinterpret_cast<const std::uint8_t*>(out.data()),
                               out.size());
    }
  }
}

std::string MemoryClient::TakeServerBytes() {
  std::string out;
  server_.Send(&out, 1 << 30);
  return out;
}

}  // namespace openceir::eirhttp::testing
