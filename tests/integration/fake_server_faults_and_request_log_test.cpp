// Tests of the fake Super SIM server itself (see fake_server_fixture.hpp): the faults it injects
// on purpose, and its log of the requests it received.
#include <arpa/inet.h>
#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <unistd.h>

#include <atomic>
#include <cerrno>
#include <chrono>
#include <cstddef>
#include <cstdint>
#include <nlohmann/json.hpp>
#include <optional>
#include <regex>
#include <string>
#include <thread>
#include <vector>

#include "integration/fake_server_fixture.hpp"
#include "twilio/testing/fake_supersim_server.hpp"

namespace {

using namespace fake_server_tests;  // the fixture and its helpers

using nlohmann::json;
using ::testing::ElementsAre;
using ::testing::Pair;
using ::testing::StartsWith;
using twilio::test_support::FakeFault;
using twilio::test_support::FakeSupersimServer;
using twilio::test_support::RecordedRequest;

// ---------------------------------------------------------------------------------------------
// Faults

// A raw HTTP/1.1 exchange: everything the server sent until it closed the connection.
struct RawExchange {
  std::string received;
  bool timed_out = false;  // rather than closed by the server
};

RawExchange RawGet(int port, const std::string& target) {
  RawExchange exchange;
  const int fd = socket(AF_INET, SOCK_STREAM, 0);
  if (fd < 0) {
    ADD_FAILURE() << "socket";
    return exchange;
  }
  timeval timeout{5, 0};
  setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &timeout, sizeof timeout);
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_port = htons(static_cast<uint16_t>(port));
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  if (connect(fd, reinterpret_cast<sockaddr*>(&address), sizeof address) != 0) {
    ADD_FAILURE() << "connect";
    close(fd);
    return exchange;
  }
  const std::string request =
      "GET " + target + " HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: " + kDefaultAuthorization +
      "\r\nConnection: close\r\n\r\n";
  if (send(fd, request.data(), request.size(), MSG_NOSIGNAL) !=
      static_cast<ssize_t>(request.size())) {
    ADD_FAILURE() << "send";
  }
  char buffer[4096];
  for (;;) {
    const ssize_t n = recv(fd, buffer, sizeof buffer, 0);
    if (n == 0) break;
    if (n < 0) {
      exchange.timed_out = errno == EAGAIN || errno == EWOULDBLOCK;
      break;
    }
    exchange.received.append(buffer, static_cast<std::size_t>(n));
  }
  close(fd);
  return exchange;
}

std::size_t ContentLengthOf(const std::string& head) {
  std::smatch match;
  if (!std::regex_search(head, match, std::regex("\r\nContent-Length: ([0-9]+)\r\n"))) {
    return std::string::npos;
  }
  return std::stoul(match[1].str());
}

TEST_F(FakeServerTest, StatusFaultAnswersWithRetryAfterAndTwiliosBody) {
  FakeFault fault;
  fault.status = 429;
  fault.retry_after = "2";
  server_->InjectFault(1, fault);
  const httplib::Result limited = Get("/v1/UsageRecords?Group=sim&PageSize=2&Page=1");
  ASSERT_TRUE(limited);
  EXPECT_EQ(limited->status, 429);
  EXPECT_EQ(limited->get_header_value("Retry-After"), "2");
  EXPECT_EQ(json::parse(limited->body), TwilioError(20429, "Too Many Requests", 429));
  // Other pages are unaffected, and the fault stays (times < 0).
  EXPECT_EQ(Get("/v1/UsageRecords?Group=sim&PageSize=2&Page=0")->status, 200);
  EXPECT_EQ(Get("/v1/UsageRecords?Group=sim&PageSize=2&Page=1")->status, 429);
}

