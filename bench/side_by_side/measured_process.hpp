// One contender run: a process spawned with its output in files, timed from just before
// posix_spawn to wait4's return, with the CPU time and peak resident set wait4 reports.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace twilio::bench {

struct Command {
  /// argv[0] is looked up in PATH when it has no '/'.
  std::vector<std::string> argv;
  /// The child's whole environment ("NAME=value").
  std::vector<std::string> env;
  /// Standard input is /dev/null; output and errors go to these files (truncated).
  std::string stdout_path;
  std::string stderr_path;
};

struct ProcessRun {
  double wall_seconds = 0;
  /// User plus system time of the process (and of any children it waited for).
  double cpu_seconds = 0;
  /// ru_maxrss. exec hands a vfork()ed child its parent's peak, so this is at least the
  /// spawner's own peak resident set (see SpawnerPeakRssBytes).
  int64_t peak_rss_bytes = 0;
  /// The exit status, or 128 + the signal that ended it.
  int exit_code = 0;
};

/// Runs `command` to completion. Throws std::runtime_error when it cannot be spawned.
ProcessRun RunMeasured(const Command& command);

/// This process's own peak resident set (VmHWM), in bytes.
int64_t SpawnerPeakRssBytes();

}  // namespace twilio::bench
