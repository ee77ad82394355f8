// The command line of supersim-usage: what it can say, and the strict parser that reads it.
#pragma once

#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

#include "output_format.hpp"
#include "twilio/supersim/v1/list_usage_record_params.hpp"
#include "twilio/supersim/v1/listing_options.hpp"
#include "twilio/time_format.hpp"

namespace supersim_usage {

struct CliOptions {
  /// Filters, grouping and paging, passed to the SDK as given; the SDK validates them.
  twilio::supersim::v1::ListUsageRecordParams params;
  /// --parallel: time slices listed at once (the SDK checks the range and where it applies).
  twilio::supersim::v1::ListingOptions listing;
  OutputFormat format = OutputFormat::Table;
  /// --output: the file to write instead of standard output.
  std::optional<std::string> output;
  std::optional<std::string> base_url;
  bool demo = false;
  /// --quiet: no progress line on standard error.
  bool quiet = false;
  /// -v, --verbose: a line on standard error per request, response, retry and page, and at the
  /// end of the listing (the SDK's log events), instead of the progress line.
  bool verbose = false;
  /// --bytes: byte counts as raw integers in table and chart (they are always raw elsewhere).
  bool raw_bytes = false;
  bool help = false;
  bool version = false;
};

/// A command line that cannot be run. what() is one line naming the flag and ending in
/// "; see --help".
class UsageError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

/// Reads `--flag value` and `--flag=value` forms. --help/-h and --version stop the parse (what
/// follows them is not read). Relative times (--start-time -7d) count back from `now`. Throws
/// UsageError for an unknown flag, a missing or malformed value, a flag given twice, a
/// positional argument, --base-url with --demo, or a --start-time after the --end-time.
CliOptions ParseCommandLine(const std::vector<std::string>& args, twilio::TimePoint now);

/// Every flag ParseCommandLine accepts, as typed (-h included), for the checks of --help.
std::vector<std::string> AcceptedFlags();

/// `text` in double quotes, with control characters escaped, so an error stays on one line.
std::string QuoteForMessage(const std::string& text);

}  // namespace supersim_usage
