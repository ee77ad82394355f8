// -v, --verbose: the SDK's log events as lines on standard error.
#pragma once

#include <string>
#include <vector>

#include "twilio/logging.hpp"

namespace supersim_usage {

/// A logger writing every event as twilio::FormatLogEvent does, one whole line per write, with
/// the `secrets` redacted (the SDK never logs them; this holds even for what a server sends).
twilio::Logger VerboseLogger(std::vector<std::string> secrets);

}  // namespace supersim_usage
