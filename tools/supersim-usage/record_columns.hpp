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

/// Positions in kColumnNames of the columns that are chosen or aggregated by name.
inline constexpr std::size_t kPeriodStartColumn = 0;
inline constexpr std::size_t kPeriodEndColumn = 1;
inline constexpr std::size_t kSimColumn = 2;
inline constexpr std::size_t kFleetColumn = 3;
inline constexpr std::size_t kNetworkColumn = 4;
inline constexpr std::size_t kIsoCountryColumn = 5;
inline constexpr std::size_t kDataUploadColumn = 6;
inline constexpr std::size_t kDataDownloadColumn = 7;
inline constexpr std::size_t kDataTotalColumn = 8;
inline constexpr std::size_t kBilledColumn = 9;
inline constexpr std::size_t kBilledUnitColumn = 10;

/// True for the byte counts and the billed amount, which a table right-aligns.
bool IsNumericColumn(std::size_t column) noexcept;

/// True for data_upload, data_download and data_total.
bool IsByteColumn(std::size_t column) noexcept;

/// One cell per column; std::nullopt where the API sent null (or nothing). Times are UTC
/// `YYYY-MM-DDTHH:MM:SSZ`; data_total_billed is the exact decimal text Twilio sent; byte counts
/// are integers, or with `human_bytes` FormatBytes text ("12.3 MB").
std::array<std::optional<std::string>, kColumnCount> RecordCells(
    const twilio::supersim::v1::SupersimV1UsageRecord& record, bool human_bytes = false);

}  // namespace supersim_usage