TEST_F(FakeServerTest, FaultsClearAfterTheirTimes) {
  FakeFault fault;
  fault.status = 503;
  fault.times = 2;
  server_->InjectFault(0, fault);
  const httplib::Result first = Get("/v1/UsageRecords");
  ASSERT_TRUE(first);
  EXPECT_EQ(first->status, 503);
  EXPECT_EQ(json::parse(first->body), TwilioError(20500, "Service Unavailable", 503));
  EXPECT_FALSE(first->has_header("Retry-After"));
  EXPECT_EQ(Get("/v1/UsageRecords")->status, 503);
  EXPECT_EQ(Get("/v1/UsageRecords")->status, 200);
  EXPECT_EQ(server_->RequestCount(), 3u);

  fault.status = 500;
  fault.times = -1;
  server_->InjectFault(0, fault);
  fault.status = 502;  // replaces the fault on the same page
  server_->InjectFault(0, fault);
  EXPECT_EQ(Get("/v1/UsageRecords")->status, 502);
  EXPECT_EQ(Get("/v1/UsageRecords")->status, 502);
  server_->ClearFaults();
  EXPECT_EQ(Get("/v1/UsageRecords")->status, 200);
}

TEST_F(FakeServerTest, FaultsAreKeyedOnThePageAPageTokenAddresses) {
  FakeFault fault;
  fault.status = 500;
  server_->InjectFault(2, fault);
  EXPECT_EQ(Get("/v1/UsageRecords?Granularity=hour&PageSize=25&PageToken=PAo50")->status, 500);
  EXPECT_EQ(Get("/v1/UsageRecords?Granularity=hour&PageSize=25&Page=2")->status, 500);
  EXPECT_EQ(Get("/v1/UsageRecords?Granularity=hour&PageSize=25&Page=2&PageToken=PAo25")->status,
            200);
}

TEST_F(FakeServerTest, BodyFaultReplacesTheBody) {
  FakeFault html;
  html.body = "<html><body>Bad gateway</body></html>";
  server_->InjectFault(0, html);
  const httplib::Result result = Get("/v1/UsageRecords");
  ASSERT_TRUE(result);
  EXPECT_EQ(result->status, 200);
  EXPECT_EQ(result->body, "<html><body>Bad gateway</body></html>");
  EXPECT_EQ(result->get_header_value("Content-Type"), "text/html; charset=utf-8");

  FakeFault with_status;
  with_status.status = 502;
  with_status.body = "{\"not\": \"twilio\"";
  server_->InjectFault(1, with_status);
  const httplib::Result bad = Get("/v1/UsageRecords?Page=1");
  ASSERT_TRUE(bad);
  EXPECT_EQ(bad->status, 502);
  EXPECT_EQ(bad->body, "{\"not\": \"twilio\"");
}

TEST_F(FakeServerTest, DelayFaultDelaysTheNormalAnswer) {
  const std::string normal = Get("/v1/UsageRecords")->body;
  FakeFault fault;
  fault.delay = std::chrono::milliseconds(400);
  server_->InjectFault(0, fault);
  const auto before = std::chrono::steady_clock::now();
  const httplib::Result result = Get("/v1/UsageRecords");
  EXPECT_GE(std::chrono::steady_clock::now() - before, std::chrono::milliseconds(400));
  ASSERT_TRUE(result);
  EXPECT_EQ(result->status, 200);
  EXPECT_EQ(result->body, normal);
}

TEST_F(FakeServerTest, DelayThenStatus) {
  FakeFault fault;
  fault.delay = std::chrono::milliseconds(200);
  fault.status = 500;
  server_->InjectFault(0, fault);
  const auto before = std::chrono::steady_clock::now();
  const httplib::Result result = Get("/v1/UsageRecords");
  EXPECT_GE(std::chrono::steady_clock::now() - before, std::chrono::milliseconds(200));
  ASSERT_TRUE(result);
  EXPECT_EQ(result->status, 500);
  EXPECT_EQ(json::parse(result->body), TwilioError(20500, "Internal Server Error", 500));
}

