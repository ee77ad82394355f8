// Turns whatever stopped the command into its one-line diagnostic and documented exit code.
#pragma once

#include <string>
#include <vector>

namespace supersim_usage {

struct Diagnosis {
  int exit_code;
  /// One line, without the "error: " prefix or a newline.
  std::string message;
};

/// Classifies the exception being handled; call only inside a catch block. A
/// CancelledException (the command cancels only on SIGINT or SIGTERM) gives kExitInterrupted
/// and "interrupted". `demo`: an API error comes from the --demo server, not from Twilio.
Diagnosis DiagnoseCurrentException(bool demo = false);

/// `text` with every occurrence of each secret (of 8 characters or more) replaced by
/// "[redacted]": the SDK never puts credentials in messages, and this makes sure a server
/// echoing one cannot either.
std::string Redact(std::string text, const std::vector<std::string>& secrets);

}  // namespace supersim_usage
