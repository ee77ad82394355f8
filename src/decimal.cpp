#include "twilio/decimal.hpp"

#include <algorithm>
#include <charconv>
#include <cstdint>
#include <stdexcept>
#include <utility>

#include "read_double.hpp"

namespace twilio {
namespace {

bool IsDigit(char c) {
  return c >= '0' && c <= '9';
}

// A plain-notation text taken apart: the sign, the integer digits and the fraction digits.
struct Parts {
  bool negative = false;
  std::string_view integer;
  std::string_view fraction;
};

Parts Split(std::string_view text) {
  Parts parts;
  parts.negative = !text.empty() && text[0] == '-';
  if (parts.negative) text.remove_prefix(1);
  const std::size_t point = text.find('.');
  parts.integer = text.substr(0, point);
  if (point != std::string_view::npos) parts.fraction = text.substr(point + 1);
  return parts;
}

bool AllZeros(std::string_view digits) {
  return digits.find_first_not_of('0') == std::string_view::npos;
}

// The canonical text of -?`digits` * 10^-scale (`digits` may have leading zeros).
std::string PlainText(bool negative, std::string_view digits, std::size_t scale) {
  std::string_view integer = digits.substr(0, digits.size() > scale ? digits.size() - scale : 0);
  const std::size_t first = integer.find_first_not_of('0');
  integer = first == std::string_view::npos ? std::string_view("0") : integer.substr(first);
  std::string text;
  text.reserve(1 + integer.size() + 1 + scale);
  if (negative && !AllZeros(digits)) text += '-';
  text += integer;
  if (scale > 0) {
    text += '.';
    if (digits.size() < scale) text.append(scale - digits.size(), '0');
    text += digits.substr(digits.size() > scale ? digits.size() - scale : 0);
  }
  return text;
}

// A magnitude's digits scaled to `scale` fraction digits and left-padded to `width`.
std::string Aligned(const Parts& parts, std::size_t scale, std::size_t width) {
  std::string digits;
  digits.reserve(width);
  const std::size_t size = parts.integer.size() + scale;
  if (width > size) digits.append(width - size, '0');
  digits += parts.integer;
  digits += parts.fraction;
  digits.append(scale - parts.fraction.size(), '0');
  return digits;
}

std::string AddDigits(const std::string& a, const std::string& b) {  // equal lengths
  std::string out(a.size() + 1, '0');
  int carry = 0;
  for (std::size_t i = a.size(); i-- > 0;) {
    int sum = (a[i] - '0') + (b[i] - '0') + carry;
    out[i + 1] = static_cast<char>('0' + sum % 10);
    carry = sum / 10;
  }
  out[0] = static_cast<char>('0' + carry);
  return out;
}

std::string SubtractDigits(const std::string& a, const std::string& b) {  // a >= b, equal lengths
  std::string out(a.size(), '0');
  int borrow = 0;
  for (std::size_t i = a.size(); i-- > 0;) {
    int diff = (a[i] - '0') - (b[i] - '0') - borrow;
    borrow = diff < 0 ? 1 : 0;
    out[i] = static_cast<char>('0' + diff + 10 * borrow);
  }
  return out;
}

// 10^18 < 2^63 / 2: two magnitudes of up to 18 digits add in an int64_t without overflow.
constexpr std::size_t kInt64Digits = 18;

int64_t Int64Of(const Parts& parts, std::size_t scale) {
  int64_t value = 0;
  for (char c : parts.integer) value = value * 10 + (c - '0');
  for (char c : parts.fraction) value = value * 10 + (c - '0');
  for (std::size_t i = parts.fraction.size(); i < scale; ++i) value *= 10;
  return parts.negative ? -value : value;
}

}  // namespace

Decimal Decimal::Parse(std::string_view text) {
  // JSON number grammar: -?(0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?
  auto fail = [&]() -> Decimal {
    throw std::invalid_argument("not a decimal number: \"" + std::string(text.substr(0, 64)) +
                                "\"");
  };
  std::size_t i = 0;
  const bool negative = i < text.size() && text[i] == '-';
  if (negative) ++i;
  const std::size_t int_begin = i;
  while (i < text.size() && IsDigit(text[i])) ++i;
  const std::string_view integer = text.substr(int_begin, i - int_begin);
  if (integer.empty() || (integer.size() > 1 && integer[0] == '0')) return fail();
  std::string_view fraction;
  if (i < text.size() && text[i] == '.') {
    const std::size_t frac_begin = ++i;
    while (i < text.size() && IsDigit(text[i])) ++i;
    fraction = text.substr(frac_begin, i - frac_begin);
    if (fraction.empty()) return fail();
  }
  if (i == text.size()) {
    // Already plain notation: the text is the value, but for the sign of a zero.
    if (negative && AllZeros(integer) && AllZeros(fraction)) text.remove_prefix(1);
    return Decimal(std::string(text));
  }
  if (text[i] != 'e' && text[i] != 'E') return fail();
  ++i;
  const bool exp_negative =
      i < text.size() && (text[i] == '-' || text[i] == '+') && text[i++] == '-';
  const std::size_t exp_begin = i;
  long exponent = 0;
  while (i < text.size() && IsDigit(text[i])) {
    if (i - exp_begin < 5) exponent = exponent * 10 + (text[i] - '0');
    ++i;
  }
  // Bounded so a hostile "1e999999999" cannot ask for a gigabyte of zeros.
  if (i == exp_begin || i - exp_begin > 4 || i != text.size()) return fail();
  if (exp_negative) exponent = -exponent;

  std::string digits;
  digits.reserve(integer.size() + fraction.size());
  digits.append(integer).append(fraction);
  long scale = static_cast<long>(fraction.size()) - exponent;
  if (scale < 0) {
    digits.append(static_cast<std::size_t>(-scale), '0');
    scale = 0;
  }
  return Decimal(PlainText(negative, digits, static_cast<std::size_t>(scale)));
}

Decimal Decimal::Round(int places, Rounding rounding) const {
  if (places < 0) {
    throw std::invalid_argument("Decimal::Round: places must not be negative, got " +
                                std::to_string(places));
  }
  const Parts parts = Split(text_);
  const auto keep = static_cast<std::size_t>(places);
  std::string digits(parts.integer);
  digits += parts.fraction.substr(0, keep);
  if (parts.fraction.size() <= keep) {
    digits.append(keep - parts.fraction.size(), '0');
    return Decimal(PlainText(parts.negative, digits, keep));
  }
  // The dropped digits decide: above one half rounds away from zero, below it toward zero.
  const std::string_view dropped = parts.fraction.substr(keep);
  bool away = dropped[0] > '5';
  if (dropped[0] == '5') {
    const bool exactly_half = AllZeros(dropped.substr(1));
    const bool last_odd = ((digits.back() - '0') % 2) == 1;
    away = !exactly_half || rounding == Rounding::HalfUp || last_odd;
  }
  if (away) {
    std::size_t i = digits.size();
    while (i > 0 && digits[i - 1] == '9') digits[--i] = '0';
    if (i == 0) {
      digits.insert(0, 1, '1');
    } else {
      ++digits[i - 1];
    }
  }
  return Decimal(PlainText(parts.negative, digits, keep));
}

std::string Decimal::ToString(int places, Rounding rounding) const {
  return Round(places, rounding).ToString();
}

double Decimal::ToDouble() const {
  double value = 0;
  // Unreachable failure: text_ is always plain notation.
  if (internal::ReadDouble(text_, value) != internal::DoubleRead::Ok) return 0.0;
  return value;
}

bool Decimal::IsZero() const noexcept {
  const Parts parts = Split(text_);
  return AllZeros(parts.integer) && AllZeros(parts.fraction);
}

int Decimal::CompareMagnitude(const Decimal& a, const Decimal& b) {
  const Parts x = Split(a.text_);
  const Parts y = Split(b.text_);
  // Integer parts have no leading zeros: the longer one is the larger.
  if (x.integer.size() != y.integer.size()) return x.integer.size() < y.integer.size() ? -1 : 1;
  if (const int order = x.integer.compare(y.integer); order != 0) return order < 0 ? -1 : 1;
  const std::size_t scale = std::max(x.fraction.size(), y.fraction.size());
  for (std::size_t i = 0; i < scale; ++i) {
    const char c = i < x.fraction.size() ? x.fraction[i] : '0';
    const char d = i < y.fraction.size() ? y.fraction[i] : '0';
    if (c != d) return c < d ? -1 : 1;
  }
  return 0;
}

Decimal Decimal::operator+(const Decimal& other) const {
  const Parts a = Split(text_);
  const Parts b = Split(other.text_);
  const std::size_t scale = std::max(a.fraction.size(), b.fraction.size());
  const std::size_t width = std::max(a.integer.size(), b.integer.size()) + scale;
  // Amounts of up to 18 digits (every real bill) add as integers.
  if (width <= kInt64Digits) {
    const int64_t sum = Int64Of(a, scale) + Int64Of(b, scale);
    char buffer[24];
    const char* end = std::to_chars(buffer, buffer + sizeof buffer, sum < 0 ? -sum : sum).ptr;
    return Decimal(PlainText(sum < 0, std::string_view(buffer, end - buffer), scale));
  }
  const std::string x = Aligned(a, scale, width);
  const std::string y = Aligned(b, scale, width);
  if (a.negative == b.negative) return Decimal(PlainText(a.negative, AddDigits(x, y), scale));
  const int order = x.compare(y);
  if (order == 0) return Decimal(PlainText(false, "0", scale));
  return order > 0 ? Decimal(PlainText(a.negative, SubtractDigits(x, y), scale))
                   : Decimal(PlainText(b.negative, SubtractDigits(y, x), scale));
}

bool operator==(const Decimal& a, const Decimal& b) {
  const bool a_negative = !a.text_.empty() && a.text_[0] == '-';
  const bool b_negative = !b.text_.empty() && b.text_[0] == '-';
  return a_negative == b_negative && Decimal::CompareMagnitude(a, b) == 0;
}

bool operator<(const Decimal& a, const Decimal& b) {
  const bool a_negative = !a.text_.empty() && a.text_[0] == '-';
  const bool b_negative = !b.text_.empty() && b.text_[0] == '-';
  if (a_negative != b_negative) return a_negative;
  const int order = Decimal::CompareMagnitude(a, b);
  return a_negative ? order > 0 : order < 0;
}

}  // namespace twilio
