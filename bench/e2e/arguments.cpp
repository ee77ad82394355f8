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

}  // namespace twilio::bench
