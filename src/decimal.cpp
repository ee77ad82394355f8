#include "twilio/decimal.hpp"

#include <algorithm>
#include <charconv>
#include <cstdint>
#include <cstdlib>
#include <stdexcept>
#include <utility>

namespace twilio {
namespace {

bool IsDigit(char c) {
  return c >= '0' && c <= '9';
}

std::string StripLeadingZeros(std::string digits) {
  std::size_t first = digits.find_first_not_of('0');
  if (first == std::string::npos) return "0";
  digits.erase(0, first);
  return digits;
}

// Magnitudes as digit strings of equal length (left-padded), added or subtracted digit by digit.
std::string AddDigits(const std::string& a, const std::string& b) {
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

std::string SubtractDigits(const std::string& a, const std::string& b) {  // requires a >= b
  std::string out(a.size(), '0');
  int borrow = 0;
  for (std::size_t i = a.size(); i-- > 0;) {
    int diff = (a[i] - '0') - (b[i] - '0') - borrow;
    borrow = diff < 0 ? 1 : 0;
    out[i] = static_cast<char>('0' + diff + 10 * borrow);
  }
  return out;
}

// The digits of a magnitude scaled to `scale` fraction digits and padded to `width`.
std::string Aligned(const std::string& digits, std::size_t scale, std::size_t to_scale,
                    std::size_t width) {
  std::string scaled = digits + std::string(to_scale - scale, '0');
  return std::string(width - scaled.size(), '0') + scaled;
}

// 10^18 < 2^63 / 2: two magnitudes of up to 18 digits add in an int64_t without overflow.
constexpr std::size_t kInt64Digits = 18;

int64_t Int64Of(const std::string& digits, std::size_t extra_zeros) {
  int64_t value = 0;
  for (char c : digits) value = value * 10 + (c - '0');
  for (std::size_t i = 0; i < extra_zeros; ++i) value *= 10;
  return value;
}

std::string DigitsOf(int64_t value) {  // value >= 0
  char buffer[20];
  return std::string(buffer, std::to_chars(buffer, buffer + sizeof buffer, value).ptr);
}

}  // namespace

Decimal::Decimal(bool negative, std::string digits, std::size_t scale)
    : negative_(negative), digits_(StripLeadingZeros(std::move(digits))), scale_(scale) {
  if (digits_ == "0") negative_ = false;
  // Built in place (every page parse makes one per record): sign, the integer digits (at least
  // "0"), then '.' and exactly scale_ fraction digits, zero-padded on the left.
  std::size_t integer_digits = digits_.size() > scale_ ? digits_.size() - scale_ : 1;
  text_.clear();
  text_.reserve((negative_ ? 1 : 0) + integer_digits + (scale_ > 0 ? 1 + scale_ : 0));
  if (negative_) text_ += '-';
  if (digits_.size() <= scale_) {
    text_ += '0';
    if (scale_ > 0) {
      text_ += '.';
      text_.append(scale_ - digits_.size(), '0');
      text_ += digits_;
    }
  } else {
    text_.append(digits_, 0, digits_.size() - scale_);
    if (scale_ > 0) {
      text_ += '.';
      text_.append(digits_, digits_.size() - scale_, scale_);
    }
  }
}

Decimal Decimal::Parse(std::string_view text) {
  // JSON number grammar: -?(0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?
  auto fail = [&]() -> Decimal {
    throw std::invalid_argument("not a decimal number: \"" + std::string(text.substr(0, 64)) +
                                "\"");
  };
  std::size_t i = 0;
  bool negative = i < text.size() && text[i] == '-';
  if (negative) ++i;
  std::size_t int_begin = i;
  while (i < text.size() && IsDigit(text[i])) ++i;
  std::string_view integer = text.substr(int_begin, i - int_begin);
  if (integer.empty() || (integer.size() > 1 && integer[0] == '0')) return fail();
  std::string_view fraction;
  if (i < text.size() && text[i] == '.') {
    std::size_t frac_begin = ++i;
    while (i < text.size() && IsDigit(text[i])) ++i;
    fraction = text.substr(frac_begin, i - frac_begin);
    if (fraction.empty()) return fail();
  }
  long exponent = 0;
  if (i < text.size() && (text[i] == 'e' || text[i] == 'E')) {
    ++i;
    bool exp_negative = i < text.size() && (text[i] == '-' || text[i] == '+') && text[i++] == '-';
    std::size_t exp_begin = i;
    while (i < text.size() && IsDigit(text[i])) ++i;
    // Bounded so a hostile "1e999999999" cannot ask for a gigabyte of zeros.
    if (i == exp_begin || i - exp_begin > 4) return fail();
    exponent = std::strtol(std::string(text.substr(exp_begin, i - exp_begin)).c_str(), nullptr, 10);
    if (exp_negative) exponent = -exponent;
  }
  if (i != text.size()) return fail();

  std::string digits;
  digits.reserve(integer.size() + fraction.size());
  digits.append(integer).append(fraction);
  long scale = static_cast<long>(fraction.size()) - exponent;
  if (scale < 0) {
    digits.append(static_cast<std::size_t>(-scale), '0');
    scale = 0;
  }
  return Decimal(negative, std::move(digits), static_cast<std::size_t>(scale));
}

double Decimal::ToDouble() const {
  double value = 0;
  auto result = std::from_chars(text_.data(), text_.data() + text_.size(), value);
  if (result.ec != std::errc()) return 0.0;  // unreachable: text_ is always plain notation
  return value;
}

bool Decimal::IsZero() const noexcept {
  return digits_ == "0";
}

int Decimal::CompareMagnitude(const Decimal& a, const Decimal& b) {
  std::size_t scale = std::max(a.scale_, b.scale_);
  std::size_t width =
      std::max(a.digits_.size() + scale - a.scale_, b.digits_.size() + scale - b.scale_);
  std::string x = Aligned(a.digits_, a.scale_, scale, width);
  std::string y = Aligned(b.digits_, b.scale_, scale, width);
  return x.compare(y) < 0 ? -1 : (x == y ? 0 : 1);
}

Decimal Decimal::operator+(const Decimal& other) const {
  std::size_t scale = std::max(scale_, other.scale_);
  std::size_t width =
      std::max(digits_.size() + scale - scale_, other.digits_.size() + scale - other.scale_);
  // Amounts of up to 18 digits (every real bill) add as integers: a running total costs no
  // digit-string arithmetic.
  if (width <= kInt64Digits) {
    int64_t a = Int64Of(digits_, scale - scale_);
    int64_t b = Int64Of(other.digits_, scale - other.scale_);
    int64_t sum = (negative_ ? -a : a) + (other.negative_ ? -b : b);
    return Decimal(sum < 0, DigitsOf(sum < 0 ? -sum : sum), scale);
  }
  std::string a = Aligned(digits_, scale_, scale, width);
  std::string b = Aligned(other.digits_, other.scale_, scale, width);
  if (negative_ == other.negative_) return Decimal(negative_, AddDigits(a, b), scale);
  int order = a.compare(b);
  if (order == 0) return Decimal(false, "0", scale);
  return order > 0 ? Decimal(negative_, SubtractDigits(a, b), scale)
                   : Decimal(other.negative_, SubtractDigits(b, a), scale);
}

bool operator==(const Decimal& a, const Decimal& b) {
  return a.negative_ == b.negative_ && Decimal::CompareMagnitude(a, b) == 0;
}

bool operator<(const Decimal& a, const Decimal& b) {
  if (a.negative_ != b.negative_) return a.negative_;
  int order = Decimal::CompareMagnitude(a, b);
  return a.negative_ ? order > 0 : order < 0;
}

}  // namespace twilio
