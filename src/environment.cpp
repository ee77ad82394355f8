#include "environment.hpp"

#include <cstdlib>

namespace twilio::internal {

std::string EnvironmentValue(const char* name) {
  const char* value = std::getenv(name);
  return value != nullptr ? std::string(value) : std::string();
}

}  // namespace twilio::internal
