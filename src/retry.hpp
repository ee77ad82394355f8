// Internal: runs one request under a RetryPolicy: classifies each failure, waits between
// attempts (interruptibly), and hands the caller the last error with its attempt count.
#pragma once

#include <chrono>
#include <functional>
#include <string>

#include "listing_throttle.hpp"
#include "listing_trace.hpp"
#include "twilio/call_context.hpp"
#include "twilio/client_config.hpp"
#include "twilio/errors.hpp"
#include "twilio/retry_policy.hpp"

namespace twilio::internal {

/// What every listing needs whatever the transport: a usable config.retry and
/// config.max_consecutive_empty_pages >= 1. Throws ValidationException naming the first
/// unusable field ("retry.max_attempts", ..., "max_consecutive_empty_pages").
void ValidateListingSettings(const ClientConfig& config);

/// How far one request got through its policy: attempts made and time spent waiting. A request
/// whose attempt is finished on another thread (a page received in the background, parsed by
/// the reader) carries it along, so the policy's bounds hold for the request as a whole.
struct RetryState {
  int attempts = 0;
  std::chrono::milliseconds waited{0};
  /// The listing's shared pause when it runs as concurrent slices: every attempt waits for it,
  /// and a 429 or a Retry-After sets it for all of them. nullptr: this request alone.
  ListingThrottle* throttle = nullptr;
  /// The listing's counts and log events (retries are reported to it); nullptr: none.
  ListingTrace* trace = nullptr;
};

/// Calls `attempt` until it returns, or throws an error the policy does not retry, or the
/// policy's attempts or waiting are used up; the error then leaves with Attempts() set. `url`
/// is only reported to the on_retry hook. Counting goes on from `state`, which is updated.
void RunWithRetries(const RetryPolicy& policy, const CallContext& ctx, const std::string& url,
                    const std::function<void()>& attempt, RetryState& state);

/// The same from a fresh state.
void RunWithRetries(const RetryPolicy& policy, const CallContext& ctx, const std::string& url,
                    const std::function<void()>& attempt);

/// `error` ended attempt number state.attempts: rethrows it (with Attempts() set) when the
/// policy does not retry it, else tells the on_retry hook, waits the delay and returns, and the
/// caller makes the next attempt. Call it from the handler that caught `error`.
void AfterFailedAttempt(const RetryPolicy& policy, const CallContext& ctx, const std::string& url,
                        TwilioException& error, RetryState& state);

}  // namespace twilio::internal