TEST_F(FakeServerTest, StopWakesADelayedHandler) {
  FakeFault fault;
  fault.delay = std::chrono::seconds(30);
  server_->InjectFault(0, fault);
  std::atomic<bool> done{false};
  std::thread request([&] {
    httplib::Client client = NewClient();
    client.set_read_timeout(std::chrono::seconds(60));
    (void)client.Get("/v1/UsageRecords");
    done = true;
  });
  while (server_->RequestCount() == 0) std::this_thread::sleep_for(std::chrono::milliseconds(5));
  const auto before = std::chrono::steady_clock::now();
  server_->Stop();
  EXPECT_LT(std::chrono::steady_clock::now() - before, std::chrono::seconds(3));
  request.join();
  EXPECT_TRUE(done);
}

TEST_F(FakeServerTest, TruncateJsonSendsTheFirstHalfWithAMatchingLength) {
  const std::string normal = Get("/v1/UsageRecords?Group=sim")->body;
  FakeFault fault;
  fault.truncate_json = true;
  server_->InjectFault(0, fault);
  const httplib::Result result = Get("/v1/UsageRecords?Group=sim");
  ASSERT_TRUE(result) << httplib::to_string(result.error());
  EXPECT_EQ(result->status, 200);
  EXPECT_EQ(result->body, normal.substr(0, normal.size() / 2));
  EXPECT_EQ(result->get_header_value("Content-Length"), std::to_string(normal.size() / 2));
  EXPECT_FALSE(json::accept(result->body));
}

TEST_F(FakeServerTest, ResetMidBodyPromisesTheWholeBodyAndSendsHalf) {
  const std::string normal = Get("/v1/UsageRecords?Group=sim")->body;
  FakeFault fault;
  fault.reset_mid_body = true;
  server_->InjectFault(0, fault);

  const httplib::Result result = Get("/v1/UsageRecords?Group=sim");
  EXPECT_FALSE(result);  // the client sees an error, not a short 200

  const RawExchange raw = RawGet(port_, "/v1/UsageRecords?Group=sim");
  EXPECT_FALSE(raw.timed_out);
  const std::size_t head_end = raw.received.find("\r\n\r\n");
  ASSERT_NE(head_end, std::string::npos) << raw.received;
  const std::string head = raw.received.substr(0, head_end + 2);
  EXPECT_THAT(head, StartsWith("HTTP/1.1 200 OK\r\n"));
  EXPECT_EQ(ContentLengthOf(head), normal.size());
  EXPECT_EQ(raw.received.substr(head_end + 4), normal.substr(0, normal.size() / 2));
}

TEST_F(FakeServerTest, DropConnectionClosesWithoutAnyResponse) {
  FakeFault fault;
  fault.drop_connection = true;
  server_->InjectFault(0, fault);
  const httplib::Result result = Get("/v1/UsageRecords");
  EXPECT_FALSE(result);

  const RawExchange raw = RawGet(port_, "/v1/UsageRecords");
  EXPECT_FALSE(raw.timed_out);
  EXPECT_EQ(raw.received, "");
  EXPECT_EQ(server_->RequestCount(), 2u);
  // The server still serves other pages.
  EXPECT_EQ(Get("/v1/UsageRecords?Page=1")->status, 200);
}

TEST_F(FakeServerTest, NextPageUrlFaultOverridesMetaEvenOnTheLastPage) {
  FakeFault fault;
  fault.next_page_url = "https://evil.example.com/v1/UsageRecords?PageSize=50&Page=1";
  server_->InjectFault(0, fault);
  const Page page = GetPage("/v1/UsageRecords");
  EXPECT_EQ(page.meta().at("next_page_url"),
            "https://evil.example.com/v1/UsageRecords?PageSize=50&Page=1");
  EXPECT_EQ(page.records().size(), 1u);
  EXPECT_EQ(page.meta().at("url"), Url("/v1/UsageRecords?PageSize=50&Page=0"));
}

