// Internal: JSON pointers (RFC 6901) for the paths both page parsers put in ParseException.
#pragma once

#include <string>
#include <string_view>

namespace twilio::internal {

/// `key` as one reference token of a JSON pointer: '~' becomes "~0" and '/' becomes "~1".
std::string EscapeJsonPointerToken(std::string_view key);

}  // namespace twilio::internal
