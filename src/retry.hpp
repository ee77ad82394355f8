// Internal: runs one request under a RetryPolicy: classifies each failure, waits between
// attempts (interruptibly), and hands the caller the last error with its attempt count.
#pragma once

#include <functional>
#include <string>

#include "twilio/call_context.hpp"
#include "twilio/retry_policy.hpp"

namespace twilio::internal {

/// Throws ValidationException naming the first unusable field of `policy` ("retry.max_attempts",
/// ...).
void ValidateRetryPolicy(const RetryPolicy& policy);

/// Calls `attempt` until it returns, or throws an error the policy does not retry, or the
/// policy's attempts or waiting are used up; the error then leaves with Attempts() set. `url`
/// is only reported to the on_retry hook.
void RunWithRetries(const RetryPolicy& policy, const CallContext& ctx, const std::string& url,
                    const std::function<void()>& attempt);

}  // namespace twilio::internal
