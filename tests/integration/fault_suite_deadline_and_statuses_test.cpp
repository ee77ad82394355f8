// The fault suite (see fault_suite_fixture.hpp), sections 9-10 and 11, 14, 15: the deadline and
// cancellation, and statuses retried until max_attempts or max_total_delay, or never retried.
#include <gtest/gtest.h>

#include <chrono>
#include <cstdint>
#include <string>
#include <thread>
#include <utility>
#include <vector>

#include "integration/fault_suite_fixture.hpp"
#include "integration/fault_support.hpp"
#include "twilio/errors.hpp"
#include "twilio/retry_policy.hpp"

namespace twilio::supersim::v1 {
namespace {

using namespace fault_suite_names;  // the suite's helpers and aliases

// ---------------------------------------------------------------------------------------------
// 9-10: deadline and cancellation

TEST_F(FaultSuite, DeadlineBetweenPagesIsNotRetried) {
  const Records reference = DefaultReference();
  FakeFault slow;
  slow.delay = 5s;
  server_.InjectFault(2, slow);

  const auto ctx = CallContext::WithTimeout(600ms);
  const ListingRun run = StreamAll(RetryingApi(), Paged(), ctx);
  const auto error = ErrorAs<DeadlineExceededException>(run.error);
  ASSERT_TRUE(error) << Describe(run.error);
  EXPECT_EQ(error->Attempts(), 1);
  EXPECT_RECORDS_EQ(run.records, PagesOf(reference, 0, 2));
  // Not before the deadline (libcurl's timer may fire a few ms early; the transport counts that
  // as the deadline, with a slack of 10 ms), and not after the 5 s the page takes.
  EXPECT_GE(run.ended, *ctx.deadline - 10ms);
  EXPECT_LT(Ms(run.ended - *ctx.deadline), 900);
  std::this_thread::sleep_for(100ms);
  EXPECT_EQ(PagesRequested(server_), (Pages{0, 1, 2}));
  EXPECT_TRUE(log_.Events().empty());
}

TEST_F(FaultSuite, ARetryAfterPastTheDeadlineIsNotWaited) {
  const Records reference = DefaultReference();
  FakeFault unavailable = StatusFault(503);
  unavailable.retry_after = "2";
  server_.InjectFault(1, unavailable);

  const auto ctx = CallContext::WithTimeout(800ms);
  const ListingRun run = StreamAll(RetryingApi(), Paged(), ctx);
  const auto error = ErrorAs<ApiException>(run.error);
  ASSERT_TRUE(error) << Describe(run.error);
  EXPECT_EQ(error->Status(), 503);
  EXPECT_EQ(error->Code(), 20500);
  EXPECT_EQ(error->Attempts(), 1);
  EXPECT_LT(Ms(run.elapsed), 700);  // thrown at once, not at the deadline
  EXPECT_RECORDS_EQ(run.records, PagesOf(reference, 0, 1));
  EXPECT_EQ(PagesRequested(server_), (Pages{0, 1}));
  EXPECT_TRUE(log_.Events().empty());
}

TEST_F(FaultSuite, CancellationEndsARetryAfterWait) {
  const Records reference = DefaultReference();
  FakeFault limited = StatusFault(429);
  limited.retry_after = "10";
  server_.InjectFault(1, limited);
  RetryPolicy policy = FastRetries();
  policy.max_delay = 30s;

  CallContext ctx;
  Clock::time_point cancelled_at{};
  bool saw_retry = false;
  std::thread canceller([&] {
    saw_retry = log_.WaitFor(1, 5s);
    std::this_thread::sleep_for(100ms);  // well inside the 10 s wait
    cancelled_at = Clock::now();
    ctx.cancellation.Cancel();
  });
  const ListingRun run = StreamAll(RetryingApi(policy), Paged(), ctx);
  canceller.join();

  ASSERT_TRUE(saw_retry);
  const auto error = ErrorAs<CancelledException>(run.error);
  ASSERT_TRUE(error) << Describe(run.error);
  EXPECT_LT(Ms(run.ended - cancelled_at), 1000);
  EXPECT_LT(Ms(run.elapsed), 3000);
  EXPECT_RECORDS_EQ(run.records, PagesOf(reference, 0, 1));
  const auto events = log_.Events();
  ASSERT_EQ(events.size(), 1u);
  EXPECT_EQ(events[0].status, 429);
  EXPECT_EQ(Ms(events[0].delay), 10000);
  EXPECT_TRUE(events[0].from_retry_after);
  std::this_thread::sleep_for(200ms);
  EXPECT_EQ(PagesRequested(server_), (Pages{0, 1}));  // nothing after the cancellation
}

// ---------------------------------------------------------------------------------------------
// 11, 14, 15: statuses

TEST_F(FaultSuite, WrongPasswordIsNeverRetried) {
  DefaultReference();
  ClientConfig config = RetryingConfig();
  config.credentials = Credentials::FromAuthToken(server_.GetOptions().username, "wrong-s3cret");

  const ListingRun run = StreamAll(UsageRecordsApi(config), Paged());
  const auto error = ErrorAs<ApiException>(run.error);
  ASSERT_TRUE(error) << Describe(run.error);
  EXPECT_EQ(error->Status(), 401);
  EXPECT_EQ(error->Code(), 20003);
  EXPECT_EQ(error->Message(), "Authenticate");
  EXPECT_EQ(error->Attempts(), 1);
  EXPECT_FALSE(EndsWith(error->what(), "attempts)")) << error->what();
  EXPECT_EQ(std::string(error->what()).find("wrong-s3cret"), std::string::npos);
  EXPECT_TRUE(run.records.empty());
  EXPECT_EQ(PagesRequested(server_), (Pages{0}));
  EXPECT_TRUE(log_.Events().empty());
}

TEST_F(FaultSuite, TooManyRequestsOnEveryAttemptGivesUpAfterMaxAttempts) {
  const Records reference = DefaultReference();
  server_.InjectFault(1, StatusFault(429));
  RetryPolicy policy = FastRetries();
  policy.max_attempts = 3;

  const ListingRun run = StreamAll(RetryingApi(policy), Paged());
  const auto error = ErrorAs<ApiException>(run.error);
  ASSERT_TRUE(error) << Describe(run.error);
  EXPECT_EQ(error->Status(), 429);
  EXPECT_EQ(error->Code(), 20429);
  EXPECT_EQ(error->Attempts(), 3);
  EXPECT_TRUE(EndsWith(error->what(), " (after 3 attempts)")) << error->what();
  EXPECT_RECORDS_EQ(run.records, PagesOf(reference, 0, 1));
  EXPECT_EQ(PagesRequested(server_), (Pages{0, 1, 1, 1}));
  const auto events = log_.Events();
  EXPECT_EQ(faults::AttemptsOf(events), (Ints{1, 2}));
  EXPECT_EQ(DelaysOf(events), (Millis{10, 20}));
  ASSERT_EQ(events.size(), 2u);
  EXPECT_FALSE(events[0].from_retry_after);  // no Retry-After: backoff
  // Each answer has its own request id: the hook saw the first 429's, the error is the last's.
  const auto requests = server_.Requests();
  ASSERT_EQ(requests.size(), 4u);
  const std::string message = "Twilio API error: HTTP 429, code 20429: Too Many Requests";
  EXPECT_EQ(events[0].error, message + " (request " + requests[1].request_id + ")");
  EXPECT_EQ(std::string(error->what()),
            message + " (request " + requests[3].request_id + ") (after 3 attempts)");
  EXPECT_EQ(error->RequestId(), requests[3].request_id);
}

TEST_F(FaultSuite, MaxTotalDelayStopsTheRetries) {
  DefaultReference();
  server_.InjectFault(0, StatusFault(503));
  RetryPolicy policy = FastRetries();
  policy.max_total_delay = 25ms;  // 10 ms fits; 10 + 20 ms does not

  const ListingRun run = StreamAll(RetryingApi(policy), Paged());
  const auto error = ErrorAs<ApiException>(run.error);
  ASSERT_TRUE(error) << Describe(run.error);
  EXPECT_EQ(error->Status(), 503);
  EXPECT_EQ(error->Attempts(), 2);
  EXPECT_TRUE(EndsWith(error->what(), " (after 2 attempts)")) << error->what();
  EXPECT_TRUE(run.records.empty());
  EXPECT_EQ(PagesRequested(server_), (Pages{0, 0}));
  EXPECT_EQ(DelaysOf(log_.Events()), (Millis{10}));
}

TEST_F(FaultSuite, ClientErrorsAreNeverRetried) {
  const Records reference = DefaultReference();
  const std::vector<std::pair<int, int>> statuses = {{400, 20001}, {403, 20403}, {404, 20404}};
  for (const auto& [status, code] : statuses) {
    SCOPED_TRACE(status);
    server_.ClearFaults();
    server_.ClearRequests();
    server_.InjectFault(2, StatusFault(status));
    RetryLog log;

    const ListingRun run = StreamAll(UsageRecordsApi(RetryingConfig(FastRetries(), log)), Paged());
    const auto error = ErrorAs<ApiException>(run.error);
    ASSERT_TRUE(error) << Describe(run.error);
    EXPECT_EQ(error->Status(), status);
    EXPECT_EQ(error->Code(), code);
    EXPECT_EQ(error->Attempts(), 1);
    EXPECT_FALSE(EndsWith(error->what(), "attempts)")) << error->what();
    EXPECT_RECORDS_EQ(run.records, PagesOf(reference, 0, 2));
    EXPECT_EQ(PagesRequested(server_), (Pages{0, 1, 2}));
    EXPECT_TRUE(log.Events().empty());
  }
}

}  // namespace
}  // namespace twilio::supersim::v1
