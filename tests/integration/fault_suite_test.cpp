// The fault suite: UsageRecordsApi over real HTTP on 127.0.0.1 against a fake server that fails
// on purpose, checking what RetryPolicy (include/twilio/retry_policy.hpp) promises.
//
// Every test lists the same parameters fault-free first (the reference), then asserts for the
// faulty run: the exact records delivered (the reference, or its prefix where the run fails,
// also by count, data_total sum and key hash), the pages the server was asked for, in order,
// the RetryEvents the hook saw, and the error's type and fields.
//
// The default listing is day x sim over the default fleet (6 SIMs, 7 days): 42 records, in
// pages of 5: pages 0..8, page p holding reference records [5p, 5p + 5), the last one 2.
#include <gtest/gtest.h>

#include <chrono>
#include <ctime>
#include <memory>
#include <mutex>
#include <nlohmann/json.hpp>
#include <string>
#include <thread>
#include <utility>
#include <vector>

#include "integration/fault_support.hpp"
#include "integration/server_fixture.hpp"
#include "twilio/errors.hpp"
#include "twilio/retry_policy.hpp"

namespace twilio::supersim::v1 {
namespace {

using namespace std::chrono_literals;
using faults::Clock;
using faults::Concat;
using faults::DelaysOf;
using faults::Describe;
using faults::EndsWith;
using faults::ErrorAs;
using faults::ListingRun;
using faults::Ms;
using faults::PagesRequested;
using faults::Records;
using faults::RetryLog;
using faults::Slice;
using faults::StreamAll;
using faults::UrlOf;
using std::chrono::milliseconds;
using testing::FakeFault;
using testing::FakeSupersimServer;
using Pages = std::vector<int64_t>;
using Ints = std::vector<int>;
using Millis = std::vector<int64_t>;

constexpr int kPageSize = 5;
constexpr std::size_t kRecords = 42;
constexpr int kMaxAttempts = 4;

ListUsageRecordParams Paged() {
  return ListUsageRecordParams()
      .SetGroup(Group::Sim)
      .SetGranularity(Granularity::Day)
      .SetPageSize(kPageSize);
}

// Reference records of pages [first, last) of Paged().
Records PagesOf(const Records& reference, std::size_t first, std::size_t last) {
  return Slice(reference, first * kPageSize, last * kPageSize);
}

// Fast, exact waits: 10, 20, 40 ms.
RetryPolicy FastRetries() {
  RetryPolicy policy;
  policy.max_attempts = kMaxAttempts;
  policy.initial_delay = 10ms;
  policy.multiplier = 2.0;
  policy.max_delay = 5s;
  policy.max_total_delay = 30s;
  policy.jitter = 0.0;
  return policy;
}

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

FakeFault StatusFault(int status, int times = -1) {
  FakeFault fault;
  fault.status = status;
  fault.times = times;
  return fault;
}

class FaultSuite : public testdata::ServerTest {
 protected:
  ClientConfig RetryingConfig(RetryPolicy policy = FastRetries()) const {
    return RetryingConfig(std::move(policy), log_);
  }
  static ClientConfig RetryingConfig(RetryPolicy policy, const RetryLog& log, ClientConfig config) {
    policy.on_retry = log.Hook();
    config.retry = std::move(policy);
    return config;
  }
  ClientConfig RetryingConfig(RetryPolicy policy, const RetryLog& log) const {
    return RetryingConfig(std::move(policy), log, Config());
  }
  UsageRecordsApi RetryingApi(RetryPolicy policy = FastRetries()) const {
    return UsageRecordsApi(RetryingConfig(std::move(policy)));
  }

  // `params` listed fault-free with retries off; the request log is cleared afterwards.
  Records Reference(const ListUsageRecordParams& params) {
    ClientConfig config = Config();
    config.retry = RetryPolicy::None();
    Records records = UsageRecordsApi(config).ListUsageRecord(params).usage_records;
    server_.ClearRequests();
    return records;
  }

  // Paged() fault-free, checked against the fleet's formula and a one-page listing.
  Records DefaultReference() {
    Records paged = Reference(Paged());
    Records whole = Reference(ListUsageRecordParams(Paged()).SetPageSize(1000));
    EXPECT_EQ(paged.size(), kRecords);
    EXPECT_TRUE(paged == whole) << "paging changed the records";
    int64_t expected_total = 0;
    for (int sim = 0; sim < 6; ++sim) expected_total += faults::SimTotal(sim);
    EXPECT_EQ(faults::FingerprintOf(paged).data_total_sum, expected_total);
    return paged;
  }

