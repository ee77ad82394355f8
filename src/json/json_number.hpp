// Internal: reads a JSON number token the way nlohmann/json's lexer classifies it, so the fast
// wire parser and the from_json path agree on every number, however odd.
#pragma once

#include <cstdint>
#include <string_view>

namespace twilio::internal {

struct JsonNumber {
  enum class Kind {
    Invalid,     // not a JSON number token
    Overflow,    // a valid token whose magnitude no double holds (nlohmann rejects it)
    Integer,     // fits int64_t: `value` holds it
    BigInteger,  // a positive integer in (INT64_MAX, UINT64_MAX]
    Float,       // a fraction, an exponent, or an integer beyond the 64-bit ranges
  };
  Kind kind = Kind::Invalid;
  int64_t value = 0;
};

/// Classifies `token` (exactly the number's text, no surrounding whitespace) by RFC 8259's
/// grammar: -?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)? A non-integer that overflows a
/// double is Overflow (an underflow reads as zero, as strtod does).
JsonNumber ClassifyJsonNumber(std::string_view token) noexcept;

}  // namespace twilio::internal
