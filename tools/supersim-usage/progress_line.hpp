// The text of the progress line: what a listing has done so far, in one terminal line.
#pragma once

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>

namespace supersim_usage {

struct ProgressState {
  int64_t records = 0;
  std::size_t pages = 0;
  /// Shown after the pages when there were some.
  std::size_t retries = 0;
  std::chrono::steady_clock::duration elapsed{};
  /// --limit: the line then ends with records / limit as a percentage.
  std::optional<int64_t> limit;
};

/// "1,250 records · 25 pages · 6,410 records/s · 0:03 elapsed · 42%" ("· 2 retries" after the
/// pages when the listing retried): the rate is records per
/// second of elapsed time (0 before any time passed), the percentage is rounded down and shown
/// only with a limit. The separator is " · " when `utf8`, else " | ". With a `width`, the line
/// keeps to width - 1 columns (a full line would wrap on some terminals, and "\r" would no
/// longer return to its start): fields are dropped from the end, and a lone first field is cut.
std::string FormatProgressLine(const ProgressState& state, bool utf8,
                               std::optional<std::size_t> width);

/// "0:03", "12:34", "1:02:03": minutes and seconds, hours when there are some.
std::string FormatElapsed(std::chrono::steady_clock::duration elapsed);

/// Terminal columns `text` takes: its UTF-8 code points (every character used here is one
/// column wide).
std::size_t DisplayWidth(const std::string& text);

}  // namespace supersim_usage
