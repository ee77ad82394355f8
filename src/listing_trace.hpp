// Internal: one listing's counts and log events. The threads of a listing (the caller's, its
// prefetch, its slices' workers) report to the same trace; the counts are atomics, so Stats()
// may be read while they run. Without a logger no event is built.
#pragma once

#include <atomic>
#include <chrono>
#include <cstddef>
#include <cstdint>
#include <exception>
#include <optional>
#include <string>
#include <vector>

#include "twilio/http/http_client.hpp"
#include "twilio/listing_stats.hpp"
#include "twilio/logging.hpp"
#include "twilio/retry_policy.hpp"

namespace twilio::internal {

class ListingTrace {
 public:
  /// A listing numbered after every one before it in this process; `logger` may be empty.
  explicit ListingTrace(Logger logger);

  std::uint64_t Id() const noexcept { return id_; }

  /// An attempt of `request` is about to go out.
  void RequestSent(const http::HttpRequest& request, int attempt);
  /// It was answered with `response` after `elapsed`.
  void ResponseReceived(const http::HttpRequest& request, int attempt,
                        const http::HttpResponse& response, std::chrono::microseconds elapsed);
  /// It ended without an answer after `elapsed` (the retry or the stop says why).
  void RequestFailed(std::chrono::microseconds elapsed);
  /// A failed attempt is retried after event.delay.
  void RetryScheduled(const RetryEvent& event);
  /// A page of `records`, the body of `response`, was parsed in `elapsed`.
  void PageParsed(std::size_t records, const http::HttpResponse& response,
                  std::chrono::microseconds elapsed);
  /// The listing ended, having delivered `records`: kind ListingFinished or ListingStopped,
  /// `reason` for a stop. Only the first call counts.
  void Ended(LogEventKind kind, LogLevel level, const std::string& reason, std::size_t records);

  /// The counts so far, with `records` delivered.
  ListingStats Stats(std::size_t records) const;

 private:
  LogEvent Event(LogEventKind kind, LogLevel level) const;
  static std::int64_t Now() noexcept;

  const Logger logger_;
  const std::uint64_t id_;
  std::atomic<std::size_t> pages_{0};
  std::atomic<std::size_t> requests_{0};
  std::atomic<std::size_t> retries_{0};
  std::atomic<std::uint64_t> bytes_{0};
  std::atomic<std::int64_t> network_us_{0};
  std::atomic<std::int64_t> parse_us_{0};
  std::atomic<std::int64_t> retry_wait_us_{0};
  std::atomic<std::int64_t> started_us_{0};  // steady clock at the first request; 0: none yet
  std::atomic<std::int64_t> ended_us_{0};    // steady clock at the end; 0: running
  std::atomic<bool> ended_{false};
};

/// `logger` with every occurrence of each of `secrets` (those of 4 characters or more) replaced
/// by "[redacted]" in the text of an event (reason, URL, headers): the SDK puts no credential in
/// an event, and this holds even for an error message a server echoed one in. Empty when
/// `logger` is.
Logger Redacting(Logger logger, std::vector<std::string> secrets);

/// The level of a listing stopped by `error`: Warning for a cancellation or a deadline, Error
/// for the rest.
LogLevel StopLevel(const std::exception& error) noexcept;
/// Why `error` stopped a listing: "cancelled", "deadline exceeded", or its message.
std::string StopReason(const std::exception& error);

/// The microseconds from `start` to now.
inline std::chrono::microseconds Since(std::chrono::steady_clock::time_point start) {
  return std::chrono::duration_cast<std::chrono::microseconds>(std::chrono::steady_clock::now() -
                                                               start);
}

}  // namespace twilio::internal
