// The fault suite (see fault_suite_fixture.hpp), sections 1-3: Retry-After, in seconds and as
// an HTTP date, and the backoff between attempts.
#include <gtest/gtest.h>

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <ctime>
#include <memory>
#include <mutex>
#include <vector>

#include "integration/fault_suite_fixture.hpp"
#include "integration/fault_support.hpp"
#include "twilio/errors.hpp"
#include "twilio/retry_policy.hpp"

namespace twilio::supersim::v1 {
namespace {

using namespace fault_suite_names;  // the suite's helpers and aliases

// A RetryPolicy::sleeper that records each wait and returns at once (from any thread: a page
// may be prefetched).
class RecordedSleeps {
 public:
  RetryPolicy Into(RetryPolicy policy) const {
    policy.sleeper = [state = state_](milliseconds delay) {
      std::lock_guard<std::mutex> lock(state->mutex);
      state->delays.push_back(delay);
    };
    return policy;
  }
  std::vector<milliseconds> Delays() const {
    std::lock_guard<std::mutex> lock(state_->mutex);
    return state_->delays;
  }

 private:
  struct State {
    std::mutex mutex;
    std::vector<milliseconds> delays;
  };
  std::shared_ptr<State> state_ = std::make_shared<State>();
};

// ---------------------------------------------------------------------------------------------
// 1-3: Retry-After and backoff

TEST_F(FaultSuite, RetryAfterSecondsIsWaitedThenThePageIsAskedAgain) {
  const Records reference = DefaultReference();
  FakeFault limited = StatusFault(429, /*times=*/1);
  limited.retry_after = "1";
  server_.InjectFault(2, limited);

  // The wait goes to a recording sleeper: the loop's real sleep is MaxDelayCapsALongRetryAfter's.
  const RecordedSleeps sleeps;
  const ListingRun run = StreamAll(RetryingApi(sleeps.Into(FastRetries())), Paged());
  ASSERT_FALSE(run.error) << Describe(run.error);
  EXPECT_RECORDS_EQ(run.records, reference);
  EXPECT_EQ(PagesRequested(server_), (Pages{0, 1, 2, 2, 3, 4, 5, 6, 7, 8}));
  const auto requests = server_.Requests();
  ASSERT_EQ(requests.size(), 10u);
  EXPECT_EQ(requests[3].raw_query, requests[2].raw_query);  // the same page, not a later one

  const auto events = log_.Events();
  ASSERT_EQ(events.size(), 1u);
  EXPECT_EQ(events[0].attempt, 1);
  EXPECT_EQ(events[0].status, 429);
  EXPECT_EQ(events[0].curl_code, 0);
  EXPECT_EQ(Ms(events[0].delay), 1000);
  EXPECT_TRUE(events[0].from_retry_after);
  EXPECT_EQ(events[0].url, UrlOf(server_, requests[2]));
  EXPECT_EQ(sleeps.Delays(), std::vector<milliseconds>{1000ms});
  EXPECT_LT(Ms(run.elapsed), 1000);  // asked of the sleeper, not slept
}

TEST_F(FaultSuite, MaxDelayCapsALongRetryAfter) {
  const Records reference = DefaultReference();
  FakeFault limited = StatusFault(429, /*times=*/1);
  limited.retry_after = "5";
  server_.InjectFault(2, limited);
  RetryPolicy policy = FastRetries();
  policy.max_delay = 200ms;

  // The default sleeper: this wait is real.
  const ListingRun run = StreamAll(RetryingApi(policy), Paged());
  ASSERT_FALSE(run.error) << Describe(run.error);
  EXPECT_RECORDS_EQ(run.records, reference);
  EXPECT_EQ(PagesRequested(server_), (Pages{0, 1, 2, 2, 3, 4, 5, 6, 7, 8}));
  const auto events = log_.Events();
  ASSERT_EQ(events.size(), 1u);
  EXPECT_EQ(events[0].status, 429);
  EXPECT_EQ(Ms(events[0].delay), 200);
  EXPECT_TRUE(events[0].from_retry_after);
  EXPECT_GE(Ms(run.elapsed), 200);
  EXPECT_LT(Ms(run.elapsed), 2000);  // not the 5 s the server asked for
}

TEST_F(FaultSuite, RetryAfterHttpDateIsWaitedUntil) {
  const Records reference = DefaultReference();
  // now + 2 s as an IMF-fixdate: whole seconds, so 1 to 2 s from now.
  const auto before = std::chrono::system_clock::now();
  const auto target = std::chrono::floor<std::chrono::seconds>(before + 2s);
  const std::time_t seconds = std::chrono::system_clock::to_time_t(target);
  std::tm utc{};
  gmtime_r(&seconds, &utc);
  char date[64];
  ASSERT_GT(std::strftime(date, sizeof date, "%a, %d %b %Y %H:%M:%S GMT", &utc), 0u);
  FakeFault limited = StatusFault(429, /*times=*/1);
  limited.retry_after = date;
  server_.InjectFault(1, limited);

  const RecordedSleeps sleeps;
  const ListingRun run = StreamAll(RetryingApi(sleeps.Into(FastRetries())), Paged());
  ASSERT_FALSE(run.error) << Describe(run.error);
  EXPECT_RECORDS_EQ(run.records, reference);
  EXPECT_EQ(PagesRequested(server_), (Pages{0, 1, 1, 2, 3, 4, 5, 6, 7, 8}));
  const auto events = log_.Events();
  const auto reported = log_.WallTimes();
  ASSERT_EQ(events.size(), 1u) << date;
  EXPECT_EQ(events[0].status, 429);
  EXPECT_TRUE(events[0].from_retry_after);
  // The delay is the time left until `target` when the header was read: after `before`, before
  // the hook ran.
  const auto most = std::chrono::ceil<milliseconds>(target - before);
  const auto least = std::chrono::floor<milliseconds>(target - reported[0]);
  EXPECT_LE(Ms(events[0].delay), Ms(most)) << date;
  EXPECT_GE(Ms(events[0].delay), Ms(least)) << date;
  EXPECT_GT(Ms(most), 1000);
  EXPECT_LE(Ms(most), 2000);
  EXPECT_GE(Ms(events[0].delay), 900) << date;  // 1 s resolution, less the first pages' time
  EXPECT_EQ(sleeps.Delays(), std::vector<milliseconds>{events[0].delay});
}

TEST_F(FaultSuite, BackoffBetweenTwo503sFollowsBackoffFor) {
  const Records reference = DefaultReference();
  server_.InjectFault(1, StatusFault(503, /*times=*/2));
  const RetryPolicy policy = FastRetries();

  const ListingRun run = StreamAll(RetryingApi(policy), Paged());
  ASSERT_FALSE(run.error) << Describe(run.error);
  EXPECT_RECORDS_EQ(run.records, reference);
  EXPECT_EQ(PagesRequested(server_), (Pages{0, 1, 1, 1, 2, 3, 4, 5, 6, 7, 8}));
  const auto events = log_.Events();
  ASSERT_EQ(events.size(), 2u);
  EXPECT_EQ(faults::AttemptsOf(events), (Ints{1, 2}));
  EXPECT_EQ(DelaysOf(events), (Millis{10, 20}));
  EXPECT_EQ(Ms(events[0].delay), Ms(policy.BackoffFor(1)));
  EXPECT_EQ(Ms(events[1].delay), Ms(policy.BackoffFor(2)));
  const auto requests = server_.Requests();
  for (const RetryEvent& event : events) {
    EXPECT_EQ(event.status, 503);
    EXPECT_EQ(event.curl_code, 0);
    EXPECT_FALSE(event.from_retry_after);
    EXPECT_EQ(event.url, UrlOf(server_, requests[1]));
  }
}

TEST_F(FaultSuite, ListUsageRecordRetriesAsTheStreamDoes) {
  const Records reference = DefaultReference();
  server_.InjectFault(6, StatusFault(500, /*times=*/1));
  const ListUsageRecordResponse listed = RetryingApi().ListUsageRecord(Paged());
  EXPECT_RECORDS_EQ(listed.usage_records, reference);
  EXPECT_EQ(PagesRequested(server_), (Pages{0, 1, 2, 3, 4, 5, 6, 6, 7, 8}));
  const auto events = log_.Events();
  ASSERT_EQ(events.size(), 1u);
  EXPECT_EQ(events[0].status, 500);
  EXPECT_EQ(Ms(events[0].delay), 10);
}

TEST_F(FaultSuite, JitteredBackoffStaysWithinItsBounds) {
  const Records reference = DefaultReference();
  server_.InjectFault(0, StatusFault(503, /*times=*/3));
  RetryPolicy policy = FastRetries();
  policy.jitter = 0.5;

  const ListingRun run = StreamAll(RetryingApi(policy), Paged());
  ASSERT_FALSE(run.error) << Describe(run.error);
  EXPECT_RECORDS_EQ(run.records, reference);
  EXPECT_EQ(PagesRequested(server_), (Pages{0, 0, 0, 0, 1, 2, 3, 4, 5, 6, 7, 8}));
  const auto events = log_.Events();
  ASSERT_EQ(events.size(), 3u);
  // Drawn from [(1 - 0.5) * d, d] for d = 10, 20, 40 ms.
  for (std::size_t i = 0; i < events.size(); ++i) {
    const int64_t full = Ms(policy.BackoffFor(events[i].attempt));
    EXPECT_EQ(events[i].attempt, static_cast<int>(i) + 1);
    EXPECT_GE(Ms(events[i].delay), full / 2) << i;
    EXPECT_LE(Ms(events[i].delay), full) << i;
    EXPECT_FALSE(events[i].from_retry_after);
  }
}

TEST_F(FaultSuite, AnUnreadableRetryAfterFallsBackToBackoffAndZeroIsNoWait) {
  const Records reference = DefaultReference();
  FakeFault unreadable = StatusFault(429, /*times=*/1);
  unreadable.retry_after = "soon";
  server_.InjectFault(1, unreadable);
  FakeFault now = StatusFault(503, /*times=*/1);
  now.retry_after = "0";
  server_.InjectFault(3, now);

  const ListingRun run = StreamAll(RetryingApi(), Paged());
  ASSERT_FALSE(run.error) << Describe(run.error);
  EXPECT_RECORDS_EQ(run.records, reference);
  EXPECT_EQ(PagesRequested(server_), (Pages{0, 1, 1, 2, 3, 3, 4, 5, 6, 7, 8}));
  const auto events = log_.Events();
  ASSERT_EQ(events.size(), 2u);
  EXPECT_EQ(events[0].status, 429);
  EXPECT_EQ(Ms(events[0].delay), 10);
  EXPECT_FALSE(events[0].from_retry_after);
  EXPECT_EQ(events[1].status, 503);
  EXPECT_EQ(events[1].attempt, 1);  // attempts count per page
  EXPECT_EQ(Ms(events[1].delay), 0);
  EXPECT_TRUE(events[1].from_retry_after);
}

TEST_F(FaultSuite, RetryPolicyNoneMakesOneAttempt) {
  const Records reference = DefaultReference();
  server_.InjectFault(1, StatusFault(503));
  const ListingRun run = StreamAll(RetryingApi(RetryPolicy::None()), Paged());
  const auto error = ErrorAs<ApiException>(run.error);
  ASSERT_TRUE(error) << Describe(run.error);
  EXPECT_EQ(error->Status(), 503);
  EXPECT_EQ(error->Code(), 20500);
  EXPECT_EQ(error->Attempts(), 1);
  EXPECT_FALSE(EndsWith(error->what(), "attempts)")) << error->what();
  EXPECT_RECORDS_EQ(run.records, PagesOf(reference, 0, 1));
  EXPECT_EQ(PagesRequested(server_), (Pages{0, 1}));
  EXPECT_TRUE(log_.Events().empty());
}

}  // namespace
}  // namespace twilio::supersim::v1
