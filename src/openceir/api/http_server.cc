#include "openceir/api/http_server.h"

#include <fmt/format.h>

#include <boost/asio.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <charconv>
#include <chrono>
#include <thread>
#include <vector>

namespace openceir::api {
namespace {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;
using tcp = asio::ip::tcp;

constexpr std::uint32_t kHeaderLimit = 16 * 1024;

// "host:port" or "[v6]:port" -> (host, port).
Result<std::pair<std::string, std::string>> SplitListen(const std::string& listen) {
  std::string host;
  std::string port;
  if (listen.starts_with('[')) {
    const std::size_t close = listen.find(']');
    if (close == std::string::npos || close + 1 >= listen.size() || listen[close + 1] != ':') {
      return InvalidInputError(fmt::format("listen address \"{}\" is not [v6]:port", listen));
    }
    host = listen.substr(1, close - 1);
    port = listen.substr(close + 2);
  } else {
    const std::size_t colon = listen.rfind(':');
    if (colon == std::string::npos || colon == 0) {
      return InvalidInputError(fmt::format("listen address \"{}\" is not host:port", listen));
    }
    host = listen.substr(0, colon);
    port = listen.substr(colon + 1);
  }
  int value = -1;
  const auto [end, error] = std::from_chars(port.data(), port.data() + port.size(), value);
  if (port.empty() || error != std::errc() || end != port.data() + port.size() || value < 0 ||
      value > 65535) {
    return InvalidInputError(fmt::format("listen address \"{}\" has no port 0-65535", listen));
  }
  return std::make_pair(host, port);
}

// One connection: read a request, answer it, repeat while the client keeps the connection.
class Session : public std::enable_shared_from_this<Session> {
 public:
  Session(tcp::socket socket, ApiService& service, const HttpServerOptions& options)
      : stream_(std::move(socket)), service_(service), options_(options) {}

  void Run() { ReadRequest(); }

 private:
  void ReadRequest() {
    parser_.emplace();
    parser_->header_limit(kHeaderLimit);
    parser_->body_limit(options_.max_body_bytes);
    stream_.expires_after(std::chrono::seconds(options_.idle_timeout_seconds));
    http::async_read(
        stream_, buffer_, *parser_,
        [self = shared_from_this()](beast::error_code error, std::size_t) { self->OnRead(error); });
  }

  void OnRead(beast::error_code error) {
    if (error == http::error::end_of_stream || error == beast::error::timeout ||
        error == asio::error::operation_aborted) {
      return Close();
    }
    if (error == http::error::body_limit) {
      return WriteError(413, "Content Too Large",
                        fmt::format("the body is larger than {} bytes", options_.max_body_bytes));
    }
    if (error == http::error::header_limit) {
      return WriteError(431, "Request Header Fields Too Large", "the header is too large");
    }
    if (error) return WriteError(400, "Bad Request", "the request is not valid HTTP/1.1");

    const http::request<http::string_body>& request = parser_->get();
    ApiRequest api_request;
    api_request.method = std::string(request.method_string());
    api_request.target = std::string(request.target());
    beast::error_code ignored;
    const tcp::endpoint peer = stream_.socket().remote_endpoint(ignored);
    api_request.client_address = ignored ? std::string() : peer.address().to_string();
    if (auto it = request.find(http::field::authorization); it != request.end()) {
      api_request.authorization = std::string(it->value());
    }
    if (auto it = request.find("X-API-Key"); it != request.end()) {
      api_request.api_key = std::string(it->value());
    }
    api_request.body = request.body();
    ApiResponse answer = service_.Handle(api_request);
    Write(std::move(answer), request.keep_alive(), request.method() == http::verb::head,
          request.version());
  }

  void WriteError(int status, std::string_view title, std::string_view detail) {
    Write(ProblemResponse(status, title, detail), /*keep_alive=*/false, /*head=*/false, 11);
  }

