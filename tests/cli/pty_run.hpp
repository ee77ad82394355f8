// Runs supersim-usage under a pseudo-terminal, as a user at a terminal would see it: util-linux
// `script -qfec COMMAND /dev/null` gives the command a terminal for stdin, stdout and stderr and
// copies everything the terminal shows to its own stdout.
#pragma once

#include <string>
#include <vector>

#include "run_process.hpp"

namespace cli_test {

/// util-linux `script`, or "" when it is not installed.
std::string ScriptPath();

struct PtyOptions {
  /// NAME=value entries for the command; SHELL, PATH and TERM get defaults when missing.
  std::vector<std::string> env;
  /// When set, the command's stdout goes to this file (a shell redirection), so that only its
  /// stderr is on the terminal.
  std::string stdout_file = {};
};

/// `text` in single quotes for /bin/sh.
std::string ShellQuote(const std::string& text);

/// The result's `out` is the terminal's raw bytes (line ends "\r\n", escapes included), `err`
/// what `script` itself said, `exit_code` the command's. The terminal reports no size (script's
/// stdin is not a terminal), so a test sets COLUMNS for the width.
RunResult RunCliInPty(const std::vector<std::string>& args, const PtyOptions& options);

/// `text` with every "\r\n" made "\n".
std::string WithoutCarriageReturns(const std::string& text);

}  // namespace cli_test
