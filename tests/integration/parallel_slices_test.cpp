// Parallel time slices against the fake server: the records of the one sequential listing, in
// its order, whatever the shape, Limit, faults and cancellation; at most N requests in flight;
// a rate limit holds every slice.
#include <gtest/gtest.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <mutex>
#include <thread>
#include <vector>

#include "server_fixture.hpp"
#include "twilio/errors.hpp"
#include "twilio/http/curl_http_client.hpp"

namespace twilio::testdata {
namespace {

namespace v1 = supersim::v1;
using test_support::FakeDataSet;
using test_support::FakeFault;
using test_support::FakeSupersimServer;

// 12 SIMs over 10 days (the fake server's data starts 2026-01-01).
FakeSupersimServer::Options TenDays(int sims = 12) {
  FakeSupersimServer::Options options;
  options.data.sims = sims;
  options.data.end = options.data.start + std::chrono::hours(24 * 10);
  return options;
}

v1::ListUsageRecordParams Window(v1::Granularity granularity, const char* start = "2026-01-01",
                                 const char* end = "2026-01-11") {
  return v1::ListUsageRecordParams()
      .SetGranularity(granularity)
      .SetStartTime(ParseRfc3339(std::string(start) + "T00:00:00Z"))
      .SetEndTime(ParseRfc3339(std::string(end) + "T00:00:00Z"));
}

v1::ListingOptions Slices(std::size_t n) {
  v1::ListingOptions options;
  options.parallel_slices = n;
  return options;
}

class ParallelSlices : public ServerTest {
 protected:
  ParallelSlices() : ServerTest(TenDays()) {}

