#include "usage_totals.hpp"

namespace supersim_usage {
namespace {

void AddBytes(int64_t& total, const std::optional<int64_t>& value, const char* field) {
  if (!value) return;
  if (__builtin_add_overflow(total, *value, &total)) {
    throw TotalOverflowError(std::string("the total of ") + field +
                             " does not fit in a signed 64-bit integer");
  }
}

}  // namespace

void UsageTotals::Add(const twilio::supersim::v1::SupersimV1UsageRecord& record) {
  ++records_;
  AddBytes(data_upload_, record.data_upload, "data_upload");
  AddBytes(data_download_, record.data_download, "data_download");
  AddBytes(data_total_, record.data_total, "data_total");

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
  std::string line = "records=" + std::to_string(records_) +
                     " data_upload=" + std::to_string(data_upload_) +
                     " data_download=" + std::to_string(data_download_) +
                     " data_total=" + std::to_string(data_total_);
  for (const auto& [unit, amount] : billed_by_unit_) {
    line += " billed_" + unit + "=" + amount.Total().ToString();
  }
  if (billed_unknown_) line += " billed_unknown=" + billed_unknown_->Total().ToString();
  return line;
}

}  // namespace supersim_usage
