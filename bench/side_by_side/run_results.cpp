#include "side_by_side/run_results.hpp"

#include <unistd.h>

#include <algorithm>
#include <cstdio>
#include <ctime>
#include <fstream>

#ifndef TWILIO_SUPERSIM_SOURCE_DIR
#define TWILIO_SUPERSIM_SOURCE_DIR "."
#endif

namespace twilio::bench {
namespace {

double Median(std::vector<double> values) {
  if (values.empty()) return 0;
  std::sort(values.begin(), values.end());
  const std::size_t middle = values.size() / 2;
  return values.size() % 2 == 1 ? values[middle] : (values[middle - 1] + values[middle]) / 2;
}

template <typename Field>
std::vector<double> Collect(const std::vector<RunRecord>& runs, Field field) {
  std::vector<double> values;
  for (const RunRecord& run : runs) values.push_back(field(run));
  return values;
}

// The first line a shell command prints, or empty.
std::string FirstLineOf(const std::string& command) {
  std::FILE* pipe = popen(command.c_str(), "r");
  if (pipe == nullptr) return "";
  char text[512] = {};
  std::string line = std::fgets(text, sizeof text, pipe) != nullptr ? text : "";
  pclose(pipe);
  if (!line.empty() && line.back() == '\n') line.pop_back();
  return line;
}

std::string CpuModel() {
  std::ifstream cpuinfo("/proc/cpuinfo");
  for (std::string line; std::getline(cpuinfo, line);) {
    if (line.rfind("model name", 0) == 0) {
      const std::size_t colon = line.find(':');
      if (colon != std::string::npos) return line.substr(line.find_first_not_of(" \t", colon + 1));
    }
  }
  return "unknown";
}

}  // namespace

std::string RunRecord::Problem() const {
  if (process.exit_code == 0) return verdict.problem;
  // With the first line the process wrote to stderr (or why it could not be run).
  return "exit status " + std::to_string(process.exit_code) +
         (verdict.problem.empty() ? "" : ": " + verdict.problem);
}

bool ContenderResult::Failed() const {
  return runs.empty() ||
         std::any_of(runs.begin(), runs.end(), [](const RunRecord& r) { return !r.Passed(); });
}

double ContenderResult::MedianWallSeconds() const {
  return Median(Collect(runs, [](const RunRecord& r) { return r.process.wall_seconds; }));
}

double ContenderResult::MinWallSeconds() const {
  const auto walls = Collect(runs, [](const RunRecord& r) { return r.process.wall_seconds; });
  return walls.empty() ? 0 : *std::min_element(walls.begin(), walls.end());
}

double ContenderResult::MaxWallSeconds() const {
  const auto walls = Collect(runs, [](const RunRecord& r) { return r.process.wall_seconds; });
  return walls.empty() ? 0 : *std::max_element(walls.begin(), walls.end());
}

double ContenderResult::MedianWallRatioTo(const ContenderResult& base) const {
  std::vector<double> ratios;
  for (std::size_t i = 0; i < runs.size() && i < base.runs.size(); ++i) {
    const double below = base.runs[i].process.wall_seconds;
    if (below > 0) ratios.push_back(runs[i].process.wall_seconds / below);
  }
  return Median(ratios);
}

double ContenderResult::MedianCpuSeconds() const {
  return Median(Collect(runs, [](const RunRecord& r) { return r.process.cpu_seconds; }));
}

int64_t ContenderResult::PeakRssBytes() const {
  int64_t peak = 0;
  for (const RunRecord& r : runs) peak = std::max(peak, r.process.peak_rss_bytes);
  return peak;
}

std::optional<double> ContenderResult::AllocationsPerPage() const {
  std::vector<double> values;
  for (const RunRecord& r : runs) {
    if (r.verdict.allocations_per_page) values.push_back(*r.verdict.allocations_per_page);
  }
  if (values.empty()) return std::nullopt;
  return Median(values);
}

std::optional<int64_t> ContenderResult::SelfPeakRssBytes() const {
  std::optional<int64_t> peak;
  for (const RunRecord& r : runs) {
    if (r.verdict.self_peak_rss_bytes) {
      peak = std::max(peak.value_or(0), *r.verdict.self_peak_rss_bytes);
    }
  }
  return peak;
}

const ContenderResult* SideBySideResults::Find(const std::string& key) const {
  for (const ContenderResult& c : contenders) {
    if (c.key == key) return &c;
  }
  return nullptr;
}

double SideBySideResults::FloorMegabytesPerSecond() const {
  const ContenderResult* curl = Find("curl");
  if (curl == nullptr || curl->MedianWallSeconds() <= 0) return 0;
  return static_cast<double>(expected.body_bytes) / 1e6 / curl->MedianWallSeconds();
}

bool SideBySideResults::AnyFailure() const {
  if (rss.run && !rss.run->Passed()) return true;
  return std::any_of(contenders.begin(), contenders.end(),
                     [](const ContenderResult& c) { return c.Failed(); });
}

Machine DescribeMachine() {
  Machine machine;
  char date[32];
  const std::time_t now = std::time(nullptr);
  std::tm utc{};
  gmtime_r(&now, &utc);
  std::strftime(date, sizeof date, "%Y-%m-%dT%H:%M:%SZ", &utc);
  machine.date = date;
  machine.cpu = CpuModel();
  machine.cores = static_cast<int>(sysconf(_SC_NPROCESSORS_ONLN));
  // Read-only git queries on the source tree this program was built from.
  const std::string git = std::string("git -C '") + TWILIO_SUPERSIM_SOURCE_DIR + "' ";
  const std::string hash = FirstLineOf(git + "rev-parse --short HEAD 2>/dev/null");
  const std::string changed = FirstLineOf(git + "status --porcelain 2>/dev/null | wc -l");
  machine.commit = hash.empty() ? "unknown" : hash + " + " + changed + " changed paths";
  return machine;
}

}  // namespace twilio::bench
