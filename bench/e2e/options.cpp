#include "e2e/options.hpp"

#include <stdexcept>

#include "e2e/arguments.hpp"

namespace twilio::bench {

const char kUsage[] =
    "usage: stream_e2e [--records N] [--page-size N] [--sims N] [--mode stream|list] [--curl]\n"
    "                  [--no-prefetch] [--work-ns N] [--json]\n"
    "Streams N usage records (default 200000) from the fake server, run in a child process,\n"
    "through the SDK's libcurl transport; checks count and checksum against the fake data\n"
    "model; prints wall time, records/s, MB/s and peak RSS. --curl also times plain curl on\n"
    "the same pages. --no-prefetch turns ClientConfig::prefetch_next_page off; --work-ns spins\n"
    "N ns per record in the stream loop, as a caller's own work. Exits 1 on a mismatch or an\n"
    "error, 2 on a bad argument.\n";

Options ParseOptions(int argc, char** argv) {
  Options options;
  ForEachArgument(argc, argv, [&](const std::string& arg, const NextValue& value) {
    if (arg == "--records") {
      options.records = ParsePositive(arg, value(), int64_t{1} << 40);
    } else if (arg == "--page-size") {
      options.page_size = static_cast<int>(ParsePositive(arg, value(), 1000));
    } else if (arg == "--sims") {
      options.sims = static_cast<int>(ParsePositive(arg, value(), 1000000));
    } else if (arg == "--mode") {
      const std::string mode = value();
      if (mode == "stream") {
        options.mode = Mode::Stream;
      } else if (mode == "list") {
        options.mode = Mode::List;
      } else {
        throw std::invalid_argument("--mode wants stream or list, got '" + mode + "'");
      }
    } else if (arg == "--curl") {
      options.curl = true;
    } else if (arg == "--work-ns") {
      options.work_ns = ParsePositive(arg, value(), 1000000000);
    } else if (arg == "--no-prefetch") {
      options.prefetch = false;
    } else if (arg == "--json") {
      options.json = true;
    } else if (arg == "--help" || arg == "-h") {
      options.help = true;
    } else {
      throw std::invalid_argument("unknown argument '" + arg + "'");
    }
  });
  return options;
}

}  // namespace twilio::bench
