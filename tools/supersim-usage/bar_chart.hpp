// A horizontal bar chart as plain text: one line per entry, a label, the value, and a bar
// scaled so that the largest value fills the width. No colour, so it reads anywhere.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

namespace supersim_usage {

struct ChartEntry {
  std::string label;
  int64_t value = 0;
};

struct ChartStyle {
  /// The width of the largest bar's line, in columns.
  std::size_t width = 80;
  /// Full blocks "█" with eighth blocks "▏▎▍▌▋▊▉" for the remainder; else '#' per cell.
  bool utf8 = false;
  /// Values as integers instead of FormatBytes text.
  bool raw_bytes = false;
};

/// Bars get what the width leaves after the label and value columns, at least this many cells.
inline constexpr std::size_t kMinBarCells = 10;

/// The length of the bar of `value` in eighths of a cell, when `max` fills `cells` cells:
/// value * cells * 8 / max rounded to the nearest eighth (halves up), computed exactly. 0 for a
/// value <= 0 or a max <= 0.
std::size_t BarEighths(int64_t value, int64_t max, std::size_t cells);

/// `title` on the first line, then per entry, in the given order:
///   <label padded>  <value right-aligned>  <bar>
/// with two blanks between the columns and no trailing blanks. The bar area is whatever the
/// width leaves (kMinBarCells at least); the largest value's line ends exactly at the width.
/// In ASCII a bar is BarEighths / 8 '#' characters rounded to the nearest cell. No entries:
/// the title and "(no usage records)".
std::string RenderBarChart(const std::string& title, const std::vector<ChartEntry>& entries,
                           const ChartStyle& style);

}  // namespace supersim_usage