  RetryLog log_;
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

// ---------------------------------------------------------------------------------------------
// 4-8: broken transfers and bodies

TEST_F(FaultSuite, ResetMidBodyIsRetried) {
  const Records reference = DefaultReference();
  FakeFault reset;
  reset.reset_mid_body = true;
  reset.times = 1;
  server_.InjectFault(3, reset);

  const ListingRun run = StreamAll(RetryingApi(), Paged());
  ASSERT_FALSE(run.error) << Describe(run.error);
  EXPECT_RECORDS_EQ(run.records, reference);
  EXPECT_EQ(PagesRequested(server_), (Pages{0, 1, 2, 3, 3, 4, 5, 6, 7, 8}));
  const auto events = log_.Events();
  ASSERT_EQ(events.size(), 1u);
  EXPECT_EQ(events[0].attempt, 1);
  EXPECT_EQ(events[0].curl_code, 18);  // CURLE_PARTIAL_FILE
  EXPECT_EQ(events[0].status, std::nullopt);
  EXPECT_EQ(Ms(events[0].delay), 10);
  EXPECT_FALSE(events[0].from_retry_after);
}

TEST_F(FaultSuite, ResetMidBodyOnEveryAttemptEndsInATransportError) {
  const Records reference = DefaultReference();
  FakeFault reset;
  reset.reset_mid_body = true;
  server_.InjectFault(3, reset);

  const ListingRun run = StreamAll(RetryingApi(), Paged());
  const auto error = ErrorAs<TransportException>(run.error);
  ASSERT_TRUE(error) << Describe(run.error);
  EXPECT_EQ(error->CurlCode(), 18);
  EXPECT_EQ(error->Attempts(), kMaxAttempts);
  EXPECT_TRUE(EndsWith(error->what(), " (after 4 attempts)")) << error->what();
  EXPECT_RECORDS_EQ(run.records, PagesOf(reference, 0, 3));
  EXPECT_EQ(PagesRequested(server_), (Pages{0, 1, 2, 3, 3, 3, 3}));
  const auto events = log_.Events();
  EXPECT_EQ(faults::AttemptsOf(events), (Ints{1, 2, 3}));
  EXPECT_EQ(DelaysOf(events), (Millis{10, 20, 40}));
  for (const RetryEvent& event : events) EXPECT_EQ(event.curl_code, 18);
  ASSERT_FALSE(events.empty());
  EXPECT_EQ(std::string(error->what()), events.back().error + " (after 4 attempts)");
}

TEST_F(FaultSuite, TransportRetriesOffMeansOneAttempt) {
  const Records reference = DefaultReference();
  RetryPolicy policy = FastRetries();
  policy.retry_transport_errors = false;
  FakeFault reset;
  reset.reset_mid_body = true;
  server_.InjectFault(3, reset);

  const ListingRun reset_run = StreamAll(RetryingApi(policy), Paged());
  const auto transport = ErrorAs<TransportException>(reset_run.error);
  ASSERT_TRUE(transport) << Describe(reset_run.error);
  EXPECT_EQ(transport->CurlCode(), 18);
  EXPECT_EQ(transport->Attempts(), 1);
  EXPECT_RECORDS_EQ(reset_run.records, PagesOf(reference, 0, 3));
  EXPECT_EQ(PagesRequested(server_), (Pages{0, 1, 2, 3}));

  server_.ClearFaults();
  server_.ClearRequests();
  FakeFault truncated;
  truncated.truncate_json = true;
  server_.InjectFault(1, truncated);
  const ListingRun truncated_run = StreamAll(RetryingApi(policy), Paged());
  const auto parse = ErrorAs<ParseException>(truncated_run.error);
  ASSERT_TRUE(parse) << Describe(truncated_run.error);
  EXPECT_EQ(parse->Path(), "");
  EXPECT_EQ(parse->Attempts(), 1);
  EXPECT_RECORDS_EQ(truncated_run.records, PagesOf(reference, 0, 1));
  EXPECT_EQ(PagesRequested(server_), (Pages{0, 1}));
  EXPECT_TRUE(log_.Events().empty());
}

TEST_F(FaultSuite, ConnectionRefusedIsRetriedThenReported) {
  FakeSupersimServer gone;
  const int port = gone.Start();
  gone.Stop();
  ClientConfig config = Config();
  config.base_url = "http://127.0.0.1:" + std::to_string(port);
  RetryPolicy policy = FastRetries();
  policy.max_attempts = 3;

  const ListingRun run = StreamAll(UsageRecordsApi(RetryingConfig(policy, log_, config)), Paged());
  const auto error = ErrorAs<TransportException>(run.error);
  ASSERT_TRUE(error) << Describe(run.error);
  EXPECT_EQ(error->CurlCode(), 7);  // CURLE_COULDNT_CONNECT
  EXPECT_EQ(error->Attempts(), 3);
  EXPECT_TRUE(EndsWith(error->what(), " (after 3 attempts)")) << error->what();
  EXPECT_TRUE(run.records.empty());
  const auto events = log_.Events();
  EXPECT_EQ(faults::AttemptsOf(events), (Ints{1, 2}));
  EXPECT_EQ(DelaysOf(events), (Millis{10, 20}));
  for (const RetryEvent& event : events) {
    EXPECT_EQ(event.curl_code, 7);
    EXPECT_EQ(event.status, std::nullopt);
  }
  EXPECT_EQ(server_.RequestCount(), 0u);
}

TEST_F(FaultSuite, AConnectionClosedWithoutAnswerIsRetried) {
  const Records reference = DefaultReference();
  FakeFault dropped;
  dropped.drop_connection = true;
  dropped.times = 1;
  server_.InjectFault(0, dropped);

  // A new UsageRecordsApi opens a new connection for page 0.
  const ListingRun run = StreamAll(RetryingApi(), Paged());
  ASSERT_FALSE(run.error) << Describe(run.error);
  EXPECT_RECORDS_EQ(run.records, reference);
  EXPECT_EQ(PagesRequested(server_), (Pages{0, 0, 1, 2, 3, 4, 5, 6, 7, 8}));
  const auto events = log_.Events();
  ASSERT_EQ(events.size(), 1u);
  EXPECT_EQ(events[0].attempt, 1);
  EXPECT_EQ(events[0].curl_code, 52);  // CURLE_GOT_NOTHING
  EXPECT_EQ(events[0].status, std::nullopt);
  EXPECT_EQ(Ms(events[0].delay), 10);
}

// On a kept-alive connection libcurl itself sends the request again on a new connection when
// the old one closes before any answer: the server sees the page twice, the policy nothing.
TEST_F(FaultSuite, AKeptAliveConnectionClosedWithoutAnswerIsResentByLibcurl) {
  const Records reference = DefaultReference();
  FakeFault dropped;
  dropped.drop_connection = true;
  dropped.times = 1;
  server_.InjectFault(8, dropped);

  const ListingRun run = StreamAll(RetryingApi(), Paged());
  ASSERT_FALSE(run.error) << Describe(run.error);
  EXPECT_RECORDS_EQ(run.records, reference);
  EXPECT_EQ(PagesRequested(server_), (Pages{0, 1, 2, 3, 4, 5, 6, 7, 8, 8}));
  EXPECT_TRUE(log_.Events().empty());
}

TEST_F(FaultSuite, TruncatedJsonIsRetried) {
  const Records reference = DefaultReference();
  FakeFault truncated;
  truncated.truncate_json = true;
  truncated.times = 1;
  server_.InjectFault(4, truncated);

  const ListingRun run = StreamAll(RetryingApi(), Paged());
  ASSERT_FALSE(run.error) << Describe(run.error);
  EXPECT_RECORDS_EQ(run.records, reference);
  EXPECT_EQ(PagesRequested(server_), (Pages{0, 1, 2, 3, 4, 4, 5, 6, 7, 8}));
  const auto events = log_.Events();
  ASSERT_EQ(events.size(), 1u);
  EXPECT_EQ(events[0].attempt, 1);
  EXPECT_EQ(events[0].curl_code, 0);
  EXPECT_EQ(Ms(events[0].delay), 10);
  EXPECT_FALSE(events[0].from_retry_after);
}

// RetryEvent::status is the error status a failed attempt was answered with: a body that is
// not JSON came with a 200, which is no error status, so the event carries the parse error.
TEST_F(FaultSuite, RetryEventOfABrokenBodyCarriesTheParseError) {
  DefaultReference();
  FakeFault truncated;
  truncated.truncate_json = true;
  truncated.times = 1;
  server_.InjectFault(0, truncated);
  const ListingRun run = StreamAll(RetryingApi(), Paged());
  ASSERT_FALSE(run.error) << Describe(run.error);
  const auto events = log_.Events();
  ASSERT_EQ(events.size(), 1u);
  EXPECT_EQ(events[0].status, std::nullopt);
  EXPECT_EQ(events[0].curl_code, 0);
  EXPECT_NE(events[0].error.find("malformed JSON"), std::string::npos) << events[0].error;
}

TEST_F(FaultSuite, MalformedJsonOnEveryAttemptEndsInAParseErrorWithoutPath) {
  const Records reference = DefaultReference();
  FakeFault malformed;
  malformed.body = "{\"usage_records\": [ {\"data_upload\": 1,, ]";
  server_.InjectFault(1, malformed);

  const ListingRun run = StreamAll(RetryingApi(), Paged());
  const auto error = ErrorAs<ParseException>(run.error);
  ASSERT_TRUE(error) << Describe(run.error);
  EXPECT_EQ(error->Path(), "");
  EXPECT_EQ(error->Attempts(), kMaxAttempts);
  EXPECT_TRUE(EndsWith(error->what(), " (after 4 attempts)")) << error->what();
  EXPECT_RECORDS_EQ(run.records, PagesOf(reference, 0, 1));
  EXPECT_EQ(PagesRequested(server_), (Pages{0, 1, 1, 1, 1}));
  const auto events = log_.Events();
  EXPECT_EQ(faults::AttemptsOf(events), (Ints{1, 2, 3}));
  EXPECT_EQ(DelaysOf(events), (Millis{10, 20, 40}));
}

TEST_F(FaultSuite, AFieldOfTheWrongTypeIsNeverRetried) {
  const Records reference = DefaultReference();
  FakeFault wrong;
  wrong.body = "{\"usage_records\":[{\"data_upload\":\"many\"}],\"meta\":{}}";
  server_.InjectFault(1, wrong);

  const ListingRun run = StreamAll(RetryingApi(), Paged());
  const auto error = ErrorAs<ParseException>(run.error);
  ASSERT_TRUE(error) << Describe(run.error);
  EXPECT_EQ(error->Path(), "/usage_records/0/data_upload");
  EXPECT_EQ(error->Attempts(), 1);
  EXPECT_FALSE(EndsWith(error->what(), "attempts)")) << error->what();
  EXPECT_RECORDS_EQ(run.records, PagesOf(reference, 0, 1));
  EXPECT_EQ(PagesRequested(server_), (Pages{0, 1}));
  EXPECT_TRUE(log_.Events().empty());
}

TEST_F(FaultSuite, HtmlBadGatewayOnEveryAttemptKeepsTheBody) {
  DefaultReference();
  const std::string html =
      "<html><head><title>502 Bad Gateway</title></head><body><h1>502 Bad Gateway</h1>"
      "</body></html>";
  FakeFault gateway = StatusFault(502);
  gateway.body = html;
  server_.InjectFault(0, gateway);

  const ListingRun run = StreamAll(RetryingApi(), Paged());
  const auto error = ErrorAs<ApiException>(run.error);
  ASSERT_TRUE(error) << Describe(run.error);
  EXPECT_EQ(error->Status(), 502);
  EXPECT_EQ(error->Code(), std::nullopt);
  EXPECT_EQ(error->Body(), html);
  EXPECT_EQ(error->Message(), "Bad Gateway");
  EXPECT_EQ(error->Attempts(), kMaxAttempts);
  EXPECT_TRUE(EndsWith(error->what(), " (after 4 attempts)")) << error->what();
  EXPECT_TRUE(run.records.empty());
  EXPECT_EQ(PagesRequested(server_), (Pages{0, 0, 0, 0}));
  const auto events = log_.Events();
  EXPECT_EQ(faults::AttemptsOf(events), (Ints{1, 2, 3}));
  for (const RetryEvent& event : events) EXPECT_EQ(event.status, 502);
}

TEST_F(FaultSuite, SlowServerPastTheRequestTimeoutIsRetried) {
  const Records reference = DefaultReference();
  FakeFault slow;
  slow.delay = 1s;
  slow.times = 1;
  server_.InjectFault(1, slow);
  ClientConfig config = RetryingConfig();
  config.request_timeout = 200ms;

  const ListingRun run = StreamAll(UsageRecordsApi(config), Paged());
  ASSERT_FALSE(run.error) << Describe(run.error);
  EXPECT_RECORDS_EQ(run.records, reference);
  EXPECT_EQ(PagesRequested(server_), (Pages{0, 1, 1, 2, 3, 4, 5, 6, 7, 8}));
  const auto events = log_.Events();
  ASSERT_EQ(events.size(), 1u);
  EXPECT_EQ(events[0].attempt, 1);
  EXPECT_EQ(events[0].curl_code, 28);  // CURLE_OPERATION_TIMEDOUT
  EXPECT_EQ(events[0].status, std::nullopt);
  EXPECT_EQ(Ms(events[0].delay), 10);
  EXPECT_GE(Ms(run.elapsed), 200);
  EXPECT_LT(Ms(run.elapsed), 1000);  // did not wait for the slow answer
}

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

// ---------------------------------------------------------------------------------------------
// 12: empty pages

TEST_F(FaultSuite, AnEmptyPageWithANextPageIsPagedPast) {
  const Records reference = DefaultReference();
  FakeFault empty;
  empty.empty_page = true;
  server_.InjectFault(1, empty);

  const ListingRun run = StreamAll(RetryingApi(), Paged());
  ASSERT_FALSE(run.error) << Describe(run.error);
  // Page 1 came once, empty: its five records are simply missing.
  EXPECT_RECORDS_EQ(run.records, Concat(PagesOf(reference, 0, 1), PagesOf(reference, 2, 9)));
  EXPECT_EQ(run.records.size(), kRecords - 5);
  EXPECT_EQ(PagesRequested(server_), (Pages{0, 1, 2, 3, 4, 5, 6, 7, 8}));
  EXPECT_TRUE(log_.Events().empty());
}

TEST_F(FaultSuite, EmptyPagesNotInARowDoNotCount) {
  const Records reference = DefaultReference();
  FakeFault empty;
  empty.empty_page = true;
  for (int64_t page : {0, 1, 3, 4, 6, 7}) server_.InjectFault(page, empty);
  ClientConfig config = RetryingConfig();
  config.max_consecutive_empty_pages = 3;

  const ListingRun run = StreamAll(UsageRecordsApi(config), Paged());
  ASSERT_FALSE(run.error) << Describe(run.error);
  EXPECT_RECORDS_EQ(run.records, Concat(Concat(PagesOf(reference, 2, 3), PagesOf(reference, 5, 6)),
                                        PagesOf(reference, 8, 9)));
  EXPECT_EQ(run.records.size(), 12u);
  EXPECT_EQ(PagesRequested(server_), (Pages{0, 1, 2, 3, 4, 5, 6, 7, 8}));
}

// max_consecutive_empty_pages = N: the N-th empty page in a row that links on is the error; so
// exactly N requests when every page is empty.
TEST_F(FaultSuite, EmptyPagesForeverEndInAPaginationError) {
  const Records reference = Reference(ListUsageRecordParams(Paged()).SetPageSize(1));
  ASSERT_EQ(reference.size(), kRecords);  // 42 pages of 1
  FakeFault empty;
  empty.empty_page = true;
  server_.InjectFault(FakeSupersimServer::kEveryPage, empty);
  EXPECT_EQ(ClientConfig().max_consecutive_empty_pages, 20);

  for (const int limit : {20, 3}) {
    SCOPED_TRACE(limit);
    server_.ClearRequests();
    ClientConfig config = RetryingConfig();
    config.max_consecutive_empty_pages = limit;
    const ListingRun run =
        StreamAll(UsageRecordsApi(config), ListUsageRecordParams(Paged()).SetPageSize(1));
    const auto error = ErrorAs<PaginationException>(run.error);
    ASSERT_TRUE(error) << Describe(run.error);
    EXPECT_EQ(error->Attempts(), 1);
    EXPECT_TRUE(run.records.empty());
    Pages expected;
    for (int64_t page = 0; page < limit; ++page) expected.push_back(page);
    EXPECT_EQ(PagesRequested(server_), expected);
  }
  EXPECT_TRUE(log_.Events().empty());
}

// ---------------------------------------------------------------------------------------------
// 13, 16: page sizes and the Limit

TEST(FaultSuitePageSizes, AThousandRecordPageAtEveryBoundary) {
  struct Case {
    std::optional<int64_t> limit;
    std::size_t records;
    Pages pages;
    const char* page_size;  // as sent
  };
  const std::vector<std::pair<int, std::vector<Case>>> table = {
      {999,
       {{999, 999, {0}, "999"},
        {1000, 999, {0}, "1000"},
        {1001, 999, {0}, "1000"},
        {std::nullopt, 999, {0}, "1000"}}},
      {1000,
       {{999, 999, {0}, "999"},
        {1000, 1000, {0}, "1000"},
        {1001, 1000, {0}, "1000"},
        {std::nullopt, 1000, {0}, "1000"}}},
      {1001,
       {{999, 999, {0}, "999"},
        {1000, 1000, {0}, "1000"},
        {1001, 1001, {0, 1}, "1000"},
        {std::nullopt, 1001, {0, 1}, "1000"}}},
  };
  for (const auto& [sims, cases] : table) {
    SCOPED_TRACE("sims " + std::to_string(sims));
    FakeSupersimServer::Options options;
    options.data.sims = sims;
    options.clock = FakeSupersimServer::FixedClock(options.data.end);
    FakeSupersimServer server(options);
    server.Start();
    ClientConfig config;
    config.credentials = Credentials::FromAuthToken(options.username, options.password);
    config.base_url = server.BaseUrl();
    config.retry = FastRetries();
    const UsageRecordsApi api(config);
    const auto all_time =
        ListUsageRecordParams().SetGroup(Group::Sim).SetGranularity(Granularity::All);

    // Reference in pages of 100, checked record by record against the fleet's formula.
    const Records reference =
        api.ListUsageRecord(ListUsageRecordParams(all_time).SetPageSize(100)).usage_records;
    ASSERT_EQ(reference.size(), static_cast<std::size_t>(sims));
    for (int sim = 0; sim < sims; ++sim) {
      const auto& record = reference[static_cast<std::size_t>(sim)];
      ASSERT_EQ(record.sim_sid, FakeSupersimServer::SimSid(sim));
      ASSERT_EQ(record.data_total, faults::SimTotal(sim)) << sim;
    }
    EXPECT_EQ(server.RequestCount(), static_cast<std::size_t>((sims + 99) / 100));

    for (const Case& c : cases) {
      SCOPED_TRACE("limit " + (c.limit ? std::to_string(*c.limit) : std::string("none")));
      server.ClearRequests();
      ListUsageRecordParams params = ListUsageRecordParams(all_time).SetPageSize(1000);
      params.Limit = c.limit;
      const ListUsageRecordResponse listed = api.ListUsageRecord(params);
      EXPECT_RECORDS_EQ(listed.usage_records, Slice(reference, 0, c.records));
      EXPECT_EQ(PagesRequested(server), c.pages);
      for (const auto& request : server.Requests())
        EXPECT_EQ(request.Param("PageSize"), c.page_size);
      // Stopped before the end only when the Limit stopped it.
      EXPECT_EQ(listed.meta.next_page_url.has_value(), c.records < static_cast<std::size_t>(sims));

      server.ClearRequests();
      const ListingRun streamed = StreamAll(api, params);
      ASSERT_FALSE(streamed.error) << Describe(streamed.error);
      EXPECT_RECORDS_EQ(streamed.records, Slice(reference, 0, c.records));
      EXPECT_EQ(PagesRequested(server), c.pages);
    }
  }
}

TEST_F(FaultSuite, APageLargerThanPageSizeNeverBreaksTheLimit) {
  const Records reference = DefaultReference();
  // A real page of 30 records (with its next_page_url), served where a page of 10 was asked for.
  ClientConfig plain = Config();
  const ListUsageRecordResponse thirty =
      UsageRecordsApi(plain).PageUsageRecord(ListUsageRecordParams(Paged()).SetPageSize(30));
  ASSERT_EQ(thirty.usage_records.size(), 30u);
  ASSERT_TRUE(thirty.meta.next_page_url.has_value());
  server_.ClearRequests();
  FakeFault oversized;
  oversized.body = nlohmann::json(thirty).dump();
  server_.InjectFault(0, oversized);

  for (const int64_t limit : {10, 25}) {
    SCOPED_TRACE(limit);
    server_.ClearRequests();
    const auto params = ListUsageRecordParams(Paged()).SetPageSize(10).SetLimit(limit);
    const ListingRun streamed = StreamAll(RetryingApi(), params);
    ASSERT_FALSE(streamed.error) << Describe(streamed.error);
    EXPECT_RECORDS_EQ(streamed.records, Slice(reference, 0, static_cast<std::size_t>(limit)));
    EXPECT_EQ(PagesRequested(server_), (Pages{0}));
    EXPECT_EQ(server_.Requests().at(0).Param("PageSize"), "10");

    server_.ClearRequests();
    const ListUsageRecordResponse listed = RetryingApi().ListUsageRecord(params);
    EXPECT_RECORDS_EQ(listed.usage_records, Slice(reference, 0, static_cast<std::size_t>(limit)));
    EXPECT_EQ(PagesRequested(server_), (Pages{0}));
  }
  EXPECT_TRUE(log_.Events().empty());
}

// ---------------------------------------------------------------------------------------------
// 17: credentials stay with the configured host

TEST_F(FaultSuite, AForeignNextPageUrlGetsNoRequestEvenWithRetries) {
  const Records reference = DefaultReference();
  FakeSupersimServer foreign;
  foreign.Start();
  FakeFault link;
  link.next_page_url =
      foreign.BaseUrl() + "/v1/UsageRecords?Group=sim&Granularity=day&PageSize=5&Page=1";
  server_.InjectFault(0, link);

  const ListingRun run = StreamAll(RetryingApi(), Paged());
  const auto error = ErrorAs<PaginationException>(run.error);
  ASSERT_TRUE(error) << Describe(run.error);
  EXPECT_EQ(error->Attempts(), 1);
  EXPECT_RECORDS_EQ(run.records, PagesOf(reference, 0, 1));
  EXPECT_EQ(PagesRequested(server_), (Pages{0}));
  EXPECT_EQ(foreign.RequestCount(), 0u);
  EXPECT_TRUE(log_.Events().empty());
}

TEST_F(FaultSuite, ARedirectToAForeignHostIsNeitherFollowedNorRetried) {
  const Records reference = DefaultReference();
  FakeSupersimServer foreign;
  foreign.Start();
  for (const int status : {301, 302, 303, 307, 308}) {
    SCOPED_TRACE(status);
    server_.ClearRequests();
    FakeFault redirect = StatusFault(status);
    redirect.redirect_to = foreign.BaseUrl() + "/v1/UsageRecords";
    server_.InjectFault(1, redirect);
    RetryLog log;

    const ListingRun run = StreamAll(UsageRecordsApi(RetryingConfig(FastRetries(), log)), Paged());
    const auto error = ErrorAs<ApiException>(run.error);
    ASSERT_TRUE(error) << Describe(run.error);
    EXPECT_EQ(error->Status(), status);
    EXPECT_EQ(error->Attempts(), 1);
    EXPECT_RECORDS_EQ(run.records, PagesOf(reference, 0, 1));
    EXPECT_EQ(PagesRequested(server_), (Pages{0, 1}));
    EXPECT_TRUE(log.Events().empty());
  }
  // A policy that does retry a redirect status asks the configured host again, never Location.
  server_.ClearFaults();
  server_.ClearRequests();
  RetryPolicy retry_307 = FastRetries();
  retry_307.retry_statuses.insert(307);
  FakeFault redirect = StatusFault(307);
  redirect.redirect_to = foreign.BaseUrl() + "/v1/UsageRecords";
  server_.InjectFault(1, redirect);
  const ListingRun retried = StreamAll(RetryingApi(retry_307), Paged());
  const auto retried_error = ErrorAs<ApiException>(retried.error);
  ASSERT_TRUE(retried_error) << Describe(retried.error);
  EXPECT_EQ(retried_error->Status(), 307);
  EXPECT_EQ(retried_error->Attempts(), kMaxAttempts);
  EXPECT_EQ(PagesRequested(server_), (Pages{0, 1, 1, 1, 1}));
  const auto requests = server_.Requests();
  for (const RetryEvent& event : log_.Events()) {
    EXPECT_EQ(event.status, 307);
    EXPECT_EQ(event.url, UrlOf(server_, requests[1]));
  }
  EXPECT_EQ(log_.Events().size(), 3u);
  EXPECT_EQ(foreign.RequestCount(), 0u);
}

}  // namespace
}  // namespace twilio::supersim::v1
