// Prefetch (ClientConfig::prefetch_next_page): page N+1 is requested while page N is consumed,
// never past Limit, and cancelling or abandoning a listing stops the request in flight.
#include <gtest/gtest.h>

#include <algorithm>
#include <chrono>
#include <nlohmann/json.hpp>
#include <thread>
#include <vector>

#include "integration/server_fixture.hpp"
#include "twilio/errors.hpp"

namespace twilio::supersim::v1 {
namespace {

using namespace std::chrono_literals;
using Clock = std::chrono::steady_clock;
using test_support::FakeFault;

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
    auto stream = Api(true).StreamUsageRecord(Paged().SetLimit(limit));
    for (const auto& record : stream) {
      (void)record;
      ++count;
    }
    EXPECT_EQ(count, limit);
    // Time for a stray prefetch to show up, with the stream (and so its prefetch) still alive.
    std::this_thread::sleep_for(100ms);
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

// The request for page N+1 can leave before page N is walked, on the link its raw text outlines.
// These pages hide a second "next_page_url" (for page 3) after the real one: the outline reads
// that one, the walk the real one.
class EarlyRequest : public Prefetch {
 protected:
  // Page `index` of Paged() with the decoy member, as a replacement body.
  std::string WithDecoy(int index) {
    const auto api = Api(false);
    std::vector<ListUsageRecordResponse> pages{api.PageUsageRecord(Paged())};
    while (pages.size() < 4) pages.push_back(*api.NextPageUsageRecord(pages.back()));
    nlohmann::json body = pages.at(static_cast<std::size_t>(index));
    body["zz_decoy"] = {{"next_page_url", *pages[2].meta.next_page_url}};  // keys are sorted
    server_.ClearRequests();
    return body.dump();
  }

  // Requests other than the listing's nine pages in order: at most the decoy, for page 3.
  void ExpectNineInOrderAndAtMostTheDecoy() const {
    std::vector<int64_t> pages;
    int decoys = 0;
    for (const auto& request : server_.Requests()) {
      if (request.page == 3 && pages.size() != 3) {
        ++decoys;
      } else {
        pages.push_back(request.page);
      }
    }
    EXPECT_EQ(pages, (std::vector<int64_t>{0, 1, 2, 3, 4, 5, 6, 7, 8}));
    EXPECT_LE(decoys, 1);
  }
};

TEST_F(EarlyRequest, ALinkTheWalkDoesNotConfirmIsDroppedAndTheRecordsStayExact) {
  const auto reference = Api(false).ListUsageRecord(Paged());
  FakeFault decoy;
  decoy.body = WithDecoy(0);
  server_.InjectFault(0, decoy);
  EXPECT_EQ(Api(true).ListUsageRecord(Paged()), reference);
  ExpectNineInOrderAndAtMostTheDecoy();
}

TEST_F(EarlyRequest, APageThatFailsItsWalkDropsTheRequestAfterIt) {
  // Page 1 with its real link, and a record of the wrong type: the walk fails (not retried).
  nlohmann::json body = nlohmann::json::parse(WithDecoy(1));
  body.erase("zz_decoy");
  body["usage_records"][2]["data_upload"] = "many";
  FakeFault wrong;
  wrong.body = body.dump();
  wrong.times = 1;
  server_.InjectFault(1, wrong);
  auto stream = Api(true).StreamUsageRecord(Paged());
  auto it = stream.begin();
  for (int i = 0; i < 4; ++i) ++it;
  try {
    ++it;
    FAIL() << "no error";
  } catch (const ParseException& e) {
    EXPECT_EQ(e.Path(), "/usage_records/2/data_upload");
  }
  ++it;  // the caller goes on: page 1 again, now served as it is
  int rest = 0;
  for (; it != stream.end(); ++it) ++rest;
  EXPECT_EQ(rest, 42 - 5);
  // Page 2 may have been asked for early, on page 1's link, before the walk failed.
  std::vector<int64_t> pages;
  for (const auto& request : server_.Requests()) pages.push_back(request.page);
  ASSERT_GE(pages.size(), 10u);
  EXPECT_EQ(std::vector<int64_t>(pages.begin(), pages.begin() + 2), (std::vector<int64_t>{0, 1}));
  EXPECT_LE(pages.size(), 11u);
  EXPECT_EQ(std::vector<int64_t>(pages.end() - 7, pages.end()),
            (std::vector<int64_t>{2, 3, 4, 5, 6, 7, 8}));
}

TEST_F(EarlyRequest, NeverLeavesPastLimitWhateverTheOutlineSays) {
  // The first page's outline names page 3: Limit stays exact whatever the outline says.
  for (int64_t limit : {5, 6, 10, 12, 41}) {
    server_.ClearFaults();
    FakeFault decoy;
    decoy.body = WithDecoy(0);
    server_.InjectFault(0, decoy);
    int count = 0;
    auto stream = Api(true).StreamUsageRecord(Paged().SetLimit(limit));
    for (const auto& record : stream) {
      (void)record;
      ++count;
    }
    EXPECT_EQ(count, limit);
    std::this_thread::sleep_for(100ms);  // the stream alive: a stray request would arrive
    // The decoy names page 3: asking for it early is right only when Limit needs page 3.
    int64_t highest = 0;
    for (const auto& request : server_.Requests()) highest = std::max(highest, request.page);
    EXPECT_EQ(highest, (limit - 1) / 5) << "Limit " << limit;
  }
}

TEST_F(EarlyRequest, NeverOutrunsTheEmptyPageBound) {
  // Empty pages that each link on: the listing gives up after the third, and asks for no fourth
  // even though every outline names one.
  FakeFault empty;
  empty.empty_page = true;
  server_.InjectFault(test_support::FakeSupersimServer::kEveryPage, empty);
  ClientConfig config = Config();
  config.max_consecutive_empty_pages = 3;
  auto stream = UsageRecordsApi(config).StreamUsageRecord(Paged());
  EXPECT_THROW(stream.begin(), PaginationException);
  std::this_thread::sleep_for(100ms);  // the stream alive: a stray request would arrive
  std::vector<int64_t> pages;
  for (const auto& request : server_.Requests()) pages.push_back(request.page);
  EXPECT_EQ(pages, (std::vector<int64_t>{0, 1, 2}));
}

}  // namespace
}  // namespace twilio::supersim::v1
