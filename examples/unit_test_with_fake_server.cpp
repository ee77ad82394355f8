// How to unit-test your own code that uses the SDK, with GoogleTest, without a Twilio account:
//
//  - against twilio::test_support::FakeSupersimServer, a real HTTP server on 127.0.0.1 with
//    deterministic data, so the whole client (libcurl, paging, parsing) runs as in production;
//  - the same with a fault injected into one page, to test your error path;
//  - with a hand-written twilio::http::HttpClient that answers from memory, for code that only
//    needs a canned page.
//
// Link twilio::supersim, twilio::supersim-testing and GTest::gtest_main (see
// examples/CMakeLists.txt). The tests never hard-code a usage figure: they work the expected
// answer out another way (one listing per SIM) and compare.
#include <gtest/gtest.h>

#include <chrono>
#include <cstdint>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <utility>
#include <vector>

#include "twilio/errors.hpp"
#include "twilio/http/http_client.hpp"
#include "twilio/supersim/v1/usage_records_api.hpp"
#include "twilio/testing/fake_supersim_server.hpp"

namespace v1 = twilio::supersim::v1;
using twilio::test_support::FakeFault;
using twilio::test_support::FakeSupersimServer;

// ---- The code under test: a function of your application. ----

// Bytes each SIM moved over the listing's range, for the SIMs `filter` selects (a fleet, a
// country, a time window, ...).
std::map<std::string, int64_t> BytesPerSim(const v1::UsageRecordsApi& api,
                                           v1::ListUsageRecordParams filter) {
  filter.SetGroup(v1::Group::Sim).SetGranularity(v1::Granularity::All);
  std::map<std::string, int64_t> bytes;
  for (const v1::SupersimV1UsageRecord& r : api.StreamUsageRecord(filter)) {
    if (r.sim_sid) bytes[*r.sim_sid] += r.data_total.value_or(0);
  }
  return bytes;
}

// ---- Tests against the fake server. ----

class BytesPerSimTest : public ::testing::Test {
 protected:
  void SetUp() override { server_.Start(); }

  // The fake server's "now" is the end of its data: a listing without times (Twilio's defaults,
  // the month before now) then covers all of it, every run alike.
  static FakeSupersimServer::Options PinnedToItsData() {
    FakeSupersimServer::Options options;
    options.clock = FakeSupersimServer::FixedClock(options.data.end);
    return options;
  }

  // A client of the fake server whose retries do not wait, so that a test of a failing server
  // stays fast.
  twilio::ClientConfig Config() const { return server_.MakeClientConfig(); }

  // The expected answer, worked out independently of BytesPerSim: a listing filtered on SIM
  // `index` alone, every record of it summed.
  int64_t BytesOfSim(int index) const {
    v1::ListUsageRecordParams params;
    params.SetSim(FakeSupersimServer::SimSid(index));
    int64_t bytes = 0;
    for (const auto& r : v1::UsageRecordsApi(Config()).ListUsageRecord(params).usage_records) {
      bytes += r.data_total.value_or(0);
    }
    return bytes;
  }

  int Sims() const { return server_.GetOptions().data.sims; }

  FakeSupersimServer server_{PinnedToItsData()};
};

TEST_F(BytesPerSimTest, SumsEverySimAcrossPages) {
  const v1::UsageRecordsApi api(Config());
  const int page_size = 4;  // smaller than the number of SIMs: the answer spans pages

  const std::map<std::string, int64_t> bytes =
      BytesPerSim(api, v1::ListUsageRecordParams().SetPageSize(page_size));

  // What the server was asked: one request per page of one record per SIM.
  const std::vector<twilio::test_support::RecordedRequest> requests = server_.Requests();
  ASSERT_EQ(requests.size(), static_cast<std::size_t>((Sims() + page_size - 1) / page_size));
  EXPECT_EQ(requests[0].Param("Group"), "sim");
  EXPECT_EQ(requests[0].Param("Granularity"), "all");

  std::map<std::string, int64_t> expected;
  for (int i = 0; i < Sims(); ++i) expected[FakeSupersimServer::SimSid(i)] = BytesOfSim(i);
  EXPECT_EQ(bytes, expected);
}

