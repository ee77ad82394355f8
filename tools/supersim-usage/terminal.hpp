// What the command knows about where its output goes: a terminal or not, how wide, and whether
// the locale can show characters beyond ASCII.
#pragma once

#include <cstddef>
#include <optional>

namespace supersim_usage {

/// The width a line printed to `fd` may take, in columns: COLUMNS when it is a whole number
/// from 1 to 100000; else on a terminal its width (TIOCGWINSZ), or 80 when it reports none;
/// else (a file, a pipe) std::nullopt: no limit.
std::optional<std::size_t> OutputWidth(int fd);

/// The rule of OutputWidth, given its inputs: COLUMNS (or nullptr), whether `fd` is a terminal,
/// and the terminal's reported width (0 for none).
std::optional<std::size_t> ChooseOutputWidth(const char* columns, bool is_terminal,
                                             std::size_t terminal_columns);

/// The character set of LC_CTYPE is UTF-8 (main sets LC_CTYPE from the environment).
bool LocaleIsUtf8();

/// "\x1b[K" (erase to the end of the line) works on this terminal: TERM is set and not "dumb".
bool TerminalCanEraseLine();

}  // namespace supersim_usage
