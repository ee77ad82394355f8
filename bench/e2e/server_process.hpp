// The fake server in a forked child process, so that the client's peak RSS (getrusage of the
// parent) is measured alone and the server's work runs on its own core.
#pragma once

#include <sys/types.h>

#include <optional>
#include <string>

#include "twilio/testing/fake_supersim_server.hpp"

namespace twilio::bench {

class ServerProcess {
 public:
  /// Forks a child that starts a FakeSupersimServer (with `every_page` on every page, when
  /// given) and reports its port through a pipe. Call it before the parent starts any thread
  /// (fork copies only the calling thread). Throws std::runtime_error when the child cannot
  /// start the server.
  explicit ServerProcess(const test_support::FakeSupersimServer::Options& options,
                         const std::optional<test_support::FakeFault>& every_page = std::nullopt);
  /// Kills the child (SIGTERM) and reaps it.
  ~ServerProcess();
  ServerProcess(const ServerProcess&) = delete;
  ServerProcess& operator=(const ServerProcess&) = delete;

  /// "http://127.0.0.1:<port>".
  std::string BaseUrl() const;

 private:
  void Reap();

  pid_t pid_ = -1;
  int control_fd_ = -1;  // the child exits when this closes, should the parent die first
  int port_ = 0;
};

}  // namespace twilio::bench
