#include "twilio/retry_policy.hpp"

#include <cmath>
#include <sstream>

#include "date_include.hpp"

namespace twilio {
namespace {

using std::chrono::milliseconds;

std::optional<std::chrono::system_clock::time_point> ParseHttpDate(const std::string& value) {
  // IMF-fixdate first, then the two obsolete forms RFC 9110 still asks recipients to accept.
  for (const char* format :
       {"%a, %d %b %Y %H:%M:%S GMT", "%A, %d-%b-%y %H:%M:%S GMT", "%a %b %e %H:%M:%S %Y"}) {
    std::istringstream in(value);
    date::sys_seconds time;
    in >> date::parse(format, time);
    if (!in.fail() && (in >> std::ws).eof()) return time;
  }
  return std::nullopt;
}

}  // namespace

void RetryPolicy::Validate() const {
  if (max_attempts < 1) throw ValidationException("retry.max_attempts", "must be at least 1");
  if (initial_delay.count() < 0) {
    throw ValidationException("retry.initial_delay", "must not be negative");
  }
  if (max_delay.count() < 0) throw ValidationException("retry.max_delay", "must not be negative");
  if (max_total_delay.count() < 0) {
    throw ValidationException("retry.max_total_delay", "must not be negative");
  }
  // Written so that NaN fails too.
  if (!(multiplier >= 1.0)) throw ValidationException("retry.multiplier", "must be at least 1");
  if (!(jitter >= 0.0 && jitter <= 1.0)) {
    throw ValidationException("retry.jitter", "must be between 0 and 1");
  }
}

milliseconds RetryPolicy::BackoffFor(int attempt) const {
  double factor = std::pow(multiplier, std::max(0, attempt - 1));
  double delay = static_cast<double>(initial_delay.count()) * factor;
  double cap = static_cast<double>(max_delay.count());
  return milliseconds(static_cast<int64_t>(std::min(delay, cap)));
}

std::optional<milliseconds> ParseRetryAfter(const std::string& value,
                                            std::chrono::system_clock::time_point now) {
  std::string text = value;
  while (!text.empty() && (text.back() == ' ' || text.back() == '\t')) text.pop_back();
  while (!text.empty() && (text.front() == ' ' || text.front() == '\t')) text.erase(0, 1);
  if (!text.empty() && text.find_first_not_of("0123456789") == std::string::npos) {
    if (text.size() > 9) return milliseconds(std::chrono::hours(24 * 365));  // absurdly long
    return milliseconds(std::stoll(text) * 1000);
  }
  auto when = ParseHttpDate(text);
  if (!when) return std::nullopt;
  auto left = std::chrono::ceil<milliseconds>(*when - now);
  return std::max(left, milliseconds(0));
}

}  // namespace twilio
