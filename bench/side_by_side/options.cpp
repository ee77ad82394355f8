#include "side_by_side/options.hpp"

#include <stdexcept>

#include "e2e/arguments.hpp"

#ifndef TWILIO_SUPERSIM_BENCH_NODE_DIR
#define TWILIO_SUPERSIM_BENCH_NODE_DIR ""
#endif

namespace twilio::bench {
namespace {

std::string DirectoryOf(const std::string& path) {
  const std::size_t slash = path.rfind('/');
  if (slash == std::string::npos) return ".";
  return slash == 0 ? "/" : path.substr(0, slash);
}

}  // namespace

const char kSideBySideUsage[] =
    "usage: side_by_side [--records N] [--runs R] [--bin DIR] [--node-dir DIR] [--out-dir DIR]\n"
    "                    [--rss-records M] [--enforce-targets]\n"
    "Lists N usage records (default 200000) from bench_page_server with curl (the transport\n"
    "floor), sdk_listing (stream, list), supersim-usage (summary, jsonl, csv, table) and\n"
    "twilio-node, R rounds (default 5), checks every output, and prints them side by side with\n"
    "the targets. --bin: where bench_page_server, sdk_listing and supersim-usage are (default:\n"
    "this program's directory); --node-dir: bench/node with node_modules (default: the source\n"
    "tree's); --out-dir: output files and side_by_side.json (default side_by_side-results);\n"
    "--rss-records: the streaming RSS scenario's records (default 1000000, 0 skips it).\n"
    "Exit codes: 0 ok, 1 a check or a process failed, 2 usage, 3 a target missed with\n"
    "--enforce-targets.\n";

SideBySideOptions ParseSideBySideOptions(int argc, char** argv) {
  SideBySideOptions options;
  options.bin_dir = DirectoryOf(argc > 0 ? argv[0] : "");
  options.node_dir = TWILIO_SUPERSIM_BENCH_NODE_DIR;
  ForEachArgument(argc, argv, [&](const std::string& arg, const NextValue& value) {
    if (arg == "--records") {
      options.records = ParsePositive(arg, value(), int64_t{1} << 40);
    } else if (arg == "--runs") {
      options.runs = static_cast<int>(ParsePositive(arg, value(), 1000));
    } else if (arg == "--bin") {
      options.bin_dir = value();
    } else if (arg == "--node-dir") {
      options.node_dir = value();
    } else if (arg == "--out-dir") {
      options.out_dir = value();
    } else if (arg == "--rss-records") {
      const std::string text = value();
      options.rss_records = text == "0" ? 0 : ParsePositive(arg, text.c_str(), int64_t{1} << 40);
    } else if (arg == "--enforce-targets") {
      options.enforce_targets = true;
    } else if (arg == "--help" || arg == "-h") {
      options.help = true;
    } else {
      throw std::invalid_argument("unknown argument '" + arg + "'");
    }
  });
  return options;
}

}  // namespace twilio::bench
