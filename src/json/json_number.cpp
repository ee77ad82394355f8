#include "json/json_number.hpp"

#include <charconv>
#include <cstdint>

#include "read_double.hpp"

namespace twilio::internal {
namespace {

bool IsDigit(char c) {
  return c >= '0' && c <= '9';
}

// Advances `i` over one or more digits; false when there is none.
bool Digits(std::string_view s, std::size_t& i) {
  std::size_t start = i;
  while (i < s.size() && IsDigit(s[i])) ++i;
  return i > start;
}

// The power of ten of the token's first significant digit, or a large negative value for zero.
// Saturates: only its sign matters.
int64_t LeadingPower(std::string_view s) {
  std::size_t i = s[0] == '-' ? 1 : 0;
  int64_t power = -1;
  bool seen = false;
  for (; i < s.size() && IsDigit(s[i]); ++i) {
    if (s[i] != '0') seen = true;
    if (seen) ++power;
  }
  if (!seen && i < s.size() && s[i] == '.') {
    for (++i; i < s.size() && s[i] == '0'; ++i) --power;
    if (i == s.size() || !IsDigit(s[i])) return INT64_MIN / 2;  // zero
  }
  std::size_t e = s.find_first_of("eE");
  if (e == std::string_view::npos) return power;
  bool negative = s[e + 1] == '-';
  int64_t exponent = 0;
  for (std::size_t k = e + 1; k < s.size(); ++k) {
    if (IsDigit(s[k]) && exponent < (int64_t{1} << 40)) exponent = exponent * 10 + (s[k] - '0');
  }
  return power + (negative ? -exponent : exponent);
}

// Like nlohmann's strtod: a result beyond the largest double is an overflow.
JsonNumber FloatKind(std::string_view s) {
  double value = 0;
  if (ReadDouble(s, value) == DoubleRead::OutOfRange && LeadingPower(s) >= 0) {
    return {JsonNumber::Kind::Overflow, 0};
  }
  return {JsonNumber::Kind::Float, 0};
}

}  // namespace

JsonNumber ClassifyJsonNumber(std::string_view s) noexcept {
  std::size_t i = 0;
  if (i < s.size() && s[i] == '-') ++i;
  if (i < s.size() && s[i] == '0') {
    ++i;
  } else if (!Digits(s, i)) {
    return {};
  }
  bool integral = true;
  if (i < s.size() && s[i] == '.') {
    ++i;
    if (!Digits(s, i)) return {};
    integral = false;
  }
  if (i < s.size() && (s[i] == 'e' || s[i] == 'E')) {
    ++i;
    if (i < s.size() && (s[i] == '+' || s[i] == '-')) ++i;
    if (!Digits(s, i)) return {};
    integral = false;
  }
  if (i != s.size()) return {};
  const char* end = s.data() + s.size();
  if (!integral) return FloatKind(s);

  int64_t value = 0;
  auto [ptr, ec] = std::from_chars(s.data(), end, value);
  if (ec == std::errc() && ptr == end) return {JsonNumber::Kind::Integer, value};
  // Like nlohmann: a positive integer is tried as unsigned, a negative one falls to float.
  uint64_t big = 0;
  if (s[0] != '-') {
    auto [uptr, uec] = std::from_chars(s.data(), end, big);
    if (uec == std::errc() && uptr == end) return {JsonNumber::Kind::BigInteger, 0};
  }
  return FloatKind(s);
}

}  // namespace twilio::internal
