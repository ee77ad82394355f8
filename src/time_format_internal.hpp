// Internal: the time text the models write, beside the public RFC 3339 functions.
#pragma once

#include <string>

#include "twilio/time_format.hpp"

namespace twilio::internal {

/// FormatRfc3339Utc with the sub-second part kept ("...:00.125Z", trailing zeros trimmed), so
/// that a model written by to_json reads back equal.
std::string FormatRfc3339UtcWithFraction(TimePoint time);

}  // namespace twilio::internal
