// Running the example as a child process, its stdout captured for the checks.
#pragma once

#include <string>
#include <vector>

namespace example_driver {

struct RunResult {
  int status = 0;  // the exit status, or 128 + the signal that ended the process
  std::string out;
};

// Runs `command` (command[0] is a path, not looked up in PATH) and waits for it. Throws
// std::runtime_error when it cannot be started.
RunResult RunExample(const std::vector<std::string>& command);

}  // namespace example_driver
