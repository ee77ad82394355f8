// Column names, kinds and cell text for the table and CSV formats.
#include "record_columns.hpp"

#include "human_units.hpp"
#include "twilio/decimal.hpp"
#include "twilio/time_format.hpp"

namespace supersim_usage {
namespace {

using twilio::supersim::v1::SupersimV1UsageRecord;

enum class Kind { kText, kInteger, kDecimal, kTime };

template <std::size_t C>
constexpr Kind KindOf() {
  using Value = ColumnValue<C>;
  if constexpr (std::is_same_v<Value, int64_t>) {
    return Kind::kInteger;
  } else if constexpr (std::is_same_v<Value, twilio::Decimal>) {
    return Kind::kDecimal;
  } else if constexpr (std::is_same_v<Value, twilio::TimePoint>) {
    return Kind::kTime;
  } else {
    static_assert(std::is_same_v<Value, std::string>, "a column of a kind the command cannot show");
    return Kind::kText;
  }
}

template <std::size_t... C>
constexpr std::array<Kind, kColumnCount> MakeKinds(std::index_sequence<C...>) {
  return {KindOf<C>()...};
}

constexpr std::array<Kind, kColumnCount> kKinds =
    MakeKinds(std::make_index_sequence<kColumnCount>());

// A leading column's own name, else the API's: the field's, or parent_field for a nested one
// (kept here, as kColumnNames views it).
std::string NameOf(std::size_t column) {
  const Leaf& leaf = kLeaves<SupersimV1UsageRecord>[kColumnLeaves[column]];
  for (const auto& lead : columns_detail::kLeading) {
    if (leaf.Is(lead.path) && !lead.name.empty()) return std::string(lead.name);
  }
  if (!leaf.nested) return std::string(leaf.name);
  return std::string(leaf.name) + "_" + std::string(leaf.sub_name);
}

const std::array<std::string, kColumnCount> kNameText = [] {
  std::array<std::string, kColumnCount> names;
  for (std::size_t c = 0; c < kColumnCount; ++c) names[c] = NameOf(c);
  return names;
}();

std::optional<std::string> Cell(const std::optional<std::string>& value, bool) {
  return value;
}

std::optional<std::string> Cell(const std::optional<int64_t>& value, bool human) {
  if (!value) return std::nullopt;
  return human ? FormatBytes(*value) : std::to_string(*value);
}

std::optional<std::string> Cell(const std::optional<twilio::Decimal>& value, bool) {
  if (!value) return std::nullopt;
  return value->ToString();
}

std::optional<std::string> Cell(const std::optional<twilio::TimePoint>& value, bool) {
  if (!value) return std::nullopt;
  return twilio::FormatRfc3339Utc(*value);
}

}  // namespace

const std::array<std::string_view, kColumnCount> kColumnNames = [] {
  std::array<std::string_view, kColumnCount> names;
  for (std::size_t c = 0; c < kColumnCount; ++c) names[c] = kNameText[c];
  return names;
}();

bool IsNumericColumn(std::size_t column) noexcept {
  return column < kColumnCount &&
         (kKinds[column] == Kind::kInteger || kKinds[column] == Kind::kDecimal);
}

bool IsByteColumn(std::size_t column) noexcept {
  return column < kColumnCount && kKinds[column] == Kind::kInteger;
}

bool IsTimeColumn(std::size_t column) noexcept {
  return column < kColumnCount && kKinds[column] == Kind::kTime;
}

std::array<std::optional<std::string>, kColumnCount> RecordCells(const SupersimV1UsageRecord& r,
                                                                 bool human_bytes) {
  std::array<std::optional<std::string>, kColumnCount> cells;
  ForEachCell(r, [&](auto column, const auto& value) {
    cells[decltype(column)::value] = Cell(value, human_bytes);
  });
  return cells;
}

}  // namespace supersim_usage
