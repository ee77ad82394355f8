#include "retry.hpp"

#include <algorithm>
#include <random>
#include <thread>
#include <utility>

namespace twilio::internal {
namespace {

using std::chrono::milliseconds;

// Sleeps in short steps so that a cancellation or the deadline ends the wait at once.
void SleepInSteps(milliseconds delay, const CallContext& ctx) {
  const auto until = CallContext::Clock::now() + delay;
  for (;;) {
    ctx.ThrowIfDone();
    const auto now = CallContext::Clock::now();
    if (now >= until) return;
    std::this_thread::sleep_for(
        std::min<CallContext::Clock::duration>(until - now, std::chrono::milliseconds(20)));
  }
}

double ThreadRandom() {
  thread_local std::mt19937_64 random{std::random_device{}()};
  return std::uniform_real_distribution<double>(0.0, 1.0)(random);
}

}  // namespace

RetryEnvironment RetryEnvironment::For(const RetryPolicy& policy) {
  RetryEnvironment environment;
  environment.now = [] { return CallContext::Clock::now(); };
  environment.wall_now = [] { return std::chrono::system_clock::now(); };
  if (policy.sleeper) {
    // The user's sleeper cannot see the context: a stop is noticed as soon as it returns.
    environment.sleep = [sleeper = policy.sleeper](milliseconds delay, const CallContext& ctx) {
      sleeper(delay);
      ctx.ThrowIfDone();
    };
  } else {
    environment.sleep = SleepInSteps;
  }
  environment.random = ThreadRandom;
  return environment;
}

RetryLoop::RetryLoop(const RetryPolicy& policy)
    : RetryLoop(policy, RetryEnvironment::For(policy)) {}

RetryLoop::RetryLoop(RetryPolicy policy, RetryEnvironment environment)
    : policy_(std::move(policy)), environment_(std::move(environment)) {}

milliseconds RetryLoop::Jittered(milliseconds delay) const {
  if (policy_.jitter <= 0 || delay.count() == 0) return delay;
  // Uniform in [(1 - jitter) * delay, delay].
  const double share = 1.0 - policy_.jitter * environment_.random();
  return milliseconds(static_cast<int64_t>(static_cast<double>(delay.count()) * share));
}

void RetryLoop::AfterFailedAttempt(const CallContext& ctx, const std::string& url,
                                   TwilioException& error, RetryState& state) const {
  const RetryTraits traits = error.ForRetry();
  const std::string message = error.what();  // as the hook has always seen it: no attempt count
  const int number = state.attempts;
  error.SetAttempts(number);
  const bool retryable = traits.status ? policy_.retry_statuses.count(*traits.status) != 0
                                       : policy_.retry_transport_errors && traits.transient;
  if (!retryable || number >= policy_.max_attempts) throw;
  std::optional<milliseconds> retry_after;
  if (traits.status && traits.retry_after) {
    retry_after = ParseRetryAfter(*traits.retry_after, environment_.wall_now());
  }
  const milliseconds delay = retry_after ? std::min(*retry_after, policy_.max_delay)
                                         : Jittered(policy_.BackoffFor(number));
  // Waiting past the caller's deadline or the policy's budget would only delay the error.
  if (state.waited + delay > policy_.max_total_delay) throw;
  if (ctx.deadline && environment_.now() + delay >= *ctx.deadline) throw;
  RetryEvent event;
  event.attempt = number;
  event.status = traits.status;
  event.curl_code = traits.curl_code;
  event.error = message;
  event.delay = delay;
  event.from_retry_after = retry_after.has_value();
  event.url = url;
  if (policy_.on_retry) policy_.on_retry(event);
  if (state.trace != nullptr) state.trace->RetryScheduled(event);
  // A rate limit speaks for the account, not for this request: the listing's other requests
  // hold as long.
  if (state.throttle != nullptr && (retry_after || traits.status == 429)) {
    state.throttle->HoldFor(delay);
  }
  environment_.sleep(delay, ctx);
  state.waited += delay;
}

void RetryLoop::Run(const CallContext& ctx, const std::string& url,
                    const std::function<void()>& attempt, RetryState& state) const {
  for (;;) {
    ++state.attempts;
    try {
      if (state.throttle != nullptr) state.throttle->Wait(ctx);
      attempt();
      return;
    } catch (TwilioException& error) {
      AfterFailedAttempt(ctx, url, error, state);
    }
  }
}

}  // namespace twilio::internal
