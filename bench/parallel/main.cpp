// parallel_slices: a far-away API. The fake server (in a child process) waits --delay-ms before
// every page, as a round trip to Twilio would; supersim-usage lists a 30-day hourly window
// grouped by SIM (10 SIMs, PageSize 100: 72 pages) sequentially and with --parallel N, and the
// two outputs must be the same bytes. Prints both times, the speed-up and the target (at least
// 5x with N = 8). Exit codes: 0 ok, 1 a run failed or the outputs differ, 2 usage, 3 the target
// was missed with --enforce-target. See bench/README.md.
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <exception>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "e2e/arguments.hpp"
#include "e2e/server_process.hpp"
#include "side_by_side/measured_process.hpp"
#include "twilio/time_format.hpp"

namespace {

namespace bench = twilio::bench;

const char kUsage[] =
    "usage: parallel_slices --bin DIR [--days N] [--delay-ms N] [--parallel N] [--runs R]\n"
    "                       [--out-dir DIR] [--enforce-target]\n";

struct Options {
  std::string bin_dir;
  int days = 30;
  int delay_ms = 100;
  int parallel = 8;
  int runs = 1;
  std::string out_dir = "parallel_slices-results";
  bool enforce_target = false;
};

Options Parse(int argc, char** argv) {
  Options options;
  bench::ForEachArgument(argc, argv, [&](const std::string& arg, const bench::NextValue& value) {
    if (arg == "--bin") {
      options.bin_dir = value();
    } else if (arg == "--days") {
      options.days = static_cast<int>(bench::ParsePositive(arg, value(), 3650));
    } else if (arg == "--delay-ms") {
      options.delay_ms = static_cast<int>(bench::ParsePositive(arg, value(), 10000));
    } else if (arg == "--parallel") {
      options.parallel = static_cast<int>(bench::ParsePositive(arg, value(), 32));
    } else if (arg == "--runs") {
      options.runs = static_cast<int>(bench::ParsePositive(arg, value(), 100));
    } else if (arg == "--out-dir") {
      options.out_dir = value();
    } else if (arg == "--enforce-target") {
      options.enforce_target = true;
    } else {
      throw std::invalid_argument("unknown argument '" + arg + "'");
    }
  });
  if (options.bin_dir.empty()) throw std::invalid_argument("--bin is required");
  return options;
}

std::string ReadFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

// The listing of the example: hourly usage of 10 SIMs over `days` days.
twilio::test_support::FakeSupersimServer::Options ServerOptions(const Options& options) {
  twilio::test_support::FakeSupersimServer::Options server;
  server.data.sims = 10;
  server.data.end = server.data.start + std::chrono::hours(24 * options.days);
  return server;
}

bench::Command ListCommand(const Options& options, const std::string& base_url, int parallel,
                           const std::string& name) {
  const auto server = ServerOptions(options);
  bench::Command command;
  command.argv = {options.bin_dir + "/supersim-usage",
                  "--base-url",
                  base_url,
                  "--group",
                  "sim",
                  "--granularity",
                  "hour",
                  "--start-time",
                  twilio::FormatRfc3339Utc(server.data.start),
                  "--end-time",
                  twilio::FormatRfc3339Utc(server.data.end),
                  "--page-size",
                  "100",
                  "--format",
                  "jsonl",
                  "--quiet",
                  "--parallel",
                  std::to_string(parallel)};
  command.env = {"TWILIO_ACCOUNT_SID=" + server.username, "TWILIO_AUTH_TOKEN=" + server.password,
                 "PATH=/usr/bin:/bin"};
  command.stdout_path = options.out_dir + "/" + name + ".jsonl";
  command.stderr_path = options.out_dir + "/" + name + ".err";
  return command;
}

int Run(const Options& options) {
  std::filesystem::create_directories(options.out_dir);
  twilio::test_support::FakeFault far_away;
  far_away.delay = std::chrono::milliseconds(options.delay_ms);
  // Before any thread: the server is forked.
  bench::ServerProcess server(ServerOptions(options), far_away);
  const int64_t records = int64_t{options.days} * 24 * 10;
  std::printf(
      "\n== parallel_slices | %d days hourly by SIM, 10 SIMs, PageSize 100: %lld records, "
      "%lld pages; %d ms before every page\n\n",
      options.days, static_cast<long long>(records), static_cast<long long>((records + 99) / 100),
      options.delay_ms);
  std::printf("%-34s %10s %10s\n", "run", "wall", "records");
  double sequential = 0;
  double parallel = 0;
  bool identical = true;
  for (int round = 1; round <= options.runs; ++round) {
    const auto one = ListCommand(options, server.BaseUrl(), 1, "sequential");
    const auto many = ListCommand(options, server.BaseUrl(), options.parallel, "parallel");
    const bench::ProcessRun a = bench::RunMeasured(one);
    const bench::ProcessRun b = bench::RunMeasured(many);
    if (a.exit_code != 0 || b.exit_code != 0) {
      std::fprintf(stderr, "parallel_slices: a run failed: %s%s\n",
                   ReadFile(one.stderr_path).c_str(), ReadFile(many.stderr_path).c_str());
      return 1;
    }
    const std::string out = ReadFile(one.stdout_path);
    const auto lines = std::count(out.begin(), out.end(), '\n');
    identical = identical && out == ReadFile(many.stdout_path) && lines == records;
    std::printf("%-34s %8.3f s %10ld\n", "supersim-usage --parallel 1", a.wall_seconds,
                static_cast<long>(lines));
    std::printf("%-34s %8.3f s %10s\n",
                ("supersim-usage --parallel " + std::to_string(options.parallel)).c_str(),
                b.wall_seconds, identical ? "same bytes" : "DIFFERENT");
    if (round == 1 || a.wall_seconds < sequential) sequential = a.wall_seconds;
    if (round == 1 || b.wall_seconds < parallel) parallel = b.wall_seconds;
  }
  const double speedup = sequential / parallel;
  std::printf("\nspeed-up (best of %d each): %.1fx", options.runs, speedup);
  const bool judged = options.days == 30 && options.delay_ms == 100 && options.parallel == 8;
  if (judged) {
    std::printf("; target >= 5x: %s\n", speedup >= 5 ? "met" : "NOT met");
  } else {
    std::printf(" (the target, >= 5x, is for 30 days, 100 ms and --parallel 8)\n");
  }
  if (!identical) {
    std::fprintf(stderr, "parallel_slices: the outputs differ (see %s)\n", options.out_dir.c_str());
    return 1;
  }
  return options.enforce_target && judged && speedup < 5 ? 3 : 0;
}

}  // namespace

int main(int argc, char** argv) {
  return bench::BenchMain(
      "parallel_slices", kUsage, [&] { return Parse(argc, argv); },
      [](const auto& options) { return Run(options); });
}
