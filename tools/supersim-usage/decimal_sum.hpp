// An exact running total of decimal amounts that adds in integer arithmetic while the total
// fits 18 digits, and only past that in twilio::Decimal's digit strings: summing a long listing's
// billed amounts one Decimal addition at a time cost as much as parsing it.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>

#include "twilio/decimal.hpp"

namespace supersim_usage {

class DecimalSum {
 public:
  void Add(const twilio::Decimal& amount);
  /// Exactly what adding every amount with Decimal::operator+ gives (value and fraction length).
  twilio::Decimal Total() const;

 private:
  // Moves `units_` into `spilled_`, leaving 0 at the same scale.
  void Spill();

  int64_t units_ = 0;                       // the fast part of the total, in 10^-scale_
  std::size_t scale_ = 0;                   // the most fraction digits among the amounts in units_
  std::optional<twilio::Decimal> spilled_;  // what did not fit in units_
};

}  // namespace supersim_usage
