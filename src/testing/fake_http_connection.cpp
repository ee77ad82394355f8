#include "testing/fake_http_connection.hpp"

#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cerrno>
#include <string>

namespace twilio::test_support::fake {
namespace {

// A client gone away must fail the write, not raise SIGPIPE in the user's test process (Start
// also ignores SIGPIPE, but only while it is at its default). Where MSG_NOSIGNAL is missing
// (macOS), the listener sets SO_NOSIGPIPE on the socket instead.
#ifdef MSG_NOSIGNAL
constexpr int kSendFlags = MSG_NOSIGNAL;
#else
constexpr int kSendFlags = 0;
#endif

// How long a client that sent half a request may take to send the rest, and how long the
// server reads after refusing a request.
constexpr std::chrono::milliseconds kReadTimeout{5000};
constexpr std::chrono::milliseconds kLinger{500};

int PollTimeout(std::chrono::milliseconds timeout) {
  return timeout.count() > 0x7fffffff ? 0x7fffffff : static_cast<int>(timeout.count());
}

}  // namespace

HttpConnection::HttpConnection(int fd) : fd_(fd) {}

HttpConnection::~HttpConnection() {
  Close();
}

void HttpConnection::Shutdown() {
  std::lock_guard<std::mutex> lock(fd_mutex_);
  if (fd_ >= 0) shutdown(fd_, SHUT_RDWR);
}

void HttpConnection::Close() {
  std::lock_guard<std::mutex> lock(fd_mutex_);
  if (fd_ >= 0) close(fd_);
  fd_ = -1;
}

bool HttpConnection::Receive(std::string& buffer, std::chrono::milliseconds timeout) {
  pollfd ready{fd_, POLLIN, 0};
  for (;;) {
    const int n = poll(&ready, 1, PollTimeout(timeout));
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) return false;  // silent too long, or poll failed
    break;
  }
  char chunk[16 * 1024];
  for (;;) {
    const ssize_t n = recv(fd_, chunk, sizeof chunk, 0);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) return false;  // closed by the client, reset, or shut down by Stop
    buffer.append(chunk, static_cast<std::size_t>(n));
    return true;
  }
}

bool HttpConnection::SendAll(std::string_view bytes) {
  // Blocking, bounded by the SO_SNDTIMEO the listener sets: a client that stops reading does not
  // hold the thread for ever.
  while (!bytes.empty()) {
    const ssize_t n = send(fd_, bytes.data(), bytes.size(), kSendFlags);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) return false;
    bytes.remove_prefix(static_cast<std::size_t>(n));
  }
  return true;
}

void HttpConnection::RejectAndLinger() {
  HttpResponse bad;
  bad.status = 400;
  if (!SendAll(Render(bad, "GET", /*keep_alive=*/false).bytes)) return;
  shutdown(fd_, SHUT_WR);
  std::string ignored;
  const auto until = std::chrono::steady_clock::now() + kLinger;
  while (ignored.size() < kMaxRequestHead && std::chrono::steady_clock::now() < until &&
         Receive(ignored, kLinger)) {
  }
}

void HttpConnection::Serve(const Handler& handler, std::size_t max_requests,
                           std::chrono::milliseconds idle_timeout) {
  std::string buffer;  // bytes received and not yet parsed: a pipelined request stays here
  for (std::size_t answered = 0; answered < max_requests;) {
    HttpRequest request;
    std::size_t consumed = 0;
    ParseStatus status = ParseRequest(buffer, request, consumed);
    while (status == ParseStatus::kIncomplete) {
      if (!Receive(buffer, buffer.empty() ? idle_timeout : kReadTimeout)) return;
      status = ParseRequest(buffer, request, consumed);
    }
    if (status == ParseStatus::kBad) {
      RejectAndLinger();
      return;
    }
    buffer.erase(0, consumed);
    ++answered;
    const bool keep_alive = request.keep_alive && answered < max_requests;
    WireResponse wire;
    try {
      wire = Render(handler(request), request.method, keep_alive);
    } catch (...) {  // a failing handler answers 500, as a real server would
      HttpResponse failed;
      failed.status = 500;
      wire = Render(failed, request.method, /*keep_alive=*/false);
    }
    if (!SendAll(wire.bytes) || wire.close) return;
  }
}

}  // namespace twilio::test_support::fake
