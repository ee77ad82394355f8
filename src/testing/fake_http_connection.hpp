// One TCP connection the fake server accepted: it owns the socket, reads requests off it, and
// writes each answer exactly as rendered (a fault's cut-short answer included), keeping the
// connection alive between requests as HTTP/1.1 does.
#pragma once

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <mutex>
#include <string_view>

#include "testing/fake_http_request.hpp"
#include "testing/fake_http_response.hpp"

namespace twilio::test_support::fake {

class HttpConnection {
 public:
  using Handler = std::function<HttpResponse(const HttpRequest&)>;

  /// Takes ownership of the connected socket `fd`.
  explicit HttpConnection(int fd);
  /// Closes the socket if Close() has not.
  ~HttpConnection();
  HttpConnection(const HttpConnection&) = delete;
  HttpConnection& operator=(const HttpConnection&) = delete;

  /// Answers requests with `handler` until the client closes, an answer closes the connection
  /// (Connection: close, a fault that cuts it), `max_requests` were answered, the client stays
  /// silent for `idle_timeout`, or Shutdown() is called. Call from one thread only.
  void Serve(const Handler& handler, std::size_t max_requests,
             std::chrono::milliseconds idle_timeout);
  /// Ends the connection both ways, waking Serve from a wait to read or write; from any thread.
  /// A no-op after Close(), so it never touches a descriptor the process has reused.
  void Shutdown();
  /// Closes the socket (the client sees the end of the stream), once Serve has returned; a
  /// Shutdown() racing it is safe.
  void Close();

 private:
  // Appends what arrives within `timeout` to `buffer`; false when the stream ended, failed or
  // stayed silent.
  bool Receive(std::string& buffer, std::chrono::milliseconds timeout);
  bool SendAll(std::string_view bytes);
  // Answers a request that cannot be parsed, then reads what the client still sends for a
  // moment: closing with unread bytes would reset the connection and could discard the answer.
  void RejectAndLinger();

  // Guards fd_ between Shutdown and Close. Serve reads it unlocked: it is only written by
  // Close, which comes after Serve.
  std::mutex fd_mutex_;
  int fd_;
};

}  // namespace twilio::test_support::fake