  void Write(ApiResponse answer, bool keep_alive, bool head, unsigned version) {
    auto response = std::make_shared<http::response<http::string_body>>(
        static_cast<http::status>(answer.status), version);
    response->set(http::field::server, "openceir");
    response->set(http::field::content_type, answer.content_type);
    for (const auto& [name, value] : answer.headers) response->set(name, value);
    response->keep_alive(keep_alive);
    const std::size_t length = answer.body.size();
    if (!head) response->body() = std::move(answer.body);
    response->content_length(length);
    stream_.expires_after(std::chrono::seconds(options_.idle_timeout_seconds));
    http::async_write(
        stream_, *response,
        [self = shared_from_this(), response, keep_alive](beast::error_code error, std::size_t) {
          if (error || !keep_alive) return self->Close();
          self->ReadRequest();
        });
  }

  void Close() {
    beast::error_code ignored;
    stream_.socket().shutdown(tcp::socket::shutdown_send, ignored);
    stream_.socket().close(ignored);
  }

  beast::tcp_stream stream_;
  beast::flat_buffer buffer_;
  std::optional<http::request_parser<http::string_body>> parser_;
  ApiService& service_;
  const HttpServerOptions& options_;
};

}  // namespace

class HttpServer::Impl {
 public:
  Impl(HttpServerOptions options, ApiService& service)
      : options_(std::move(options)), service_(service), acceptor_(io_) {}

  Status Start() {
    OPENCEIR_ASSIGN_OR_RETURN(auto host_port, SplitListen(options_.listen));
    beast::error_code error;
    tcp::resolver resolver(io_);
    auto endpoints =
        resolver.resolve(host_port.first, host_port.second,
                         tcp::resolver::passive | tcp::resolver::numeric_service, error);
    if (error || endpoints.empty()) {
      return InvalidInputError(fmt::format("cannot resolve listen address \"{}\": {}",
                                           options_.listen, error.message()));
    }
    const tcp::endpoint endpoint = endpoints.begin()->endpoint();
    acceptor_.open(endpoint.protocol(), error);
    if (!error) acceptor_.set_option(asio::socket_base::reuse_address(true), error);
    if (!error) acceptor_.bind(endpoint, error);
    if (!error) acceptor_.listen(asio::socket_base::max_listen_connections, error);
    if (error) {
      return IoError(fmt::format("cannot listen on {}: {}", options_.listen, error.message()));
    }
    port_ = acceptor_.local_endpoint().port();
    Accept();
    for (int i = 0; i < std::max(1, options_.threads); ++i) {
      threads_.emplace_back([this] { io_.run(); });
    }
    return Status::Ok();
  }

  void Stop() {
    if (stopped_) return;
    stopped_ = true;
    asio::post(io_, [this] {
      beast::error_code ignored;
      acceptor_.close(ignored);
    });
    // Handlers already running finish; connections waiting for a request are abandoned and
    // closed when the io_context is destroyed with the server.
    io_.stop();
    for (std::thread& thread : threads_) thread.join();
    threads_.clear();
  }

  std::uint16_t port() const { return port_; }

 private:
  void Accept() {
    acceptor_.async_accept(
        asio::make_strand(io_), [this](beast::error_code error, tcp::socket socket) {
          if (error == asio::error::operation_aborted || !acceptor_.is_open()) return;
          if (!error) std::make_shared<Session>(std::move(socket), service_, options_)->Run();
          Accept();
        });
  }

  HttpServerOptions options_;
  ApiService& service_;
  asio::io_context io_;
  tcp::acceptor acceptor_;
  std::vector<std::thread> threads_;
  std::uint16_t port_ = 0;
  bool stopped_ = false;
};

HttpServer::HttpServer(HttpServerOptions options, ApiService& service)
    : impl_(std::make_unique<Impl>(std::move(options), service)) {}

HttpServer::~HttpServer() { Stop(); }

Status HttpServer::Start() { return impl_->Start(); }

void HttpServer::Stop() { impl_->Stop(); }

std::uint16_t HttpServer::port() const { return impl_->port(); }

}  // namespace openceir::api
