#include "e2e/server_process.hpp"

#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <exception>
#include <stdexcept>

namespace twilio::bench {
namespace {

bool WriteAll(int fd, const void* data, std::size_t size) {
  const auto* bytes = static_cast<const char*>(data);
  while (size > 0) {
    const ssize_t n = write(fd, bytes, size);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) return false;
    bytes += n;
    size -= static_cast<std::size_t>(n);
  }
  return true;
}

// The child: serve until the parent closes the control pipe (or kills us).
[[noreturn]] void RunChild(const test_support::FakeSupersimServer::Options& options,
                           const std::optional<test_support::FakeFault>& every_page, int port_fd,
                           int control_fd) {
  int port = 0;
  try {
    test_support::FakeSupersimServer server(options);
    if (every_page) server.InjectFault(test_support::FakeSupersimServer::kEveryPage, *every_page);
    port = server.Start();
    WriteAll(port_fd, &port, sizeof port);
    close(port_fd);
    for (char byte = 0;;) {
      const ssize_t n = read(control_fd, &byte, 1);
      if (n < 0 && errno == EINTR) continue;
      if (n <= 0) break;  // EOF: the parent is done (or gone)
    }
    server.Stop();
  } catch (const std::exception& e) {
    std::fprintf(stderr, "fake server process: %s\n", e.what());
    if (port == 0) WriteAll(port_fd, &port, sizeof port);
    _exit(1);
  }
  _exit(0);
}

}  // namespace

ServerProcess::ServerProcess(const test_support::FakeSupersimServer::Options& options,
                             const std::optional<test_support::FakeFault>& every_page) {
  int port_pipe[2];
  int control_pipe[2];
  if (pipe(port_pipe) != 0) throw std::runtime_error("pipe failed");
  if (pipe(control_pipe) != 0) {
    close(port_pipe[0]);
    close(port_pipe[1]);
    throw std::runtime_error("pipe failed");
  }
  std::fflush(nullptr);  // or the child would flush the parent's buffered output again
  pid_ = fork();
  if (pid_ < 0) throw std::runtime_error("fork failed");
  if (pid_ == 0) {
    close(port_pipe[0]);
    close(control_pipe[1]);
    RunChild(options, every_page, port_pipe[1], control_pipe[0]);
  }
  close(port_pipe[1]);
  close(control_pipe[0]);
  control_fd_ = control_pipe[1];

  int port = 0;
  ssize_t n = 0;
  do {
    n = read(port_pipe[0], &port, sizeof port);
  } while (n < 0 && errno == EINTR);
  close(port_pipe[0]);
  if (n != static_cast<ssize_t>(sizeof port) || port <= 0) {
    Reap();
    throw std::runtime_error("the fake server process did not start");
  }
  port_ = port;
}

ServerProcess::~ServerProcess() {
  Reap();
}

void ServerProcess::Reap() {
  if (control_fd_ >= 0) close(control_fd_);
  control_fd_ = -1;
  if (pid_ <= 0) return;
  kill(pid_, SIGTERM);
  int status = 0;
  while (waitpid(pid_, &status, 0) < 0 && errno == EINTR) {
  }
  pid_ = -1;
}

std::string ServerProcess::BaseUrl() const {
  return "http://127.0.0.1:" + std::to_string(port_);
}

}  // namespace twilio::bench
