// Prefetch (ClientConfig::prefetch_next_page): page N+1 is requested while page N is consumed,
// never past Limit, and cancelling or abandoning a listing stops the request in flight.
#include <gtest/gtest.h>

#include <chrono>
#include <thread>

#include "integration/server_fixture.hpp"
#include "twilio/errors.hpp"

namespace twilio::supersim::v1 {
namespace {

using namespace std::chrono_literals;
using Clock = std::chrono::steady_clock;
using testing::FakeFault;

// 42 records (6 SIMs x 7 days) in pages of 5: pages 0..8.
ListUsageRecordParams Paged() {
  return ListUsageRecordParams()
      .SetGroup(Group::Sim)
      .SetGranularity(Granularity::Day)
      .SetPageSize(5);
}

class Prefetch : public testdata::ServerTest {
 protected:
  UsageRecordsApi Api(bool prefetch) const {
    ClientConfig config = Config();
    config.prefetch_next_page = prefetch;
    return UsageRecordsApi(config);
  }

  // Waits up to 5 s for the server to have seen `count` requests.
  bool SawRequests(std::size_t count) const {
    for (auto end = Clock::now() + 5s; Clock::now() < end; std::this_thread::sleep_for(1ms)) {
      if (server_.RequestCount() >= count) return true;
    }
    return false;
  }
};

TEST_F(Prefetch, IsOnByDefault) {
  EXPECT_TRUE(ClientConfig().prefetch_next_page);
}

TEST_F(Prefetch, TheNextPageIsRequestedWhileThisOneIsConsumed) {
  auto stream = Api(true).StreamUsageRecord(Paged());
  auto it = stream.begin();  // page 0 arrived; page 1 is on its way without any ++
  ASSERT_NE(it, stream.end());
  EXPECT_TRUE(SawRequests(2));
  EXPECT_EQ(server_.Requests()[1].page, 1);
  EXPECT_EQ(stream.PagesFetched(), 1u);  // fetched in the background, not yet consumed
}

TEST_F(Prefetch, OffRequestsAPageOnlyWhenIterationReachesIt) {
  auto stream = Api(false).StreamUsageRecord(Paged());
  auto it = stream.begin();
  ASSERT_NE(it, stream.end());
  std::this_thread::sleep_for(200ms);
  EXPECT_EQ(server_.RequestCount(), 1u);
}

TEST_F(Prefetch, TheRecordsAndRequestsAreThoseOfAListingWithout) {
  auto with = Api(true).ListUsageRecord(Paged());
  std::size_t requests_with = server_.RequestCount();
  server_.ClearRequests();
  auto without = Api(false).ListUsageRecord(Paged());
  EXPECT_EQ(with.usage_records.size(), 42u);
  EXPECT_EQ(with, without);
  EXPECT_EQ(requests_with, 9u);
  EXPECT_EQ(server_.RequestCount(), 9u);
}

TEST_F(Prefetch, NeverRequestsAPagePastLimit) {
  // Limit 10 = two pages: page 1 is prefetched, page 2 never asked for.
  for (int64_t limit : {5, 10, 12}) {
    server_.ClearRequests();
    int count = 0;
    for (const auto& record : Api(true).StreamUsageRecord(Paged().SetLimit(limit))) {
      (void)record;
      ++count;
    }
    EXPECT_EQ(count, limit);
    std::this_thread::sleep_for(100ms);  // time for a stray prefetch to show up
    EXPECT_EQ(server_.RequestCount(), static_cast<std::size_t>((limit + 4) / 5)) << limit;
  }
}

TEST_F(Prefetch, CancellingStopsTheRequestInFlightPromptly) {
  FakeFault slow;
  slow.delay = 10s;
  server_.InjectFault(1, slow);
  CallContext ctx;
  auto stream = Api(true).StreamUsageRecord(Paged(), ctx);
  auto it = stream.begin();
  for (int i = 1; i < 5; ++i) ++it;  // to the last record of page 0; page 1 is stuck on the server
  ASSERT_TRUE(SawRequests(2));
  auto began = Clock::now();
  std::thread canceller([&] {
    std::this_thread::sleep_for(50ms);
    ctx.cancellation.Cancel();
  });
  EXPECT_THROW(++it, CancelledException);
  canceller.join();
  EXPECT_LT(Clock::now() - began, 1s);
  EXPECT_EQ(server_.RequestCount(), 2u);  // no retry after the cancellation
}

TEST_F(Prefetch, AbandoningAListingStopsItsPrefetchPromptly) {
  FakeFault slow;
  slow.delay = 10s;
  server_.InjectFault(1, slow);
  auto began = Clock::now();
  {
    auto stream = Api(true).StreamUsageRecord(Paged());
    ASSERT_NE(stream.begin(), stream.end());
    ASSERT_TRUE(SawRequests(2));
  }  // the stream is dropped with page 1 in flight
  EXPECT_LT(Clock::now() - began, 1s);
  EXPECT_EQ(server_.RequestCount(), 2u);
}

TEST_F(Prefetch, AFailedPrefetchSurfacesAfterTheRecordsBeforeIt) {
  FakeFault unauthorized;
  unauthorized.status = 401;
  server_.InjectFault(1, unauthorized);
  auto stream = Api(true).StreamUsageRecord(Paged());
  int count = 0;
  try {
    for (const auto& record : stream) {
      (void)record;
      ++count;
    }
    FAIL() << "no error";
  } catch (const ApiException& e) {
    EXPECT_EQ(e.Status(), 401);
  }
  EXPECT_EQ(count, 5);
}

TEST_F(Prefetch, AFailedPageIsAskedForAgainByTheNextIncrement) {
  FakeFault once;
  once.status = 400;  // not retried by the policy
  once.times = 1;
  server_.InjectFault(1, once);
  auto stream = Api(true).StreamUsageRecord(Paged());
  auto it = stream.begin();
  for (int i = 0; i < 4; ++i) ++it;
  EXPECT_THROW(++it, ApiException);
  ++it;  // the caller chose to go on: page 1 again, now served
  ASSERT_NE(it, stream.end());
  int rest = 0;
  for (; it != stream.end(); ++it) ++rest;
  EXPECT_EQ(rest, 42 - 5);
}

}  // namespace
}  // namespace twilio::supersim::v1
