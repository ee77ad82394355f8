#include "driver_options.hpp"

#include <cstdlib>
#include <cstring>
#include <iostream>
#include <stdexcept>

namespace example_driver {
namespace {

[[noreturn]] void Usage(const std::string& message) {
  std::cerr << "run_with_fake_server: " << message
            << "\nusage: run_with_fake_server [--sims N] [--days N] [--account-sid TEXT]"
               " [--fault PAGE:STATUS] [--check KIND] [--file PATH] [--expect-exit N]"
               " EXAMPLE [ARG...]\n";
  std::exit(2);
}

int ToInt(const std::string& text, const std::string& option) {
  try {
    std::size_t used = 0;
    const int value = std::stoi(text, &used);
    if (used == text.size()) return value;
  } catch (const std::logic_error&) {
  }
  Usage(option + " needs a number, not '" + text + "'");
}

}  // namespace

DriverOptions ParseOptions(int argc, char** argv) {
  DriverOptions options;
  int i = 1;
  for (; i < argc && std::strncmp(argv[i], "--", 2) == 0; i += 2) {
    const std::string name = argv[i];
    if (i + 1 == argc) Usage(name + " needs a value");
    const std::string value = argv[i + 1];
    if (name == "--sims") {
      options.sims = ToInt(value, name);
    } else if (name == "--days") {
      options.days = ToInt(value, name);
    } else if (name == "--account-sid") {
      options.account_sid = value;
    } else if (name == "--fault") {
      const std::size_t colon = value.find(':');
      if (colon == std::string::npos) Usage("--fault needs PAGE:STATUS");
      options.faults.emplace_back(ToInt(value.substr(0, colon), name),
                                  ToInt(value.substr(colon + 1), name));
    } else if (name == "--check") {
      options.check = value;
    } else if (name == "--file") {
      options.file = value;
    } else if (name == "--expect-exit") {
      options.expect_exit = ToInt(value, name);
    } else {
      Usage("unknown option " + name);
    }
  }
  if (i == argc) Usage("no example to run");
  options.command.assign(argv + i, argv + argc);
  return options;
}

}  // namespace example_driver
