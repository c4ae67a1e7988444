#include "openceir/eirhttp/http2_session.h"

#include <nghttp2/nghttp2.h>
#include <unistd.h>

#include <algorithm>
#include <array>
#include <cerrno>
#include <charconv>
#include <cstring>
#include <string_view>

#include "openceir/eirhttp/problem_details.h"

namespace openceir::eirhttp {

// One request/response exchange. Slots are recycled, so the strings keep their capacity.
struct Http2Session::Stream {
  std::int32_t id = 0;
  std::size_t slot = 0;  // index in open_stream_slots_
  std::string method;
  std::string path;
  std::string if_none_match;
  std::size_t header_bytes = 0;
  bool path_too_long = false;
  bool headers_too_large = false;
  std::chrono::steady_clock::time_point received;

  Response response;
  std::string_view body;  // the body being sent (response.static_body or response.body)
  std::uint64_t sent = 0;
  std::array<char, 4> status_text{};
  std::array<char, 24> content_length{};
  std::size_t content_length_size = 0;

  void Reset(std::int32_t stream_id) {
    id = stream_id;
    method.clear();
    path.clear();
    if_none_match.clear();
    header_bytes = 0;
    path_too_long = false;
    headers_too_large = false;
    received = std::chrono::steady_clock::now();
    CloseFile();
    response.Reset();
    body = {};
    sent = 0;
  }

  void CloseFile() {
    if (response.file_fd >= 0) ::close(response.file_fd);
    response.file_fd = -1;
  }

  // Copies the next part of the body into nghttp2's frame buffer.
  ssize_t Read(std::uint8_t* buf, std::size_t length, std::uint32_t* data_flags) {
    std::size_t n = 0;
    if (response.file_fd >= 0) {
      const std::uint64_t left = response.file_size - sent;
      const std::size_t want = static_cast<std::size_t>(std::min<std::uint64_t>(left, length));
      const ssize_t got = ::pread(response.file_fd, buf, want, static_cast<off_t>(sent));
      // A file that shrank under us cannot keep the content-length promised: reset the stream.
      if (got < 0 || (got == 0 && want > 0)) return NGHTTP2_ERR_TEMPORAL_CALLBACK_FAILURE;
      n = static_cast<std::size_t>(got);
      sent += n;
      if (sent == response.file_size) *data_flags |= NGHTTP2_DATA_FLAG_EOF;
      return static_cast<ssize_t>(n);
    }
    n = std::min<std::size_t>(body.size() - static_cast<std::size_t>(sent), length);
    std::memcpy(buf, body.data() + sent, n);
    sent += n;
    if (sent == body.size()) *data_flags |= NGHTTP2_DATA_FLAG_EOF;
    return static_cast<ssize_t>(n);
  }
};

namespace {

nghttp2_nv Header(std::string_view name, std::string_view value) {
  // NO_COPY: names are literals and values live in the stream slot until the stream closes,
  // which is after its HEADERS frame went out (or was dropped).
  return nghttp2_nv{reinterpret_cast<std::uint8_t*>(const_cast<char*>(name.data())),
                    reinterpret_cast<std::uint8_t*>(const_cast<char*>(value.data())), name.size(),
                    value.size(), NGHTTP2_NV_FLAG_NO_COPY_NAME | NGHTTP2_NV_FLAG_NO_COPY_VALUE};
}

std::string_view AsView(const std::uint8_t* data, std::size_t size) {
  return {reinterpret_cast<const char*>(data), size};
}

}  // namespace

// nghttp2's C callbacks, given access to the session's private parts.
struct Http2Session::Callbacks {
  static Http2Session* Self(void* user_data) { return static_cast<Http2Session*>(user_data); }

  static int OnBeginHeaders(nghttp2_session* session, const nghttp2_frame* frame, void* user_data) {
    if (frame->hd.type != NGHTTP2_HEADERS || frame->headers.cat != NGHTTP2_HCAT_REQUEST) return 0;
    Stream* stream = Self(user_data)->AcquireStream(frame->hd.stream_id);
    nghttp2_session_set_stream_user_data(session, frame->hd.stream_id, stream);
    return 0;
  }

  static int OnHeader(nghttp2_session* session, const nghttp2_frame* frame,
                      const std::uint8_t* name, std::size_t name_size, const std::uint8_t* value,
                      std::size_t value_size, std::uint8_t /*flags*/, void* user_data) {
    if (frame->hd.type != NGHTTP2_HEADERS || frame->headers.cat != NGHTTP2_HCAT_REQUEST) return 0;
    auto* stream =
        static_cast<Stream*>(nghttp2_session_get_stream_user_data(session, frame->hd.stream_id));
    if (stream == nullptr) return 0;
    return Self(user_data)->OnHeader(stream, AsView(name, name_size), AsView(value, value_size));
  }

