// Internal: a value a user gave, put in an error message: quoted, cut to a sane length, its
// control characters escaped, so the message stays one line and cannot be spoofed.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace twilio::internal {

/// `value` in double quotes: '"' and '\' escaped, bytes below 0x20 and 0x7f as \xNN, and past
/// `most` bytes cut with "..." after the closing quote.
std::string QuotedValue(std::string_view value, std::size_t most = 64);

}  // namespace twilio::internal
