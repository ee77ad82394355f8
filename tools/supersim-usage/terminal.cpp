#include "terminal.hpp"

#include <langinfo.h>
#include <sys/ioctl.h>
#include <unistd.h>

#include <charconv>
#include <cstdlib>
#include <cstring>
#include <string_view>

namespace supersim_usage {

std::optional<std::size_t> ChooseOutputWidth(const char* columns, bool is_terminal,
                                             std::size_t terminal_columns) {
  if (columns != nullptr) {
    std::string_view text(columns);
    std::size_t value = 0;
    auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
    if (ec == std::errc() && end == text.data() + text.size() && value >= 1 && value <= 100000) {
      return value;
    }
  }
  if (!is_terminal) return std::nullopt;
  return terminal_columns > 0 ? terminal_columns : 80;
}

std::optional<std::size_t> OutputWidth(int fd) {
  bool is_terminal = isatty(fd) == 1;
  winsize size{};
  std::size_t terminal_columns = 0;
  if (is_terminal && ioctl(fd, TIOCGWINSZ, &size) == 0) terminal_columns = size.ws_col;
  return ChooseOutputWidth(std::getenv("COLUMNS"), is_terminal, terminal_columns);
}

bool LocaleIsUtf8() {
  const char* codeset = nl_langinfo(CODESET);
  return codeset != nullptr && std::strcmp(codeset, "UTF-8") == 0;
}

bool TerminalCanEraseLine() {
  const char* term = std::getenv("TERM");
  return term != nullptr && *term != '\0' && std::strcmp(term, "dumb") != 0;
}

}  // namespace supersim_usage
