/// \file
/// Logging: structured events of what a listing sent and received and why it waited or stopped,
/// for ClientConfig::logger, and the stderr logger TWILIO_LOG_LEVEL turns on. No event carries a
/// credential: not the auth token, the API secret, a proxy's password, nor an Authorization
/// header.
#pragma once

#include <chrono>
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>

#include "twilio/export.hpp"
#include "twilio/http/http_client.hpp"
#include "twilio/listing_stats.hpp"

namespace twilio {

/// How much an event matters, from the most detailed.
enum class LogLevel {
  /// Every request, response and page.
  Debug,
  /// A listing's end, with its counts.
  Info,
  /// A retry, a cancelled listing or one past its deadline.
  Warning,
  /// A listing ended by an error.
  Error,
};

/// What happened.
enum class LogEventKind {
  /// An attempt of a request is being sent (Debug).
  RequestSent,
  /// An attempt was answered, whatever the status (Debug).
  ResponseReceived,
  /// An attempt failed and the next one is due after `delay` (Warning).
  RetryScheduled,
  /// A page became records (Debug).
  PageParsed,
  /// A listing read its last page (Info).
  ListingFinished,
  /// A listing ended before its last page: Limit (Info), cancellation or deadline (Warning), an
  /// error (Error), or the caller letting go of a stream (Info).
  ListingStopped,
};

/// One event. The fields a kind does not use keep their defaults.
struct LogEvent {
  /// What happened.
  LogEventKind kind = LogEventKind::RequestSent;
  /// How much it matters (each kind's level is given at LogEventKind).
  LogLevel level = LogLevel::Debug;
  /// When it happened.
  std::chrono::system_clock::time_point time;
  /// The listing it belongs to, numbered from 1 in the order listings start in this process (a
  /// page call is a listing of one page); its slices share its number.
  std::uint64_t listing = 0;

  /// RequestSent, ResponseReceived, RetryScheduled: the request's method.
  std::string method;
  /// RequestSent, ResponseReceived, RetryScheduled: the request's URL (no credentials in it).
  std::string url;
  /// RequestSent, ResponseReceived, RetryScheduled: the attempt, from 1.
  int attempt = 0;
  /// RequestSent: the request's headers, any Authorization left out. The transport adds its own
  /// (User-Agent, and Authorization, which is never logged).
  http::Headers headers;

  /// ResponseReceived: the HTTP status.
  int status = 0;
  /// ResponseReceived, PageParsed: Twilio's id of the request (Twilio-Request-Id), empty when
  /// the answer had none.
  std::string request_id;
  /// ResponseReceived: the body's size in bytes.
  std::size_t body_bytes = 0;
  /// ResponseReceived: the time to the answer's first byte, when the transport measured it.
  std::optional<std::chrono::microseconds> time_to_first_byte;
  /// ResponseReceived: the attempt's whole time. PageParsed: the time parsing the page.
  std::chrono::microseconds elapsed{0};

  /// RetryScheduled: the failure's message. ListingStopped: why ("Limit", "cancelled",
  /// "deadline exceeded", "closed by the caller", or the error's message).
  std::string reason;
  /// RetryScheduled: the wait before the next attempt.
  std::chrono::milliseconds delay{0};
  /// RetryScheduled: whether the server's Retry-After set the wait.
  bool from_retry_after = false;

  /// PageParsed: the page's records.
  std::size_t records = 0;

  /// ListingFinished, ListingStopped: the listing's counts.
  ListingStats stats;
};

/// Receives events. It is called from the thread that sends a request, the caller's or a
/// listing's background threads (prefetch, time slices), possibly several at once for one
/// listing with parallel slices: it must be safe to call concurrently, be quick and not throw.
using Logger = std::function<void(const LogEvent&)>;

/// "debug", "info", "warning" or "error".
TWILIO_SUPERSIM_EXPORT std::string_view ToString(LogLevel level) noexcept;

/// A level's name in any case ("debug", "INFO", "warn" or "warning", "error"); std::nullopt
/// for anything else.
TWILIO_SUPERSIM_EXPORT std::optional<LogLevel> ParseLogLevel(std::string_view text);

/// The event as one line without a newline: time, level, listing, kind and its fields, e.g.
/// `2026-01-08T10:00:00.123Z debug listing=3 response attempt=1 status=200
/// request_id=RQ... bytes=12034 ttfb_ms=1.2 ms=1.9 GET https://...`. Values that could hold
/// blanks or control characters are quoted and escaped.
TWILIO_SUPERSIM_EXPORT std::string FormatLogEvent(const LogEvent& event);

/// A logger writing FormatLogEvent lines of events at `least` or above to standard error, a
/// whole line per write (lines from several threads do not mix).
TWILIO_SUPERSIM_EXPORT Logger StderrLogger(LogLevel least);

/// The logger a client uses when ClientConfig::logger is empty: StderrLogger(level) when the
/// environment variable TWILIO_LOG_LEVEL names a level (as in Twilio's Node SDK: debug or info,
/// and warning or error), otherwise none. Read when a UsageRecordsApi is made.
TWILIO_SUPERSIM_EXPORT Logger LoggerFromEnvironment();

}  // namespace twilio
