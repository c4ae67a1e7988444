#include "openceir/eirhttp/server.h"

#include <atomic>
#include <boost/asio/executor_work_guard.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/ssl/context.hpp>
#include <boost/asio/strand.hpp>
#include <condition_variable>
#include <future>
#include <mutex>
#include <optional>
#include <thread>
#include <unordered_map>

#include "openceir/eirhttp/bundle_files.h"
#include "openceir/eirhttp/connection.h"
#include "openceir/eirhttp/router.h"
#include "openceir/eirhttp/tls_context.h"

namespace openceir::eirhttp {
namespace {

namespace asio = boost::asio;
using boost::system::error_code;
using Tcp = asio::ip::tcp;

// "host:port", "[v6]:port" -> the endpoint to bind.
Result<Tcp::endpoint> ResolveListen(const std::string& address) {
  const std::size_t colon = address.rfind(':');
  if (colon == std::string::npos || colon + 1 == address.size()) {
    return InvalidInputError("listen address " + address + ": expected host:port");
  }
  std::string host = address.substr(0, colon);
  const std::string port = address.substr(colon + 1);
  if (host.size() >= 2 && host.front() == '[' && host.back() == ']') {
    host = host.substr(1, host.size() - 2);
  }
  if (host.empty()) {
    return InvalidInputError("listen address " + address + ": expected host:port");
  }
  asio::io_context context;
  Tcp::resolver resolver(context);
  error_code error;
  const auto results =
      resolver.resolve(host, port, Tcp::resolver::passive | Tcp::resolver::numeric_service, error);
  if (error || results.empty()) {
    return InvalidInputError("listen address " + address + ": " +
                             (error ? error.message() : "no address"));
  }
  return results.begin()->endpoint();
}

}  // namespace

class Server::Impl {
 public:
  Impl(ServerConfig config, const eir::SnapshotHolder& snapshots, eir::EirMetrics& metrics,
       const Clock* clock)
      : config_(std::move(config)),
        clock_(clock != nullptr ? clock : &system_clock_),
        router_(snapshots, metrics, bundles_, *clock_) {}

  ~Impl() {
    Stop();
    // Pending handlers hold connections: destroy them before what the connections use.
    listeners_.clear();
    contexts_.clear();
  }

  Status Start() {
    if (config_.h2c_listen.empty() && config_.tls_listen.empty()) {
      return InvalidInputError("the HTTP server has no listen address");
    }
    if (config_.worker_threads < 1) {
      return InvalidInputError("the HTTP server needs at least one worker thread");
    }
    if (!config_.bundle_dir.empty()) OPENCEIR_RETURN_IF_ERROR(bundles_.Open(config_.bundle_dir));
    if (!config_.tls_listen.empty()) {
      OPENCEIR_ASSIGN_OR_RETURN(
          tls_, MakeTlsContext(config_.tls_certificate_file, config_.tls_private_key_file));
    }

    const auto threads = static_cast<std::size_t>(config_.worker_threads);
    const std::size_t context_count =
        config_.threading == ThreadingModel::kContextPerThread ? threads : 1;
    for (std::size_t i = 0; i < context_count; ++i) {
      // Concurrency hint 1: a context run by one thread needs no internal locking.
      contexts_.push_back(std::make_unique<asio::io_context>(
          context_count == 1 && threads > 1 ? static_cast<int>(threads) : 1));
    }
    for (const std::string& address : config_.h2c_listen) {
      OPENCEIR_RETURN_IF_ERROR(Listen(address, /*tls=*/false));
    }
    for (const std::string& address : config_.tls_listen) {
      OPENCEIR_RETURN_IF_ERROR(Listen(address, /*tls=*/true));
    }

    for (auto& context : contexts_) work_.emplace_back(asio::make_work_guard(*context));
    for (Listener& listener : listeners_) Accept(listener);
    for (std::size_t i = 0; i < threads; ++i) {
      asio::io_context& context = *contexts_[i % contexts_.size()];
      threads_.emplace_back([&context] { context.run(); });
    }
    started_ = true;
    return Status::Ok();
  }

  void Stop() {
    if (!started_ || stopped_) return;
    stopped_ = true;
    // Acceptors live on the first context: close them there, and wait until they are.
    std::promise<void> closed;
    asio::post(*contexts_.front(), [this, &closed] {
      for (Listener& listener : listeners_) {
        error_code ignored;
        listener.acceptor.close(ignored);
      }
      closed.set_value();
    });
    closed.get_future().wait();

    for (const auto& connection : LiveConnections()) connection->Shutdown(config_.goaway_grace);
    if (!WaitForNoConnections(config_.goaway_grace + config_.drain_timeout)) {
      for (const auto& connection : LiveConnections()) connection->Close();
      WaitForNoConnections(std::chrono::seconds(5));
    }
    work_.clear();
    for (auto& context : contexts_) context->stop();
    for (std::thread& thread : threads_) thread.join();
    threads_.clear();
  }

