// Exact totals over a whole listing for --format summary, kept in constant memory: byte counts
// in int64 with overflow checks, billed amounts as exact decimals per billed_unit (DecimalSum).
#pragma once

#include <array>
#include <cstdint>
#include <map>
#include <optional>
#include <stdexcept>
#include <string>

#include "decimal_sum.hpp"
#include "record_columns.hpp"
#include "twilio/decimal.hpp"
#include "twilio/supersim/v1/supersim_v1_usage_record.hpp"

namespace supersim_usage {

/// A byte total left the int64 range; reported rather than wrapped or rounded.
class TotalOverflowError : public std::overflow_error {
 public:
  using std::overflow_error::overflow_error;
};

class UsageTotals {
 public:
  UsageTotals() = default;
  // It keeps pointers into its own map.
  UsageTotals(const UsageTotals&) = delete;
  UsageTotals& operator=(const UsageTotals&) = delete;

  /// Every integer column (record_columns.hpp) is a byte count and is added up; a null adds
  /// nothing. A billed amount goes under its billed_unit; one without a
  /// billed_unit (null or empty) goes under "unknown" when it is not zero. A billed_unit whose
  /// amount is null still gets a (zero) total, so the currency shows. Throws TotalOverflowError.
  void Add(const twilio::supersim::v1::SupersimV1UsageRecord& record);

  /// `records=N`, then `<column>=B` per integer column in column order (data_upload,
  /// data_download, data_total), then `billed_<unit>=<amount>` per
  /// unit in byte order of the unit, then `billed_unknown=<amount>` when there is one.
  std::string Line() const;

 private:
  int64_t records_ = 0;
  std::array<int64_t, kColumnCount> bytes_{};  // by column; only the integer ones are used
  std::map<std::string, DecimalSum> billed_by_unit_;
  // The unit of the last record and its total: a listing's records mostly share one unit.
  const std::string* last_unit_ = nullptr;
  DecimalSum* last_sum_ = nullptr;
  std::optional<DecimalSum> billed_unknown_;
};

}  // namespace supersim_usage
