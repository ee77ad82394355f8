#include "bar_chart.hpp"

#include <algorithm>

#include "human_units.hpp"
#include "progress_line.hpp"

namespace supersim_usage {
namespace {

// -Wpedantic knows no 128-bit integers; __extension__ says they are meant.
__extension__ using Wide = unsigned __int128;

std::string ValueText(int64_t value, bool raw_bytes) {
  return raw_bytes ? std::to_string(value) : FormatBytes(value);
}

std::string Bar(std::size_t eighths, bool utf8) {
  static constexpr const char* kPartial[] = {"",       "\u258f", "\u258e", "\u258d",
                                             "\u258c", "\u258b", "\u258a", "\u2589"};
  std::string bar;
  if (!utf8) return std::string((eighths + 4) / 8, '#');
  for (std::size_t i = 0; i < eighths / 8; ++i) bar += "\u2588";
  return bar + kPartial[eighths % 8];
}

}  // namespace

std::size_t BarEighths(int64_t value, int64_t max, std::size_t cells) {
  if (value <= 0 || max <= 0) return 0;
  const Wide scaled = static_cast<Wide>(value) * cells * 8;
  const Wide divisor = static_cast<Wide>(max);
  return static_cast<std::size_t>((scaled * 2 + divisor) / (divisor * 2));
}

std::string RenderBarChart(const std::string& title, const std::vector<ChartEntry>& entries,
                           const ChartStyle& style) {
  std::string text = title + "\n";
  if (entries.empty()) return text + "(no usage records)\n";
  std::size_t label_width = 0;
  std::size_t value_width = 0;
  int64_t max = 0;
  for (const ChartEntry& entry : entries) {
    label_width = std::max(label_width, DisplayWidth(entry.label));
    value_width = std::max(value_width, ValueText(entry.value, style.raw_bytes).size());
    max = std::max(max, entry.value);
  }
  const std::size_t used = label_width + 2 + value_width + 2;
  const std::size_t cells = style.width > used + kMinBarCells ? style.width - used : kMinBarCells;
  for (const ChartEntry& entry : entries) {
    std::string value = ValueText(entry.value, style.raw_bytes);
    std::string line = entry.label;
    line.append(label_width - DisplayWidth(entry.label) + 2, ' ');
    line.append(value_width - value.size(), ' ');
    line += value;
    std::string bar = Bar(BarEighths(entry.value, max, cells), style.utf8);
    if (!bar.empty()) line += "  " + bar;
    text += line + "\n";
  }
  return text;
}

}  // namespace supersim_usage
