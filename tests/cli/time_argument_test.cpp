// ParseTimeArgument: the three forms of --start-time / --end-time, against a fixed "now".
#include "time_argument.hpp"

#include <gtest/gtest.h>

#include <stdexcept>

namespace {

using supersim_usage::ParseTimeArgument;
using twilio::ParseRfc3339;

// 2026-03-15T12:34:56.789Z: not on a whole second, so truncation would show.
const twilio::TimePoint kNow = ParseRfc3339("2026-03-15T12:34:56.789Z");

std::string Message(const std::string& text) {
  try {
    ParseTimeArgument(text, kNow);
  } catch (const std::invalid_argument& e) {
    return e.what();
  }
  return "(accepted)";
}

TEST(TimeArgument, Rfc3339IsReadAsTheSdkReadsIt) {
  EXPECT_EQ(ParseTimeArgument("2026-01-01T00:00:00Z", kNow), ParseRfc3339("2026-01-01T00:00:00Z"));
  EXPECT_EQ(ParseTimeArgument("2026-01-01T01:00:00+01:00", kNow),
            ParseRfc3339("2026-01-01T00:00:00Z"));
  EXPECT_EQ(ParseTimeArgument("2026-01-01t00:00:00.25z", kNow),
            ParseRfc3339("2026-01-01T00:00:00.25Z"));
}

TEST(TimeArgument, DateIsMidnightUtc) {
  EXPECT_EQ(ParseTimeArgument("2026-01-01", kNow), ParseRfc3339("2026-01-01T00:00:00Z"));
  EXPECT_EQ(ParseTimeArgument("2024-02-29", kNow), ParseRfc3339("2024-02-29T00:00:00Z"));
}

TEST(TimeArgument, RelativeCountsBackFromNowInEachUnit) {
  using std::chrono::hours;
  using std::chrono::minutes;
  EXPECT_EQ(ParseTimeArgument("-30m", kNow), kNow - minutes(30));
  EXPECT_EQ(ParseTimeArgument("-12h", kNow), kNow - hours(12));
  EXPECT_EQ(ParseTimeArgument("-7d", kNow), ParseRfc3339("2026-03-08T12:34:56.789Z"));
  EXPECT_EQ(ParseTimeArgument("-2w", kNow), ParseRfc3339("2026-03-01T12:34:56.789Z"));
  EXPECT_EQ(ParseTimeArgument("-0d", kNow), kNow);
  EXPECT_EQ(ParseTimeArgument("-007h", kNow), kNow - hours(7));
  EXPECT_EQ(ParseTimeArgument("-10000w", kNow), kNow - hours(24 * 7 * 10000));
}

TEST(TimeArgument, GarbageIsRejectedQuotingTheText) {
  EXPECT_EQ(Message("yesterday"),
            "not a time: \"yesterday\" (expected a date-time such as 2026-01-01T00:00:00Z, a "
            "date such as 2026-01-01, or a relative past such as -7d)");
  EXPECT_EQ(Message("").rfind("not a time: \"\"", 0), 0u);
  EXPECT_EQ(Message("2026-1-1").rfind("not a time: \"2026-1-1\"", 0), 0u);
  EXPECT_EQ(Message("2026-01-01 00:00").rfind("not a time:", 0), 0u);
  EXPECT_EQ(Message("+7d").rfind("not a time:", 0), 0u);
  EXPECT_EQ(Message("7d").rfind("not a time:", 0), 0u);
}

TEST(TimeArgument, BadDatesAndDateTimesSayWhy) {
  EXPECT_EQ(Message("2026-02-30"), "not a calendar date: \"2026-02-30\"");
  EXPECT_EQ(Message("2026-13-01"), "not a calendar date: \"2026-13-01\"");
  EXPECT_EQ(Message("2026-01-01T00:00:00").rfind("not an RFC 3339 date-time", 0), 0u)
      << Message("2026-01-01T00:00:00");
  EXPECT_NE(Message("2026-01-01T25:00:00Z").find("(expected a date-time such as"),
            std::string::npos);
}

TEST(TimeArgument, MalformedRelativeTimesAreRejected) {
  for (const char* text :
       {"-", "-d", "-7", "-7x", "-7D", "-7dd", "- 7d", "-+7d", "--7d", "-7.5h", "-1e3d", "-7 d"}) {
    EXPECT_EQ(Message(text).rfind("not a relative time: ", 0), 0u) << text << ": " << Message(text);
  }
}

TEST(TimeArgument, RelativeTimesBeyondTheClockAreRejected) {
  EXPECT_EQ(Message("-99999999999999999999w"), "too far in the past: \"-99999999999999999999w\"");
  EXPECT_EQ(Message("-9223372036854775807m"), "too far in the past: \"-9223372036854775807m\"");
  // About 292 years back from 2026 is past what a nanosecond TimePoint holds (1677).
  EXPECT_EQ(Message("-20000w").rfind("too far in the past", 0), 0u);
  EXPECT_NO_THROW(ParseTimeArgument("-15000w", kNow));  // 1738: still representable
}

}  // namespace
