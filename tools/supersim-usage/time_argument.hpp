// The time values of --start-time and --end-time: an RFC 3339 date-time, a calendar date, or a
// time relative to now.
#pragma once

#include <string_view>

#include "twilio/time_format.hpp"

namespace supersim_usage {

/// Reads `text` as one of:
///   - an RFC 3339 date-time (2026-01-01T00:00:00Z, 2026-01-01T01:00:00+01:00, fractions too),
///     read by twilio::ParseRfc3339;
///   - a date YYYY-MM-DD: midnight UTC at its start;
///   - a relative past -<N><unit>: N (a whole number, 0 included) minutes (m), hours (h), days
///     (d, 24 hours) or weeks (w, 7 days) before `now`.
/// `now` is passed in so that both flags of one command line share one reading of the clock.
/// Throws std::invalid_argument with a one-line reason that quotes `text` (not the flag name).
twilio::TimePoint ParseTimeArgument(std::string_view text, twilio::TimePoint now);

/// The command's "now": the RFC 3339 date-time in SUPERSIM_USAGE_NOW (`override`, when not null
/// or empty: reproducible relative times and --demo data), else `clock`. Throws
/// std::invalid_argument naming the variable for a value that is not one.
twilio::TimePoint CommandNow(const char* override, twilio::TimePoint clock);

}  // namespace supersim_usage
