// Internal: the contract between the transport and the wire parser on a body's spare capacity.
#pragma once

#include <cstddef>

namespace twilio::internal {

/// Spare bytes a transport reserves after a response body, so the wire parser can read past the
/// end of the text (simdjson needs 64) without copying it into a padded buffer.
constexpr std::size_t kBodyPadding = 64;

}  // namespace twilio::internal