  std::vector<v1::SupersimV1UsageRecord> Stream(const v1::ListUsageRecordParams& params,
                                                const v1::ListingOptions& options,
                                                const CallContext& ctx = {}) {
    std::vector<v1::SupersimV1UsageRecord> records;
    auto stream = Api().StreamUsageRecord(params, ctx, options);
    for (const auto& record : stream) records.push_back(record);
    EXPECT_EQ(stream.Plan().Parallel(), options.parallel_slices > 1)
        << stream.Plan().sequential_reason;
    return records;
  }
  std::vector<v1::SupersimV1UsageRecord> Sequential(const v1::ListUsageRecordParams& params) {
    return Api().ListUsageRecord(params).usage_records;
  }
};

TEST_F(ParallelSlices, GiveTheSequentialRecordsInItsOrderForEveryShape) {
  struct Shape {
    v1::ListUsageRecordParams params;
    const char* name;
  };
  const std::vector<Shape> shapes = {
      {Window(v1::Granularity::Hour).SetGroup(v1::Group::Sim).SetPageSize(50), "hour by sim"},
      {Window(v1::Granularity::Hour).SetPageSize(7), "hour, pages of 7"},
      {Window(v1::Granularity::Day).SetGroup(v1::Group::Fleet).SetPageSize(3), "day by fleet"},
      {Window(v1::Granularity::Day).SetGroup(v1::Group::IsoCountry), "day by country"},
      {Window(v1::Granularity::Hour)
           .SetGroup(v1::Group::Network)
           .SetIsoCountry("US")
           .SetPageSize(1000),
       "hour by network in US, one page"},
      {Window(v1::Granularity::Hour).SetGroup(v1::Group::Sim).SetPageSize(5), "bucket > page"},
  };
  for (const Shape& shape : shapes) {
    const auto expected = Sequential(shape.params);
    ASSERT_FALSE(expected.empty()) << shape.name;
    for (std::size_t n : {2, 3, 8}) {
      EXPECT_EQ(Stream(shape.params, Slices(n)), expected) << shape.name << ", " << n << " slices";
    }
    EXPECT_EQ(Api().ListUsageRecord(shape.params, {}, Slices(4)).usage_records, expected)
        << shape.name;
  }
}

TEST_F(ParallelSlices, AWindowPastTheDataProbesUntilItFindsRecords) {
  // The newest 5 days hold nothing: the empty probes grow until they reach the data.
  const auto params =
      Window(v1::Granularity::Hour, "2026-01-05", "2026-01-16").SetGroup(v1::Group::Sim);
  const auto expected = Sequential(params);
  ASSERT_EQ(expected.size(), 6u * 24 * 12);
  EXPECT_EQ(Stream(params, Slices(6)), expected);
}

TEST_F(ParallelSlices, StopAtExactlyLimitWithoutListingWindowsNotNeeded) {
  const auto whole = Window(v1::Granularity::Hour).SetGroup(v1::Group::Sim).SetPageSize(25);
  const auto all = Sequential(whole);
  for (int64_t limit : {26, 100, 301, 1000, 2879, 2880, 5000}) {
    server_.ClearRequests();
    auto params = whole;
    params.SetLimit(limit);
    const auto records = Stream(params, Slices(8));
    const auto expected_size = std::min<std::size_t>(static_cast<std::size_t>(limit), all.size());
    ASSERT_EQ(records.size(), expected_size) << "Limit " << limit;
    EXPECT_TRUE(std::equal(records.begin(), records.end(), all.begin())) << "Limit " << limit;
    // No slice entirely older than the last record's bucket was asked for.
    const TimePoint last_bucket = *records.back().period->start_time;
    for (const auto& request : server_.Requests()) {
      const TimePoint end = ParseRfc3339(*request.Param("EndTime"));
      EXPECT_GT(end, last_bucket) << "Limit " << limit << ": " << request.raw_query;
    }
  }
}

TEST_F(ParallelSlices, KeepAtMostNRequestsInFlightAndUseThem) {
  const auto params = Window(v1::Granularity::Hour).SetGroup(v1::Group::Sim).SetPageSize(100);
  const auto expected = Sequential(params);
  FakeFault slow;
  slow.delay = std::chrono::milliseconds(40);
  server_.InjectFault(FakeSupersimServer::kEveryPage, slow);
  for (std::size_t n : {2, 5}) {
    server_.ClearRequests();
    EXPECT_EQ(Stream(params, Slices(n)), expected);
    EXPECT_LE(server_.MaxConcurrentRequests(), n);
    EXPECT_EQ(server_.MaxConcurrentRequests(), n) << "the slices never overlapped";
  }
}

TEST_F(ParallelSlices, TransientFaultsAreRetriedPerPageAndChangeNothing) {
  const auto params = Window(v1::Granularity::Day).SetGroup(v1::Group::Sim).SetPageSize(10);
  const auto expected = Sequential(params);
  FakeFault server_error;
  server_error.status = 503;
  server_error.times = 3;
  server_.InjectFault(1, server_error);
  FakeFault reset;
  reset.reset_mid_body = true;
  reset.times = 2;
  server_.InjectFault(2, reset);
  EXPECT_EQ(Stream(params, Slices(4)), expected);
}

TEST_F(ParallelSlices, APermanentErrorSurfacesAfterTheRecordsBeforeItInOrder) {
  const auto params = Window(v1::Granularity::Hour).SetGroup(v1::Group::Sim).SetPageSize(20);
  const auto all = Sequential(params);
  FakeFault forbidden;
  forbidden.status = 403;
  server_.InjectFault(1, forbidden);  // the second page of each slice after the probe
  std::vector<v1::SupersimV1UsageRecord> got;
  auto stream = Api().StreamUsageRecord(params, {}, Slices(4));
  try {
    for (const auto& record : stream) got.push_back(record);
    ADD_FAILURE() << "no error after " << got.size() << " records";
  } catch (const ApiException& e) {
    EXPECT_EQ(e.Status(), 403);
  }
  ASSERT_LT(got.size(), all.size());
  EXPECT_TRUE(std::equal(got.begin(), got.end(), all.begin()));
  // As a sequential listing does, the stopped listing keeps saying so.
  EXPECT_THROW(++stream.begin(), ApiException);
}

// Every request's start and outcome, as the transport saw them; request number `rate_limited`
// (1-based) is answered 429 with Retry-After: 1 without reaching the server.
class TimingClient : public http::HttpClient {
 public:
  TimingClient(ClientConfig config, int rate_limited)
      : inner_(std::move(config)), rate_limited_(rate_limited) {}
  struct Entry {
    std::chrono::steady_clock::time_point sent, answered;
    int status = 0;
  };
  http::HttpResponse Send(const http::HttpRequest& request, const CallContext& ctx) override {
    Entry entry;
    entry.sent = std::chrono::steady_clock::now();
    http::HttpResponse response;
    if (++requests_ == rate_limited_) {
      response.status = 429;
      response.headers = {{"Retry-After", "1"}};
      response.body = R"({"code":20429,"message":"Too Many Requests","status":429})";
    } else {
      response = inner_.Send(request, ctx);
    }
    entry.answered = std::chrono::steady_clock::now();
    entry.status = response.status;
    std::lock_guard<std::mutex> lock(mutex_);
    log_.push_back(entry);
    return response;
  }
  std::vector<Entry> Log() const {
    std::lock_guard<std::mutex> lock(mutex_);
    return log_;
  }

