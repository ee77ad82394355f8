#include "testing/fake_http_listener.hpp"

#include <arpa/inet.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <unistd.h>

#include <cerrno>
#include <stdexcept>
#include <system_error>
#include <utility>
#include <vector>

namespace twilio::test_support::fake {
namespace {

// How long one send may wait for a client that does not read.
constexpr int kSendTimeoutSeconds = 5;

// Not inherited by a program the test process runs (the CLI tests start the command-line
// tool). accept4 and SOCK_CLOEXEC would do it atomically but are not POSIX; fcntl is.
void SetCloseOnExec(int fd) {
  const int flags = fcntl(fd, F_GETFD);
  if (flags >= 0) fcntl(fd, F_SETFD, flags | FD_CLOEXEC);
}

void SetNonBlocking(int fd, bool on) {
  const int flags = fcntl(fd, F_GETFL);
  if (flags >= 0) fcntl(fd, F_SETFL, on ? flags | O_NONBLOCK : flags & ~O_NONBLOCK);
}

void ConfigureAccepted(int fd) {
  SetCloseOnExec(fd);
  // BSDs and macOS hand the listening socket's O_NONBLOCK to accepted sockets; Linux does not.
  // The connection's I/O blocks, bounded by poll timeouts and SO_SNDTIMEO.
  SetNonBlocking(fd, false);
  const int one = 1;
  // The answer's last segment must not wait for the ACK of the one before: with Nagle's
  // algorithm and the client's delayed ACK, that adds ~40 ms to every response on a kept-alive
  // connection.
  setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
#ifdef SO_NOSIGPIPE
  // Where send has no MSG_NOSIGNAL (macOS), the socket itself must not raise SIGPIPE.
  setsockopt(fd, SOL_SOCKET, SO_NOSIGPIPE, &one, sizeof one);
#endif
  timeval send_timeout{kSendTimeoutSeconds, 0};
  setsockopt(fd, SOL_SOCKET, SO_SNDTIMEO, &send_timeout, sizeof send_timeout);
}

void CloseIfOpen(int& fd) {
  if (fd >= 0) close(fd);
  fd = -1;
}

}  // namespace

HttpListener::HttpListener(Settings settings) : settings_(std::move(settings)) {}

HttpListener::~HttpListener() {
  Stop();
}

int HttpListener::Listen() {
  listen_fd_ = socket(AF_INET, SOCK_STREAM, 0);
  if (listen_fd_ < 0) throw std::runtime_error("cannot create a socket");
  SetCloseOnExec(listen_fd_);
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  address.sin_port = 0;  // a free port
  socklen_t size = sizeof address;
  // SOMAXCONN: a burst of concurrent connections must not see SYNs dropped (each costs the
  // client a second before it retries).
  if (bind(listen_fd_, reinterpret_cast<sockaddr*>(&address), sizeof address) != 0 ||
      listen(listen_fd_, SOMAXCONN) != 0 ||
      getsockname(listen_fd_, reinterpret_cast<sockaddr*>(&address), &size) != 0) {
    CloseIfOpen(listen_fd_);
    throw std::runtime_error("cannot bind 127.0.0.1");
  }
  // Non-blocking: a connection reset between poll and accept must not block the acceptor.
  SetNonBlocking(listen_fd_, true);
  int pipe_fds[2];
  if (pipe(pipe_fds) != 0) {
    CloseIfOpen(listen_fd_);
    throw std::runtime_error("cannot create a pipe");
  }
  wake_read_fd_ = pipe_fds[0];
  wake_write_fd_ = pipe_fds[1];
  SetCloseOnExec(wake_read_fd_);
  SetCloseOnExec(wake_write_fd_);
  try {
    acceptor_ = std::thread([this] { AcceptLoop(); });
  } catch (const std::system_error&) {
    CloseIfOpen(listen_fd_);
    CloseIfOpen(wake_read_fd_);
    CloseIfOpen(wake_write_fd_);
    throw std::runtime_error("cannot start the acceptor thread");
  }
  return ntohs(address.sin_port);
}

void HttpListener::Stop() {
  if (acceptor_.joinable()) {
    const char byte = 0;
    while (write(wake_write_fd_, &byte, 1) < 0 && errno == EINTR) {
    }
    acceptor_.join();
  }
  // No connection is added after the acceptor returned. Shutting the sockets down wakes each
  // connection's thread; the entries move out so that the threads can be joined unlocked (a
  // thread takes the lock to mark itself done). std::list::splice keeps them where they are.
  std::list<Live> ending;
  {
    std::lock_guard<std::mutex> lock(mutex_);
    for (Live& live : live_) live.connection->Shutdown();
    ending.splice(ending.end(), live_);
  }
  for (Live& live : ending) {
    if (live.thread.joinable()) live.thread.join();
  }
  ending.clear();  // closes any socket a thread had not closed
  CloseIfOpen(listen_fd_);
  CloseIfOpen(wake_read_fd_);
  CloseIfOpen(wake_write_fd_);
}

void HttpListener::AcceptLoop() {
  for (;;) {
    pollfd fds[2] = {{listen_fd_, POLLIN, 0}, {wake_read_fd_, POLLIN, 0}};
    const int n = poll(fds, 2, -1);
    if (n < 0) {
      if (errno == EINTR) continue;
      return;
    }
    if (fds[1].revents != 0) return;  // Stop
    if ((fds[0].revents & POLLIN) != 0) {
      Accept();
    } else if ((fds[0].revents & (POLLERR | POLLNVAL)) != 0) {
      return;
    }
    Reap();
  }
}

void HttpListener::Accept() {
  const int fd = accept(listen_fd_, nullptr, nullptr);
  if (fd < 0) {
    // Out of descriptors or memory: wait a little rather than spin on a socket that stays
    // readable. Anything else (EAGAIN after a client gave up, EINTR, ECONNABORTED) is retried
    // by the next poll.
    if (errno == EMFILE || errno == ENFILE || errno == ENOBUFS || errno == ENOMEM) {
      poll(nullptr, 0, 10);
    }
    return;
  }
  ConfigureAccepted(fd);
  auto connection = std::make_unique<HttpConnection>(fd);
  const std::uint64_t number = settings_.on_accept();
  std::lock_guard<std::mutex> lock(mutex_);
  Live& live = live_.emplace_back();
  live.connection = std::move(connection);
  try {
    live.thread = std::thread([this, &live, number] { Serve(live, number); });
  } catch (const std::system_error&) {
    live_.pop_back();  // no thread to serve it: the client sees the connection close
  }
}

void HttpListener::Serve(Live& live, std::uint64_t number) {
  live.connection->Serve(
      [this, number](const HttpRequest& request) { return settings_.handler(request, number); },
      settings_.max_requests_per_connection, settings_.idle_timeout);
  std::lock_guard<std::mutex> lock(mutex_);
  live.connection->Close();  // now, not when reaped: the client waits for the end of stream
  live.done = true;
}

void HttpListener::Reap() {
  std::vector<std::thread> finished;
  {
    std::lock_guard<std::mutex> lock(mutex_);
    for (auto it = live_.begin(); it != live_.end();) {
      if (it->done) {
        finished.push_back(std::move(it->thread));
        it = live_.erase(it);
      } else {
        ++it;
      }
    }
  }
  for (std::thread& thread : finished) thread.join();
}

}  // namespace twilio::test_support::fake
