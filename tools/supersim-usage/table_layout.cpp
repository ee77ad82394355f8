#include "table_layout.hpp"

#include <algorithm>

namespace supersim_usage {

namespace v1 = twilio::supersim::v1;

std::string_view TableHeader(std::size_t column) noexcept {
  return column == kBilledColumn ? std::string_view("billed") : kColumnNames[column];
}

std::vector<std::size_t> ColumnsWithValues(const v1::ListUsageRecordParams& params) {
  const auto named = [&params](std::size_t column) {
    const bool grouped = params.Group && GroupColumn(*params.Group) == column;
    switch (column) {
      case kSimColumn:
        return grouped || params.Sim.has_value();
      case kFleetColumn:
        return grouped || params.Fleet.has_value();
      case kNetworkColumn:
        return grouped || params.Network.has_value();
      case kIsoCountryColumn:
        return grouped || params.IsoCountry.has_value();
      default:
        return true;
    }
  };
  std::vector<std::size_t> columns;
  for (std::size_t i = 0; i < kColumnCount; ++i) {
    if (named(i)) columns.push_back(i);
  }
  return columns;
}

std::size_t TableColumnWidth(std::size_t column, bool raw_bytes) {
  constexpr std::size_t kTimeWidth = 20;      // 2026-01-01T00:00:00Z
  constexpr std::size_t kSidWidth = 34;       // HS + 32 hex digits
  constexpr std::size_t kRawBytesWidth = 19;  // digits of INT64_MAX
  constexpr std::size_t kHumanBytesWidth = 9;
  constexpr std::size_t kBilledWidth = 10;
  const std::size_t header = TableHeader(column).size();
  if (IsTimeColumn(column)) return kTimeWidth;
  if (IsByteColumn(column)) return std::max(header, raw_bytes ? kRawBytesWidth : kHumanBytesWidth);
  switch (column) {
    case kSimColumn:
    case kFleetColumn:
    case kNetworkColumn:
      return kSidWidth;
    case kBilledColumn:
      return kBilledWidth;
    default:
      return header;
  }
}

std::size_t TableRowWidth(const std::vector<std::size_t>& columns, bool raw_bytes) {
  std::size_t width = 0;
  for (std::size_t column : columns) width += TableColumnWidth(column, raw_bytes);
  return columns.empty() ? 0 : width + kTableGap * (columns.size() - 1);
}

std::size_t GroupColumn(v1::Group group) noexcept {
  switch (group) {
    case v1::Group::Sim:
      return kSimColumn;
    case v1::Group::Fleet:
      return kFleetColumn;
    case v1::Group::Network:
      return kNetworkColumn;
    case v1::Group::IsoCountry:
      return kIsoCountryColumn;
  }
  return kSimColumn;
}

std::vector<std::size_t> ChooseTableColumns(std::optional<std::size_t> width,
                                            std::optional<v1::Group> group, bool raw_bytes,
                                            std::vector<std::size_t> candidates) {
  std::vector<std::size_t> columns = std::move(candidates);
  std::sort(columns.begin(), columns.end());
  if (!width) return columns;
  for (std::size_t drop : kTableDropOrder) {
    if (TableRowWidth(columns, raw_bytes) <= *width) break;
    if (group && GroupColumn(*group) == drop) continue;
    const auto at = std::find(columns.begin(), columns.end(), drop);
    if (at != columns.end()) columns.erase(at);
  }
  return columns;
}

}  // namespace supersim_usage
