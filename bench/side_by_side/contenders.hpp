// The clients side_by_side compares, each a command and the check of what it printed: curl (the
// transport floor), the SDK (sdk_listing), supersim-usage in four formats and twilio-node.
#pragma once

#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "side_by_side/measured_process.hpp"
#include "side_by_side/output_checks.hpp"

namespace twilio::bench {

enum class ContenderKind { Floor, Sdk, Cli, Node };

struct Contender {
  std::string key;    // output file names and JSON: "curl", "sdk_stream", "cli_jsonl", ...
  std::string label;  // the report's row
  ContenderKind kind = ContenderKind::Sdk;
  Command command;
  std::function<Verdict(const std::string& out_path)> check;
};

/// What the contenders need to know about one listing and where things are.
struct ContenderSetup {
  std::string bin_dir;
  /// Empty: no node contender.
  std::string node_dir;
  std::string out_dir;
  std::string base_url;
  std::vector<std::string> page_urls;
  int sims = 1000;
  int page_size = 1000;
  /// The data set's StartTime and EndTime, RFC 3339.
  std::string start_time;
  std::string end_time;
  ExpectedListing expected;
};

/// In report order. Writes curl's config file into out_dir.
std::vector<Contender> MakeContenders(const ContenderSetup& setup);

/// sdk_listing --mode stream alone, with file names ending in `suffix` (the RSS scenario).
Contender MakeSdkStream(const ContenderSetup& setup, const std::string& suffix);

/// Why twilio-node cannot run from `node_dir` (no directory, no each.js or installed twilio,
/// no node, node older than 20), or nothing when it can.
std::optional<std::string> NodeUnavailable(const std::string& node_dir);

}  // namespace twilio::bench
