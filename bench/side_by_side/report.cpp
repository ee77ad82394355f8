#include "side_by_side/report.hpp"

#include <algorithm>
#include <cinttypes>
#include <cstdio>
#include <fstream>
#include <nlohmann/json.hpp>
#include <stdexcept>

#include "side_by_side/number_text.hpp"

namespace twilio::bench {
namespace {

constexpr double kMB = 1e6;

double Megabytes(int64_t bytes) {
  return static_cast<double>(bytes) / kMB;
}

double CpuNsPerRecord(const ContenderResult& c, int64_t records) {
  return c.MedianCpuSeconds() * 1e9 / static_cast<double>(records);
}

void PrintRow(const ContenderResult& c, const SideBySideResults& results,
              const ContenderResult* curl) {
  char allocations[32] = "";
  if (auto per_page = c.AllocationsPerPage())
    std::snprintf(allocations, sizeof allocations, "%.0f", *per_page);
  std::printf("%-32s %8.3f s  %6.3f-%-6.3f  %7.2fx  %7.3f s  %7.0f  %8.1f  %11s\n", c.label.c_str(),
              c.MedianWallSeconds(), c.MinWallSeconds(), c.MaxWallSeconds(),
              curl != nullptr ? c.MedianWallRatioTo(*curl) : 0, c.MedianCpuSeconds(),
              CpuNsPerRecord(c, results.expected.records), Megabytes(c.PeakRssBytes()),
              allocations);
  for (std::size_t i = 0; i < c.runs.size(); ++i) {
    if (!c.runs[i].Passed()) {
      std::printf("    FAILED run %zu: %s\n", i + 1, c.runs[i].Problem().c_str());
    }
  }
}

nlohmann::ordered_json RunJson(const RunRecord& run) {
  nlohmann::ordered_json j;
  j["wall_seconds"] = run.process.wall_seconds;
  j["cpu_seconds"] = run.process.cpu_seconds;
  j["peak_rss_bytes"] = run.process.peak_rss_bytes;
  j["exit_code"] = run.process.exit_code;
  j["ok"] = run.Passed();
  if (!run.Passed()) j["problem"] = run.Problem();
  if (run.verdict.allocations_per_page) {
    j["allocations_per_page"] = *run.verdict.allocations_per_page;
  }
  if (run.verdict.self_peak_rss_bytes) j["self_peak_rss_bytes"] = *run.verdict.self_peak_rss_bytes;
  return j;
}

}  // namespace

void PrintReport(const SideBySideResults& results, const std::vector<TargetResult>& targets) {
  const Machine& m = results.machine;
  const ContenderResult* curl = results.Find("curl");
  std::printf("\n== side_by_side %s | %s, %d cores | commit %s | curl floor %.0f MB/s\n",
              m.date.c_str(), m.cpu.c_str(), m.cores, m.commit.c_str(),
              results.FloorMegabytesPerSecond());
  std::printf("%s records in %" PRId64
              " pages (%.1f MB of JSON) from bench_page_server; %d run%s "
              "each, contenders alternating in every round; every output checked;\n"
              "'/ curl' is the median over rounds of wall / curl's wall in the same round\n\n",
              Thousands(results.expected.records).c_str(), results.expected.pages,
              Megabytes(results.expected.body_bytes), results.options.runs,
              results.options.runs == 1 ? "" : "s");
  std::printf("%-32s %10s  %-13s  %8s  %9s  %7s  %8s  %11s\n", "contender", "wall (med)",
              "min-max s", "/ curl", "CPU (med)", "CPU ns", "peak RSS", "allocations");
  std::printf("%-32s %10s  %-13s  %8s  %9s  %7s  %8s  %11s\n", "", "", "", "", "", "/record", "MB",
              "/page");
  for (const ContenderResult& c : results.contenders) PrintRow(c, results, curl);
  if (results.node_skipped) {
    std::printf("%-32s skipped: %s\n", "twilio-node", results.node_skipped->c_str());
  }
  std::printf("(peak RSS is wait4's ru_maxrss; it cannot be below side_by_side's own %.1f MB)\n",
              Megabytes(results.driver_peak_rss_bytes));

  if (results.rss.records > 0 && results.rss.run) {
    const RunRecord& run = *results.rss.run;
    const ContenderResult* stream = results.Find("sdk_stream");
    const auto small = stream ? stream->SelfPeakRssBytes() : std::nullopt;
    std::printf("\nstreaming memory (sdk_listing's own VmHWM): %s records %.1f MB, %s records ",
                Thousands(results.expected.records).c_str(), small ? Megabytes(*small) : 0.0,
                Thousands(results.rss.records).c_str());
    if (run.Passed()) {
      std::printf("%.1f MB (%.3f s)\n", Megabytes(run.verdict.self_peak_rss_bytes.value_or(0)),
                  run.process.wall_seconds);
    } else {
      std::printf("FAILED: %s\n", run.Problem().c_str());
    }
  }

  int target_width = 6;
  int measured_width = 8;
  for (const TargetResult& t : targets) {
    target_width = std::max(target_width, static_cast<int>(t.target.size()));
    measured_width = std::max(measured_width, static_cast<int>(t.measured.size()));
  }
  std::printf("\n%-*s | %-*s | met%s\n", target_width, "target", measured_width, "measured",
              results.options.enforce_targets ? "" : "  (not enforced)");
  for (const TargetResult& t : targets) {
    std::printf("%-*s | %-*s | %s\n", target_width, t.target.c_str(), measured_width,
                t.measured.c_str(), t.met ? "yes" : "NO");
  }
  const ContenderResult* node = results.Find("node");
  if (node == nullptr || node->Failed()) return;
  std::printf("\nno target (they also write their output, each() writes none):");
  for (const char* key : {"cli_jsonl", "cli_csv"}) {
    const ContenderResult* c = results.Find(key);
    if (c != nullptr && !c->Failed()) {
      std::printf("  %s %.1fx faster than twilio-node", key + 4, node->MedianWallRatioTo(*c));
    }
  }
  std::printf("\n");
}

void WriteJsonReport(const std::string& path, const SideBySideResults& results,
                     const std::vector<TargetResult>& targets) {
  nlohmann::ordered_json j;
  j["date"] = results.machine.date;
  j["cpu"] = results.machine.cpu;
  j["cores"] = results.machine.cores;
  j["commit"] = results.machine.commit;
  j["records"] = results.expected.records;
  j["pages"] = results.expected.pages;
  j["body_bytes"] = results.expected.body_bytes;
  j["runs"] = results.options.runs;
  j["floor_mb_per_second"] = results.FloorMegabytesPerSecond();
  j["driver_peak_rss_bytes"] = results.driver_peak_rss_bytes;
  const ContenderResult* curl = results.Find("curl");
  nlohmann::ordered_json& contenders = j["contenders"] = nlohmann::ordered_json::array();
  for (const ContenderResult& c : results.contenders) {
    nlohmann::ordered_json row;
    row["key"] = c.key;
    row["label"] = c.label;
    row["ok"] = !c.Failed();
    row["median_wall_seconds"] = c.MedianWallSeconds();
    row["min_wall_seconds"] = c.MinWallSeconds();
    row["max_wall_seconds"] = c.MaxWallSeconds();
    row["wall_over_floor"] = curl != nullptr ? c.MedianWallRatioTo(*curl) : 0;
    row["median_cpu_seconds"] = c.MedianCpuSeconds();
    row["cpu_ns_per_record"] = CpuNsPerRecord(c, results.expected.records);
    row["peak_rss_bytes"] = c.PeakRssBytes();
    if (auto per_page = c.AllocationsPerPage()) row["allocations_per_page"] = *per_page;
    if (auto self = c.SelfPeakRssBytes()) row["self_peak_rss_bytes"] = *self;
    nlohmann::ordered_json& runs = row["runs"] = nlohmann::ordered_json::array();
    for (const RunRecord& run : c.runs) runs.push_back(RunJson(run));
    contenders.push_back(std::move(row));
  }
  if (results.node_skipped) j["node_skipped"] = *results.node_skipped;
  if (results.rss.records > 0 && results.rss.run) {
    j["rss_scenario"] = {{"records", results.rss.records}, {"run", RunJson(*results.rss.run)}};
  }
  nlohmann::ordered_json& list = j["targets"] = nlohmann::ordered_json::array();
  for (const TargetResult& t : targets) {
    list.push_back({{"target", t.target}, {"measured", t.measured}, {"met", t.met}});
  }
  std::ofstream out(path, std::ios::trunc);
  out << j.dump(2) << '\n';
  out.close();
  if (!out) throw std::runtime_error("cannot write " + path);
}

}  // namespace twilio::bench