TEST_F(FakeServerTest, RedirectFaultAnswersWithALocation) {
  FakeFault fault;
  fault.redirect_to = "http://other.example.com/v1/UsageRecords?Page=0";
  server_->InjectFault(0, fault);
  const httplib::Result result = Get("/v1/UsageRecords");
  ASSERT_TRUE(result);
  EXPECT_EQ(result->status, 302);
  EXPECT_EQ(result->get_header_value("Location"),
            "http://other.example.com/v1/UsageRecords?Page=0");

  fault.status = 307;
  server_->InjectFault(0, fault);
  EXPECT_EQ(Get("/v1/UsageRecords")->status, 307);
}

TEST_F(FakeServerTest, EmptyPageFaultKeepsTheMetaOfThePage) {
  const std::string target = "/v1/UsageRecords?Granularity=day&Group=sim&PageSize=5&Page=1";
  const Page normal = GetPage(target);
  ASSERT_EQ(normal.records().size(), 5u);
  ASSERT_FALSE(normal.meta().at("next_page_url").is_null());

  FakeFault fault;
  fault.empty_page = true;
  fault.times = 1;
  server_->InjectFault(1, fault);
  const Page empty = GetPage(target);
  EXPECT_EQ(empty.records(), json::array());
  EXPECT_EQ(empty.meta(), normal.meta());  // next_page_url still links to page 2
  EXPECT_EQ(empty.meta().at("next_page_url"),
            Url("/v1/UsageRecords?Group=sim&Granularity=day&PageSize=5&Page=2&PageToken=PAo10" +
                kAnchor));
  EXPECT_EQ(GetPage(target).body, normal.body);  // times = 1: cleared

  // The last page stays the last page; other pages are unaffected.
  const std::string last = "/v1/UsageRecords?Granularity=day&Group=sim&PageSize=5&Page=8";
  const Page normal_last = GetPage(last);
  ASSERT_EQ(normal_last.records().size(), 2u);
  fault.times = -1;
  server_->InjectFault(8, fault);
  const Page empty_last = GetPage(last);
  EXPECT_EQ(empty_last.records(), json::array());
  EXPECT_EQ(empty_last.meta(), normal_last.meta());
  EXPECT_EQ(empty_last.meta().at("next_page_url"), nullptr);
  EXPECT_EQ(GetPage(target).body, normal.body);
  EXPECT_EQ(Get(last, /*with_auth=*/false)->status, 401);  // an error stays an error

  // A status in the same fault wins over empty_page.
  fault.status = 503;
  server_->InjectFault(8, fault);
  const httplib::Result unavailable = Get(last);
  ASSERT_TRUE(unavailable);
  EXPECT_EQ(unavailable->status, 503);
  EXPECT_EQ(json::parse(unavailable->body), TwilioError(20500, "Service Unavailable", 503));
}

TEST_F(FakeServerTest, EmptyPageFaultComposesWithNextPageUrlAndTruncation) {
  FakeFault fault;
  fault.empty_page = true;
  fault.next_page_url = "https://evil.example.com/v1/UsageRecords?Page=1";
  server_->InjectFault(0, fault);
  const Page page = GetPage("/v1/UsageRecords?Group=sim&PageSize=2");
  EXPECT_EQ(page.records(), json::array());
  EXPECT_EQ(page.meta().at("next_page_url"), "https://evil.example.com/v1/UsageRecords?Page=1");

  fault.next_page_url.reset();
  fault.truncate_json = true;
  server_->InjectFault(0, fault);
  fault.truncate_json = false;
  server_->InjectFault(1, fault);
  const std::string whole = GetPage("/v1/UsageRecords?Group=sim&PageSize=2&Page=1").body;
  const httplib::Result truncated = Get("/v1/UsageRecords?Group=sim&PageSize=2&Page=0");
  ASSERT_TRUE(truncated);
  EXPECT_EQ(truncated->status, 200);
  EXPECT_THAT(truncated->body, StartsWith("{\"usage_records\":[],\"meta\":{"));
  EXPECT_FALSE(json::accept(truncated->body));
  EXPECT_THAT(whole, StartsWith("{\"usage_records\":[],\"meta\":{"));
}

