// Test helper: runs Stoplight Prism's mock server (`prism mock`) on 127.0.0.1 as a child
// process, and always stops it by its process id.
#pragma once

#include <sys/types.h>

#include <string>

namespace twilio::contract {

class PrismProcess {
 public:
  /// Starts `prism mock -h 127.0.0.1 -p <free port> <spec>` and waits until it accepts
  /// connections. Its output goes to `log_file`. Throws std::runtime_error (with the log's
  /// tail) when it does not start within `startup_seconds`.
  PrismProcess(const std::string& prism, const std::string& spec, const std::string& log_file,
               int startup_seconds = 90);
  /// Stops the process group: SIGTERM, then SIGKILL if it lingers.
  ~PrismProcess();
  PrismProcess(const PrismProcess&) = delete;
  PrismProcess& operator=(const PrismProcess&) = delete;

  std::string BaseUrl() const { return "http://127.0.0.1:" + std::to_string(port_); }
  pid_t Pid() const { return pid_; }

 private:
  void Stop();

  pid_t pid_ = -1;
  int port_ = 0;
  std::string log_file_;
};

}  // namespace twilio::contract
