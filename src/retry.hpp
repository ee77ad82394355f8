// Internal: runs one request under a RetryPolicy: classifies each failure, waits between
// attempts (interruptibly), and hands the caller the last error with its attempt count.
#pragma once

#include <functional>
#include <string>

#include "twilio/call_context.hpp"
#include "twilio/client_config.hpp"
#include "twilio/retry_policy.hpp"

namespace twilio::internal {

/// What every listing needs whatever the transport: a usable config.retry and
/// config.max_consecutive_empty_pages >= 1. Throws ValidationException naming the first
/// unusable field ("retry.max_attempts", ..., "max_consecutive_empty_pages").
void ValidateListingSettings(const ClientConfig& config);

/// Calls `attempt` until it returns, or throws an error the policy does not retry, or the
/// policy's attempts or waiting are used up; the error then leaves with Attempts() set. `url`
/// is only reported to the on_retry hook.
void RunWithRetries(const RetryPolicy& policy, const CallContext& ctx, const std::string& url,
                    const std::function<void()>& attempt);

}  // namespace twilio::internal
