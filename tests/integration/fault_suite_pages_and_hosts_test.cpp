// The fault suite (see fault_suite_fixture.hpp), sections 12, 13, 16, 17: empty pages, page
// sizes and the Limit, and credentials that stay with the configured host.
#include <gtest/gtest.h>

#include <cstddef>
#include <cstdint>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "integration/fault_suite_fixture.hpp"
#include "integration/fault_support.hpp"
#include "twilio/errors.hpp"
#include "twilio/retry_policy.hpp"

namespace twilio::supersim::v1 {
namespace {

using namespace fault_suite_names;  // the suite's helpers and aliases

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
