// Internal: Twilio's id of the request an answer belongs to, as support asks for it.
#pragma once

#include <optional>
#include <string>

#include "twilio/http/http_client.hpp"

namespace twilio::internal {

/// The Twilio-Request-Id header of `response`, when it has one that reads as an id: 1 to 64
/// letters, digits, '-' or '_' (Twilio's are RQ and 32 hex digits). Anything else is left out,
/// so that a message or a log line never carries what some proxy put there.
std::optional<std::string> RequestIdOf(const http::HttpResponse& response);

}  // namespace twilio::internal
