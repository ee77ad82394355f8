// ClientConfig::logger, request ids and listing counts over real HTTP against the fake server:
// which events a listing sends, in which order, with which request ids and counts, and how
// each way of ending one is told.
#include "twilio/logging.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <chrono>
#include <mutex>
#include <set>
#include <string>
#include <vector>

#include "twilio/errors.hpp"
#include "twilio/supersim/v1/usage_records_api.hpp"
#include "twilio/testing/fake_supersim_server.hpp"
#include "twilio/time_format.hpp"

namespace twilio::supersim::v1 {
namespace {

using test_support::FakeFault;
using test_support::FakeSupersimServer;

// Keeps every event; safe from the listing's threads.
class EventLog {
 public:
  Logger AsLogger() {
    return [this](const LogEvent& event) {
      std::lock_guard<std::mutex> lock(mutex_);
      events_.push_back(event);
    };
  }
  std::vector<LogEvent> Events() const {
    std::lock_guard<std::mutex> lock(mutex_);
    return events_;
  }
  std::vector<LogEvent> Of(LogEventKind kind) const {
    std::vector<LogEvent> found;
    for (const LogEvent& event : Events()) {
      if (event.kind == kind) found.push_back(event);
    }
    return found;
  }

 private:
  mutable std::mutex mutex_;
  std::vector<LogEvent> events_;
};

class Logging : public ::testing::Test {
 protected:
  void SetUp() override { server_.Start(); }

  // The fake server's client, its events to log_; pages fetched one at a time unless
  // `prefetch`, so that the events of one thread come in a fixed order.
  UsageRecordsApi Api(bool prefetch = false) {
    ClientConfig config = server_.MakeClientConfig();
    config.prefetch_next_page = prefetch;
    config.logger = log_.AsLogger();
    return UsageRecordsApi(config);
  }
  static ListUsageRecordParams BySimPerDay(int64_t page_size = 10) {
    return ListUsageRecordParams()
        .SetGroup(Group::Sim)
        .SetGranularity(Granularity::Day)
        .SetPageSize(page_size);
  }
  static FakeSupersimServer::Options Pinned() {
    FakeSupersimServer::Options options;
    options.clock = FakeSupersimServer::FixedClock(options.data.end);
    return options;
  }

