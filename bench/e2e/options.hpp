// stream_e2e's command line.
#pragma once

#include <cstdint>
#include <string>

namespace twilio::bench {

enum class Mode { Stream, List };

struct Options {
  int64_t records = 200000;
  int page_size = 1000;
  /// SIMs in the fake data set: one hourly page of `page_size` records per hour when equal.
  int sims = 1000;
  Mode mode = Mode::Stream;
  /// Also time plain curl fetching the same pages over one connection.
  bool curl = false;
  /// ClientConfig::prefetch_next_page (on by default, as in the SDK).
  bool prefetch = true;
  /// Busy work per record in the stream loop, standing in for what a caller does with each
  /// record (formatting a CSV line takes about a microsecond).
  int64_t work_ns = 0;
  /// One JSON object on stdout instead of the text report.
  bool json = false;
  bool help = false;
};

/// Throws std::invalid_argument naming the bad argument.
Options ParseOptions(int argc, char** argv);

extern const char kUsage[];

}  // namespace twilio::bench
