// UsageRecordsApi over real HTTP on 127.0.0.1: libcurl transport against the fake server.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>
#include <set>
#include <thread>

#include "integration/server_fixture.hpp"
#include "twilio/errors.hpp"
#include "twilio/http/curl_http_client.hpp"
#include "twilio/version.hpp"

namespace twilio::supersim::v1 {
namespace {

using test_support::FakeFault;
using test_support::FakeSupersimServer;

class UsageRecordsOverHttp : public testdata::ServerTest {};

// Default data set: 6 SIMs over 7 days, so day x sim gives 42 records.
ListUsageRecordParams DailyPerSim() {
  return ListUsageRecordParams().SetGroup(Group::Sim).SetGranularity(Granularity::Day);
}

std::vector<std::string> Keys(const std::vector<SupersimV1UsageRecord>& records) {
  std::vector<std::string> out;
  for (const auto& r : records) {
    out.push_back(r.sim_sid.value_or("-") + "@" + FormatRfc3339Utc(*r.period->start_time));
  }
  return out;
}

TEST_F(UsageRecordsOverHttp, ListsAcrossPagesExactlyOnce) {
  auto api = Api();
  auto one_page = api.ListUsageRecord(ListUsageRecordParams(DailyPerSim()).SetPageSize(1000));
  ASSERT_EQ(one_page.usage_records.size(), 42u);
  server_.ClearRequests();

  auto paged = api.ListUsageRecord(ListUsageRecordParams(DailyPerSim()).SetPageSize(5));
  EXPECT_EQ(paged.usage_records, one_page.usage_records);
  auto keys = Keys(paged.usage_records);
  EXPECT_EQ(std::set<std::string>(keys.begin(), keys.end()).size(), 42u);  // no duplicates
  auto requests = server_.Requests();
  ASSERT_EQ(requests.size(), 9u);  // ceil(42 / 5)
  for (std::size_t i = 0; i < requests.size(); ++i) {
    EXPECT_EQ(requests[i].page, static_cast<int64_t>(i));
    EXPECT_EQ(requests[i].Param("PageSize"), "5");
    EXPECT_EQ(requests[i].Param("Group"), "sim");
    EXPECT_EQ(requests[i].Param("Granularity"), "day");
  }
  EXPECT_FALSE(paged.meta.next_page_url.has_value());
}

TEST_F(UsageRecordsOverHttp, LimitReachedMidPageSendsNoFurtherRequest) {
  auto api = Api();
  auto all = api.ListUsageRecord(ListUsageRecordParams(DailyPerSim()).SetPageSize(1000));
  server_.ClearRequests();

  auto limited =
      api.ListUsageRecord(ListUsageRecordParams(DailyPerSim()).SetPageSize(5).SetLimit(12));
  ASSERT_EQ(limited.usage_records.size(), 12u);
  EXPECT_TRUE(std::equal(limited.usage_records.begin(), limited.usage_records.end(),
                         all.usage_records.begin()));
  EXPECT_EQ(server_.RequestCount(), 3u);  // pages 0, 1 and 2 (half used); never page 3
  EXPECT_TRUE(limited.meta.next_page_url.has_value());

  server_.ClearRequests();
  std::size_t streamed = 0;
  for (const auto& record :
       api.StreamUsageRecord(ListUsageRecordParams(DailyPerSim()).SetLimit(10))) {
    EXPECT_EQ(record, all.usage_records[streamed]);
    ++streamed;
  }
  EXPECT_EQ(streamed, 10u);
  ASSERT_EQ(server_.RequestCount(), 1u);
  EXPECT_EQ(server_.Requests()[0].Param("PageSize"), "10");
}

TEST_F(UsageRecordsOverHttp, SendsBasicAuthAcceptAndUserAgent) {
  Api().PageUsageRecord();
  auto requests = server_.Requests();
  ASSERT_EQ(requests.size(), 1u);
  // base64("AC00000000000000000000000000000000:fake-auth-token")
  EXPECT_EQ(requests[0].Header("Authorization"),
            "Basic QUMwMDAwMDAwMDAwMDAwMDAwMDAwMDAwMDAwMDAwMDAwMDpmYWtlLWF1dGgtdG9rZW4=");
  EXPECT_EQ(requests[0].Header("Accept"), "application/json");
  std::string agent = requests[0].Header("User-Agent").value_or("");
  EXPECT_EQ(agent.rfind(std::string("twilio-supersim-cpp/") + twilio::Version() + " (", 0), 0u)
      << agent;
  EXPECT_NE(agent.find(") libcurl/" + http::CurlVersion()), std::string::npos) << agent;
  EXPECT_EQ(requests[0].path, "/v1/UsageRecords");
  EXPECT_EQ(requests[0].raw_query, "PageSize=50");
}

TEST_F(UsageRecordsOverHttp, UserAgentExtensionsAreAppended) {
  auto config = Config();
  config.user_agent_extensions = {"my-app/1.2", "ops"};
  UsageRecordsApi(config).PageUsageRecord();
  std::string agent = server_.Requests().at(0).Header("User-Agent").value_or("");
  EXPECT_EQ(agent.substr(agent.size() - 15), " my-app/1.2 ops") << agent;
}

TEST_F(UsageRecordsOverHttp, WrongCredentialsGiveTwilios401WithoutLeakingTheSecret) {
  auto config = Config();
  config.credentials = Credentials::FromAuthToken(server_.GetOptions().username, "wrong-s3cret");
  try {
    UsageRecordsApi(config).ListUsageRecord();
    FAIL() << "expected an ApiException";
  } catch (const ApiException& e) {
    EXPECT_EQ(e.Status(), 401);
    EXPECT_EQ(e.Code(), 20003);
    EXPECT_EQ(e.Message(), "Authenticate");
    EXPECT_EQ(e.MoreInfo(), "https://www.twilio.com/docs/errors/20003");
    EXPECT_EQ(std::string(e.what()).find("wrong-s3cret"), std::string::npos);
    EXPECT_EQ(e.Body().find("wrong-s3cret"), std::string::npos);
  }
  EXPECT_EQ(server_.RequestCount(), 1u);
}

TEST_F(UsageRecordsOverHttp, UnknownResourceIsTwilios404) {
  auto config = Config();
  config.base_url = server_.BaseUrl() + "/nowhere";
  try {
    UsageRecordsApi(config).ListUsageRecord();
    FAIL() << "expected an ApiException";
  } catch (const ApiException& e) {
    EXPECT_EQ(e.Status(), 404);
    EXPECT_EQ(e.Code(), 20404);
  }
}

TEST_F(UsageRecordsOverHttp, ServerErrorOnALaterPageKeepsEarlierRecords) {
  FakeFault fault;
  fault.status = 500;
  server_.InjectFault(1, fault);
  std::size_t seen = 0;
  try {
    for (const auto& record :
         Api().StreamUsageRecord(ListUsageRecordParams(DailyPerSim()).SetPageSize(4))) {
      EXPECT_TRUE(record.sim_sid.has_value());
      ++seen;
    }
    FAIL() << "expected an ApiException";
  } catch (const ApiException& e) {
    EXPECT_EQ(e.Status(), 500);
    EXPECT_TRUE(e.Code().has_value());
    EXPECT_EQ(e.Attempts(), kAttempts);  // 500 is retried, on page 1 only
  }
  EXPECT_EQ(seen, 4u);
  EXPECT_EQ(server_.RequestCount(), 1u + kAttempts);
}

TEST_F(UsageRecordsOverHttp, ForeignNextPageUrlIsRefusedAndTheForeignHostSeesNothing) {
  FakeSupersimServer foreign;
  foreign.Start();
  FakeFault fault;
  fault.next_page_url = foreign.BaseUrl() + "/v1/UsageRecords?PageSize=5&Page=1";
  server_.InjectFault(0, fault);
  std::size_t seen = 0;
  EXPECT_THROW(
      for (const auto& r
           : Api().StreamUsageRecord(ListUsageRecordParams(DailyPerSim()).SetPageSize(5))) {
        (void)r;
        ++seen;
      },
      PaginationException);
  EXPECT_EQ(seen, 5u);
  EXPECT_EQ(server_.RequestCount(), 1u);
  EXPECT_EQ(foreign.RequestCount(), 0u);
}

TEST_F(UsageRecordsOverHttp, RedirectsAreNotFollowed) {
  FakeSupersimServer foreign;
  foreign.Start();
  FakeFault fault;
  fault.redirect_to = foreign.BaseUrl() + "/v1/UsageRecords";
  server_.InjectFault(0, fault);
  try {
    Api().ListUsageRecord();
    FAIL() << "expected an ApiException";
  } catch (const ApiException& e) {
    EXPECT_EQ(e.Status(), 302);
  }
  EXPECT_EQ(foreign.RequestCount(), 0u);
}

TEST_F(UsageRecordsOverHttp, ConcurrentListingsFromFourThreadsShareOneApi) {
  auto api = Api();
  std::vector<ListUsageRecordParams> params = {
      ListUsageRecordParams(DailyPerSim()).SetPageSize(3),
      ListUsageRecordParams()
          .SetGroup(Group::Fleet)
          .SetGranularity(Granularity::Hour)
          .SetPageSize(7),
      ListUsageRecordParams()
          .SetGroup(Group::IsoCountry)
          .SetGranularity(Granularity::Day)
          .SetPageSize(2),
      ListUsageRecordParams().SetGranularity(Granularity::Hour).SetPageSize(11).SetLimit(100)};
  std::vector<ListUsageRecordResponse> expected;
  for (auto p : params) expected.push_back(api.ListUsageRecord(p.SetPageSize(1000)));

  for (int round = 0; round < 3; ++round) {
    std::vector<ListUsageRecordResponse> got(params.size());
    std::vector<std::thread> threads;
    for (std::size_t i = 0; i < params.size(); ++i) {
      threads.emplace_back([&, i] { got[i] = api.ListUsageRecord(params[i]); });
    }
    for (auto& t : threads) t.join();
    for (std::size_t i = 0; i < params.size(); ++i) {
      EXPECT_EQ(got[i].usage_records, expected[i].usage_records) << "listing " << i;
    }
  }
  EXPECT_EQ(expected[0].usage_records.size(), 42u);
  EXPECT_EQ(expected[1].usage_records.size(), 2u * 7 * 24);
  EXPECT_EQ(expected[2].usage_records.size(), 3u * 7);
  EXPECT_EQ(expected[3].usage_records.size(), 100u);
}

TEST_F(UsageRecordsOverHttp, CancellationFromAnotherThreadStopsAnInFlightRequest) {
  FakeFault slow;
  slow.delay = std::chrono::seconds(10);
  server_.InjectFault(1, slow);
  CallContext ctx;
  std::thread canceller([&] {
    std::this_thread::sleep_for(std::chrono::milliseconds(300));
    ctx.cancellation.Cancel();
  });
  auto started = std::chrono::steady_clock::now();
  std::size_t seen = 0;
  EXPECT_THROW(
      for (const auto& r
           : Api().StreamUsageRecord(ListUsageRecordParams(DailyPerSim()).SetPageSize(5), ctx)) {
        (void)r;
        ++seen;
      },
      CancelledException);
  canceller.join();
  // The transfer polls the flag while it waits on the silent server; the delay is 10 s.
  EXPECT_LT(std::chrono::steady_clock::now() - started, std::chrono::seconds(2));
  EXPECT_EQ(seen, 5u);
  EXPECT_EQ(server_.RequestCount(), 2u);
}

TEST_F(UsageRecordsOverHttp, DeadlineBoundsTheWholeListing) {
  FakeFault slow;
  slow.delay = std::chrono::seconds(10);
  server_.InjectFault(2, slow);
  auto ctx = CallContext::WithTimeout(std::chrono::milliseconds(500));
  auto started = std::chrono::steady_clock::now();
  EXPECT_THROW(Api().ListUsageRecord(ListUsageRecordParams(DailyPerSim()).SetPageSize(5), ctx),
               DeadlineExceededException);
  EXPECT_LT(std::chrono::steady_clock::now() - started, std::chrono::seconds(5));
  EXPECT_EQ(server_.RequestCount(), 3u);
}

TEST_F(UsageRecordsOverHttp, RequestTimeoutIsATransportError) {
  FakeFault slow;
  slow.delay = std::chrono::seconds(10);
  server_.InjectFault(0, slow);
  auto config = Config();
  config.request_timeout = std::chrono::milliseconds(300);
  try {
    UsageRecordsApi(config).ListUsageRecord();
    FAIL() << "expected a TransportException";
  } catch (const TransportException& e) {
    EXPECT_EQ(e.CurlCode(), 28);  // CURLE_OPERATION_TIMEDOUT
    EXPECT_EQ(e.Attempts(), kAttempts);
  }
  EXPECT_EQ(server_.RequestCount(), static_cast<std::size_t>(kAttempts));
}

TEST_F(UsageRecordsOverHttp, ConnectionRefusedIsATransportError) {
  auto config = Config();
  int port = server_.Port();
  server_.Stop();
  config.base_url = "http://127.0.0.1:" + std::to_string(port);
  try {
    UsageRecordsApi(config).ListUsageRecord();
    FAIL() << "expected a TransportException";
  } catch (const TransportException& e) {
    EXPECT_EQ(e.CurlCode(), 7);  // CURLE_COULDNT_CONNECT
    EXPECT_EQ(e.Attempts(), kAttempts);
    EXPECT_EQ(std::string(e.what()).find(server_.GetOptions().password), std::string::npos);
  }
}

TEST_F(UsageRecordsOverHttp, BrokenBodiesAreErrorsNotRecords) {
  struct Case {
    const char* name;
    FakeFault fault;
  };
  FakeFault truncated;
  truncated.truncate_json = true;
  FakeFault malformed;
  malformed.body = "{\"usage_records\": [ {\"data_upload\": 1,, ]";
  FakeFault reset;
  reset.reset_mid_body = true;
  FakeFault dropped;
  dropped.drop_connection = true;
  for (const Case& c : {Case{"truncated", truncated}, Case{"malformed", malformed},
                        Case{"reset", reset}, Case{"dropped", dropped}}) {
    SCOPED_TRACE(c.name);
    server_.ClearFaults();
    server_.InjectFault(0, c.fault);
    server_.ClearRequests();
    bool parse_error = false;
    bool transport_error = false;
    try {
      Api().ListUsageRecord(DailyPerSim());
    } catch (const ParseException& e) {
      parse_error = true;
      EXPECT_EQ(e.Path(), "");
      EXPECT_EQ(e.Attempts(), kAttempts);  // not JSON at all: retried as a transfer fault
    } catch (const TransportException& e) {
      transport_error = true;
      EXPECT_EQ(e.Attempts(), kAttempts);
    }
    EXPECT_EQ(server_.RequestCount(), static_cast<std::size_t>(kAttempts));
    bool body_broken = c.fault.truncate_json || c.fault.body.has_value();
    EXPECT_EQ(parse_error, body_broken);
    EXPECT_EQ(transport_error, !body_broken);
  }
}

TEST_F(UsageRecordsOverHttp, OversizedBodyIsRefused) {
  auto config = Config();
  config.max_response_bytes = 2000;
  try {
    UsageRecordsApi(config).ListUsageRecord(ListUsageRecordParams(DailyPerSim()).SetPageSize(40));
    FAIL() << "expected a TransportException";
  } catch (const TransportException& e) {
    EXPECT_NE(std::string(e.what()).find("max_response_bytes"), std::string::npos);
  }
}

TEST(UsageRecordsOverHttpNames, FiltersOnUniqueNamesWithSpacesAndNonAscii) {
  FakeSupersimServer::Options options;
  options.data.sim_names = {"Tracker 1", "Zürich pump №2", "sim/with+plus"};
  options.data.sims = 3;
  options.clock = FakeSupersimServer::FixedClock(options.data.end);
  FakeSupersimServer server(options);
  server.Start();
  ClientConfig config;
  config.credentials = Credentials::FromAuthToken(options.username, options.password);
  config.base_url = server.BaseUrl();
  UsageRecordsApi api(config);
  for (int sim = 0; sim < 3; ++sim) {
    auto page = api.ListUsageRecord(ListUsageRecordParams()
                                        .SetSim(options.data.sim_names[sim])
                                        .SetGranularity(Granularity::Day));
    ASSERT_EQ(page.usage_records.size(), 7u);
    for (const auto& r : page.usage_records) EXPECT_EQ(r.sim_sid, FakeSupersimServer::SimSid(sim));
    EXPECT_EQ(server.Requests().back().Param("Sim"), options.data.sim_names[sim]);
  }
  EXPECT_EQ(server.Requests().back().raw_query.substr(0, 22), "Sim=sim%2Fwith%2Bplus&");
}

}  // namespace
}  // namespace twilio::supersim::v1
