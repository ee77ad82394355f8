// Internal: the part of ClientConfig::Validate that every listing needs whatever its transport
// (a custom http::HttpClient brings its own credentials and URL rules).
#pragma once

#include "twilio/client_config.hpp"

namespace twilio::internal {

/// A valid config.retry (RetryPolicy::Validate) and config.max_consecutive_empty_pages >= 1;
/// throws ValidationException naming the first unusable field.
void ValidateListingSettings(const ClientConfig& config);

}  // namespace twilio::internal
