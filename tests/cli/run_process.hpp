// Runs the supersim-usage binary as a child process and captures what it did: stdout, stderr
// and how it ended. The child gets exactly the environment a test passes (nothing inherited,
// so no proxy or real credential leaks in) and SIGPIPE at its default action, so a command
// that forgot to ignore SIGPIPE dies visibly.
#pragma once

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

/// Splits on '\n'; a final newline does not make an extra empty line.
std::vector<std::string> Lines(const std::string& text);

}  // namespace cli_test
