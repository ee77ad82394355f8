/// \file
/// An exact decimal number for money: what Twilio sent, never rounded through a double.
#pragma once

#include <string>
#include <string_view>
#include <utility>

#include "twilio/export.hpp"

namespace twilio {

/// A decimal value kept digit for digit (e.g. a data_total_billed of "0.03"). Parse accepts
/// JSON number syntax (`-12.50`, `1e-3`) with exponents of at most 4 digits (so a hostile
/// `1e999999999` cannot ask for a gigabyte of zeros); ToString gives the value back in plain
/// notation without an exponent, keeping the digits that were sent ("0.030" stays "0.030").
class TWILIO_SUPERSIM_EXPORT Decimal {
 public:
  /// How Round() settles a value exactly halfway between its two neighbours.
  enum class Rounding {
    HalfEven,  ///< To the neighbour whose last digit is even (banker's rounding): 0.125 -> 0.12
    HalfUp,    ///< Away from zero, as on a bill: 0.125 -> 0.13, -0.125 -> -0.13
  };

  /// Zero.
  Decimal() = default;
  /// Throws std::invalid_argument when `text` is not a decimal number.
  static Decimal Parse(std::string_view text);

  /// Plain notation: optional '-', integer digits, optional '.' and fraction digits.
  const std::string& ToString() const noexcept { return text_; }
  /// Plain notation with exactly `places` fraction digits, rounded as `rounding` says (or
  /// padded with zeros): Decimal::Parse("29.2506800").ToString(2) is "29.25". Throws
  /// std::invalid_argument for a negative `places`.
  std::string ToString(int places, Rounding rounding = Rounding::HalfEven) const;
  /// The value rounded to `places` fraction digits, exactly (no double involved), keeping
  /// exactly `places` of them: Round(2) of 0.005 is 0.00 (HalfEven) or 0.01 (HalfUp). Throws
  /// std::invalid_argument for a negative `places`.
  Decimal Round(int places, Rounding rounding = Rounding::HalfEven) const;
  /// The nearest double, for arithmetic where exactness does not matter.
  double ToDouble() const;

  /// True for any spelling of zero ("0", "0.000", "-0").
  bool IsZero() const noexcept;
  /// Exact sum; the result has the larger fraction length of the two.
  Decimal operator+(const Decimal& other) const;
  /// Adds `other` exactly, in place.
  Decimal& operator+=(const Decimal& other) { return *this = *this + other; }

  /// Compares values, so "0.030" == "0.03" and "-0" == "0".
  friend TWILIO_SUPERSIM_EXPORT bool operator==(const Decimal& a, const Decimal& b);
  /// The negation of operator==.
  friend bool operator!=(const Decimal& a, const Decimal& b) { return !(a == b); }
  /// Orders by value ("-1" < "0.5" < "0.50001").
  friend TWILIO_SUPERSIM_EXPORT bool operator<(const Decimal& a, const Decimal& b);

 private:
  explicit Decimal(std::string text) : text_(std::move(text)) {}
  static int CompareMagnitude(const Decimal& a, const Decimal& b);

  // The value in plain notation, and the only state: an optional '-' (never on zero), the
  // integer digits without leading zeros (but one), then '.' and the fraction digits when there
  // are any. Parsing a number already in that form (every amount Twilio sends) is a copy.
  std::string text_ = "0";
};

}  // namespace twilio
