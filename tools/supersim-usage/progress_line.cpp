#include "progress_line.hpp"

#include <vector>

#include "human_units.hpp"

namespace supersim_usage {
namespace {

std::string Counted(int64_t count, const char* singular, const char* plural) {
  return GroupThousands(count) + " " + (count == 1 ? singular : plural);
}

}  // namespace

std::string FormatElapsed(std::chrono::steady_clock::duration elapsed) {
  const int64_t total = std::chrono::duration_cast<std::chrono::seconds>(elapsed).count();
  const int64_t seconds = total < 0 ? 0 : total;
  auto two = [](int64_t v) { return (v < 10 ? "0" : "") + std::to_string(v); };
  const int64_t hours = seconds / 3600;
  const int64_t minutes = seconds / 60 % 60;
  if (hours > 0) return std::to_string(hours) + ":" + two(minutes) + ":" + two(seconds % 60);
  return std::to_string(minutes) + ":" + two(seconds % 60);
}

std::size_t DisplayWidth(const std::string& text) {
  std::size_t columns = 0;
  for (char c : text) {
    if ((static_cast<unsigned char>(c) & 0xC0) != 0x80) ++columns;  // not a continuation byte
  }
  return columns;
}

std::string FormatProgressLine(const ProgressState& state, bool utf8,
                               std::optional<std::size_t> width) {
  const double seconds = std::chrono::duration<double>(state.elapsed).count();
  const auto rate =
      seconds > 0 ? static_cast<int64_t>(static_cast<double>(state.records) / seconds) : 0;
  std::vector<std::string> fields = {
      Counted(state.records, "record", "records"),
      Counted(static_cast<int64_t>(state.pages), "page", "pages"),
      GroupThousands(rate) + " records/s",
      FormatElapsed(state.elapsed) + " elapsed",
  };
  if (state.retries > 0) {
    fields.insert(fields.begin() + 2,
                  Counted(static_cast<int64_t>(state.retries), "retry", "retries"));
  }
  if (state.limit && *state.limit > 0) {
    double share = static_cast<double>(state.records) / static_cast<double>(*state.limit);
    int percent = share >= 1 ? 100 : static_cast<int>(share * 100);
    fields.push_back(std::to_string(percent < 0 ? 0 : percent) + "%");
  }
  const std::string separator = utf8 ? " \u00b7 " : " | ";
  std::string line = fields.front();
  const std::size_t room = width ? (*width > 1 ? *width - 1 : 1) : std::string::npos;
  for (std::size_t i = 1; i < fields.size(); ++i) {
    std::string longer = line + separator + fields[i];
    if (DisplayWidth(longer) > room) break;
    line = std::move(longer);
  }
  if (DisplayWidth(line) > room) line.resize(room);  // only the first field, which is ASCII
  return line;
}

}  // namespace supersim_usage
