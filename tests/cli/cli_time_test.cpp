// --start-time / --end-time in their three forms, as the server receives them.
#include <gtest/gtest.h>

#include "cli_support.hpp"
#include "run_process.hpp"

namespace cli_test {
namespace {

using twilio::test_support::FakeSupersimServer;
using Seconds = std::chrono::seconds;

class CliTimeArguments : public ::testing::Test {
 protected:
  void SetUp() override { server_.Start(); }
  // `now`: SUPERSIM_USAGE_NOW; empty, the real clock.
  RunResult Run(const std::vector<std::string>& times, const std::string& now = "") {
    std::vector<std::string> args = {"--base-url", server_.BaseUrl(), "--format", "summary"};
    args.insert(args.end(), times.begin(), times.end());
    std::vector<std::string> env = ServerEnv(server_);
    env.push_back("SUPERSIM_USAGE_NOW=" + now);
    return RunCli(args, {env});
  }
  std::string Sent(const std::string& name) {
    auto requests = server_.Requests();
    if (requests.empty()) return "(no request)";
    return requests.front().Param(name).value_or("(not sent)");
  }
  FakeSupersimServer server_{cli_test::Pinned()};
};

TEST_F(CliTimeArguments, DatesAreMidnightUtc) {
  RunResult result = Run({"--start-time", "2026-01-02", "--end-time=2026-01-05"});
  ASSERT_EQ(result.exit_code, 0) << result.err;
  EXPECT_EQ(Sent("StartTime"), "2026-01-02T00:00:00Z");
  EXPECT_EQ(Sent("EndTime"), "2026-01-05T00:00:00Z");
  // The demo data has every hour: three whole days of it.
  EXPECT_EQ(result.out.rfind("records=1 ", 0), 0u) << result.out;
}

TEST_F(CliTimeArguments, DatesAndDateTimesMix) {
  RunResult result = Run({"--start-time", "2026-01-02T06:00:00+02:00", "--end-time", "2026-01-03"});
  ASSERT_EQ(result.exit_code, 0) << result.err;
  EXPECT_EQ(Sent("StartTime"), "2026-01-02T04:00:00Z");
  EXPECT_EQ(Sent("EndTime"), "2026-01-03T00:00:00Z");
}

TEST_F(CliTimeArguments, RelativeTimesCountBackFromOneNow) {
  const auto before = std::chrono::system_clock::now();
  RunResult result = Run({"--start-time", "-2d", "--end-time", "-90m"});
  const auto after = std::chrono::system_clock::now();
  ASSERT_EQ(result.exit_code, 0) << result.err;
  const auto start = twilio::ParseRfc3339(Sent("StartTime"));
  const auto end = twilio::ParseRfc3339(Sent("EndTime"));
  // Sent in whole seconds, truncated.
  EXPECT_GE(start, std::chrono::floor<Seconds>(before - std::chrono::hours(48)));
  EXPECT_LE(start, after - std::chrono::hours(48));
  EXPECT_GE(end, std::chrono::floor<Seconds>(before - std::chrono::minutes(90)));
  EXPECT_LE(end, after - std::chrono::minutes(90));
  // One reading of the clock: exactly 46.5 hours apart.
  EXPECT_EQ(end - start, std::chrono::minutes(46 * 60 + 30));
}

TEST_F(CliTimeArguments, SupersimUsageNowIsTheNowRelativeTimesCountFrom) {
  RunResult result = Run({"--start-time", "-1d", "--end-time", "-30m"}, "2026-03-01T12:00:00Z");
  ASSERT_EQ(result.exit_code, 0) << result.err;
  EXPECT_EQ(Sent("StartTime"), "2026-02-28T12:00:00Z");
  EXPECT_EQ(Sent("EndTime"), "2026-03-01T11:30:00Z");
  server_.ClearRequests();
  result = Run({"--start-time", "-1d"}, "2026-03-01T12:00:00");
  EXPECT_EQ(result.exit_code, 2);
  EXPECT_EQ(
      result.err.rfind("error: SUPERSIM_USAGE_NOW: not an RFC 3339 date-time (no time zone", 0), 0u)
      << result.err;
  EXPECT_EQ(server_.RequestCount(), 0u);
}

TEST_F(CliTimeArguments, StartAfterEndIsAUsageErrorNamingBothFlags) {
  RunResult result = Run({"--start-time", "2000-01-01", "--end-time", "-0m"});
  ASSERT_EQ(result.exit_code, 0) << result.err;  // -0m is now: after 2000
  server_.ClearRequests();
  result = Run({"--start-time", "-1d", "--end-time", "2000-01-01"});
  EXPECT_EQ(result.exit_code, 2);
  EXPECT_EQ(result.out, "");
  ASSERT_EQ(Lines(result.err).size(), 1u) << result.err;
  EXPECT_EQ(result.err.rfind("error: --start-time: ", 0), 0u) << result.err;
  EXPECT_NE(result.err.find("is after --end-time 2000-01-01T00:00:00Z; see --help"),
            std::string::npos)
      << result.err;
  EXPECT_EQ(server_.RequestCount(), 0u);
}

TEST_F(CliTimeArguments, EqualStartAndEndIsRefusedAsAnEmptyRange) {
  RunResult result = Run({"--start-time", "2026-01-05", "--end-time", "2026-01-05T00:00:00Z"});
  EXPECT_EQ(result.exit_code, 2);
  EXPECT_NE(result.err.find("invalid StartTime (--start-time): must be before EndTime"),
            std::string::npos)
      << result.err;
  EXPECT_EQ(server_.RequestCount(), 0u);
}

}  // namespace
}  // namespace cli_test
