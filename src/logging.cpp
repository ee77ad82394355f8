#include "twilio/logging.hpp"

#include <algorithm>
#include <cstdio>
#include <memory>
#include <mutex>

#include "ascii.hpp"
#include "environment.hpp"
#include "message_text.hpp"
#include "twilio/time_format.hpp"

namespace twilio {
namespace {

using std::chrono::microseconds;

// "2026-01-08T10:00:00.123Z": FormatRfc3339Utc's seconds and the milliseconds.
std::string TimeText(std::chrono::system_clock::time_point time) {
  const auto seconds = std::chrono::floor<std::chrono::seconds>(time);
  const auto millis = std::chrono::duration_cast<std::chrono::milliseconds>(time - seconds).count();
  std::string text = FormatRfc3339Utc(seconds);
  char fraction[8];
  std::snprintf(fraction, sizeof fraction, ".%03d", static_cast<int>(millis));
  text.insert(text.size() - 1, fraction);
  return text;
}

// Milliseconds with one decimal: "1.9".
std::string Millis(microseconds duration) {
  char text[32];
  std::snprintf(text, sizeof text, "%.1f", static_cast<double>(duration.count()) / 1000.0);
  return text;
}

// A URL as sent (percent-encoded, so blank-free), quoted should it hold anything else.
std::string UrlText(const std::string& url) {
  const bool plain = std::all_of(url.begin(), url.end(), [](char c) {
    const auto byte = static_cast<unsigned char>(c);
    return byte > 0x20 && byte < 0x7f && c != '"';
  });
  return plain ? url : internal::QuotedValue(url, 2048);
}

std::string StatsText(const ListingStats& stats) {
  return "records=" + std::to_string(stats.records) + " pages=" + std::to_string(stats.pages) +
         " requests=" + std::to_string(stats.requests) +
         " retries=" + std::to_string(stats.retries) + " bytes=" + std::to_string(stats.bytes) +
         " wall_ms=" + Millis(stats.wall_time) + " network_ms=" + Millis(stats.network_time) +
         " parse_ms=" + Millis(stats.parse_time) + " retry_wait_ms=" + Millis(stats.retry_wait);
}

std::string RequestText(const LogEvent& event) {
  return " " + event.method + " " + UrlText(event.url);
}

}  // namespace

std::string_view ToString(LogLevel level) noexcept {
  switch (level) {
    case LogLevel::Debug:
      return "debug";
    case LogLevel::Info:
      return "info";
    case LogLevel::Warning:
      return "warning";
    case LogLevel::Error:
      return "error";
  }
  return "error";
}

std::optional<LogLevel> ParseLogLevel(std::string_view text) {
  const std::string lower = internal::AsciiLower(text);
  if (lower == "debug") return LogLevel::Debug;
  if (lower == "info") return LogLevel::Info;
  if (lower == "warning" || lower == "warn") return LogLevel::Warning;
  if (lower == "error") return LogLevel::Error;
  return std::nullopt;
}

std::string FormatLogEvent(const LogEvent& event) {
  std::string line = TimeText(event.time) + " " + std::string(ToString(event.level)) +
                     " listing=" + std::to_string(event.listing);
  const std::string attempt = " attempt=" + std::to_string(event.attempt);
  switch (event.kind) {
    case LogEventKind::RequestSent:
      line += " request" + attempt + RequestText(event);
      for (const auto& [name, value] : event.headers) {
        line += ' ';
        line += internal::QuotedValue(std::string(name).append(": ").append(value), 256);
      }
      break;
    case LogEventKind::ResponseReceived:
      line += " response" + attempt + " status=" + std::to_string(event.status);
      if (!event.request_id.empty()) line += " request_id=" + event.request_id;
      line += " bytes=" + std::to_string(event.body_bytes);
      if (event.time_to_first_byte) line += " ttfb_ms=" + Millis(*event.time_to_first_byte);
      line += " ms=" + Millis(event.elapsed) + RequestText(event);
      break;
    case LogEventKind::RetryScheduled:
      line += " retry" + attempt + " delay_ms=" + std::to_string(event.delay.count()) +
              (event.from_retry_after ? " retry_after=yes" : " retry_after=no") +
              " reason=" + internal::QuotedValue(event.reason, 512) + RequestText(event);
      break;
    case LogEventKind::PageParsed:
      line += " page records=" + std::to_string(event.records);
      if (!event.request_id.empty()) line += " request_id=" + event.request_id;
      line += " parse_ms=" + Millis(event.elapsed);
      break;
    case LogEventKind::ListingFinished:
      line += " finished " + StatsText(event.stats);
      break;
    case LogEventKind::ListingStopped:
      line += " stopped reason=" + internal::QuotedValue(event.reason, 512) + " " +
              StatsText(event.stats);
      break;
  }
  return line;
}

Logger StderrLogger(LogLevel least) {
  // One lock for every stderr logger of the process: a line is written whole.
  static std::mutex mutex;
  return [least](const LogEvent& event) {
    if (event.level < least) return;
    const std::string line = FormatLogEvent(event) + "\n";
    std::lock_guard<std::mutex> lock(mutex);
    std::fwrite(line.data(), 1, line.size(), stderr);
    std::fflush(stderr);
  };
}

Logger LoggerFromEnvironment() {
  const std::string value = internal::EnvironmentValue("TWILIO_LOG_LEVEL");
  if (value.empty()) return nullptr;
  const std::optional<LogLevel> level = ParseLogLevel(value);
  return level ? StderrLogger(*level) : nullptr;
}

}  // namespace twilio
