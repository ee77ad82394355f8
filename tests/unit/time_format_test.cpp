#include "twilio/time_format.hpp"

#include <gtest/gtest.h>

#include <random>
#include <stdexcept>

#include "date_include.hpp"

namespace twilio {
namespace {

using std::chrono::hours;
using std::chrono::milliseconds;
using std::chrono::nanoseconds;
using std::chrono::seconds;

// 2019-05-03T00:00:00Z
constexpr int64_t kMay3 = 1556841600;

TimePoint At(int64_t unix_seconds) {
  return TimePoint(seconds(unix_seconds));
}

TEST(ParseRfc3339, ParsesZulu) {
  EXPECT_EQ(ParseRfc3339("2019-05-03T00:00:00Z"), At(kMay3));
}

TEST(ParseRfc3339, AcceptsLowerCaseSeparators) {
  EXPECT_EQ(ParseRfc3339("2019-05-03t00:00:00z"), At(kMay3));
}

TEST(ParseRfc3339, AppliesOffsets) {
  EXPECT_EQ(ParseRfc3339("2019-05-03T02:00:00+02:00"), At(kMay3));
  EXPECT_EQ(ParseRfc3339("2019-05-02T19:30:00-04:30"), At(kMay3));
  EXPECT_EQ(ParseRfc3339("2019-05-03T00:00:00-00:00"), At(kMay3));
}

TEST(ParseRfc3339, KeepsFractionalSeconds) {
  EXPECT_EQ(ParseRfc3339("2019-05-03T00:00:00.5Z"), At(kMay3) + milliseconds(500));
  EXPECT_EQ(ParseRfc3339("2019-05-03T00:00:00.123456789Z") - At(kMay3),
            std::chrono::duration_cast<TimePoint::duration>(nanoseconds(123456789)));
  EXPECT_EQ(ParseRfc3339("2019-05-03T01:00:00.250+01:00"), At(kMay3) + milliseconds(250));
  // Digits past the clock's precision are truncated, not an error.
  EXPECT_EQ(ParseRfc3339("2019-05-03T00:00:00.1234567891Z") - At(kMay3),
            std::chrono::duration_cast<TimePoint::duration>(nanoseconds(123456789)));
}

TEST(ParseRfc3339, HandlesLeapDayAndEpochBounds) {
  EXPECT_EQ(ParseRfc3339("2020-02-29T00:00:00Z"), At(1582934400));
  EXPECT_EQ(ParseRfc3339("1970-01-01T00:00:00Z"), At(0));
}

TEST(ParseRfc3339, RejectsWhatIsNotRfc3339) {
  for (const char* bad :
       {"", "2019-05-03", "2019-05-03T00:00:00", "2019-5-03T00:00:00Z", "2019-05-03 00:00:00Z",
        "2019-05-03T00:00:00+0200", "2019-05-03T00:00Z", "2019-05-03T00:00:00.Z",
        "2019-05-03T00:00:00Zjunk", "20190503T000000Z", "2019-13-03T00:00:00Z",
        "2019-02-30T00:00:00Z", "2019-05-03T25:00:00Z", "2019-05-03T00:61:00Z", "garbage"}) {
    EXPECT_THROW(ParseRfc3339(bad), std::invalid_argument) << bad;
  }
}

// Found by the RFC 3339 fuzzer: years the clock cannot hold overflowed inside the conversion.
// What is wrong is named: a time without a zone lacks its zone, not length.
TEST(ParseRfc3339, AMissingTimeZoneIsNamedAsSuch) {
  const auto message = [](const char* text) {
    try {
      ParseRfc3339(text);
    } catch (const std::invalid_argument& e) {
      return std::string(e.what());
    }
    return std::string("accepted");
  };
  EXPECT_EQ(message("2026-01-01T00:00:00"),
            "not an RFC 3339 date-time (no time zone: end it in Z for UTC, or an offset such as "
            "+01:00): \"2026-01-01T00:00:00\"");
  EXPECT_NE(message("2026-01-01T00:00:00.5").find("no time zone"), std::string::npos);
  EXPECT_NE(message("2026-01-01T00:00").find("too short"), std::string::npos);
  // The text given is echoed as other values are: escaped, and cut with a mark.
  EXPECT_EQ(message("2026-01-01T00:00:00\n\"Z"),
            "not an RFC 3339 date-time (expected Z or an offset +hh:mm): "
            "\"2026-01-01T00:00:00\\x0a\\\"Z\"");
  EXPECT_NE(message(std::string(100, '9').c_str()).find(std::string(64, '9') + "\"..."),
            std::string::npos);
}

TEST(ParseRfc3339, RejectsTimesTheClockCannotHold) {
  for (const char* far : {"9999-12-31T00:00:00Z", "0000-01-01T00:00:00Z", "1000-06-01T00:00:00Z",
                          "3000-01-01T00:00:00+01:00"}) {
    EXPECT_THROW(ParseRfc3339(far), std::invalid_argument) << far;
  }
  // Inside the range, both ends of the twentieth and twenty-second centuries parse.
  EXPECT_EQ(FormatRfc3339Utc(ParseRfc3339("1900-01-01T00:00:00Z")), "1900-01-01T00:00:00Z");
  EXPECT_EQ(FormatRfc3339Utc(ParseRfc3339("2200-12-31T23:59:59Z")), "2200-12-31T23:59:59Z");
}

TEST(ParseRfc3339, RejectsImpossibleClockTimesAndOffsets) {
  for (const char* bad : {"2019-05-03T24:00:00Z", "2019-05-03T23:59:60Z",
                          "2019-05-03T00:00:00+24:00", "2019-05-03T00:00:00+01:60"}) {
    EXPECT_THROW(ParseRfc3339(bad), std::invalid_argument) << bad;
  }
}

TEST(FormatRfc3339Utc, HandlesTheClocksExtremes) {
  // Found by the query fuzzer: flooring TimePoint::min() to seconds overflowed.
  EXPECT_EQ(FormatRfc3339Utc(TimePoint::min()).substr(0, 5), "1677-");
  EXPECT_EQ(FormatRfc3339Utc(TimePoint::max()).substr(0, 5), "2262-");
  EXPECT_EQ(UnixSeconds(At(-1) + milliseconds(1)), -1);  // floors toward the past
  EXPECT_EQ(FormatRfc3339Utc(At(-1) + milliseconds(1)), "1969-12-31T23:59:59Z");
}

// Written digit by digit, it must say what date's own formatting says, wherever on the clock.
TEST(FormatRfc3339Utc, AgreesWithDateFormatAcrossTheClock) {
  std::mt19937_64 random(3);
  const int64_t lowest = UnixSeconds(TimePoint::min()) + 1;
  const int64_t highest = UnixSeconds(TimePoint::max()) - 1;
  std::uniform_int_distribution<int64_t> second(lowest, highest);
  for (int i = 0; i < 20000; ++i) {
    const int64_t s = i < 10 ? lowest + i : second(random);
    const auto expected = date::format("%FT%TZ", date::sys_time<seconds>(seconds(s)));
    ASSERT_EQ(FormatRfc3339Utc(At(s)), expected) << s;
  }
}

TEST(FormatRfc3339Utc, WritesWholeSecondsInUtc) {
  EXPECT_EQ(FormatRfc3339Utc(At(kMay3)), "2019-05-03T00:00:00Z");
  EXPECT_EQ(FormatRfc3339Utc(At(kMay3) + hours(13) + seconds(5) + milliseconds(999)),
            "2019-05-03T13:00:05Z");
  EXPECT_EQ(FormatRfc3339Utc(ParseRfc3339("2019-05-03T02:00:00+02:00")), "2019-05-03T00:00:00Z");
}

}  // namespace
}  // namespace twilio
