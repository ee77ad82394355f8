// Internal: turns a non-2xx response into the ApiException the caller sees.
#pragma once

#include "twilio/errors.hpp"
#include "twilio/http/http_client.hpp"

namespace twilio::internal {

/// Reads Twilio's error JSON ({"code","message","more_info","status","details"}) when the body
/// holds it; any other body (an HTML page from a proxy) is kept raw with a generic message.
ApiException MakeApiException(const http::HttpResponse& response);

}  // namespace twilio::internal
