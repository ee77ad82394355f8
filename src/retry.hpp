// Internal: the one retry loop. It runs a request under a RetryPolicy, asks each failure how it
// sees itself (TwilioException::ForRetry), waits between attempts on an injected clock and
// sleeper, draws jitter from an injected random source, and hands the caller the last error
// with its attempt count. It knows no exception type and no libcurl code.
#pragma once

#include <chrono>
#include <functional>
#include <string>

#include "listing_throttle.hpp"
#include "listing_trace.hpp"
#include "twilio/call_context.hpp"
#include "twilio/errors.hpp"
#include "twilio/retry_policy.hpp"

namespace twilio::internal {

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

/// What the loop reads time and chance from. Every member is set.
struct RetryEnvironment {
  /// The monotonic clock deadlines are measured on.
  std::function<CallContext::Clock::time_point()> now;
  /// The wall clock an HTTP-date Retry-After is measured against.
  std::function<std::chrono::system_clock::time_point()> wall_now;
  /// Waits `delay`, throwing CancelledException or DeadlineExceededException when `ctx` stops.
  std::function<void(std::chrono::milliseconds delay, const CallContext& ctx)> sleep;
  /// A number drawn uniformly from [0, 1), for jitter.
  std::function<double()> random;

  /// The real clocks, a per-thread random source, and RetryPolicy::sleeper when `policy` has
  /// one (else a sleep in short steps that a cancellation or the deadline cuts short).
  static RetryEnvironment For(const RetryPolicy& policy);
};

class RetryLoop {
 public:
  /// `policy` must be valid (RetryPolicy::Validate).
  explicit RetryLoop(const RetryPolicy& policy);
  RetryLoop(RetryPolicy policy, RetryEnvironment environment);

  /// Calls `attempt` until it returns, or throws an error the policy does not retry, or the
  /// policy's attempts or waiting are used up; the error then leaves with Attempts() set. `url`
  /// is only reported to the on_retry hook and the trace. Counting goes on from `state`.
  void Run(const CallContext& ctx, const std::string& url, const std::function<void()>& attempt,
           RetryState& state) const;

  /// `error` ended attempt number state.attempts: rethrows it (with Attempts() set) when the
  /// policy does not retry it, else tells the on_retry hook and the trace, waits the delay and
  /// returns, and the caller makes the next attempt. Call it from the handler that caught
  /// `error`.
  void AfterFailedAttempt(const CallContext& ctx, const std::string& url, TwilioException& error,
                          RetryState& state) const;

 private:
  std::chrono::milliseconds Jittered(std::chrono::milliseconds delay) const;

  RetryPolicy policy_;
  RetryEnvironment environment_;
};

}  // namespace twilio::internal
