// Keep-alive over real HTTP: the pages of a listing share one TCP connection, as the fake
// server's connection count and per-request connection ids show.
#include <gtest/gtest.h>

#include <cstdint>
#include <set>
#include <thread>
#include <vector>

#include "integration/server_fixture.hpp"
#include "twilio/http/curl_http_client.hpp"

namespace twilio::supersim::v1 {
namespace {

using test_support::FakeFault;
using test_support::FakeSupersimServer;
using test_support::RecordedRequest;

class ConnectionReuse : public testdata::ServerTest {};

// Default data set: 6 SIMs over 7 days, 42 records; 9 pages of 5.
ListUsageRecordParams NinePages() {
  return ListUsageRecordParams()
      .SetGroup(Group::Sim)
      .SetGranularity(Granularity::Day)
      .SetPageSize(5);
}

std::set<std::uint64_t> Connections(const std::vector<RecordedRequest>& requests) {
  std::set<std::uint64_t> ids;
  for (const auto& request : requests) ids.insert(request.connection);
  return ids;
}

TEST_F(ConnectionReuse, ServerCountsEachAcceptedConnectionOnce) {
  // Three transports, each with its own connection; two requests on each.
  for (int client = 0; client < 3; ++client) {
    auto api = Api();
    api.PageUsageRecord();
    api.PageUsageRecord();
  }
  EXPECT_EQ(server_.AcceptedConnections(), 3u);
  const auto requests = server_.Requests();
  ASSERT_EQ(requests.size(), 6u);
  for (std::size_t i = 0; i < requests.size(); ++i) {
    EXPECT_NE(requests[i].connection, 0u);
    EXPECT_EQ(requests[i].connection, requests[i - i % 2].connection) << "request " << i;
  }
  EXPECT_EQ(Connections(requests).size(), 3u);
  EXPECT_EQ(server_.MaxConcurrentRequests(), 1u);

  server_.ClearRequests();
  EXPECT_EQ(server_.AcceptedConnections(), 0u);
  EXPECT_EQ(server_.MaxConcurrentRequests(), 0u);
  Api().PageUsageRecord();
  EXPECT_EQ(server_.AcceptedConnections(), 1u);
  // Ids keep counting across ClearRequests, so they never collide with earlier ones.
  EXPECT_EQ(server_.Requests().at(0).connection, 4u);
}

TEST_F(ConnectionReuse, MaxConcurrentRequestsSeesOverlappingRequests) {
  FakeFault slow;
  slow.delay = std::chrono::milliseconds(300);
  server_.InjectFault(FakeSupersimServer::kEveryPage, slow);
  std::vector<std::thread> threads;
  for (int i = 0; i < 3; ++i) threads.emplace_back([this] { Api().PageUsageRecord(); });
  for (auto& thread : threads) thread.join();
  EXPECT_EQ(server_.MaxConcurrentRequests(), 3u);
  EXPECT_EQ(server_.AcceptedConnections(), 3u);
  server_.ClearRequests();
  EXPECT_EQ(server_.MaxConcurrentRequests(), 0u);  // nothing in flight any more
}

TEST_F(ConnectionReuse, ListingOfNinePagesUsesOneConnection) {
  auto all = Api().ListUsageRecord(NinePages());
  EXPECT_EQ(all.usage_records.size(), 42u);
  EXPECT_EQ(server_.RequestCount(), 9u);
  EXPECT_EQ(server_.AcceptedConnections(), 1u);
  EXPECT_EQ(Connections(server_.Requests()).size(), 1u);
}

TEST_F(ConnectionReuse, StreamOfNinePagesUsesOneConnection) {
  std::size_t count = 0;
  auto stream = Api().StreamUsageRecord(NinePages());
  for (const auto& record : stream) {
    (void)record;
    ++count;
  }
  EXPECT_EQ(count, 42u);
  EXPECT_EQ(stream.PagesFetched(), 9u);
  EXPECT_EQ(server_.AcceptedConnections(), 1u);
  EXPECT_EQ(Connections(server_.Requests()).size(), 1u);
}

TEST_F(ConnectionReuse, ConsecutiveListingsOnOneApiShareTheConnection) {
  auto api = Api();
  auto first = api.ListUsageRecord(NinePages());
  std::size_t streamed = 0;
  for (const auto& record : api.StreamUsageRecord(NinePages())) {
    EXPECT_EQ(record, first.usage_records.at(streamed));
    ++streamed;
  }
  auto third = api.ListUsageRecord(NinePages());
  EXPECT_EQ(streamed, 42u);
  EXPECT_EQ(third.usage_records, first.usage_records);
  EXPECT_EQ(server_.RequestCount(), 27u);
  EXPECT_EQ(server_.AcceptedConnections(), 1u);
  EXPECT_EQ(Connections(server_.Requests()).size(), 1u);
}

TEST_F(ConnectionReuse, DroppedConnectionIsReplacedOnceAndRecordsStayExact) {
  const auto expected = Api().ListUsageRecord(ListUsageRecordParams(NinePages()).SetPageSize(1000));
  ASSERT_EQ(expected.usage_records.size(), 42u);
  server_.ClearRequests();

  FakeFault drop;
  drop.drop_connection = true;
  drop.times = 1;
  server_.InjectFault(3, drop);
  auto api = Api();
  auto all = api.ListUsageRecord(NinePages());
  EXPECT_EQ(all.usage_records, expected.usage_records);
  EXPECT_EQ(server_.AcceptedConnections(), 2u);

  // Pages 0..3 on the first connection (page 3 dropped there), the retried page 3 and every
  // later page on the second.
  const auto requests = server_.Requests();
  ASSERT_EQ(requests.size(), 10u);
  for (std::size_t i = 0; i < requests.size(); ++i) {
    EXPECT_EQ(requests[i].page, static_cast<int64_t>(i < 4 ? i : i - 1)) << "request " << i;
    EXPECT_EQ(requests[i].connection, requests[i < 4 ? 0 : 4].connection) << "request " << i;
  }
  EXPECT_NE(requests[0].connection, requests[4].connection);

  // The replacement connection is kept for the next listing.
  server_.ClearRequests();
  EXPECT_EQ(api.ListUsageRecord(NinePages()).usage_records, expected.usage_records);
  EXPECT_EQ(server_.AcceptedConnections(), 0u);
  EXPECT_EQ(Connections(server_.Requests()), std::set<std::uint64_t>{requests[4].connection});
}

// A listing hands the transport the same response for every page: the body's buffer (and its
// spare bytes for the parser) is reused, not allocated per page, and nothing of the earlier
// response is left behind.
TEST_F(ConnectionReuse, SendIntoRefillsTheSameBodyBuffer) {
  http::CurlHttpClient client(Config());
  http::HttpRequest request;
  request.url = server_.BaseUrl() + "/v1/UsageRecords?Group=sim&Granularity=day&PageSize=5";
  http::HttpResponse response;
  client.SendInto(request, CallContext(), response);
  ASSERT_EQ(response.status, 200);
  const std::string first = response.body;
  const char* buffer = response.body.data();
  const std::size_t headers = response.headers.size();
  client.SendInto(request, CallContext(), response);
  EXPECT_EQ(response.status, 200);
  EXPECT_EQ(response.body, first);
  EXPECT_EQ(response.body.data(), buffer);
  EXPECT_EQ(response.headers.size(), headers);
  EXPECT_GE(response.body.capacity(), response.body.size() + 64);  // the parser's padding

  FakeFault missing;
  missing.status = 404;
  server_.InjectFault(FakeSupersimServer::kEveryPage, missing);
  client.SendInto(request, CallContext(), response);
  EXPECT_EQ(response.status, 404);
  EXPECT_EQ(response.body.find("usage_records"), std::string::npos);
}

}  // namespace
}  // namespace twilio::supersim::v1
