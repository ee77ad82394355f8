// Which columns a table prints and how wide each is. Widths are fixed (not measured) so that
// rows print as they stream in, each lined up with the header.
#pragma once

#include <array>
#include <cstddef>
#include <optional>
#include <string_view>
#include <vector>

#include "record_columns.hpp"
#include "twilio/supersim/v1/list_usage_record_params.hpp"

namespace supersim_usage {

/// Blanks between two columns.
inline constexpr std::size_t kTableGap = 2;

/// The order in which columns go when a row is too wide; the --group column is skipped, and
/// period_start and data_total are never dropped. Identity columns go first, then the byte
/// split, the period's end and the unit; the money last, as what a reader looks for.
inline constexpr std::array<std::size_t, 9> kTableDropOrder = {
    kNetworkColumn,      kFleetColumn,     kSimColumn,        kIsoCountryColumn, kDataUploadColumn,
    kDataDownloadColumn, kPeriodEndColumn, kBilledUnitColumn, kBilledColumn};

/// A column's header in the table: its kColumnNames name, but "billed" for data_total_billed,
/// which then fits beside a SID in 80 columns.
std::string_view TableHeader(std::size_t column) noexcept;

/// The columns a listing can hold values in: all but the identity columns (sim_sid, fleet_sid,
/// network_sid, iso_country) that are neither its Group nor filtered on. Twilio fills those
/// only for the group's dimension and echoes a filter's value; the rest are null in every
/// record, so the table leaves them out.
std::vector<std::size_t> ColumnsWithValues(
    const twilio::supersim::v1::ListUsageRecordParams& params);

/// A column's width: 20 for a time (2026-01-01T00:00:00Z), 34 for a SID, 19 for a raw byte
/// count (any int64), the header's length for a human one (FormatBytes needs at most 9), 10
/// for data_total_billed (0.00123456; a longer amount widens its row), the header's length
/// for the rest.
std::size_t TableColumnWidth(std::size_t column, bool raw_bytes);

/// The width of a row of `columns`, gaps included.
std::size_t TableRowWidth(const std::vector<std::size_t>& columns, bool raw_bytes);

/// The columns to print, in kColumnNames order: every one of `candidates` (sorted) without a
/// `width`; with one, columns are dropped in kTableDropOrder until a row fits in it. When even
/// period_start, the --group column and data_total do not fit, those are printed all the same
/// (the terminal wraps them).
std::vector<std::size_t> ChooseTableColumns(std::optional<std::size_t> width,
                                            std::optional<twilio::supersim::v1::Group> group,
                                            bool raw_bytes, std::vector<std::size_t> candidates);

/// The column of a group: sim_sid for sim, fleet_sid for fleet, network_sid, iso_country.
std::size_t GroupColumn(twilio::supersim::v1::Group group) noexcept;

}  // namespace supersim_usage
