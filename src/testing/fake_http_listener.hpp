// The fake server's listening socket on 127.0.0.1 and the connections it accepted: an acceptor
// thread, one thread per connection, and a registry of the live connections, so that Stop()
// ends exactly the sockets this listener accepted (and no other socket of the process) and
// then joins every thread it started. POSIX sockets and poll only.
#pragma once

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <list>
#include <memory>
#include <mutex>
#include <thread>

#include "testing/fake_http_connection.hpp"
#include "testing/fake_http_request.hpp"
#include "testing/fake_http_response.hpp"

namespace twilio::test_support::fake {

class HttpListener {
 public:
  struct Settings {
    /// Answers one request; `connection` is the number on_accept gave its connection. Called
    /// on the connections' threads, several at once.
    std::function<HttpResponse(const HttpRequest& request, std::uint64_t connection)> handler;
    /// Called on the acceptor thread for each accepted connection, in accept order; returns
    /// the connection's number.
    std::function<std::uint64_t()> on_accept;
    /// Requests one connection carries; the last answer says Connection: close.
    std::size_t max_requests_per_connection = 100;
    /// How long an idle kept-alive connection stays open.
    std::chrono::milliseconds idle_timeout{5000};
  };

  explicit HttpListener(Settings settings);
  /// Stops.
  ~HttpListener();
  HttpListener(const HttpListener&) = delete;
  HttpListener& operator=(const HttpListener&) = delete;

  /// Binds 127.0.0.1 on a free port, listens, starts accepting and returns the port.
  /// Connections that arrive before the acceptor thread runs wait in the backlog. Throws
  /// std::runtime_error when it cannot. Call once.
  int Listen();
  /// Stops accepting, shuts every live connection down (waking its thread from a read or a
  /// write), joins every thread and closes every socket. Idempotent.
  void Stop();

 private:
  struct Live {
    std::unique_ptr<HttpConnection> connection;
    std::thread thread;
    bool done = false;  // the thread is about to return: join it and forget the entry
  };

  void AcceptLoop();
  void Accept();
  void Serve(Live& live, std::uint64_t number);
  // Joins the threads of connections that have ended.
  void Reap();

  const Settings settings_;
  int listen_fd_ = -1;
  int wake_read_fd_ = -1;  // a self-pipe: Stop writes a byte, the acceptor's poll wakes
  int wake_write_fd_ = -1;
  std::thread acceptor_;

  std::mutex mutex_;      // guards live_ and each entry's `done` and `thread`
  std::list<Live> live_;  // a list: a connection's thread keeps a reference to its entry
};

}  // namespace twilio::test_support::fake