  FakeSupersimServer server_{Pinned()};
  EventLog log_;
};

std::vector<LogEventKind> Kinds(const std::vector<LogEvent>& events) {
  std::vector<LogEventKind> kinds;
  for (const LogEvent& event : events) kinds.push_back(event.kind);
  return kinds;
}

using K = LogEventKind;

// 42 records in pages of 10: five pages, the second answered 503 once.
TEST_F(Logging, AListingTellsEachRequestResponseRetryPageAndItsEnd) {
  FakeFault unavailable;
  unavailable.status = 503;
  unavailable.times = 1;
  server_.InjectFault(1, unavailable);
  const ListUsageRecordResponse all = Api().ListUsageRecord(BySimPerDay());
  ASSERT_EQ(all.usage_records.size(), 42u);

  const std::vector<LogEvent> events = log_.Events();
  const std::vector<K> page = {K::RequestSent, K::ResponseReceived, K::PageParsed};
  std::vector<K> expected = page;
  expected.insert(expected.end(), {K::RequestSent, K::ResponseReceived, K::RetryScheduled});
  for (int i = 0; i < 4; ++i) expected.insert(expected.end(), page.begin(), page.end());
  expected.push_back(K::ListingFinished);
  EXPECT_EQ(Kinds(events), expected);

  // Every event is of one listing, and each request's answer has the server's request id.
  const auto requests = server_.Requests();
  ASSERT_EQ(requests.size(), 6u);
  std::set<std::uint64_t> listings;
  for (const LogEvent& event : events) listings.insert(event.listing);
  EXPECT_EQ(listings.size(), 1u);
  EXPECT_GT(*listings.begin(), 0u);
  const auto responses = log_.Of(K::ResponseReceived);
  ASSERT_EQ(responses.size(), requests.size());
  for (std::size_t i = 0; i < responses.size(); ++i) {
    EXPECT_EQ(responses[i].request_id, requests[i].request_id) << i;
    EXPECT_EQ(responses[i].method, "GET");
    EXPECT_NE(responses[i].url.find("/v1/UsageRecords?"), std::string::npos);
    EXPECT_GT(responses[i].body_bytes, 0u);
    EXPECT_TRUE(responses[i].time_to_first_byte.has_value());
    EXPECT_LE(*responses[i].time_to_first_byte, responses[i].elapsed);
  }
  EXPECT_EQ(responses[1].status, 503);
  EXPECT_EQ(responses[1].attempt, 1);
  EXPECT_EQ(responses[2].attempt, 2);
  const auto retry = log_.Of(K::RetryScheduled).at(0);
  EXPECT_EQ(retry.level, LogLevel::Warning);
  EXPECT_EQ(retry.attempt, 1);
  EXPECT_NE(retry.reason.find("HTTP 503"), std::string::npos) << retry.reason;
  EXPECT_EQ(retry.url, responses[1].url);

  const auto pages = log_.Of(K::PageParsed);
  std::size_t records = 0;
  for (const LogEvent& parsed : pages) records += parsed.records;
  EXPECT_EQ(records, 42u);
  EXPECT_EQ(pages.back().request_id, requests.back().request_id);

  // The end, and the response, carry the same counts.
  const LogEvent end = events.back();
  EXPECT_EQ(end.level, LogLevel::Info);
  EXPECT_EQ(end.stats.records, 42u);
  EXPECT_EQ(end.stats.pages, 5u);
  EXPECT_EQ(end.stats.requests, 6u);
  EXPECT_EQ(end.stats.retries, 1u);
  std::uint64_t bytes = 0;
  for (const LogEvent& response : responses) bytes += response.body_bytes;
  EXPECT_EQ(end.stats.bytes, bytes);
  EXPECT_GT(end.stats.wall_time.count(), 0);
  EXPECT_GT(end.stats.network_time.count(), 0);
  EXPECT_GT(end.stats.parse_time.count(), 0);
  EXPECT_EQ(all.stats.records, end.stats.records);
  EXPECT_EQ(all.stats.requests, end.stats.requests);
  EXPECT_EQ(all.stats.bytes, end.stats.bytes);
  EXPECT_EQ(all.request_id, requests.back().request_id);
}

TEST_F(Logging, TheAuthorizationHeaderIsNeverInAnEvent) {
  Api().ListUsageRecord(BySimPerDay());
  for (const LogEvent& event : log_.Events()) {
    const std::string line = FormatLogEvent(event);
    EXPECT_EQ(line.find(server_.GetOptions().password), std::string::npos) << line;
    EXPECT_EQ(line.find("Basic "), std::string::npos) << line;
    for (const auto& [name, value] : event.headers) EXPECT_NE(name, "Authorization");
  }
}

// The SDK logs a server's error message; should the server echo the auth token in it, the log
// still does not hold it.
TEST_F(Logging, ATokenEchoedByTheServerIsRedactedInTheLog) {
  const std::string token = server_.GetOptions().password;
  FakeFault echo;
  echo.status = 400;
  echo.body = R"({"code":20001,"message":"bad token )" + token + R"(","status":400})";
  server_.InjectFault(0, echo);
  EXPECT_THROW(Api().ListUsageRecord(BySimPerDay()), ApiException);
  const LogEvent stopped = log_.Events().back();
  EXPECT_EQ(stopped.kind, K::ListingStopped);
  EXPECT_NE(stopped.reason.find("bad token [redacted]"), std::string::npos) << stopped.reason;
  for (const LogEvent& event : log_.Events()) {
    EXPECT_EQ(FormatLogEvent(event).find(token), std::string::npos);
  }
}

TEST_F(Logging, AStreamCountsAsItGoesAndTellsWhyItStopped) {
  UsageRecordsApi api = Api(/*prefetch=*/true);
  {
    UsageRecordStream stream = api.StreamUsageRecord(BySimPerDay().SetLimit(25));
    EXPECT_EQ(stream.Stats().requests, 0u);  // nothing sent before begin()
    std::size_t read = 0;
    for (auto it = stream.begin(); it != stream.end(); ++it) {
      ++read;
      EXPECT_EQ(stream.Stats().records, read);
    }
    const ListingStats stats = stream.Stats();
    EXPECT_EQ(stats.records, 25u);
    EXPECT_EQ(stats.pages, 3u);
    EXPECT_EQ(stats.requests, server_.RequestCount());
  }
  const LogEvent end = log_.Events().back();
  EXPECT_EQ(end.kind, K::ListingStopped);
  EXPECT_EQ(end.reason, "Limit");
  EXPECT_EQ(end.stats.records, 25u);

  // Let go of after one record: the stream says so when it goes.
  {
    UsageRecordStream stream = api.StreamUsageRecord(BySimPerDay());
    ASSERT_NE(stream.begin(), stream.end());
  }
  const LogEvent closed = log_.Events().back();
  EXPECT_EQ(closed.kind, K::ListingStopped);
  EXPECT_EQ(closed.reason, "closed by the caller");
  EXPECT_EQ(closed.level, LogLevel::Info);
  EXPECT_EQ(closed.stats.records, 1u);
  EXPECT_NE(closed.listing, end.listing);
}

TEST_F(Logging, AnErrorOrACancellationEndsTheListingWithItsReason) {
  FakeFault refused;
  refused.status = 400;
  server_.InjectFault(2, refused);
  EXPECT_THROW(Api().ListUsageRecord(BySimPerDay()), ApiException);
  const LogEvent failed = log_.Events().back();
  EXPECT_EQ(failed.kind, K::ListingStopped);
  EXPECT_EQ(failed.level, LogLevel::Error);
  EXPECT_NE(failed.reason.find("HTTP 400"), std::string::npos) << failed.reason;
  EXPECT_NE(failed.reason.find(server_.Requests().back().request_id), std::string::npos);
  EXPECT_EQ(failed.stats.records, 20u);
  EXPECT_EQ(failed.stats.pages, 2u);

  CallContext ctx;
  ctx.cancellation.Cancel();
  EXPECT_THROW(Api().ListUsageRecord(BySimPerDay(), ctx), CancelledException);
  const LogEvent cancelled = log_.Events().back();
  EXPECT_EQ(cancelled.kind, K::ListingStopped);
  EXPECT_EQ(cancelled.level, LogLevel::Warning);
  EXPECT_EQ(cancelled.reason, "cancelled");
}

TEST_F(Logging, AnApiErrorCarriesTheRequestIdOfItsAnswer) {
  FakeFault missing;
  missing.status = 404;
  server_.InjectFault(0, missing);
  try {
    Api().ListUsageRecord(BySimPerDay());
    FAIL() << "expected an ApiException";
  } catch (const ApiException& e) {
    ASSERT_TRUE(e.RequestId().has_value());
    EXPECT_EQ(*e.RequestId(), server_.Requests().at(0).request_id);
    EXPECT_EQ(e.RequestId()->size(), 34u);
    EXPECT_EQ(e.RequestId()->rfind("RQ", 0), 0u);
    EXPECT_NE(std::string(e.what()).find("(request " + *e.RequestId() + ")"), std::string::npos);
  }
}

TEST_F(Logging, APageCallIsAListingOfOnePage) {
  const ListUsageRecordResponse page = Api().PageUsageRecord(BySimPerDay());
  EXPECT_EQ(page.request_id, server_.Requests().at(0).request_id);
  EXPECT_EQ(page.stats.pages, 1u);
  EXPECT_EQ(page.stats.requests, 1u);
  EXPECT_EQ(page.stats.records, 10u);
  EXPECT_EQ(Kinds(log_.Events()), (std::vector<K>{K::RequestSent, K::ResponseReceived,
                                                  K::PageParsed, K::ListingFinished}));
}

TEST_F(Logging, FanOutSetsAndParallelSlicesCountTheirOwnRequests) {
  std::vector<ListUsageRecordParams> sets = {BySimPerDay(), BySimPerDay(5).SetIsoCountry("FR")};
  const auto results = Api().ListUsageRecordFanOut(sets);
  ASSERT_EQ(results.size(), 2u);
  std::size_t requests = 0;
  for (const FanOutResult& result : results) {
    ASSERT_TRUE(result.ok());
    EXPECT_EQ(result.response.stats.records, result.response.usage_records.size());
    EXPECT_GT(result.response.stats.requests, 0u);
    requests += result.response.stats.requests;
  }
  EXPECT_EQ(requests, server_.RequestCount());
  EXPECT_EQ(log_.Of(K::ListingFinished).size(), 2u);

  // Eight slices of one listing: one listing number, every request counted once.
  server_.ClearRequests();
  const test_support::FakeDataSet& data = server_.GetOptions().data;
  ListingOptions options;
  options.parallel_slices = 8;
  const ListUsageRecordParams hourly = ListUsageRecordParams()
                                           .SetGroup(Group::Sim)
                                           .SetGranularity(Granularity::Hour)
                                           .SetStartTime(data.start)
                                           .SetEndTime(data.end)
                                           .SetPageSize(100);
  const std::size_t before = log_.Events().size();
  const ListUsageRecordResponse sliced = Api().ListUsageRecord(hourly, {}, options);
  ASSERT_EQ(sliced.usage_records.size(), 6u * 24 * 7);
  EXPECT_EQ(sliced.stats.requests, server_.RequestCount());
  EXPECT_EQ(sliced.stats.records, sliced.usage_records.size());
  const auto events = log_.Events();
  std::set<std::uint64_t> listings;
  for (std::size_t i = before; i < events.size(); ++i) listings.insert(events[i].listing);
  EXPECT_EQ(listings.size(), 1u);
  EXPECT_EQ(events.back().kind, K::ListingFinished);
}

TEST_F(Logging, WithoutALoggerTheCountsAreKeptAllTheSame) {
  ClientConfig config = server_.MakeClientConfig();
  const ListUsageRecordResponse all = UsageRecordsApi(config).ListUsageRecord(BySimPerDay());
  EXPECT_EQ(all.stats.records, 42u);
  EXPECT_EQ(all.stats.pages, 5u);
  EXPECT_EQ(all.stats.requests, 5u);
  EXPECT_EQ(all.request_id, server_.Requests().back().request_id);
}

}  // namespace
}  // namespace twilio::supersim::v1
