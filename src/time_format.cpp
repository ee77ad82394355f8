#include "twilio/time_format.hpp"

#include <limits>
#include <stdexcept>

#include "date_include.hpp"
#include "message_text.hpp"
#include "time_format_internal.hpp"

namespace twilio {
namespace {

using Seconds = std::chrono::duration<int64_t>;
using Rep = TimePoint::duration;
static_assert(Rep::period::num == 1, "a clock tick of at most one second");
constexpr int64_t kTicksPerSecond = Rep::period::den;

bool IsDigit(char c) {
  return c >= '0' && c <= '9';
}

int Number(std::string_view s, std::size_t at, std::size_t digits) {
  int value = 0;
  for (std::size_t i = at; i < at + digits; ++i) value = value * 10 + (s[i] - '0');
  return value;
}

[[noreturn]] void Fail(std::string_view text, const std::string& what) {
  throw std::invalid_argument("not an RFC 3339 date-time (" + what +
                              "): " + internal::QuotedValue(text));
}

// RFC 3339 is strict about widths where date::parse is lenient ("2019-5-3"), so the text is
// read by position: YYYY-MM-DDTHH:MM:SS[.fraction](Z|+HH:MM|-HH:MM).
struct Fields {
  int year, month, day, hour, minute, second;
  std::string_view fraction;
  int offset_minutes = 0;
};

Fields Read(std::string_view s) {
  static constexpr std::string_view kPattern = "dddd-dd-ddTdd:dd:dd";
  if (s.size() < kPattern.size()) Fail(s, "too short: expected YYYY-MM-DDTHH:MM:SS and a zone");
  for (std::size_t i = 0; i < kPattern.size(); ++i) {
    char p = kPattern[i];
    char c = s[i];
    bool ok = p == 'd' ? IsDigit(c) : p == 'T' ? (c == 'T' || c == 't') : c == p;
    if (!ok) Fail(s, "expected YYYY-MM-DDTHH:MM:SS");
  }
  Fields f{Number(s, 0, 4),
           Number(s, 5, 2),
           Number(s, 8, 2),
           Number(s, 11, 2),
           Number(s, 14, 2),
           Number(s, 17, 2),
           {},
           0};
  std::size_t i = kPattern.size();
  if (i < s.size() && s[i] == '.') {
    std::size_t start = ++i;
    while (i < s.size() && IsDigit(s[i])) ++i;
    f.fraction = s.substr(start, i - start);
    if (f.fraction.empty()) Fail(s, "a '.' needs fraction digits");
  }
  std::string_view zone = s.substr(i);
  if (zone.empty()) Fail(s, "no time zone: end it in Z for UTC, or an offset such as +01:00");
  if (zone == "Z" || zone == "z") return f;
  bool offset = zone.size() == 6 && (zone[0] == '+' || zone[0] == '-') && IsDigit(zone[1]) &&
                IsDigit(zone[2]) && zone[3] == ':' && IsDigit(zone[4]) && IsDigit(zone[5]);
  if (!offset) Fail(s, "expected Z or an offset +hh:mm");
  int hours = Number(zone, 1, 2);
  int minutes = Number(zone, 4, 2);
  if (hours > 23 || minutes > 59) Fail(s, "offset out of range");
  f.offset_minutes = (zone[0] == '-' ? -1 : 1) * (hours * 60 + minutes);
  return f;
}

}  // namespace

TimePoint ParseRfc3339(std::string_view text) {
  Fields f = Read(text);
  date::year_month_day day{date::year{f.year}, date::month{static_cast<unsigned>(f.month)},
                           date::day{static_cast<unsigned>(f.day)}};
  if (!day.ok()) Fail(text, "no such day");
  if (f.hour > 23 || f.minute > 59 || f.second > 59) Fail(text, "no such time of day");

  // Whole seconds in 64 bits first (years 0000..9999 fit with room to spare), then the check
  // that the clock can hold them, then the fraction in the clock's own unit.
  int64_t seconds = int64_t{date::sys_days(day).time_since_epoch().count()} * 86400 +
                    int64_t{f.hour} * 3600 + int64_t{f.minute} * 60 + f.second -
                    int64_t{f.offset_minutes} * 60;
  const int64_t max_seconds = std::numeric_limits<Rep::rep>::max() / kTicksPerSecond - 1;
  const int64_t min_seconds = std::numeric_limits<Rep::rep>::min() / kTicksPerSecond + 1;
  if (seconds > max_seconds || seconds < min_seconds) {
    Fail(text, "outside the range of std::chrono::system_clock");
  }
  int64_t ticks = 0;
  int64_t scale = kTicksPerSecond;
  for (char digit : f.fraction) {
    if (scale == 1) break;  // digits past the clock's precision are truncated
    scale /= 10;
    ticks += (digit - '0') * scale;
  }
  return TimePoint(Rep(seconds * kTicksPerSecond + ticks));
}

int64_t UnixSeconds(TimePoint time) {
  int64_t ticks = time.time_since_epoch().count();
  int64_t seconds = ticks / kTicksPerSecond;
  if (ticks % kTicksPerSecond < 0) --seconds;  // toward the past, not toward zero
  return seconds;
}

std::string FormatRfc3339Utc(TimePoint time) {
  const int64_t seconds = UnixSeconds(time);
  int64_t days = seconds / 86400;
  int64_t second_of_day = seconds % 86400;
  if (second_of_day < 0) {
    second_of_day += 86400;
    --days;
  }
  const date::year_month_day day{date::sys_days(date::days(days))};
  const int year = static_cast<int>(day.year());
  // Written digit by digit: date::format goes through an ostream and its locale, which cost
  // more than the rest of a table row. Years outside 0000..9999 (possible with a coarser clock
  // than nanoseconds) keep date's spelling.
  if (year < 0 || year > 9999) {
    return date::format("%FT%TZ", date::sys_time<Seconds>(Seconds(seconds)));
  }
  char text[] = "0000-00-00T00:00:00Z";
  const auto put = [&text](std::size_t at, int64_t value, int digits) {
    for (int i = digits - 1; i >= 0; --i, value /= 10) {
      text[at + static_cast<std::size_t>(i)] = static_cast<char>('0' + value % 10);
    }
  };
  put(0, year, 4);
  put(5, static_cast<unsigned>(day.month()), 2);
  put(8, static_cast<unsigned>(day.day()), 2);
  put(11, second_of_day / 3600, 2);
  put(14, second_of_day / 60 % 60, 2);
  put(17, second_of_day % 60, 2);
  return std::string(text, sizeof text - 1);
}

namespace internal {

std::string FormatRfc3339UtcWithFraction(TimePoint time) {
  int64_t ticks = time.time_since_epoch().count() % kTicksPerSecond;
  if (ticks < 0) ticks += kTicksPerSecond;  // the part of the second after the floor
  std::string text = FormatRfc3339Utc(time);
  if (ticks == 0) return text;
  // The fraction in the clock's own digits (9 for nanoseconds), trailing zeros trimmed.
  std::string fraction;
  for (int64_t scale = kTicksPerSecond / 10; scale >= 1; scale /= 10) {
    fraction += static_cast<char>('0' + (ticks / scale) % 10);
  }
  while (fraction.back() == '0') fraction.pop_back();
  text.insert(text.size() - 1, "." + fraction);
  return text;
}

}  // namespace internal
}  // namespace twilio
