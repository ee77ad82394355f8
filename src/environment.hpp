// Internal: the one reader of environment variables for the library (credentials, base URL,
// edge and region, log level).
#pragma once

#include <string>

namespace twilio::internal {

/// The variable's value; empty when it is unset (or set to the empty string).
std::string EnvironmentValue(const char* name);

}  // namespace twilio::internal
