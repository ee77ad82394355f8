// side_by_side's output: a table for people (one row per contender, then the targets) and the
// same figures as JSON for scripts.
#pragma once

#include <string>
#include <vector>

#include "side_by_side/run_results.hpp"
#include "side_by_side/targets.hpp"

namespace twilio::bench {

void PrintReport(const SideBySideResults& results, const std::vector<TargetResult>& targets);

/// Throws std::runtime_error when `path` cannot be written.
void WriteJsonReport(const std::string& path, const SideBySideResults& results,
                     const std::vector<TargetResult>& targets);

}  // namespace twilio::bench