  std::vector<std::uint16_t> Ports(bool tls) const {
    std::vector<std::uint16_t> ports;
    for (const Listener& listener : listeners_) {
      if (listener.tls == tls) ports.push_back(listener.port);
    }
    return ports;
  }

  std::size_t open_connections() const {
    std::lock_guard lock(mutex_);
    return connections_.size();
  }

 private:
  struct Listener {
    Tcp::acceptor acceptor;
    bool tls;
    std::uint16_t port;
  };

  Status Listen(const std::string& address, bool tls) {
    OPENCEIR_ASSIGN_OR_RETURN(const Tcp::endpoint endpoint, ResolveListen(address));
    Tcp::acceptor acceptor(*contexts_.front());
    error_code error;
    acceptor.open(endpoint.protocol(), error);
    if (!error) acceptor.set_option(Tcp::acceptor::reuse_address(true), error);
    if (!error) acceptor.bind(endpoint, error);
    if (!error) acceptor.listen(asio::socket_base::max_listen_connections, error);
    if (error) return IoError("listen on " + address + ": " + error.message());
    const std::uint16_t port = acceptor.local_endpoint(error).port();
    listeners_.push_back(Listener{std::move(acceptor), tls, port});
    return Status::Ok();
  }

  // Where the next connection lives: the next context round-robin, or a strand of the shared
  // one.
  asio::any_io_executor NextExecutor() {
    if (config_.threading == ThreadingModel::kSharedContext) {
      return asio::make_strand(*contexts_.front());
    }
    const std::size_t index = next_context_++ % contexts_.size();
    return contexts_[index]->get_executor();
  }

  void Accept(Listener& listener) {
    listener.acceptor.async_accept(
        NextExecutor(), [this, &listener](const error_code& error, Tcp::socket socket) {
          if (error == asio::error::operation_aborted || !listener.acceptor.is_open()) return;
          if (!error) Serve(std::move(socket), listener.tls);
          // Other errors (a connection reset before accept, out of descriptors) concern one
          // connection: keep accepting.
          Accept(listener);
        });
  }

  void Serve(Tcp::socket socket, bool tls) {
    ConnectionOptions options;
    options.handler = &router_;
    options.limits = config_.limits;
    options.on_closed = [this](Connection* connection) { Forget(connection); };
    std::shared_ptr<Connection> connection =
        tls ? MakeTlsConnection(std::move(socket), *tls_, options)
            : MakeCleartextConnection(std::move(socket), options);
    {
      std::lock_guard lock(mutex_);
      connections_.emplace(connection.get(), connection);
    }
    connection->Start();
  }

  void Forget(Connection* connection) {
    std::lock_guard lock(mutex_);
    connections_.erase(connection);
    if (connections_.empty()) all_closed_.notify_all();
  }

  std::vector<std::shared_ptr<Connection>> LiveConnections() {
    std::vector<std::shared_ptr<Connection>> live;
    std::lock_guard lock(mutex_);
    for (const auto& [pointer, weak] : connections_) {
      if (auto connection = weak.lock()) live.push_back(std::move(connection));
    }
    return live;
  }

  // True when every connection closed within `timeout`.
  bool WaitForNoConnections(std::chrono::milliseconds timeout) {
    std::unique_lock lock(mutex_);
    return all_closed_.wait_for(lock, timeout, [this] { return connections_.empty(); });
  }

  ServerConfig config_;
  SystemClock system_clock_;
  const Clock* clock_;
  BundleFiles bundles_;
  Router router_;
  std::unique_ptr<asio::ssl::context> tls_;

  std::vector<std::unique_ptr<asio::io_context>> contexts_;
  std::vector<asio::executor_work_guard<asio::io_context::executor_type>> work_;
  std::vector<Listener> listeners_;
  std::vector<std::thread> threads_;
  std::atomic<std::size_t> next_context_{0};

  mutable std::mutex mutex_;
  std::condition_variable all_closed_;
  std::unordered_map<Connection*, std::weak_ptr<Connection>> connections_;
  bool started_ = false;
  bool stopped_ = false;
};

Server::Server(ServerConfig config, const eir::SnapshotHolder& snapshots, eir::EirMetrics& metrics,
               const Clock* clock)
    : impl_(std::make_unique<Impl>(std::move(config), snapshots, metrics, clock)) {}

Server::~Server() = default;

Status Server::Start() { return impl_->Start(); }
void Server::Stop() { impl_->Stop(); }
std::vector<std::uint16_t> Server::h2c_ports() const { return impl_->Ports(false); }
std::vector<std::uint16_t> Server::tls_ports() const { return impl_->Ports(true); }
std::size_t Server::open_connections() const { return impl_->open_connections(); }

}  // namespace openceir::eirhttp
