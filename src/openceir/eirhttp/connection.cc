#include "openceir/eirhttp/connection.h"

#include <openssl/ssl.h>

#include <array>
#include <boost/asio/post.hpp>
#include <boost/asio/ssl/stream.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/write.hpp>
#include <string>
#include <string_view>
#include <type_traits>
#include <utility>

namespace openceir::eirhttp {
namespace {

namespace asio = boost::asio;
using boost::system::error_code;
using Tcp = asio::ip::tcp;

// Enough to batch the responses of a read full of requests; more waits for the next write.
constexpr std::size_t kMaxWriteBytes = 64 * 1024;

template <typename Stream>
class ConnectionImpl final : public Connection {
 public:
  static constexpr bool kTls = !std::is_same_v<Stream, Tcp::socket>;

  template <typename... StreamArgs>
  ConnectionImpl(const ConnectionOptions& options, StreamArgs&&... stream_args)
      : stream_(std::forward<StreamArgs>(stream_args)...),
        session_(*options.handler, options.limits),
        on_closed_(options.on_closed),
        grace_timer_(stream_.get_executor()) {}

  void Start() override {
    asio::post(stream_.get_executor(), [self = Self()] { self->Begin(); });
  }

  void Shutdown(std::chrono::milliseconds grace) override {
    asio::post(stream_.get_executor(), [self = Self(), grace] {
      if (self->closed_) return;
      self->shutting_down_ = true;
      if (!self->started_) {
        self->CloseNow();  // still in the TLS handshake: nothing to finish
        return;
      }
      self->session_.NoticeShutdown();
      self->Flush();
      self->grace_timer_.expires_after(grace);
      self->grace_timer_.async_wait([self](const error_code& error) {
        if (error || self->closed_) return;
        self->session_.FinishShutdown();
        self->Flush();
      });
    });
  }

  void Close() override {
    asio::post(stream_.get_executor(), [self = Self()] { self->CloseNow(); });
  }

 private:
  std::shared_ptr<ConnectionImpl> Self() {
    return std::static_pointer_cast<ConnectionImpl>(shared_from_this());
  }

  void Begin() {
    error_code ignored;
    stream_.lowest_layer().set_option(Tcp::no_delay(true), ignored);
    if constexpr (kTls) {
      stream_.async_handshake(asio::ssl::stream_base::server,
                              [self = Self()](const error_code& error) {
                                if (error || !self->NegotiatedH2()) {
                                  self->CloseNow();
                                  return;
                                }
                                self->StartSession();
                              });
    } else {
      StartSession();
    }
  }

  // ALPN must have chosen "h2": a client that did not ask for it would not speak HTTP/2.
  bool NegotiatedH2() {
    if constexpr (kTls) {
      const unsigned char* protocol = nullptr;
      unsigned int size = 0;
      SSL_get0_alpn_selected(stream_.native_handle(), &protocol, &size);
      return std::string_view(reinterpret_cast<const char*>(protocol), size) == "h2";
    }
    return true;
  }

  void StartSession() {
    if (closed_) return;
    if (!session_.Start().ok()) {
      CloseNow();
      return;
    }
    started_ = true;
    if (shutting_down_) {
      session_.FinishShutdown();
    }
    Flush();
    Read();
  }

  void Read() {
    stream_.async_read_some(asio::buffer(read_buffer_),
                            [self = Self()](const error_code& error, std::size_t size) {
                              if (self->closed_) return;
                              if (error) {
                                self->CloseNow();  // the peer closed or reset
                                return;
                              }
                              if (!self->session_.Receive(self->read_buffer_.data(), size)) {
                                self->failed_ = true;  // nghttp2 queued a GOAWAY: send, close
                              }
                              self->Flush();
                              if (!self->closed_ && !self->failed_ && !self->session_.Finished()) {
                                self->Read();
                              }
                            });
  }

  void Flush() {
    if (writing_ || closed_) return;
    out_.clear();
    if (!session_.Send(&out_, kMaxWriteBytes)) {
      CloseNow();
      return;
    }
    if (out_.empty()) {
      if (failed_ || session_.Finished()) CloseNow();
      return;
    }
    writing_ = true;
    asio::async_write(stream_, asio::buffer(out_),
                      [self = Self()](const error_code& error, std::size_t /*size*/) {
                        self->writing_ = false;
                        if (self->closed_) return;
                        if (error) {
                          self->CloseNow();
                          return;
                        }
                        self->Flush();
                      });
  }

  void CloseNow() {
    if (closed_) return;
    closed_ = true;
    grace_timer_.cancel();
    error_code ignored;
    stream_.lowest_layer().shutdown(Tcp::socket::shutdown_both, ignored);
    stream_.lowest_layer().close(ignored);
    if (on_closed_) on_closed_(this);
  }

  Stream stream_;
  Http2Session session_;
  std::function<void(Connection*)> on_closed_;
  asio::steady_timer grace_timer_;
  std::array<std::uint8_t, 16 * 1024> read_buffer_{};
  std::string out_;
  bool started_ = false;
  bool writing_ = false;
  bool failed_ = false;
  bool shutting_down_ = false;
  bool closed_ = false;
};

}  // namespace

std::shared_ptr<Connection> MakeCleartextConnection(Tcp::socket socket,
                                                    const ConnectionOptions& options) {
  return std::make_shared<ConnectionImpl<Tcp::socket>>(options, std::move(socket));
}

std::shared_ptr<Connection> MakeTlsConnection(Tcp::socket socket, asio::ssl::context& tls,
                                              const ConnectionOptions& options) {
  return std::make_shared<ConnectionImpl<asio::ssl::stream<Tcp::socket>>>(options,
                                                                          std::move(socket), tls);
}

}  // namespace openceir::eirhttp
