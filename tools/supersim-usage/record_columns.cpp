// Cell text for the table and CSV formats.
#include "record_columns.hpp"

#include "human_units.hpp"

namespace supersim_usage {
namespace {

using twilio::supersim::v1::SupersimV1UsageRecord;

std::optional<std::string> TimeCell(const std::optional<twilio::TimePoint>& time) {
  if (!time) return std::nullopt;
  return twilio::FormatRfc3339Utc(*time);
}

std::optional<std::string> BytesCell(const std::optional<int64_t>& value, bool human) {
  if (!value) return std::nullopt;
  return human ? FormatBytes(*value) : std::to_string(*value);
}

}  // namespace

const std::array<std::string_view, kColumnCount> kColumnNames = {
    "period_start", "period_end",        "sim_sid",     "fleet_sid",
    "network_sid",  "iso_country",       "data_upload", "data_download",
    "data_total",   "data_total_billed", "billed_unit"};

bool IsNumericColumn(std::size_t column) noexcept {
  return column >= kDataUploadColumn && column <= kBilledColumn;
}

bool IsByteColumn(std::size_t column) noexcept {
  return column >= kDataUploadColumn && column <= kDataTotalColumn;
}

std::array<std::optional<std::string>, kColumnCount> RecordCells(const SupersimV1UsageRecord& r,
                                                                 bool human_bytes) {
  std::optional<twilio::TimePoint> start = r.period ? r.period->start_time : std::nullopt;
  std::optional<twilio::TimePoint> end = r.period ? r.period->end_time : std::nullopt;
  return {TimeCell(start),
          TimeCell(end),
          r.sim_sid,
          r.fleet_sid,
          r.network_sid,
          r.iso_country,
          BytesCell(r.data_upload, human_bytes),
          BytesCell(r.data_download, human_bytes),
          BytesCell(r.data_total, human_bytes),
          r.data_total_billed ? std::optional<std::string>(r.data_total_billed->ToString())
                              : std::nullopt,
          r.billed_unit};
}

}  // namespace supersim_usage
