#include "twilio/time_format.hpp"

#include <sstream>
#include <stdexcept>

#include "date_include.hpp"

namespace twilio {
namespace {

bool IsDigit(char c) {
  return c >= '0' && c <= '9';
}

// date::parse is lenient about widths ("2019-5-3"); RFC 3339 is not, so check the shape first:
// YYYY-MM-DDTHH:MM:SS[.fraction](Z|+HH:MM|-HH:MM).
void CheckShape(std::string_view s) {
  auto fail = [&](const char* what) {
    throw std::invalid_argument("not an RFC 3339 date-time (" + std::string(what) + "): \"" +
                                std::string(s.substr(0, 64)) + "\"");
  };
  static constexpr std::string_view kPattern = "dddd-dd-ddTdd:dd:dd";
  if (s.size() < kPattern.size() + 1) fail("too short");
  for (std::size_t i = 0; i < kPattern.size(); ++i) {
    char p = kPattern[i];
    char c = s[i];
    bool ok = p == 'd' ? IsDigit(c) : p == 'T' ? (c == 'T' || c == 't') : c == p;
    if (!ok) fail("expected YYYY-MM-DDTHH:MM:SS");
  }
  std::size_t i = kPattern.size();
  if (s[i] == '.') {
    std::size_t digits = 0;
    while (++i < s.size() && IsDigit(s[i])) ++digits;
    if (digits == 0 || digits > 9) fail("fraction must have 1 to 9 digits");
  }
  std::string_view zone = s.substr(i);
  bool zulu = zone == "Z" || zone == "z";
  bool offset = zone.size() == 6 && (zone[0] == '+' || zone[0] == '-') && IsDigit(zone[1]) &&
                IsDigit(zone[2]) && zone[3] == ':' && IsDigit(zone[4]) && IsDigit(zone[5]);
  if (!zulu && !offset) fail("expected Z or an offset +hh:mm");
}

}  // namespace

TimePoint ParseRfc3339(std::string_view text) {
  CheckShape(text);
  std::string normalized(text);
  normalized[10] = 'T';
  char& last = normalized.back();
  if (last == 'Z' || last == 'z') {
    normalized.pop_back();
    normalized += "+00:00";
  }
  std::istringstream in(normalized);
  date::sys_time<std::chrono::nanoseconds> parsed;
  in >> date::parse("%FT%T%Ez", parsed);
  if (in.fail() || in.peek() != std::char_traits<char>::eof()) {
    throw std::invalid_argument("not a valid calendar date-time: \"" + std::string(text) + "\"");
  }
  // Reject days that do not exist (date::parse accepts 2019-02-30 as a field value).
  auto ymd =
      date::year_month_day{date::year{std::stoi(normalized.substr(0, 4))},
                           date::month{static_cast<unsigned>(std::stoi(normalized.substr(5, 2)))},
                           date::day{static_cast<unsigned>(std::stoi(normalized.substr(8, 2)))}};
  if (!ymd.ok()) throw std::invalid_argument("no such day: \"" + std::string(text) + "\"");
  return std::chrono::time_point_cast<TimePoint::duration>(parsed);
}

std::string FormatRfc3339Utc(TimePoint time) {
  return date::format("%FT%TZ", date::floor<std::chrono::seconds>(time));
}

}  // namespace twilio
