/// \file
/// RetryPolicy: which failures of a request are tried again, how long to wait between tries, and
/// a hook that sees every retry.
#pragma once

#include <chrono>
#include <cstdint>
#include <functional>
#include <optional>
#include <set>
#include <string>

#include "twilio/errors.hpp"
#include "twilio/export.hpp"

namespace twilio {

/// What a retry hook is told, once per retry, before the wait.
struct RetryEvent {
  /// The attempt that failed, from 1.
  int attempt = 0;
  /// The error status the failed attempt was answered with; empty for a transport failure or a
  /// body that was not JSON (whatever its status).
  std::optional<int> status;
  /// The libcurl code of a transport failure (0 otherwise).
  int curl_code = 0;
  /// The failure, as its exception's message says it (never a credential).
  std::string error;
  /// How long the SDK waits before the next attempt.
  std::chrono::milliseconds delay{0};
  /// Whether `delay` came from the server's Retry-After header.
  bool from_retry_after = false;
  /// The URL that is tried again (no credentials in it).
  std::string url;
};

/// Retries for Twilio's GET-only list API. The default retries 429, 500, 502, 503, 504,
/// transport failures that may pass (connection refused or reset, timeouts, truncated
/// transfers, a body that is not JSON at all) up to 4 attempts in all, waiting with exponential
/// backoff and jitter, or as long as Retry-After says, capped by max_delay. 400, 401, 403, 404
/// and a body of the wrong shape are never retried. Each page is retried on its own: a failure
/// on page 40 repeats page 40 only.
struct TWILIO_SUPERSIM_EXPORT RetryPolicy {
  /// Attempts in all, the first included: 1 turns retries off.
  int max_attempts = 4;
  /// The wait before the second attempt; each further wait is `multiplier` times longer.
  std::chrono::milliseconds initial_delay{500};
  /// The growth of each wait over the one before (>= 1; 1 keeps every wait equal).
  double multiplier = 2.0;
  /// A cap on any single wait, Retry-After included.
  std::chrono::milliseconds max_delay{std::chrono::seconds(30)};
  /// A cap on all the waiting for one request: a retry that would pass it is not made.
  std::chrono::milliseconds max_total_delay{std::chrono::minutes(2)};
  /// Each backoff wait is drawn uniformly from [(1 - jitter) * d, d], so clients that failed
  /// together do not retry together. 0 gives exact waits.
  double jitter = 0.5;
  /// HTTP statuses that are retried. A status listed here is retried whatever it is (even a
  /// 401 or a 3xx, though the SDK never follows the redirect); the default lists none of those.
  std::set<int> retry_statuses = {429, 500, 502, 503, 504};
  /// Retry transport failures that may pass, and bodies that are not JSON at all.
  bool retry_transport_errors = true;
  /// Called before each wait, from the thread sending the request: the caller's, or for a page
  /// a listing prefetches (ClientConfig::prefetch_next_page), its background thread. Calls for
  /// one listing never overlap. Must not throw.
  std::function<void(const RetryEvent&)> on_retry;
  /// Waits between attempts instead of the real clock, given each delay as on_retry reports it.
  /// Empty: the SDK sleeps, in short steps that a cancellation or the deadline cuts short. Set
  /// it in tests to record the waits and return at once (a sleeper that blocks is not cut short:
  /// the SDK sees a cancellation or the deadline when it returns). Called from the same threads
  /// as on_retry. Must not throw.
  std::function<void(std::chrono::milliseconds delay)> sleeper;

  /// Throws ValidationException naming the first unusable field ("retry.max_attempts" below 1,
  /// a negative "retry.initial_delay", "retry.max_delay" or "retry.max_total_delay", a
  /// "retry.multiplier" below 1, a "retry.jitter" outside [0, 1]). ClientConfig::Validate and
  /// every UsageRecordsApi constructor call it.
  void Validate() const;

  /// A policy that never retries.
  static RetryPolicy None() {
    RetryPolicy policy;
    policy.max_attempts = 1;
    return policy;
  }

  /// The backoff before attempt `attempt + 1` with no Retry-After, before jitter:
  /// min(max_delay, initial_delay * multiplier^(attempt - 1)).
  std::chrono::milliseconds BackoffFor(int attempt) const;
};

/// Reads a Retry-After value: delay-seconds ("120") or an HTTP-date ("Wed, 21 Oct 2026 07:28:00
/// GMT", also the obsolete RFC 850 and asctime forms), relative to `now`. std::nullopt when it is
/// neither; a date in the past gives zero.
TWILIO_SUPERSIM_EXPORT std::optional<std::chrono::milliseconds> ParseRetryAfter(
    const std::string& value,
    std::chrono::system_clock::time_point now = std::chrono::system_clock::now());

}  // namespace twilio
