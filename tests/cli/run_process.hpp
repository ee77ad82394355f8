// Runs the supersim-usage binary (or another program, such as util-linux `script`) as a child
// process and captures what it did: stdout, stderr and how it ended. The child gets exactly the
// environment a test passes (nothing inherited, so no proxy or real credential leaks in; only
// the test's own *SAN_OPTIONS, so that a sanitizer build checks the command alike) and
// SIGPIPE at its default action, so a command that forgot to ignore SIGPIPE dies visibly.
#pragma once

#include <sys/types.h>

#include <chrono>
#include <optional>
#include <string>
#include <vector>

namespace cli_test {

struct RunOptions {
  /// NAME=value entries; the whole environment of the child.
  std::vector<std::string> env;
  /// Close the reading end of stdout before the child starts: every write gets EPIPE.
  bool stdout_closed = false;
  /// Send stdout to this file instead of a pipe (e.g. "/dev/full").
  std::string stdout_file = {};
  /// Read stdout up to its first newline, then close it (like `| head -1`).
  bool close_stdout_after_first_line = false;
};

struct RunResult {
  /// The exit status, or -1 when the child was killed by a signal.
  int exit_code = -1;
  /// The signal that killed the child, or 0.
  int signal = 0;
  std::string out;
  std::string err;
  /// When each part of `out` arrived: seconds since the start, and out.size() after it.
  std::vector<std::pair<double, std::size_t>> out_arrivals;
  /// Seconds from the start until both output streams closed.
  double seconds = 0;
  /// out and err together, for "never printed" checks.
  std::string All() const { return out + err; }
};

/// Runs the binary (SUPERSIM_USAGE_PATH) with `args`. Fails the calling test (and kills the
/// child) when it runs longer than 60 seconds.
RunResult RunCli(const std::vector<std::string>& args, const RunOptions& options = {});

/// The same for any program, by absolute path.
RunResult RunProgram(const std::string& path, const std::vector<std::string>& args,
                     const RunOptions& options = {});

/// A child left running while the test acts on it (sends it a signal): stdin from /dev/null,
/// stdout and stderr to files, the environment exactly `env`, no signal blocked. A child still
/// running when the object goes is killed (SIGKILL) and reaped.
class BackgroundProcess {
 public:
  /// Starts SUPERSIM_USAGE_PATH with `args`; stdout goes to `out_file`, or when it is empty to
  /// a pipe that is never read (so the command blocks once it is full), stderr to `err_file`.
  BackgroundProcess(const std::vector<std::string>& args, const std::vector<std::string>& env,
                    const std::string& out_file, const std::string& err_file);
  ~BackgroundProcess();
  BackgroundProcess(const BackgroundProcess&) = delete;
  BackgroundProcess& operator=(const BackgroundProcess&) = delete;

  pid_t Pid() const { return pid_; }
  /// kill(pid, signal); true when sent.
  bool Signal(int signal) const;
  /// Waits up to `timeout` for the child to end (polling every millisecond), and returns its
  /// waitpid status, or std::nullopt if it is still running.
  std::optional<int> Wait(std::chrono::milliseconds timeout);
  /// Bytes waiting in the unread stdout pipe (0 without one).
  std::size_t StdoutPending() const;

 private:
  pid_t pid_ = -1;
  bool reaped_ = false;
  int stdout_pipe_ = -1;
};

/// Splits on '\n'; a final newline does not make an extra empty line.
std::vector<std::string> Lines(const std::string& text);

/// The whole content of a file ("" when it cannot be read).
std::string ReadFile(const std::string& path);

}  // namespace cli_test
