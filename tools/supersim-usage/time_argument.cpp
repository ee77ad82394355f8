#include "time_argument.hpp"

#include <charconv>
#include <cstdint>
#include <stdexcept>
#include <string>

#include "cli_options.hpp"

namespace supersim_usage {
namespace {

constexpr std::string_view kForms =
    "expected a date-time such as 2026-01-01T00:00:00Z, a date such as 2026-01-01, or a "
    "relative past such as -7d";

bool IsDigit(char c) {
  return c >= '0' && c <= '9';
}

bool IsDate(std::string_view text) {
  static constexpr std::string_view kPattern = "dddd-dd-dd";
  if (text.size() != kPattern.size()) return false;
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (kPattern[i] == 'd' ? !IsDigit(text[i]) : text[i] != kPattern[i]) return false;
  }
  return true;
}

// A date followed by the 'T' of a time: an attempt at RFC 3339, whose parser says best what is
// wrong with it.
bool LooksLikeDateTime(std::string_view text) {
  return text.size() > 10 && IsDate(text.substr(0, 10)) && (text[10] == 'T' || text[10] == 't');
}

std::string Quoted(std::string_view text) {
  return QuoteForMessage(std::string(text.substr(0, 64)));
}

int64_t UnitSeconds(char unit) {
  switch (unit) {
    case 'm':
      return 60;
    case 'h':
      return int64_t{60} * 60;
    case 'd':
      return int64_t{24} * 60 * 60;
    case 'w':
      return int64_t{7} * 24 * 60 * 60;
    default:
      return 0;
  }
}

twilio::TimePoint ParseRelative(std::string_view text, twilio::TimePoint now) {
  const std::string problem =
      "not a relative time: " + Quoted(text) + " (expected -<N> then m, h, d or w, e.g. -7d)";
  if (text.size() < 3) throw std::invalid_argument(problem);
  const int64_t unit = UnitSeconds(text.back());
  const std::string_view digits = text.substr(1, text.size() - 2);
  int64_t count = 0;
  auto [end, ec] = std::from_chars(digits.data(), digits.data() + digits.size(), count);
  // from_chars would take a sign; only digits make a count here.
  if (unit == 0 || !IsDigit(digits.front()) || end != digits.data() + digits.size() ||
      (ec != std::errc() && ec != std::errc::result_out_of_range)) {
    throw std::invalid_argument(problem);
  }
  // The earliest whole second a TimePoint holds, with a second to spare for now's fraction.
  const int64_t reach =
      twilio::UnixSeconds(now) - twilio::UnixSeconds(twilio::TimePoint::min()) - 1;
  int64_t seconds = 0;
  if (ec == std::errc::result_out_of_range || __builtin_mul_overflow(count, unit, &seconds) ||
      seconds > reach) {
    throw std::invalid_argument("too far in the past: " + Quoted(text));
  }
  return now - std::chrono::seconds(seconds);
}

}  // namespace

twilio::TimePoint ParseTimeArgument(std::string_view text, twilio::TimePoint now) {
  if (!text.empty() && text.front() == '-') return ParseRelative(text, now);
  if (IsDate(text)) {
    try {
      return twilio::ParseRfc3339(std::string(text) + "T00:00:00Z");
    } catch (const std::exception&) {  // 2026-02-30, or a year a TimePoint cannot hold
      throw std::invalid_argument("not a calendar date: " + Quoted(text));
    }
  }
  if (LooksLikeDateTime(text)) {
    try {
      return twilio::ParseRfc3339(text);
    } catch (const std::exception& e) {  // invalid_argument, or out_of_range from a wild year
      throw std::invalid_argument(std::string(e.what()) + " (" + std::string(kForms) + ")");
    }
  }
  throw std::invalid_argument("not a time: " + Quoted(text) + " (" + std::string(kForms) + ")");
}

twilio::TimePoint CommandNow(const char* override, twilio::TimePoint clock) {
  if (override == nullptr || *override == '\0') return clock;
  try {
    return twilio::ParseRfc3339(override);
  } catch (const std::invalid_argument& e) {
    throw std::invalid_argument(std::string("SUPERSIM_USAGE_NOW: ") + e.what());
  }
}

}  // namespace supersim_usage
