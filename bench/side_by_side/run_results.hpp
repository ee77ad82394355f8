// What side_by_side measured: every run of every contender, the RSS scenario and the machine,
// with the figures the report and the targets derive from them.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "side_by_side/contenders.hpp"
#include "side_by_side/measured_process.hpp"
#include "side_by_side/options.hpp"
#include "side_by_side/output_checks.hpp"

namespace twilio::bench {

struct RunRecord {
  ProcessRun process;
  Verdict verdict;
  bool Passed() const { return process.exit_code == 0 && verdict.problem.empty(); }
  /// Why the run does not count, or empty.
  std::string Problem() const;
};

struct ContenderResult {
  std::string key;
  std::string label;
  ContenderKind kind = ContenderKind::Sdk;
  std::vector<RunRecord> runs;

  bool Failed() const;
  double MedianWallSeconds() const;
  double MinWallSeconds() const;
  double MaxWallSeconds() const;
  double MedianCpuSeconds() const;
  /// The median over rounds of this contender's wall time divided by `base`'s in the same
  /// round: contenders alternate within a round, so a machine that is slower for a while slows
  /// both sides of each quotient alike. 0 without a round in common.
  double MedianWallRatioTo(const ContenderResult& base) const;
  /// The highest ru_maxrss of its runs.
  int64_t PeakRssBytes() const;
  /// sdk_listing's own figures (median allocations per page, highest VmHWM), when it has them.
  std::optional<double> AllocationsPerPage() const;
  std::optional<int64_t> SelfPeakRssBytes() const;
};

struct Machine {
  std::string date;  // UTC, RFC 3339
  std::string cpu;
  int cores = 0;
  std::string commit;  // "<short hash> + N changed paths", or "unknown"
};

struct RssScenario {
  int64_t records = 0;  // 0: not run
  std::optional<RunRecord> run;
};

struct SideBySideResults {
  Machine machine;
  SideBySideOptions options;
  ExpectedListing expected;
  std::vector<ContenderResult> contenders;
  std::optional<std::string> node_skipped;  // why there is no twilio-node row
  RssScenario rss;
  /// side_by_side's own peak resident set: a floor under every child's ru_maxrss.
  int64_t driver_peak_rss_bytes = 0;

  const ContenderResult* Find(const std::string& key) const;
  /// Body bytes over curl's median wall time, in MB/s (10^6 bytes).
  double FloorMegabytesPerSecond() const;
  /// Any failed run, here or in the RSS scenario.
  bool AnyFailure() const;
};

Machine DescribeMachine();

}  // namespace twilio::bench
