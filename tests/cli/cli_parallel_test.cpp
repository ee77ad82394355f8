// supersim-usage --parallel: the same bytes as the sequential listing, and a note on stderr
// where the listing cannot be split.
#include <gtest/gtest.h>

#include <string>

#include "cli_support.hpp"
#include "run_process.hpp"
#include "twilio/testing/fake_supersim_server.hpp"

namespace {

using cli_test::RunCli;
using cli_test::RunOptions;
using cli_test::RunResult;
using cli_test::ServerEnv;
using twilio::test_support::FakeSupersimServer;

RunResult List(const FakeSupersimServer& server, std::vector<std::string> args,
               const std::string& parallel) {
  RunOptions options;
  options.env = ServerEnv(server);
  args.insert(args.end(), {"--base-url", server.BaseUrl(), "--parallel", parallel});
  return RunCli(args, options);
}

TEST(CliParallel, PrintsTheSameBytesAsTheSequentialListing) {
  FakeSupersimServer server(cli_test::Pinned());
  server.Start();
  for (const char* format : {"jsonl", "csv", "table", "summary"}) {
    const std::vector<std::string> args = {
        "--group",    "sim",        "--granularity", "hour", "--start-time", "2026-01-01",
        "--end-time", "2026-01-08", "--page-size",   "30",   "--format",     format};
    RunResult one = List(server, args, "1");
    RunResult many = List(server, args, "5");
    ASSERT_EQ(one.exit_code, 0) << one.err;
    ASSERT_EQ(many.exit_code, 0) << many.err;
    EXPECT_EQ(many.err, "");
    EXPECT_FALSE(one.out.empty());
    EXPECT_EQ(many.out, one.out) << format;
  }
}

TEST(CliParallel, AListingThatCannotBeSplitRunsWholeAndSaysWhyOnStderr) {
  FakeSupersimServer server(cli_test::Pinned());
  server.Start();
  const std::vector<std::string> args = {
      "--granularity", "day",        "--start-time", "2026-01-01T06:00:00Z",
      "--end-time",    "2026-01-05", "--format",     "jsonl"};
  RunResult one = List(server, args, "1");
  RunResult many = List(server, args, "4");
  ASSERT_EQ(many.exit_code, 0) << many.err;
  EXPECT_EQ(many.out, one.out);
  EXPECT_EQ(many.err,
            "note: --parallel 4: listing sequentially: StartTime and EndTime must both be on "
            "midnight UTC for Granularity day (a slice's buckets would otherwise start elsewhere "
            "than the whole window's)\n");
}

}  // namespace
