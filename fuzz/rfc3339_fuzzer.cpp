// Fuzz target: ParseRfc3339 and FormatRfc3339Utc.
// Invariants: ParseRfc3339 throws nothing but std::invalid_argument; what it accepts is valid
// RFC 3339 (a real day, time of day and offset) and is the instant the text names (checked
// against an independent civil-date computation; fraction digits past nanoseconds truncated);
// and FormatRfc3339Utc of that instant parses back to the same instant truncated to seconds.
#include <chrono>
#include <cstddef>
#include <cstdint>
#include <stdexcept>
#include <string>
#include <string_view>
#include <type_traits>

#include "fuzz_check.hpp"
#include "twilio/time_format.hpp"

namespace {

using std::chrono::nanoseconds;
static_assert(std::is_same_v<twilio::TimePoint::duration, nanoseconds>,
              "the oracle below counts nanoseconds, as libstdc++'s system_clock does");
using std::chrono::seconds;

int Digits(std::string_view s, std::size_t pos, std::size_t count) {
  int value = 0;
  for (std::size_t i = pos; i < pos + count; ++i) value = value * 10 + (s[i] - '0');
  return value;
}

// Days since 1970-01-01 of a proleptic Gregorian date (Howard Hinnant's days_from_civil).
int64_t DaysFromCivil(int64_t y, int64_t m, int64_t d) {
  y -= m <= 2;
  const int64_t era = (y >= 0 ? y : y - 399) / 400;
  const int64_t yoe = y - era * 400;
  const int64_t doy = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + d - 1;
  const int64_t doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + doe - 719468;
}

// The instant an accepted text names, in nanoseconds since the epoch (as a 128-bit integer, so
// that it cannot overflow whatever the year): YYYY-MM-DDTHH:MM:SS[.f](Z|+hh:mm|-hh:mm).
__int128 ExpectedNanos(std::string_view s) {
  int64_t days = DaysFromCivil(Digits(s, 0, 4), Digits(s, 5, 2), Digits(s, 8, 2));
  __int128 total_seconds = static_cast<__int128>(days) * 86400 + Digits(s, 11, 2) * 3600 +
                           Digits(s, 14, 2) * 60 + Digits(s, 17, 2);
  std::size_t i = 19;
  int64_t fraction = 0;
  if (s[i] == '.') {
    int64_t scale = 100000000;
    for (++i; s[i] >= '0' && s[i] <= '9'; ++i, scale /= 10) fraction += (s[i] - '0') * scale;
  }
  if (s[i] == '+' || s[i] == '-') {
    int offset = Digits(s, i + 1, 2) * 3600 + Digits(s, i + 4, 2) * 60;
    total_seconds -= s[i] == '+' ? offset : -offset;
  }
  return total_seconds * 1000000000 + fraction;
}

std::string ToString(__int128 v) {
  bool negative = v < 0;
  std::string digits;
  do {
    int digit = static_cast<int>(v % 10);
    digits.insert(digits.begin(), static_cast<char>('0' + (negative ? -digit : digit)));
    v /= 10;
  } while (v != 0);
  return (negative ? "-" : "") + digits;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view text(reinterpret_cast<const char*>(data), size);
  twilio::TimePoint time;
  try {
    time = twilio::ParseRfc3339(text);
  } catch (const std::invalid_argument&) {
    return 0;  // rejected, as documented
  } catch (...) {
    FUZZ_CHECK(false, twilio::fuzz::DescribeCurrentException());
  }
  const std::string input(text);

  // The parser accepted exactly the documented shape, so the oracle can read it by position.
  // And only valid RFC 3339 (section 5.6 and 5.7): a real day, a time of day up to 23:59:60 (a
  // leap second may be refused), and an offset whose hours and minutes are 00-23 and 00-59.
  const int year = Digits(text, 0, 4);
  const int month = Digits(text, 5, 2);
  const int day = Digits(text, 8, 2);
  const bool leap = year % 4 == 0 && (year % 100 != 0 || year % 400 == 0);
  const int month_days[] = {31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  FUZZ_CHECK(month >= 1 && month <= 12 && day >= 1 && day <= month_days[month - 1],
             "accepted \"" + input + "\": no such day");
  FUZZ_CHECK(Digits(text, 11, 2) <= 23 && Digits(text, 14, 2) <= 59 && Digits(text, 17, 2) <= 60,
             "accepted \"" + input + "\": no such time of day");
  if (const char sign = text[text.size() - 6]; sign == '+' || sign == '-') {
    const int hours = Digits(text, text.size() - 5, 2);
    const int minutes = Digits(text, text.size() - 2, 2);
    FUZZ_CHECK(hours <= 23 && minutes <= 59, "accepted \"" + input + "\": an offset of " +
                                                 std::to_string(hours) + " h " +
                                                 std::to_string(minutes) + " min");
  }
  const __int128 expected = ExpectedNanos(text);
  const __int128 actual = std::chrono::duration_cast<nanoseconds>(time.time_since_epoch()).count();
  FUZZ_CHECK(actual == expected, "\"" + input + "\" parsed to " + ToString(actual) +
                                     " ns since the epoch, expected " + ToString(expected));

  std::string formatted;
  try {
    formatted = twilio::FormatRfc3339Utc(time);
  } catch (...) {
    FUZZ_CHECK(false, "FormatRfc3339Utc threw " + twilio::fuzz::DescribeCurrentException());
  }
  twilio::TimePoint back;
  try {
    back = twilio::ParseRfc3339(formatted);
  } catch (...) {
    FUZZ_CHECK(false, "\"" + input + "\" formats as \"" + formatted +
                          "\", which does not parse: " + twilio::fuzz::DescribeCurrentException());
  }
  FUZZ_CHECK(back == std::chrono::floor<seconds>(time),
             "\"" + input + "\" formats as \"" + formatted + "\", which parses to another time");
  return 0;
}