TEST_F(FakeServerTest, EveryPageFaultAppliesWhereNoPageFaultDoes) {
  FakeFault every;
  every.status = 503;
  server_->InjectFault(FakeSupersimServer::kEveryPage, every);
  FakeFault own;
  own.status = 500;
  server_->InjectFault(2, own);
  for (const char* page : {"0", "1", "7", "123456"}) {
    SCOPED_TRACE(page);
    const httplib::Result result = Get(std::string("/v1/UsageRecords?PageSize=1&Page=") + page);
    ASSERT_TRUE(result);
    EXPECT_EQ(result->status, 503);
    EXPECT_EQ(json::parse(result->body), TwilioError(20500, "Service Unavailable", 503));
  }
  EXPECT_EQ(Get("/v1/UsageRecords?PageSize=1&Page=2")->status, 500);  // the page's own fault
  EXPECT_EQ(Get("/v1/UsageRecords?PageSize=1&PageToken=PAo2")->status, 500);
  // As a page's own status fault, it answers even requests the server would reject.
  EXPECT_EQ(Get("/v1/UsageRecords", /*with_auth=*/false)->status, 503);
  EXPECT_EQ(Get("/v1/UsageRecords?PageSize=0")->status, 503);

  // times = 0 removes it; ClearFaults removes it too.
  every.times = 0;
  server_->InjectFault(FakeSupersimServer::kEveryPage, every);
  EXPECT_EQ(Get("/v1/UsageRecords?PageSize=1&Page=1")->status, 200);
  EXPECT_EQ(Get("/v1/UsageRecords?PageSize=1&Page=2")->status, 500);
  every.times = -1;
  server_->InjectFault(FakeSupersimServer::kEveryPage, every);
  server_->ClearFaults();
  EXPECT_EQ(Get("/v1/UsageRecords?PageSize=1&Page=1")->status, 200);
  EXPECT_EQ(Get("/v1/UsageRecords?PageSize=1&Page=2")->status, 200);
}

TEST_F(FakeServerTest, EveryPageFaultTimesIsOneCounterSharedByAllPages) {
  FakeFault every;
  every.status = 503;
  every.times = 3;
  server_->InjectFault(FakeSupersimServer::kEveryPage, every);
  FakeFault own;
  own.status = 500;
  own.times = 1;
  server_->InjectFault(1, own);
  std::vector<int> statuses;
  for (const char* page : {"1", "1", "0", "4", "0", "1", "4"}) {
    const httplib::Result result = Get(std::string("/v1/UsageRecords?PageSize=1&Page=") + page);
    ASSERT_TRUE(result);
    statuses.push_back(result->status);
  }
  // Page 1's own fault first (not counted by the every-page fault), then three requests for
  // pages 1, 0 and 4 use up the shared counter.
  EXPECT_THAT(statuses, ElementsAre(500, 503, 503, 503, 200, 200, 200));
  std::vector<int64_t> pages;
  for (const RecordedRequest& request : server_->Requests()) pages.push_back(request.page);
  EXPECT_THAT(pages, ElementsAre(1, 1, 0, 4, 0, 1, 4));
}

TEST_F(FakeServerTest, EmptyEveryPageWalksToTheLastPageWithoutRecords) {
  FakeFault fault;
  fault.empty_page = true;
  server_->InjectFault(FakeSupersimServer::kEveryPage, fault);
  std::string target = "/v1/UsageRecords?Group=sim&Granularity=day&PageSize=5";
  int pages = 0;
  for (; pages < 20; ++pages) {
    const Page page = GetPage(target);
    EXPECT_EQ(page.records(), json::array());
    EXPECT_EQ(page.meta().at("page"), pages);
    if (page.meta().at("next_page_url").is_null()) break;
    target = TargetOf(page.meta().at("next_page_url"));
  }
  EXPECT_EQ(pages, 8);  // 42 records in pages of 5: pages 0..8, all empty
}

