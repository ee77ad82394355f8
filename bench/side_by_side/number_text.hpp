// Numbers as the report writes them.
#pragma once

#include <cstdint>
#include <string>

namespace twilio::bench {

/// 200000 -> "200,000".
inline std::string Thousands(int64_t value) {
  std::string digits = std::to_string(value);
  const int first = digits[0] == '-' ? 1 : 0;
  for (int at = static_cast<int>(digits.size()) - 3; at > first; at -= 3) digits.insert(at, ",");
  return digits;
}

}  // namespace twilio::bench
