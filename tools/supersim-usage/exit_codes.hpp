// The exit statuses of supersim-usage, as documented in --help. Scripts branch on these, so a
// value never changes meaning.
#pragma once

namespace supersim_usage {

/// Every record was written (or the reader of stdout went away early, e.g. `| head -1`).
inline constexpr int kExitOk = 0;
/// Anything unforeseen: an internal error, or stdout failing for another reason than a closed
/// pipe (a full disk).
inline constexpr int kExitFailure = 1;
/// The command line, the environment or a parameter was rejected before any request was sent.
inline constexpr int kExitUsage = 2;
/// Twilio answered with an HTTP error status (bad credentials, not found, rate limited, ...).
inline constexpr int kExitApi = 3;
/// The request did not complete: DNS, connect, TLS, timeout, a dropped connection (also an
/// SDK deadline, which this command never sets but would report alike).
inline constexpr int kExitTransport = 4;
/// Twilio's answer could not be used: a body that is not the documented JSON, a paging link to
/// another host or back to a page already read, or a total too large for 64-bit bytes.
inline constexpr int kExitBadResponse = 5;
/// SIGINT or SIGTERM stopped the listing (128 + SIGINT, as shells report Ctrl-C, for both):
/// nothing more was requested and no --output file was written.
inline constexpr int kExitInterrupted = 130;

}  // namespace supersim_usage
