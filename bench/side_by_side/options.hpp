// side_by_side's command line.
#pragma once

#include <cstdint>
#include <string>

namespace twilio::bench {

struct SideBySideOptions {
  int64_t records = 200000;
  int runs = 5;
  /// Where bench_page_server, sdk_listing and supersim-usage are: argv[0]'s directory unless set.
  std::string bin_dir;
  /// bench/node with node_modules installed; the node contender is skipped without it.
  std::string node_dir;
  /// Output files of every contender and side_by_side.json.
  std::string out_dir = "side_by_side-results";
  /// Records of the RSS scenario (sdk_listing --mode stream once); 0 skips it.
  int64_t rss_records = 1000000;
  /// Exit 3 when a target is missed.
  bool enforce_targets = false;
  bool help = false;
};

/// Throws std::invalid_argument naming the bad argument.
SideBySideOptions ParseSideBySideOptions(int argc, char** argv);

extern const char kSideBySideUsage[];

}  // namespace twilio::bench