// ---------------------------------------------------------------------------------------------
// Request log

TEST_F(FakeServerTest, RecordsEveryRequestWithDecodedParamsInOrder) {
  httplib::Client client = NewClient();
  const httplib::Result result =
      client.Get("/v1/UsageRecords?Sim=a%20b+c&Foo=1&Sim=second&PageSize=7&PageToken=PAo21",
                 {{"X-Test-Header", "Value 1"}});
  ASSERT_TRUE(result);
  EXPECT_EQ(result->status, 404);  // no SIM "a b c"
  (void)Get("/v1/Other?Page=3");

  const std::vector<RecordedRequest> requests = server_->Requests();
  ASSERT_EQ(requests.size(), 2u);
  const RecordedRequest& first = requests[0];
  EXPECT_EQ(first.method, "GET");
  EXPECT_EQ(first.path, "/v1/UsageRecords");
  EXPECT_EQ(first.raw_query, "Sim=a%20b+c&Foo=1&Sim=second&PageSize=7&PageToken=PAo21");
  EXPECT_THAT(first.params,
              ElementsAre(Pair("Sim", "a b c"), Pair("Foo", "1"), Pair("Sim", "second"),
                          Pair("PageSize", "7"), Pair("PageToken", "PAo21")));
  EXPECT_EQ(first.Param("Sim"), "a b c");
  EXPECT_EQ(first.Param("sim"), std::nullopt);
  EXPECT_EQ(first.page, 3);  // offset 21 / page size 7
  EXPECT_EQ(first.Header("X-TEST-HEADER"), "Value 1");
  EXPECT_EQ(first.headers.count("x-test-header"), 1u);
  EXPECT_EQ(first.Header("Authorization"), kDefaultAuthorization);
  EXPECT_EQ(first.Header("Host"), "127.0.0.1:" + std::to_string(port_));
  EXPECT_EQ(first.headers.count("remote_addr"), 0u);  // only headers the client sent
  EXPECT_EQ(first.headers.count("local_port"), 0u);
  for (const auto& header : first.headers) {
    for (char c : header.first) EXPECT_FALSE(c >= 'A' && c <= 'Z') << header.first;
  }

  EXPECT_EQ(requests[1].path, "/v1/Other");
  EXPECT_EQ(requests[1].page, 3);
  EXPECT_EQ(requests[1].raw_query, "Page=3");

  server_->ClearRequests();
  EXPECT_EQ(server_->RequestCount(), 0u);
  EXPECT_TRUE(server_->Requests().empty());
}

TEST_F(FakeServerTest, ServesConcurrentClients) {
  const std::string expected = Get("/v1/UsageRecords?Group=network")->body;
  std::atomic<int> matches{0};
  std::vector<std::thread> threads;
  const auto before = std::chrono::steady_clock::now();
  for (int t = 0; t < 8; ++t) {
    threads.emplace_back([&] {
      httplib::Client client = NewClient();
      for (int i = 0; i < 10; ++i) {
        const httplib::Result result = client.Get("/v1/UsageRecords?Group=network");
        if (result && result->status == 200 && result->body == expected) ++matches;
      }
    });
  }
  for (std::thread& thread : threads) thread.join();
  // A narrow listen backlog drops connection attempts in such a burst; each costs a second.
  EXPECT_LT(std::chrono::steady_clock::now() - before, std::chrono::milliseconds(900));
  EXPECT_EQ(matches, 80);
  EXPECT_EQ(server_->RequestCount(), 81u);
}

}  // namespace
