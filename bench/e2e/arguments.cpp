#include "e2e/arguments.hpp"

#include <stdexcept>

namespace twilio::bench {

int64_t ParsePositive(const std::string& name, const char* text, int64_t max) {
  std::size_t used = 0;
  int64_t value = 0;
  try {
    value = std::stoll(text, &used);
  } catch (const std::exception&) {
    used = 0;
  }
  if (used == 0 || text[used] != '\0' || value < 1 || value > max) {
    throw std::invalid_argument(name + " wants an integer from 1 to " + std::to_string(max) +
                                ", got '" + text + "'");
  }
  return value;
}

void ForEachArgument(
    int argc, char** argv,
    const std::function<void(const std::string& arg, const NextValue& value)>& on_argument) {
  for (int i = 1; i < argc; ++i) {
    const std::string arg = argv[i];
    const NextValue value = [&]() -> const char* {
      if (i + 1 >= argc) throw std::invalid_argument(arg + " wants a value");
      return argv[++i];
    };
    on_argument(arg, value);
  }
}

}  // namespace twilio::bench
