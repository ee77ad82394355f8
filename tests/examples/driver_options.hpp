// The driver's command line: its own --options, then the example and the example's arguments.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace example_driver {

struct DriverOptions {
  int sims = 6;
  int days = 7;
  std::optional<std::string> account_sid;
  std::vector<std::pair<int64_t, int>> faults;  // page, status
  std::string check;
  std::string file;
  int expect_exit = 0;
  std::vector<std::string> command;  // the example and its own arguments
};

// Exits with status 2 and the usage on stderr when the command line is wrong.
DriverOptions ParseOptions(int argc, char** argv);

}  // namespace example_driver
