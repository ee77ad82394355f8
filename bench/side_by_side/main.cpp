// side_by_side: the end-to-end benchmark that cannot be fooled by its own server. Every client
// lists the same N usage records from bench_page_server (pages in memory, no work per request):
// curl (the transport floor), the SDK (sdk_listing), supersim-usage and twilio-node, each run R
// times with the contenders alternating in every round, each output checked against the listing
// computed here. Prints them side by side with their ratios to the floor, then the targets; the
// same figures go to <out-dir>/side_by_side.json. See bench/README.md.
#include <cstdio>
#include <exception>
#include <filesystem>
#include <fstream>

#include "e2e/arguments.hpp"
#include "e2e/expected_listing.hpp"
#include "side_by_side/contenders.hpp"
#include "side_by_side/options.hpp"
#include "side_by_side/page_server_process.hpp"
#include "side_by_side/report.hpp"
#include "side_by_side/run_results.hpp"
#include "side_by_side/targets.hpp"
#include "twilio/time_format.hpp"

namespace {

namespace bench = twilio::bench;

// One hourly page of every SIM per page: what the listing's figures in bench/README.md assume.
constexpr int kSims = 1000;
constexpr int kPageSize = 1000;

std::string FirstLineOf(const std::string& path) {
  std::ifstream in(path);
  std::string line;
  std::getline(in, line);
  return line;
}

bench::RunRecord RunOnce(const bench::Contender& contender) {
  bench::RunRecord run;
  try {
    run.process = bench::RunMeasured(contender.command);
  } catch (const std::exception& e) {
    run.process.exit_code = 127;
    run.verdict.problem = e.what();
    return run;
  }
  if (run.process.exit_code == 0) {
    run.verdict = contender.check(contender.command.stdout_path);
  } else {
    run.verdict.problem = FirstLineOf(contender.command.stderr_path);
  }
  return run;
}

bench::ContenderSetup MakeSetup(const bench::SideBySideOptions& options,
                                const bench::PageServerProcess& server, int64_t records,
                                const std::string& node_dir) {
  const twilio::test_support::FakeDataSet data = bench::MakeDataSet(records, kSims);
  bench::ContenderSetup setup;
  setup.bin_dir = options.bin_dir;
  setup.node_dir = node_dir;
  setup.out_dir = options.out_dir;
  setup.base_url = server.BaseUrl();
  for (const bench::ServedPage& page : server.Pages()) setup.page_urls.push_back(page.url);
  setup.sims = kSims;
  setup.page_size = kPageSize;
  setup.start_time = twilio::FormatRfc3339Utc(data.start);
  setup.end_time = twilio::FormatRfc3339Utc(data.end);
  setup.expected.records = records;
  setup.expected.pages = static_cast<int64_t>(server.Pages().size());
  setup.expected.body_bytes = server.BodyBytes();
  // Untimed, from the data model rather than from any client.
  setup.expected.digest = bench::ExpectedDigest(data, records);
  return setup;
}

void RunRounds(const bench::SideBySideOptions& options, bench::SideBySideResults& results) {
  const std::string server_path = options.bin_dir + "/bench_page_server";
  bench::PageServerProcess server(server_path, options.records, kSims, kPageSize);
  const std::string node_dir = results.node_skipped ? "" : options.node_dir;
  const bench::ContenderSetup setup = MakeSetup(options, server, options.records, node_dir);
  results.expected = setup.expected;
  const std::vector<bench::Contender> contenders = bench::MakeContenders(setup);
  for (const bench::Contender& c : contenders) {
    results.contenders.push_back({c.key, c.label, c.kind, {}});
  }
  // Round by round, so that any drift of the machine hits every contender alike.
  for (int round = 1; round <= options.runs; ++round) {
    for (std::size_t i = 0; i < contenders.size(); ++i) {
      bench::RunRecord run = RunOnce(contenders[i]);
      std::fprintf(stderr, "side_by_side: round %d/%d %-32s %8.3f s  %s\n", round, options.runs,
                   contenders[i].label.c_str(), run.process.wall_seconds,
                   run.Passed() ? "ok" : ("FAILED: " + run.Problem()).c_str());
      results.contenders[i].runs.push_back(std::move(run));
    }
  }
}

// The 200k server is gone by now: one listing of M records, streamed once.
void RunRssScenario(const bench::SideBySideOptions& options, bench::SideBySideResults& results) {
  results.rss.records = options.rss_records;
  const std::string server_path = options.bin_dir + "/bench_page_server";
  bench::PageServerProcess server(server_path, options.rss_records, kSims, kPageSize);
  const bench::ContenderSetup setup = MakeSetup(options, server, options.rss_records, "");
  const bench::RunRecord run = RunOnce(bench::MakeSdkStream(setup, "_rss"));
  std::fprintf(stderr, "side_by_side: RSS scenario, %lld records: %.3f s  %s\n",
               static_cast<long long>(options.rss_records), run.process.wall_seconds,
               run.Passed() ? "ok" : ("FAILED: " + run.Problem()).c_str());
  results.rss.run = run;
}

int Main(const bench::SideBySideOptions& options) {
  std::filesystem::create_directories(options.out_dir);
  bench::SideBySideResults results;
  results.options = options;
  results.machine = bench::DescribeMachine();
  results.node_skipped = bench::NodeUnavailable(options.node_dir);
  if (results.node_skipped) {
    std::fprintf(stderr, "side_by_side: twilio-node skipped: %s\n", results.node_skipped->c_str());
  }

  RunRounds(options, results);
  if (options.rss_records > 0) RunRssScenario(options, results);
  results.driver_peak_rss_bytes = bench::SpawnerPeakRssBytes();

  const std::vector<bench::TargetResult> targets = bench::EvaluateTargets(results);
  bench::PrintReport(results, targets);
  const std::string json = options.out_dir + "/side_by_side.json";
  bench::WriteJsonReport(json, results, targets);
  std::printf("\n(figures also in %s)\n", json.c_str());

  if (results.AnyFailure()) {
    std::fprintf(stderr, "side_by_side: FAILED: a run failed or printed wrong records\n");
    return 1;
  }
  for (const bench::TargetResult& t : targets) {
    if (!t.met && options.enforce_targets) {
      std::fprintf(stderr, "side_by_side: a target was missed (--enforce-targets)\n");
      return 3;
    }
  }
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  return bench::BenchMain(
      "side_by_side", bench::kSideBySideUsage,
      [&] { return bench::ParseSideBySideOptions(argc, argv); },
      [](const auto& options) {
        if (options.help) {
          std::fputs(bench::kSideBySideUsage, stdout);
          return 0;
        }
        return Main(options);
      });
}
