// The columns that the table and CSV formats share: the usage record's schema flattened into
// leaves (schema_leaves.hpp), put in the command's order by a short presentation list. The list
// names only what the command orders first, renames or leaves out; every other field of the
// schema follows in schema order under its API name, so a field added to the schema becomes a
// column with no edit here.
#pragma once

#include <array>
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <type_traits>
#include <utility>

#include "schema_leaves.hpp"
#include "twilio/supersim/v1/supersim_v1_usage_record.hpp"

namespace supersim_usage {

namespace columns_detail {

using Record = twilio::supersim::v1::SupersimV1UsageRecord;

struct Lead {
  std::string_view path;  // the leaf, as FindLeaf spells it
  std::string_view name;  // its column's name; empty: the API's name
};

// The columns that come first, in this order: when, then whose usage (a fleet groups SIMs, so
// it comes before the network that served them).
inline constexpr std::array<Lead, 6> kLeading = {{{"period.start_time", "period_start"},
                                                  {"period.end_time", "period_end"},
                                                  {"sim_sid", {}},
                                                  {"fleet_sid", {}},
                                                  {"network_sid", {}},
                                                  {"iso_country", {}}}};

// Every record of a listing carries the same account_sid (the credentials' account), so a
// column of it says nothing.
inline constexpr std::array<std::string_view, 1> kOmitted = {"account_sid"};

constexpr bool IsLeading(std::size_t leaf) {
  for (const Lead& lead : kLeading) {
    if (kLeaves<Record>[leaf].Is(lead.path)) return true;
  }
  return false;
}

constexpr bool IsOmitted(std::size_t leaf) {
  for (std::string_view path : kOmitted) {
    if (kLeaves<Record>[leaf].Is(path)) return true;
  }
  return false;
}

constexpr bool PresentationNamesLeaves() {
  for (const Lead& lead : kLeading) {
    if (FindLeaf<Record>(lead.path) == kLeafCount<Record>) return false;
  }
  for (std::string_view path : kOmitted) {
    if (FindLeaf<Record>(path) == kLeafCount<Record>) return false;
  }
  return true;
}
static_assert(PresentationNamesLeaves(),
              "record_columns.hpp names a field that the usage record's schema does not have");

inline constexpr std::size_t kCount = kLeafCount<Record> - kOmitted.size();

constexpr std::array<std::size_t, kCount> MakeColumnLeaves() {
  std::array<std::size_t, kCount> leaves{};
  std::size_t at = 0;
  for (const Lead& lead : kLeading) leaves[at++] = FindLeaf<Record>(lead.path);
  for (std::size_t leaf = 0; leaf < kLeafCount<Record>; ++leaf) {
    if (!IsLeading(leaf) && !IsOmitted(leaf)) leaves[at++] = leaf;
  }
  return leaves;
}

}  // namespace columns_detail

inline constexpr std::size_t kColumnCount = columns_detail::kCount;

/// The leaf (kLeaves<SupersimV1UsageRecord>) each column shows.
inline constexpr std::array<std::size_t, kColumnCount> kColumnLeaves =
    columns_detail::MakeColumnLeaves();

/// period_start, period_end, sim_sid, fleet_sid, network_sid, iso_country, data_upload,
/// data_download, data_total, data_total_billed, billed_unit: the leading columns, then the rest
/// of the schema's fields (a nested one as parent_field) but account_sid.
extern const std::array<std::string_view, kColumnCount> kColumnNames;

/// The column that shows the leaf at `path` ("sim_sid", "period.start_time").
constexpr std::size_t ColumnOf(std::string_view path) {
  for (std::size_t c = 0; c < kColumnCount; ++c) {
    if (kLeaves<columns_detail::Record>[kColumnLeaves[c]].Is(path)) return c;
  }
  return kColumnCount;
}

/// Positions in kColumnNames of the columns that are chosen, sized or aggregated by name.
inline constexpr std::size_t kPeriodStartColumn = ColumnOf("period.start_time");
inline constexpr std::size_t kPeriodEndColumn = ColumnOf("period.end_time");
inline constexpr std::size_t kSimColumn = ColumnOf("sim_sid");
inline constexpr std::size_t kFleetColumn = ColumnOf("fleet_sid");
inline constexpr std::size_t kNetworkColumn = ColumnOf("network_sid");
inline constexpr std::size_t kIsoCountryColumn = ColumnOf("iso_country");
inline constexpr std::size_t kDataUploadColumn = ColumnOf("data_upload");
inline constexpr std::size_t kDataDownloadColumn = ColumnOf("data_download");
inline constexpr std::size_t kDataTotalColumn = ColumnOf("data_total");
inline constexpr std::size_t kBilledColumn = ColumnOf("data_total_billed");
inline constexpr std::size_t kBilledUnitColumn = ColumnOf("billed_unit");
static_assert(kPeriodStartColumn < kColumnCount && kPeriodEndColumn < kColumnCount &&
                  kDataUploadColumn < kColumnCount && kDataDownloadColumn < kColumnCount &&
                  kDataTotalColumn < kColumnCount && kBilledColumn < kColumnCount &&
                  kBilledUnitColumn < kColumnCount,
              "a column the command sizes or adds up by name is not in the schema");

/// The value type of column `C`: std::string, int64_t, twilio::Decimal or twilio::TimePoint.
template <std::size_t C>
using ColumnValue = LeafValueT<columns_detail::Record, kColumnLeaves[C]>;

namespace columns_detail {
template <typename Visit, std::size_t... C>
void VisitCells(const Record& record, Visit& visit, std::index_sequence<C...>) {
  (visit(std::integral_constant<std::size_t, C>{}, LeafOf<Record, kColumnLeaves[C]>(record)), ...);
}
}  // namespace columns_detail

/// Calls `visit(std::integral_constant<std::size_t, C>{}, value)` for each column C in order,
/// `value` being the record's std::optional for it (empty where the API sent null).
template <typename Visit>
void ForEachCell(const twilio::supersim::v1::SupersimV1UsageRecord& record, Visit&& visit) {
  columns_detail::VisitCells(record, visit, std::make_index_sequence<kColumnCount>());
}

/// True for the integer and decimal columns (the byte counts and the billed amount), which a
/// table right-aligns.
bool IsNumericColumn(std::size_t column) noexcept;

/// True for the integer columns: every integer of a usage record is a byte count.
bool IsByteColumn(std::size_t column) noexcept;

/// True for the time columns.
bool IsTimeColumn(std::size_t column) noexcept;

/// One cell per column; std::nullopt where the API sent null (or nothing). Times are UTC
/// `YYYY-MM-DDTHH:MM:SSZ`; a decimal (data_total_billed) is the exact text Twilio sent; byte
/// counts are integers, or with `human_bytes` FormatBytes text ("12.3 MB").
std::array<std::optional<std::string>, kColumnCount> RecordCells(
    const twilio::supersim::v1::SupersimV1UsageRecord& record, bool human_bytes = false);

}  // namespace supersim_usage
