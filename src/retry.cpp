#include "retry.hpp"

#include <algorithm>
#include <random>
#include <thread>

#include "twilio/errors.hpp"

namespace twilio::internal {
namespace {

using std::chrono::milliseconds;

// libcurl failures a later attempt may not meet: no connection, a connection that broke, a
// transfer that stalled. DNS, TLS verification and oversized bodies are not among them.
bool IsTransientCurlCode(int code) {
  switch (code) {
    case 7:   // CURLE_COULDNT_CONNECT
    case 16:  // CURLE_HTTP2
    case 18:  // CURLE_PARTIAL_FILE
    case 28:  // CURLE_OPERATION_TIMEDOUT
    case 52:  // CURLE_GOT_NOTHING
    case 55:  // CURLE_SEND_ERROR
    case 56:  // CURLE_RECV_ERROR
    case 92:  // CURLE_HTTP2_STREAM
      return true;
    default:
      return false;
  }
}

struct Failure {
  bool retryable = false;
  RetryEvent event;
  std::optional<milliseconds> retry_after;
};

Failure Classify(const TwilioException& error, const RetryPolicy& policy) {
  Failure failure;
  failure.event.error = error.what();
  if (const auto* api = dynamic_cast<const ApiException*>(&error)) {
    failure.event.status = api->Status();
    failure.retryable = policy.retry_statuses.count(api->Status()) != 0;
    if (api->RetryAfter()) failure.retry_after = ParseRetryAfter(*api->RetryAfter());
  } else if (const auto* transport = dynamic_cast<const TransportException*>(&error)) {
    failure.event.curl_code = transport->CurlCode();
    failure.retryable = policy.retry_transport_errors && IsTransientCurlCode(transport->CurlCode());
  } else if (const auto* parse = dynamic_cast<const ParseException*>(&error)) {
    // A body that is not JSON at all was cut short or garbled on the way; a field of the wrong
    // type would be wrong again.
    failure.retryable = policy.retry_transport_errors && parse->Path().empty();
  }
  return failure;
}

milliseconds Jittered(milliseconds delay, double jitter) {
  if (jitter <= 0 || delay.count() == 0) return delay;
  thread_local std::mt19937_64 random{std::random_device{}()};
  std::uniform_real_distribution<double> share(1.0 - jitter, 1.0);
  return milliseconds(static_cast<int64_t>(static_cast<double>(delay.count()) * share(random)));
}

// Sleeps in short steps so that a cancellation or the deadline ends the wait at once.
void Wait(milliseconds delay, const CallContext& ctx) {
  auto until = std::chrono::steady_clock::now() + delay;
  for (;;) {
    ctx.ThrowIfDone();
    auto now = std::chrono::steady_clock::now();
    if (now >= until) return;
    std::this_thread::sleep_for(
        std::min<std::chrono::steady_clock::duration>(until - now, std::chrono::milliseconds(20)));
  }
}

void ValidateRetryPolicy(const RetryPolicy& policy) {
  if (policy.max_attempts < 1)
    throw ValidationException("retry.max_attempts", "must be at least 1");
  if (policy.initial_delay.count() < 0) {
    throw ValidationException("retry.initial_delay", "must not be negative");
  }
  if (policy.max_delay.count() < 0)
    throw ValidationException("retry.max_delay", "must not be negative");
  if (policy.max_total_delay.count() < 0) {
    throw ValidationException("retry.max_total_delay", "must not be negative");
  }
  if (!(policy.multiplier >= 1.0))
    throw ValidationException("retry.multiplier", "must be at least 1");
  if (!(policy.jitter >= 0.0 && policy.jitter <= 1.0)) {
    throw ValidationException("retry.jitter", "must be between 0 and 1");
  }
}

}  // namespace

void ValidateListingSettings(const ClientConfig& config) {
  ValidateRetryPolicy(config.retry);
  if (config.max_consecutive_empty_pages < 1) {
    throw ValidationException("max_consecutive_empty_pages", "must be at least 1");
  }
}

void AfterFailedAttempt(const RetryPolicy& policy, const CallContext& ctx, const std::string& url,
                        TwilioException& error, RetryState& state) {
  Failure failure = Classify(error, policy);
  const int number = state.attempts;
  error.SetAttempts(number);
  if (!failure.retryable || number >= policy.max_attempts) throw;
  milliseconds delay = failure.retry_after ? std::min(*failure.retry_after, policy.max_delay)
                                           : Jittered(policy.BackoffFor(number), policy.jitter);
  // Waiting past the caller's deadline or the policy's budget would only delay the error.
  if (state.waited + delay > policy.max_total_delay) throw;
  if (ctx.deadline && std::chrono::steady_clock::now() + delay >= *ctx.deadline) throw;
  failure.event.attempt = number;
  failure.event.delay = delay;
  failure.event.from_retry_after = failure.retry_after.has_value();
  failure.event.url = url;
  if (policy.on_retry) policy.on_retry(failure.event);
  if (state.trace != nullptr) state.trace->RetryScheduled(failure.event);
  // A rate limit speaks for the account, not for this request: the listing's other requests
  // hold as long.
  if (state.throttle != nullptr && (failure.retry_after || failure.event.status == 429)) {
    state.throttle->HoldFor(delay);
  }
  Wait(delay, ctx);
  state.waited += delay;
}

void RunWithRetries(const RetryPolicy& policy, const CallContext& ctx, const std::string& url,
                    const std::function<void()>& attempt, RetryState& state) {
  for (;;) {
    ++state.attempts;
    try {
      if (state.throttle != nullptr) state.throttle->Wait(ctx);
      attempt();
      return;
    } catch (TwilioException& error) {
      AfterFailedAttempt(policy, ctx, url, error, state);
    }
  }
}

void RunWithRetries(const RetryPolicy& policy, const CallContext& ctx, const std::string& url,
                    const std::function<void()>& attempt) {
  RetryState state;
  RunWithRetries(policy, ctx, url, attempt, state);
}

}  // namespace twilio::internal
