// RFC 3339 date-times as Twilio's APIs read and write them.
#pragma once

#include <chrono>
#include <string>
#include <string_view>

namespace twilio {

using TimePoint = std::chrono::system_clock::time_point;

/// Parses an RFC 3339 date-time: `2019-05-03T00:00:00Z`, with fractional seconds and a `Z` or
/// `+hh:mm`/`-hh:mm` offset (the `T` and `Z` may be lower case). Throws std::invalid_argument
/// naming what is wrong when `text` is anything else or names no real calendar time.
TimePoint ParseRfc3339(std::string_view text);

/// `YYYY-MM-DDTHH:MM:SSZ` in UTC, sub-seconds truncated: the form Twilio's API expects.
std::string FormatRfc3339Utc(TimePoint time);

}  // namespace twilio
