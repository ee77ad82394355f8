#include "usage_totals.hpp"

#include <string_view>
#include <type_traits>

namespace supersim_usage {
namespace {

void AddBytes(int64_t& total, const std::optional<int64_t>& value, std::string_view column) {
  if (!value) return;
  if (__builtin_add_overflow(total, *value, &total)) {
    throw TotalOverflowError("the total of " + std::string(column) +
                             " does not fit in a signed 64-bit integer");
  }
}

}  // namespace

void UsageTotals::Add(const twilio::supersim::v1::SupersimV1UsageRecord& record) {
  ++records_;
  ForEachCell(record, [this](auto column, const auto& value) {
    if constexpr (std::is_same_v<ColumnValue<decltype(column)::value>, int64_t>) {
      AddBytes(bytes_[column], value, kColumnNames[column]);
    }
  });

  if (record.billed_unit && !record.billed_unit->empty()) {
    const std::string& unit = *record.billed_unit;
    if (last_unit_ == nullptr || *last_unit_ != unit) {
      auto entry = billed_by_unit_.try_emplace(unit).first;
      last_unit_ = &entry->first;
      last_sum_ = &entry->second;
    }
    if (record.data_total_billed) last_sum_->Add(*record.data_total_billed);
  } else if (record.data_total_billed && !record.data_total_billed->IsZero()) {
    if (!billed_unknown_) billed_unknown_.emplace();
    billed_unknown_->Add(*record.data_total_billed);
  }
}

std::string UsageTotals::Line() const {
  std::string line = "records=" + std::to_string(records_);
  for (std::size_t column = 0; column < kColumnCount; ++column) {
    if (IsByteColumn(column)) {
      line += " " + std::string(kColumnNames[column]) + "=" + std::to_string(bytes_[column]);
    }
  }
  for (const auto& [unit, amount] : billed_by_unit_) {
    line += " billed_" + unit + "=" + amount.Total().ToString();
  }
  if (billed_unknown_) line += " billed_unknown=" + billed_unknown_->Total().ToString();
  return line;
}

}  // namespace supersim_usage
