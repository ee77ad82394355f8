// Internal: bounds the JSON parser enforces (the tests' DOM oracle enforces the same).
#pragma once

#include <cstddef>

namespace twilio::internal {

/// The deepest nesting of objects and arrays a page may have (Twilio's pages use 4 levels); a
/// bound keeps a hostile body from exhausting the stack of a recursive walk.
constexpr int kMaxJsonDepth = 256;

}  // namespace twilio::internal