  static int OnFrameReceived(nghttp2_session* session, const nghttp2_frame* frame,
                             void* user_data) {
    if ((frame->hd.type != NGHTTP2_HEADERS && frame->hd.type != NGHTTP2_DATA) ||
        (frame->hd.flags & NGHTTP2_FLAG_END_STREAM) == 0) {
      return 0;
    }
    auto* stream =
        static_cast<Stream*>(nghttp2_session_get_stream_user_data(session, frame->hd.stream_id));
    if (stream == nullptr) return 0;
    return Self(user_data)->Answer(stream);
  }

  static int OnStreamClose(nghttp2_session* session, std::int32_t stream_id,
                           std::uint32_t /*error_code*/, void* user_data) {
    auto* stream = static_cast<Stream*>(nghttp2_session_get_stream_user_data(session, stream_id));
    if (stream != nullptr) Self(user_data)->ReleaseStream(stream);
    return 0;
  }

  static ssize_t ReadBody(nghttp2_session* /*session*/, std::int32_t /*stream_id*/,
                          std::uint8_t* buf, std::size_t length, std::uint32_t* data_flags,
                          nghttp2_data_source* source, void* /*user_data*/) {
    return static_cast<Stream*>(source->ptr)->Read(buf, length, data_flags);
  }
};

Http2Session::Http2Session(RequestHandler& handler, const SessionLimits& limits)
    : handler_(handler), limits_(limits) {}

Http2Session::~Http2Session() {
  // nghttp2_session_del calls no stream-close callbacks: close what the open streams hold.
  if (session_ != nullptr) nghttp2_session_del(session_);
  for (auto& stream : free_streams_) stream->CloseFile();
  for (Stream* stream : open_stream_slots_) {
    stream->CloseFile();
    delete stream;
  }
}

Status Http2Session::Start() {
  nghttp2_session_callbacks* callbacks = nullptr;
  if (nghttp2_session_callbacks_new(&callbacks) != 0)
    return InternalError("nghttp2: out of memory");
  nghttp2_session_callbacks_set_on_begin_headers_callback(callbacks, Callbacks::OnBeginHeaders);
  nghttp2_session_callbacks_set_on_header_callback(callbacks, Callbacks::OnHeader);
  nghttp2_session_callbacks_set_on_frame_recv_callback(callbacks, Callbacks::OnFrameReceived);
  nghttp2_session_callbacks_set_on_stream_close_callback(callbacks, Callbacks::OnStreamClose);
  // Request bodies are not used by any resource: nghttp2 discards DATA and keeps the windows
  // open by itself, so no data-chunk callback is needed.

  nghttp2_option* option = nullptr;
  if (nghttp2_option_new(&option) != 0) {
    nghttp2_session_callbacks_del(callbacks);
    return InternalError("nghttp2: out of memory");
  }
  const int rv = nghttp2_session_server_new2(&session_, callbacks, this, option);
  nghttp2_option_del(option);
  nghttp2_session_callbacks_del(callbacks);
  if (rv != 0) return InternalError(std::string("nghttp2: ") + nghttp2_strerror(rv));

  const nghttp2_settings_entry settings[] = {
      {NGHTTP2_SETTINGS_MAX_CONCURRENT_STREAMS, limits_.max_concurrent_streams},
      {NGHTTP2_SETTINGS_MAX_HEADER_LIST_SIZE, limits_.max_header_list_bytes},
      {NGHTTP2_SETTINGS_INITIAL_WINDOW_SIZE, limits_.initial_window_bytes},
  };
  const int settings_rv =
      nghttp2_submit_settings(session_, NGHTTP2_FLAG_NONE, settings, std::size(settings));
  if (settings_rv != 0)
    return InternalError(std::string("nghttp2: ") + nghttp2_strerror(settings_rv));
  return Status::Ok();
}

bool Http2Session::Receive(const std::uint8_t* data, std::size_t size) {
  const ssize_t rv = nghttp2_session_mem_recv(session_, data, size);
  return rv >= 0;
}

bool Http2Session::Send(std::string* out, std::size_t max_bytes) {
  while (out->size() < max_bytes) {
    const std::uint8_t* data = nullptr;
    const ssize_t n = nghttp2_session_mem_send(session_, &data);
    if (n < 0) return false;
    if (n == 0) break;
    out->append(reinterpret_cast<const char*>(data), static_cast<std::size_t>(n));
  }
  return true;
}

void Http2Session::NoticeShutdown() {
  if (!final_goaway_sent_) nghttp2_submit_shutdown_notice(session_);
}

void Http2Session::FinishShutdown() {
  if (final_goaway_sent_) return;
  final_goaway_sent_ = true;
  nghttp2_submit_goaway(session_, NGHTTP2_FLAG_NONE,
                        nghttp2_session_get_last_proc_stream_id(session_), NGHTTP2_NO_ERROR,
                        nullptr, 0);
}

bool Http2Session::Finished() const {
  return nghttp2_session_want_read(session_) == 0 && nghttp2_session_want_write(session_) == 0;
}

Http2Session::Stream* Http2Session::AcquireStream(std::int32_t stream_id) {
  Stream* stream = nullptr;
  if (free_streams_.empty()) {
    stream = new Stream();
  } else {
    stream = free_streams_.back().release();
    free_streams_.pop_back();
  }
  stream->Reset(stream_id);
  stream->slot = open_stream_slots_.size();
  open_stream_slots_.push_back(stream);
  return stream;
}

void Http2Session::ReleaseStream(Stream* stream) {
  stream->CloseFile();
  Stream* last = open_stream_slots_.back();
  open_stream_slots_[stream->slot] = last;
  last->slot = stream->slot;
  open_stream_slots_.pop_back();
  free_streams_.emplace_back(stream);
}

int Http2Session::OnHeader(Stream* stream, std::string_view name, std::string_view value) {
  // RFC 9113 6.5.2: a header field counts its name, value and 32 octets of overhead.
  stream->header_bytes += name.size() + value.size() + 32;
  if (stream->header_bytes > limits_.max_header_list_bytes) {
    stream->headers_too_large = true;
    return 0;
  }
  if (name == ":method") {
    stream->method.assign(value);
  } else if (name == ":path") {
    if (value.size() > limits_.max_path_bytes) {
      stream->path_too_long = true;
    } else {
      stream->path.assign(value);
    }
  } else if (name == "if-none-match") {
    stream->if_none_match.assign(value);
  }
  return 0;
}

int Http2Session::Answer(Stream* stream) {
  Response& response = stream->response;
  if (stream->headers_too_large || stream->path_too_long) {
    // Answered here: the handler never sees a request it could only half read.
    const int status = stream->headers_too_large ? 431 : 414;
    response.status = status;
    response.content_type = "application/problem+json";
    const std::string_view detail = stream->headers_too_large
                                        ? "the request's header list is too large"
                                        : "the request URI is too long";
    AppendProblemJson(Problem{status, detail}, {}, &response.body);
  } else {
    const Request request{.method = stream->method,
                          .path = stream->path,
                          .if_none_match = stream->if_none_match,
                          .received = stream->received};
    handler_.Handle(request, &response);
  }

  const bool not_modified = response.status == 304;
  std::uint64_t length = 0;
  if (response.file_fd >= 0) {
    length = response.file_size;
  } else {
    stream->body =
        response.static_body.empty() ? std::string_view(response.body) : response.static_body;
    length = stream->body.size();
  }
  const int status = std::clamp(response.status, 100, 999);
  std::to_chars(stream->status_text.data(), stream->status_text.data() + 3, status);
  const auto length_end =
      std::to_chars(stream->content_length.data(),
                    stream->content_length.data() + stream->content_length.size(), length);
  stream->content_length_size =
      static_cast<std::size_t>(length_end.ptr - stream->content_length.data());

  std::array<nghttp2_nv, 7> headers;
  std::size_t count = 0;
  headers[count++] = Header(":status", std::string_view(stream->status_text.data(), 3));
  if (!response.content_type.empty()) {
    headers[count++] = Header("content-type", response.content_type);
  }
  if (!not_modified) {
    headers[count++] = Header("content-length", std::string_view(stream->content_length.data(),
                                                                 stream->content_length_size));
  }
  if (!response.etag.empty()) headers[count++] = Header("etag", response.etag);
  if (!response.allow.empty()) headers[count++] = Header("allow", response.allow);
  if (!response.cache_control.empty()) {
    headers[count++] = Header("cache-control", response.cache_control);
  }

  const bool has_body = !response.head && !not_modified && length > 0;
  if (!has_body) stream->CloseFile();
  nghttp2_data_provider provider{};
  provider.source.ptr = stream;
  provider.read_callback = Callbacks::ReadBody;
  const int rv = nghttp2_submit_response(session_, stream->id, headers.data(), count,
                                         has_body ? &provider : nullptr);
  // A failure here (stream already closed by the peer) only concerns that stream.
  return rv == 0 || rv == NGHTTP2_ERR_INVALID_ARGUMENT ? 0 : NGHTTP2_ERR_CALLBACK_FAILURE;
}

}  // namespace openceir::eirhttp