 private:
  http::CurlHttpClient inner_;
  const int rate_limited_;
  std::atomic<int> requests_{0};
  mutable std::mutex mutex_;
  std::vector<Entry> log_;
};

TEST_F(ParallelSlices, ARateLimitOnOneSliceHoldsThemAll) {
  const auto params = Window(v1::Granularity::Hour).SetGroup(v1::Group::Sim).SetPageSize(25);
  const auto expected = Sequential(params);  // before the faults
  FakeFault slow;
  slow.delay = std::chrono::milliseconds(20);
  server_.InjectFault(FakeSupersimServer::kEveryPage, slow);

  ClientConfig config = Config();
  config.retry.max_delay = std::chrono::seconds(2);  // Retry-After 1 s is honoured
  // The 12th request: the probe and the first slices are done, the others busy.
  auto client = std::make_shared<TimingClient>(config, 12);
  v1::UsageRecordsApi api(config, client);
  std::vector<v1::SupersimV1UsageRecord> records;
  for (const auto& record : api.StreamUsageRecord(params, {}, Slices(6))) {
    records.push_back(record);
  }
  EXPECT_EQ(records, expected);

  const auto log = client->Log();
  const auto limit =
      std::find_if(log.begin(), log.end(), [](const auto& e) { return e.status == 429; });
  ASSERT_NE(limit, log.end());
  // Once the 429 arrived, no slice sent anything for the second it asked (but for a request
  // that left in the microseconds before the listing took the hold).
  for (const auto& entry : log) {
    if (entry.sent > limit->answered + std::chrono::milliseconds(5)) {
      EXPECT_GE(entry.sent - limit->answered, std::chrono::milliseconds(950));
    }
  }
}

TEST_F(ParallelSlices, CancellingStopsEveryRequestAndTheNextPageThrows) {
  FakeFault slow;
  slow.delay = std::chrono::milliseconds(30);
  server_.InjectFault(FakeSupersimServer::kEveryPage, slow);
  const auto params = Window(v1::Granularity::Hour).SetGroup(v1::Group::Sim).SetPageSize(10);
  CallContext ctx;
  std::size_t read = 0;
  {
    auto stream = Api().StreamUsageRecord(params, ctx, Slices(8));
    try {
      for (auto it = stream.begin(); it != stream.end(); ++it) {
        if (++read == 25) ctx.cancellation.Cancel();
      }
      ADD_FAILURE() << "the cancelled listing ended normally after " << read << " records";
    } catch (const CancelledException&) {
    }
    EXPECT_LT(read, 300u);
    // The cancelled requests are gone within the transport's poll interval.
    std::this_thread::sleep_for(std::chrono::milliseconds(150));
    const std::size_t after = server_.RequestCount();
    std::this_thread::sleep_for(std::chrono::milliseconds(200));
    EXPECT_EQ(server_.RequestCount(), after);
  }
  const auto start = std::chrono::steady_clock::now();
  {
    auto abandoned = Api().StreamUsageRecord(params, {}, Slices(8));
    abandoned.begin();
  }
  EXPECT_LT(std::chrono::steady_clock::now() - start, std::chrono::seconds(1))
      << "dropping a stream waits for its requests, each stopped within the poll interval";
}

TEST_F(ParallelSlices, ADeadlineEndsTheListingWithDeadlineExceeded) {
  FakeFault slow;
  slow.delay = std::chrono::milliseconds(60);
  server_.InjectFault(FakeSupersimServer::kEveryPage, slow);
  const auto params = Window(v1::Granularity::Hour).SetGroup(v1::Group::Sim).SetPageSize(10);
  EXPECT_THROW(Stream(params, Slices(4), CallContext::WithTimeout(std::chrono::milliseconds(300))),
               DeadlineExceededException);
}

TEST_F(ParallelSlices, WhereASplitIsUnsafeTheListingRunsWholeAndSaysWhy) {
  auto params = Window(v1::Granularity::Hour).SetGroup(v1::Group::Sim);
  params.SetStartTime(ParseRfc3339("2026-01-01T00:30:00Z"));
  const auto expected = Sequential(params);
  auto stream = Api().StreamUsageRecord(params, {}, Slices(8));
  EXPECT_FALSE(stream.Plan().Parallel());
  EXPECT_NE(stream.Plan().sequential_reason.find("whole hour"), std::string::npos);
  std::vector<v1::SupersimV1UsageRecord> records(stream.begin(), stream.end());
  EXPECT_EQ(records, expected);
}

}  // namespace
}  // namespace twilio::testdata
