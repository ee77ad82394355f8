// The side-by-side targets: the SDK's rows against the curl floor and against twilio-node, its
// streaming memory, and the floor itself (a server too slow to tell clients apart fails it).
#pragma once

#include <string>
#include <vector>

#include "side_by_side/run_results.hpp"

namespace twilio::bench {

struct TargetResult {
  std::string target;
  std::string measured;
  /// False also when it could not be measured (a failed or skipped contender).
  bool met = false;
};

std::vector<TargetResult> EvaluateTargets(const SideBySideResults& results);

}  // namespace twilio::bench
