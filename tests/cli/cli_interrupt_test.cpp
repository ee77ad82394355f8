// SIGINT and SIGTERM sent mid-listing to the real binary: it cancels through the SDK, exits
// with 130 within a second, leaves no --output file, and makes no further request.
#include <gtest/gtest.h>
#include <signal.h>
#include <sys/wait.h>

#include <cstdlib>
#include <optional>
#include <thread>

#include "cli_support.hpp"
#include "run_process.hpp"

namespace cli_test {
namespace {

using twilio::test_support::FakeFault;
using twilio::test_support::FakeSupersimServer;
using Clock = std::chrono::steady_clock;

// Polls until the server has received a request for `page` (0-based); generous for a loaded
// machine.
bool WaitForRequest(const FakeSupersimServer& server, int64_t page) {
  const auto deadline = Clock::now() + std::chrono::seconds(30);
  while (Clock::now() < deadline) {
    for (const auto& request : server.Requests()) {
      if (request.page == page) return true;
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
  }
  return false;
}

// How the command ended after a signal: its wait status (none if it still ran 20 s later) and
// the time from kill() to its exit.
struct TimedExit {
  bool signalled = false;
  std::optional<int> status;
  double seconds = 0;
};

TimedExit SignalAndTimeExit(BackgroundProcess& child, int signal) {
  TimedExit result;
  const auto sent = Clock::now();
  result.signalled = child.Signal(signal);
  if (!result.signalled) return result;
  result.status = child.Wait(std::chrono::seconds(20));
  result.seconds = std::chrono::duration<double>(Clock::now() - sent).count();
  return result;
}

struct InterruptCase {
  int signal;
  /// The page (0-based) whose request is in flight when the signal comes.
  int64_t page;
  bool output_file;
};

std::string CaseName(const ::testing::TestParamInfo<InterruptCase>& info) {
  return std::string(info.param.signal == SIGINT ? "Sigint" : "Sigterm") + "OnPage" +
         std::to_string(info.param.page) + (info.param.output_file ? "ToFile" : "ToStdout");
}

class CliInterrupt : public ::testing::TestWithParam<InterruptCase> {};

TEST_P(CliInterrupt, ExitsWith130PromptlyLeavingNoFileAndSendingNothingMore) {
  const InterruptCase& c = GetParam();
  FakeSupersimServer server(cli_test::Pinned());
  server.Start();
  FakeFault slow;
  slow.delay = std::chrono::seconds(5);
  server.InjectFault(c.page, slow);

  TempDir output;  // only the --output file may ever appear here
  TempDir logs;
  // 1008 records (6 SIMs, every hour of a week) in pages of 20.
  std::vector<std::string> args = {
      "--base-url", server.BaseUrl(), "--group", "sim",      "--granularity",
      "hour",       "--page-size",    "20",      "--format", "csv"};
  if (c.output_file) args.insert(args.end(), {"--output", output.File("usage.csv")});
  BackgroundProcess child(args, ServerEnv(server), logs.File("out"), logs.File("err"));
  ASSERT_GT(child.Pid(), 0);
  ASSERT_TRUE(WaitForRequest(server, c.page))
      << "the request for page " << c.page << " never came: " << ReadFile(logs.File("err"));
  const std::size_t requests_before = server.RequestCount();

  const TimedExit ended = SignalAndTimeExit(child, c.signal);
  ASSERT_TRUE(ended.signalled);
  RecordProperty("milliseconds_to_exit", static_cast<int>(ended.seconds * 1000));
  ASSERT_TRUE(ended.status) << "still running 20 s after the signal";
  EXPECT_LT(ended.seconds, 1.0) << "took " << ended.seconds << " s to exit after the signal";
  ASSERT_TRUE(WIFEXITED(*ended.status)) << "killed by signal " << WTERMSIG(*ended.status);
  EXPECT_EQ(WEXITSTATUS(*ended.status), 130);
  EXPECT_EQ(ReadFile(logs.File("err")),
            std::string("interrupted by ") + (c.signal == SIGINT ? "SIGINT" : "SIGTERM") + "\n");
  EXPECT_EQ(output.Entries(), std::vector<std::string>{}) << "no file, no temporary file";
  if (!c.output_file && c.page > 0) {
    // The pages before the one in flight were printed as they came.
    EXPECT_EQ(Lines(ReadFile(logs.File("out"))).size(), 1u + 20u * c.page);
  }

  // Nothing was asked after the request in flight: not the next page, not a retry.
  std::this_thread::sleep_for(std::chrono::milliseconds(1500));
  auto requests = server.Requests();
  EXPECT_EQ(requests.size(), requests_before);
  EXPECT_EQ(requests.back().page, c.page);
}

INSTANTIATE_TEST_SUITE_P(Signals, CliInterrupt,
                         ::testing::Values(InterruptCase{SIGINT, 1, true},
                                           InterruptCase{SIGTERM, 1, true},
                                           InterruptCase{SIGINT, 0, true},
                                           InterruptCase{SIGTERM, 2, false}),
                         CaseName);

// A page that failed with a retryable status waits (Retry-After) before its retry; a signal
// during that wait ends it, and the retry is never sent.
TEST(CliInterruptRetry, NoRetryStartsAfterTheSignal) {
  FakeSupersimServer server(cli_test::Pinned());
  server.Start();
  FakeFault busy;
  busy.status = 503;
  busy.retry_after = "10";
  server.InjectFault(1, busy);
  TempDir output;
  TempDir logs;
  BackgroundProcess child(
      {"--base-url", server.BaseUrl(), "--group", "sim", "--granularity", "hour", "--page-size",
       "20", "--format", "csv", "--output", output.File("usage.csv")},
      ServerEnv(server), logs.File("out"), logs.File("err"));
  ASSERT_TRUE(WaitForRequest(server, 1));
  // Let the 503 arrive, so the command is inside its 10 s wait for the retry.
  std::this_thread::sleep_for(std::chrono::milliseconds(300));
  const std::size_t requests_before = server.RequestCount();
  const TimedExit ended = SignalAndTimeExit(child, SIGINT);
  ASSERT_TRUE(ended.signalled);
  ASSERT_TRUE(ended.status);
  EXPECT_LT(ended.seconds, 1.0);
  ASSERT_TRUE(WIFEXITED(*ended.status));
  EXPECT_EQ(WEXITSTATUS(*ended.status), 130);
  EXPECT_EQ(ReadFile(logs.File("err")), "interrupted by SIGINT\n");
  EXPECT_EQ(output.Entries(), std::vector<std::string>{});
  std::this_thread::sleep_for(std::chrono::milliseconds(1500));
  EXPECT_EQ(server.RequestCount(), requests_before);
  EXPECT_EQ(requests_before, 2u) << "page 0, then page 1 once; no retry";
}

// Cancellation stops requests, not a write to a reader that stopped reading: there a second
// signal is the way out, at once and with the same status.
TEST(CliInterruptTwice, SecondSignalExitsAtOnceWhenCancellingCannotFinish) {
  TempDir logs;
  // Leaving at once means leaving threads running and unjoined, by design: in a
  // ThreadSanitizer build that is no finding, and no reason for TSan's own second of waiting
  // at exit (the suite's other TSan settings still apply).
  const char* tsan = std::getenv("TSAN_OPTIONS");
  const std::string tsan_options =
      "TSAN_OPTIONS=" + std::string(tsan ? tsan : "") + ":report_thread_leaks=0:atexit_sleep_ms=0";
  // About 400 KB of JSON lines into a pipe that holds 64 KB and is never read.
  BackgroundProcess child(
      {"--demo", "--group", "sim", "--granularity", "hour", "--format", "jsonl"}, {tsan_options},
      "", logs.File("err"));
  ASSERT_GT(child.Pid(), 0);
  const auto deadline = Clock::now() + std::chrono::seconds(30);
  while (child.StdoutPending() < 60 * 1024 && Clock::now() < deadline) {
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
  }
  ASSERT_GE(child.StdoutPending(), 60u * 1024) << "the command never filled the pipe";
  ASSERT_TRUE(child.Signal(SIGINT));
  EXPECT_FALSE(child.Wait(std::chrono::milliseconds(300))) << "it was not stuck in its write";
  const TimedExit ended = SignalAndTimeExit(child, SIGINT);
  ASSERT_TRUE(ended.signalled);
  ASSERT_TRUE(ended.status);
  EXPECT_LT(ended.seconds, 1.0);
  ASSERT_TRUE(WIFEXITED(*ended.status)) << "killed by signal " << WTERMSIG(*ended.status);
  EXPECT_EQ(WEXITSTATUS(*ended.status), 130);
  EXPECT_EQ(ReadFile(logs.File("err")), "interrupted by SIGINT again\n");
}

}  // namespace
}  // namespace cli_test
