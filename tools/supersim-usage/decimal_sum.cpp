#include "decimal_sum.hpp"

#include <string>
#include <string_view>

namespace supersim_usage {
namespace {

constexpr std::size_t kMaxDigits = 18;  // 10^18 < 2^63

bool Scale(int64_t& value, std::size_t by) {
  for (; by > 0; --by) {
    if (__builtin_mul_overflow(value, 10, &value)) return false;
  }
  return true;
}

std::string Text(int64_t units, std::size_t scale) {
  const bool negative = units < 0;
  // The magnitude of INT64_MIN does not fit: its digits are written from the unsigned value.
  const uint64_t magnitude = negative ? 0 - static_cast<uint64_t>(units) : units;
  std::string digits = std::to_string(magnitude);
  if (digits.size() <= scale) digits.insert(0, scale - digits.size() + 1, '0');
  if (scale > 0) digits.insert(digits.size() - scale, 1, '.');
  return negative ? "-" + digits : digits;
}

}  // namespace

void DecimalSum::Add(const twilio::Decimal& amount) {
  // ToString() is plain notation: -?digits(.digits)?
  std::string_view text = amount.ToString();
  const bool negative = !text.empty() && text[0] == '-';
  if (negative) text.remove_prefix(1);
  const std::size_t point = text.find('.');
  const std::size_t scale = point == std::string_view::npos ? 0 : text.size() - point - 1;
  if (text.size() - (scale > 0 ? 1 : 0) > kMaxDigits) {
    spilled_ = spilled_ ? *spilled_ + amount : amount;
    return;
  }
  int64_t value = 0;
  for (char c : text) {
    if (c != '.') value = value * 10 + (c - '0');
  }
  if (negative) value = -value;
  if (scale > scale_) {
    int64_t rescaled = units_;
    if (Scale(rescaled, scale - scale_)) {
      units_ = rescaled;
    } else {
      Spill();
    }
    scale_ = scale;
  } else if (!Scale(value, scale_ - scale)) {
    spilled_ = spilled_ ? *spilled_ + amount : amount;
    return;
  }
  int64_t sum = 0;
  if (__builtin_add_overflow(units_, value, &sum)) {
    Spill();
    sum = value;
  }
  units_ = sum;
}

void DecimalSum::Spill() {
  const twilio::Decimal part = twilio::Decimal::Parse(Text(units_, scale_));
  spilled_ = spilled_ ? *spilled_ + part : part;
  units_ = 0;
}

twilio::Decimal DecimalSum::Total() const {
  const twilio::Decimal part = twilio::Decimal::Parse(Text(units_, scale_));
  return spilled_ ? *spilled_ + part : part;
}

}  // namespace supersim_usage
