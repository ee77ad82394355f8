// The columns that the table and CSV formats share: their names, order, and the text of each
// cell, so both formats always agree on what a record looks like.
#pragma once

#include <array>
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

#include "twilio/supersim/v1/supersim_v1_usage_record.hpp"

namespace supersim_usage {

inline constexpr std::size_t kColumnCount = 11;

/// period_start, period_end, sim_sid, fleet_sid, network_sid, iso_country, data_upload,
/// data_download, data_total, data_total_billed, billed_unit.
extern const std::array<std::string_view, kColumnCount> kColumnNames;

/// True for the byte counts and the billed amount, which a table right-aligns.
bool IsNumericColumn(std::size_t column) noexcept;

/// One cell per column; std::nullopt where the API sent null (or nothing). Times are UTC
/// `YYYY-MM-DDTHH:MM:SSZ`; data_total_billed is the exact decimal text Twilio sent.
std::array<std::optional<std::string>, kColumnCount> RecordCells(
    const twilio::supersim::v1::SupersimV1UsageRecord& record);

}  // namespace supersim_usage
