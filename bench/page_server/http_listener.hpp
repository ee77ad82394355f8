// A minimal HTTP/1.1 server for the benchmarks: keep-alive GETs on 127.0.0.1, one thread per
// connection, each answer a block of bytes prepared before the first request. It does no work
// per byte beyond the kernel's copy, so a client measured against it is measured, not it.
#pragma once

#include <atomic>
#include <functional>
#include <string_view>

namespace twilio::bench {

/// What the listener read of one request.
struct BenchRequest {
  std::string_view method;
  std::string_view target;         // path and query, as sent
  std::string_view authorization;  // the Authorization header's value, or empty
};

class HttpListener {
 public:
  /// Returns the whole answer (status line, headers and body); it must stay valid while the
  /// listener runs. Called from several threads at once.
  using Handler = std::function<std::string_view(const BenchRequest&)>;

  explicit HttpListener(Handler handler);
  ~HttpListener();
  HttpListener(const HttpListener&) = delete;
  HttpListener& operator=(const HttpListener&) = delete;

  /// Binds 127.0.0.1 on a free port and returns it. Throws std::runtime_error.
  int Listen();
  /// Accepts connections until the listening socket fails (Stop, or the process ends).
  void Serve();
  /// Makes Serve() return.
  void Stop();

 private:
  void ServeConnection(int fd) const;

  Handler handler_;
  int listen_fd_ = -1;
  std::atomic<bool> stopping_{false};
};

}  // namespace twilio::bench