TEST_F(BytesPerSimTest, KeepsToTheFleetOfTheFilter) {
  const v1::UsageRecordsApi api(Config());
  const int fleet = 1;

  const std::map<std::string, int64_t> bytes =
      BytesPerSim(api, v1::ListUsageRecordParams().SetFleet(FakeSupersimServer::FleetSid(fleet)));

  // The fake data set puts SIM i in fleet i % fleets.
  std::map<std::string, int64_t> expected;
  for (int i = 0; i < Sims(); ++i) {
    if (i % server_.GetOptions().data.fleets == fleet) {
      expected[FakeSupersimServer::SimSid(i)] = BytesOfSim(i);
    }
  }
  ASSERT_FALSE(expected.empty());
  EXPECT_EQ(bytes, expected);
}

TEST_F(BytesPerSimTest, ReportsAServerThatKeepsFailing) {
  FakeFault unavailable;
  unavailable.status = 503;  // on every request for the second page
  server_.InjectFault(1, unavailable);
  const twilio::ClientConfig config = Config();

  try {
    BytesPerSim(v1::UsageRecordsApi(config), v1::ListUsageRecordParams().SetPageSize(2));
    FAIL() << "expected an ApiException";
  } catch (const twilio::ApiException& e) {
    EXPECT_EQ(e.Status(), 503);
    EXPECT_EQ(e.Attempts(), config.retry.max_attempts);  // 503 is retried, then given up on
  }
  // The first page once, then every attempt at the second; never the third.
  EXPECT_EQ(server_.RequestCount(), 1u + static_cast<std::size_t>(config.retry.max_attempts));
}

TEST_F(BytesPerSimTest, RidesOutOneFailure) {
  const std::map<std::string, int64_t> clean =
      BytesPerSim(v1::UsageRecordsApi(Config()), v1::ListUsageRecordParams().SetPageSize(2));
  server_.ClearRequests();
  FakeFault blip;
  blip.status = 503;
  blip.times = 1;  // only the first request for page 1 fails
  server_.InjectFault(1, blip);

  const std::map<std::string, int64_t> retried =
      BytesPerSim(v1::UsageRecordsApi(Config()), v1::ListUsageRecordParams().SetPageSize(2));

  EXPECT_EQ(retried, clean);  // nothing lost, nothing counted twice
  const std::size_t pages = static_cast<std::size_t>((Sims() + 1) / 2);
  EXPECT_EQ(server_.RequestCount(), pages + 1);
}

// ---- A test with an injected HttpClient: no server at all. ----

// Answers every request with one canned page and remembers the URLs it was asked for.
class CannedPageClient : public twilio::http::HttpClient {
 public:
  explicit CannedPageClient(std::string body) : body_(std::move(body)) {}

  twilio::http::HttpResponse Send(const twilio::http::HttpRequest& request,
                                  const twilio::CallContext& ctx) override {
    ctx.ThrowIfDone();  // honour cancellation and deadlines, as the real transport does
    std::lock_guard<std::mutex> lock(mutex_);
    urls_.push_back(request.url);
    twilio::http::HttpResponse response;
    response.status = 200;
    response.headers = {{"Content-Type", "application/json"}};
    response.body = body_;
    return response;
  }

  std::vector<std::string> Urls() const {
    std::lock_guard<std::mutex> lock(mutex_);
    return urls_;
  }

 private:
  const std::string body_;
  mutable std::mutex mutex_;  // Send may be called from several threads
  std::vector<std::string> urls_;
};

TEST(BytesPerSimWithCannedPage, AddsUpRecordsOfTheSameSim) {
  // One page, no next_page_url: SIM ...01 twice, SIM ...02 once, and a record without a SIM.
  auto client = std::make_shared<CannedPageClient>(R"({"usage_records": [
      {"sim_sid": "HS00000000000000000000000000000001", "data_total": 100},
      {"sim_sid": "HS00000000000000000000000000000002", "data_total": 250},
      {"sim_sid": "HS00000000000000000000000000000001", "data_total": 5},
      {"sim_sid": null, "data_total": 7}],
    "meta": {"page": 0, "page_size": 50, "next_page_url": null}})");
  // No credentials needed: an injected client authenticates (or not) by itself.
  const v1::UsageRecordsApi api(twilio::ClientConfig{}, client);

  const std::map<std::string, int64_t> bytes = BytesPerSim(api, v1::ListUsageRecordParams());

  EXPECT_EQ(bytes, (std::map<std::string, int64_t>{{"HS00000000000000000000000000000001", 105},
                                                   {"HS00000000000000000000000000000002", 250}}));
  // PageSize 50 is what the SDK sends when neither PageSize nor Limit is set.
  EXPECT_EQ(
      client->Urls(),
      std::vector<std::string>{
          "https://supersim.twilio.com/v1/UsageRecords?Group=sim&Granularity=all&PageSize=50"});
}
