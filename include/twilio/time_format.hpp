/// \file
/// RFC 3339 date-times as Twilio's APIs read and write them.
#pragma once

#include <chrono>
#include <cstdint>
#include <string>
#include <string_view>

#include "twilio/export.hpp"

namespace twilio {

/// A UTC instant, as the models and parameters hold times.
using TimePoint = std::chrono::system_clock::time_point;

/// Parses an RFC 3339 date-time: `2019-05-03T00:00:00Z`, with fractional seconds (digits past
/// the clock's precision are truncated) and a `Z` or `+hh:mm`/`-hh:mm` offset (the `T` and `Z`
/// may be lower case). Throws std::invalid_argument naming what is wrong when `text` is anything
/// else, names no real calendar time (2019-02-30, 24:00:00, a leap second), or lies outside what
/// TimePoint can hold (with libstdc++'s nanosecond clock, 1677-09-21 to 2262-04-11).
TWILIO_SUPERSIM_EXPORT TimePoint ParseRfc3339(std::string_view text);

/// `YYYY-MM-DDTHH:MM:SSZ` in UTC, sub-seconds truncated toward the past: the form Twilio's API
/// expects. Defined for every TimePoint, TimePoint::min() and max() included.
TWILIO_SUPERSIM_EXPORT std::string FormatRfc3339Utc(TimePoint time);

/// Whole seconds since 1970-01-01T00:00:00Z, rounded toward the past (what FormatRfc3339Utc
/// writes), without overflow for any TimePoint.
TWILIO_SUPERSIM_EXPORT int64_t UnixSeconds(TimePoint time);

}  // namespace twilio
