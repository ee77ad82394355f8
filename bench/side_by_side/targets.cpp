#include "side_by_side/targets.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>

#include "side_by_side/number_text.hpp"

namespace twilio::bench {
namespace {

constexpr double kMB = 1e6;

std::string Format(const char* format, double value) {
  char text[64];
  std::snprintf(text, sizeof text, format, value);
  return text;
}

// A contender's median wall time, or why there is none.
const ContenderResult* Usable(const SideBySideResults& results, const std::string& key,
                              std::string& why) {
  const ContenderResult* c = results.Find(key);
  if (c == nullptr) {
    why = key == "node" && results.node_skipped ? "twilio-node skipped" : "not run";
    return nullptr;
  }
  if (c->Failed()) {
    why = "failed";
    return nullptr;
  }
  return c;
}

TargetResult AgainstFloor(const SideBySideResults& results, const std::string& key,
                          double max_ratio) {
  const ContenderResult* row = results.Find(key);
  TargetResult t;
  t.target = (row ? row->label : key) + " <= " + Format("%.1f", max_ratio) + "x curl";
  std::string why;
  const ContenderResult* c = Usable(results, key, why);
  const ContenderResult* curl = Usable(results, "curl", why);
  if (c == nullptr || curl == nullptr) {
    t.measured = why;
    return t;
  }
  const double ratio = c->MedianWallRatioTo(*curl);
  t.measured = Format("%.2fx", ratio);
  t.met = ratio <= max_ratio;
  return t;
}

TargetResult AgainstNode(const SideBySideResults& results, const std::string& key) {
  const ContenderResult* row = results.Find(key);
  TargetResult t;
  t.target = (row ? row->label : key) + " >= 10x faster than twilio-node";
  std::string why;
  const ContenderResult* c = Usable(results, key, why);
  const ContenderResult* node = Usable(results, "node", why);
  if (c == nullptr || node == nullptr) {
    t.measured = why;
    return t;
  }
  const double speedup = node->MedianWallRatioTo(*c);
  t.measured = Format("%.1fx faster", speedup);
  t.met = speedup >= 10;
  return t;
}

// sdk_listing's own peak (VmHWM): ru_maxrss would carry side_by_side's peak too.
std::vector<TargetResult> StreamMemory(const SideBySideResults& results) {
  const std::string at_m =
      results.options.rss_records > 0 ? Thousands(results.options.rss_records) : "M";
  TargetResult below{"sdk_listing stream peak RSS at " + at_m + " records < 20 MB", "", false};
  TargetResult flat{"sdk_listing stream peak RSS flat: " + at_m + " vs " +
                        Thousands(results.expected.records) + " records, within 1 MB or 5%",
                    "", false};
  std::string why;
  const ContenderResult* stream = Usable(results, "sdk_stream", why);
  const auto& rss = results.rss;
  if (rss.records == 0) why = "not run (--rss-records 0)";
  if (rss.run && !rss.run->Passed()) why = "failed";
  if (stream == nullptr || !rss.run || !rss.run->Passed() ||
      !rss.run->verdict.self_peak_rss_bytes || !stream->SelfPeakRssBytes()) {
    below.measured = flat.measured = why.empty() ? "no figure" : why;
    return {below, flat};
  }
  const double big = static_cast<double>(*rss.run->verdict.self_peak_rss_bytes);
  const double small = static_cast<double>(*stream->SelfPeakRssBytes());
  below.measured = Format("%.1f MB", big / kMB);
  below.met = big < 20 * kMB;
  flat.measured = Format("%.1f MB", big / kMB) + " vs " + Format("%.1f MB", small / kMB);
  flat.met = std::fabs(big - small) <= std::max(1 * kMB, 0.05 * small);
  return {below, flat};
}

}  // namespace

std::vector<TargetResult> EvaluateTargets(const SideBySideResults& results) {
  std::vector<TargetResult> targets;
  targets.push_back(AgainstFloor(results, "sdk_stream", 1.5));
  targets.push_back(AgainstFloor(results, "cli_summary", 1.5));
  targets.push_back(AgainstFloor(results, "cli_jsonl", 2));
  targets.push_back(AgainstFloor(results, "cli_csv", 2));
  // Against twilio-node's each(), which reads every record and writes nothing: the contenders
  // that do the same (the stream, and the summary, which only adds). jsonl and csv also format
  // and write 50-80 MB; the report shows their ratio without a target.
  for (const char* key : {"sdk_stream", "cli_summary"}) {
    targets.push_back(AgainstNode(results, key));
  }
  for (TargetResult& t : StreamMemory(results)) targets.push_back(std::move(t));

  TargetResult floor{"curl floor >= 500 MB/s", "", false};
  std::string why;
  if (Usable(results, "curl", why) == nullptr) {
    floor.measured = why;
  } else {
    floor.measured = Format("%.0f MB/s", results.FloorMegabytesPerSecond());
    floor.met = results.FloorMegabytesPerSecond() >= 500;
  }
  targets.push_back(floor);
  return targets;
}

}  // namespace twilio::bench
