// Internal: a double from plain or scientific notation, in the classic locale whatever locale
// the program set: std::from_chars where the standard library has it for doubles (libc++ only
// from version 17), else a stream imbued with the classic locale.
#pragma once

#include <charconv>
#include <locale>
#include <sstream>
#include <string>
#include <string_view>
#include <system_error>

namespace twilio::internal {

enum class DoubleRead { Ok, OutOfRange, Invalid };

inline DoubleRead ReadDouble(std::string_view text, double& value) {
#if defined(__cpp_lib_to_chars)
  const auto result = std::from_chars(text.data(), text.data() + text.size(), value);
  if (result.ec == std::errc::result_out_of_range) return DoubleRead::OutOfRange;
  return result.ec == std::errc() ? DoubleRead::Ok : DoubleRead::Invalid;
#else
  std::istringstream in{std::string(text)};
  in.imbue(std::locale::classic());
  in >> value;
  if (!in.fail()) return DoubleRead::Ok;
  // A stream fails an out-of-range value with the largest double (or zero for an underflow).
  return value != 0 ? DoubleRead::OutOfRange : DoubleRead::Invalid;
#endif
}

}  // namespace twilio::internal
