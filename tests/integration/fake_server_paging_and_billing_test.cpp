// Tests of the fake Super SIM server itself (see fake_server_fixture.hpp): paging (meta URLs,
// Page and PageToken, huge listings) and the billed amount's format.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <nlohmann/json.hpp>
#include <regex>
#include <string>
#include <vector>

#include "integration/fake_server_fixture.hpp"
#include "twilio/testing/fake_supersim_server.hpp"

namespace {

using namespace fake_server_tests;  // the fixture and its helpers

using nlohmann::json;
using ::testing::HasSubstr;
using twilio::test_support::FakeSupersimServer;

// ---------------------------------------------------------------------------------------------
// Paging

TEST_F(FakeServerTest, WalkingNextPageUrlsYieldsEveryRecordOnceInOrder) {
  const std::string filters = "/v1/UsageRecords?Granularity=hour";
  const Page whole = GetPage(filters + "&PageSize=1000");
  ASSERT_EQ(whole.records().size(), 168u);

  std::vector<json> walked;
  std::string target = filters + "&PageSize=25";
  for (int page_number = 0; page_number < 20; ++page_number) {
    SCOPED_TRACE("page " + std::to_string(page_number));
    const Page page = GetPage(target);
    EXPECT_EQ(page.meta().at("page"), page_number);
    EXPECT_EQ(page.meta().at("page_size"), 25);
    EXPECT_EQ(page.meta().at("key"), "usage_records");
    EXPECT_EQ(page.meta().at("first_page_url"),
              Url("/v1/UsageRecords?Granularity=hour&PageSize=25&Page=0"));
    if (page_number == 0) {
      EXPECT_EQ(page.meta().at("previous_page_url"), nullptr);
    } else {
      EXPECT_EQ(page.meta().at("previous_page_url"),
                Url("/v1/UsageRecords?Granularity=hour&PageSize=25&Page=" +
                    std::to_string(page_number - 1) + "&PageToken=PBo" +
                    std::to_string((page_number - 1) * 25) + kAnchor));
    }
    for (const json& record : page.records()) walked.push_back(record);
    if (page.meta().at("next_page_url").is_null()) {
      EXPECT_EQ(page_number, 6);
      EXPECT_EQ(page.records().size(), 18u);
      break;
    }
    EXPECT_EQ(page.records().size(), 25u);
    const std::string next = page.meta().at("next_page_url");
    EXPECT_EQ(next, Url("/v1/UsageRecords?Granularity=hour&PageSize=25&Page=" +
                        std::to_string(page_number + 1) + "&PageToken=PAo" +
                        std::to_string((page_number + 1) * 25) + kAnchor));
    target = TargetOf(next);
  }
  ASSERT_EQ(walked.size(), 168u);
  EXPECT_EQ(json(walked), whole.records());
}

TEST_F(FakeServerTest, PageParameterAndPreviousPageUrlAddressTheSameRecords) {
  const Page whole = GetPage("/v1/UsageRecords?Granularity=day&Group=sim&PageSize=1000");
  const Page third = GetPage("/v1/UsageRecords?Granularity=day&Group=sim&PageSize=10&Page=2");
  ASSERT_EQ(third.records().size(), 10u);
  for (std::size_t i = 0; i < 10; ++i) EXPECT_EQ(third.records()[i], whole.records()[20 + i]);
  EXPECT_EQ(third.meta().at("url"),
            Url("/v1/UsageRecords?Group=sim&Granularity=day&PageSize=10&Page=2"));

  const Page second = GetPage(TargetOf(third.meta().at("previous_page_url")));
  EXPECT_EQ(second.meta().at("page"), 1);
  for (std::size_t i = 0; i < 10; ++i) EXPECT_EQ(second.records()[i], whole.records()[10 + i]);
}

TEST_F(FakeServerTest, PageTokenTakesPrecedenceOverPage) {
  const Page whole = GetPage("/v1/UsageRecords?Granularity=hour&PageSize=1000");
  const Page page = GetPage("/v1/UsageRecords?Granularity=hour&PageSize=25&Page=0&PageToken=PAo50");
  EXPECT_EQ(page.meta().at("page"), 2);
  ASSERT_EQ(page.records().size(), 25u);
  EXPECT_EQ(page.records()[0], whole.records()[50]);
  EXPECT_EQ(page.meta().at("url"),
            Url("/v1/UsageRecords?Granularity=hour&PageSize=25&Page=2&PageToken=PAo50"));
}

TEST_F(FakeServerTest, PagePastTheEndIsEmptyWithAPreviousPage) {
  const Page page = GetPage("/v1/UsageRecords?Group=sim&PageSize=5&Page=4");
  EXPECT_TRUE(page.records().empty());
  EXPECT_EQ(page.meta().at("page"), 4);
  EXPECT_EQ(page.meta().at("next_page_url"), nullptr);
  EXPECT_EQ(page.meta().at("previous_page_url"),
            Url("/v1/UsageRecords?Group=sim&PageSize=5&Page=3&PageToken=PBo15" + kAnchor));
}

TEST_F(FakeServerTest, LastPageEndingExactlyAtTheCountHasNoNextPage) {
  const Page first = GetPage("/v1/UsageRecords?Group=sim&PageSize=3");
  EXPECT_FALSE(first.meta().at("next_page_url").is_null());
  const Page last = GetPage(TargetOf(first.meta().at("next_page_url")));
  ASSERT_EQ(last.records().size(), 3u);
  EXPECT_EQ(last.records()[2].at("sim_sid"), FakeSupersimServer::SimSid(5));
  EXPECT_EQ(last.meta().at("next_page_url"), nullptr);
}

TEST_F(FakeServerTest, MetaUrlsReencodeFiltersInTwiliosOrder) {
  FakeSupersimServer::Options options;
  options.data.sim_names = {"a/b c&d=é"};
  StartServer(options);
  const std::string network = FakeSupersimServer::NetworkSid(0);
  // Parameters in a scrambled order, with an unknown one that is dropped.
  const Page page = GetPage(
      "/v1/UsageRecords?PageSize=1&EndTime=2026-01-05T00:00:00%2B00:00&Granularity=day&Foo=bar"
      "&Group=sim&IsoCountry=fr&Network=" +
      network + "&Fleet=fleet-0&Sim=a%2Fb+c%26d%3D%C3%A9&StartTime=2026-01-02T00:00:00Z");
  const std::string filters =
      "/v1/UsageRecords?Sim=a%2Fb%20c%26d%3D%C3%A9&Fleet=fleet-0&Network=" + network +
      "&IsoCountry=FR&Group=sim&Granularity=day&StartTime=2026-01-02T00%3A00%3A00Z"
      "&EndTime=2026-01-05T00%3A00%3A00Z&PageSize=1";
  EXPECT_EQ(page.meta().at("first_page_url"), Url(filters + "&Page=0"));
  EXPECT_EQ(page.meta().at("url"), Url(filters + "&Page=0"));
  EXPECT_EQ(page.meta().at("next_page_url"), Url(filters + "&Page=1&PageToken=PAo1"));
  ASSERT_EQ(page.records().size(), 1u);
  ExpectEcho(page.records()[0], FakeSupersimServer::SimSid(0), FakeSupersimServer::FleetSid(0),
             network, "FR");
  ExpectRecord(page.records()[0], Day(4), Day(5), SumUsage({0}, kStartHour + 72, kStartHour + 96));
}

TEST_F(FakeServerTest, UnknownAndWronglyCasedParameterNamesAreIgnored) {
  const Page page = GetPage("/v1/UsageRecords?pagesize=1&group=sim&Whatever=1");
  EXPECT_EQ(page.records().size(), 1u);
  EXPECT_EQ(page.meta().at("page_size"), 50);
  EXPECT_EQ(page.records()[0].at("sim_sid"), nullptr);
}

TEST(FakeServerLargeDataSet, APageOfAHugeListingIsComputedFromItsIndex) {
  FakeSupersimServer::Options options;
  options.data.sims = 20000;
  options.data.end = options.data.start + std::chrono::hours(24 * 365);  // 175.2M SIM-hours
  FakeSupersimServer server(options);
  const int port = server.Start();
  httplib::Client client("127.0.0.1", port);
  client.set_default_headers({{"Authorization", kDefaultAuthorization}});
  client.set_read_timeout(std::chrono::seconds(20));

  const auto before = std::chrono::steady_clock::now();
  const httplib::Result result = client.Get(
      "/v1/UsageRecords?Group=sim&Granularity=hour&StartTime=2026-01-01T00:00:00Z&"
      "EndTime=2027-01-01T00:00:00Z&PageSize=1000&Page=87000");
  const auto elapsed = std::chrono::steady_clock::now() - before;
  ASSERT_TRUE(result);
  ASSERT_EQ(result->status, 200);
  EXPECT_LT(elapsed, std::chrono::seconds(5));
  const json page = json::parse(result->body);
  ASSERT_EQ(page.at("usage_records").size(), 1000u);
  // Record 87,000,000 is bucket 4350 from the newest hour, SIM 0.
  const int64_t hour = kStartHour + 8760 - 1 - 4350;
  const json& first = page.at("usage_records")[0];
  EXPECT_EQ(first.at("sim_sid"), FakeSupersimServer::SimSid(0));
  EXPECT_EQ(first.at("data_total"), SumUsage({0}, hour, hour + 1).total());
  EXPECT_EQ(page.at("usage_records")[999].at("sim_sid"), FakeSupersimServer::SimSid(999));
  EXPECT_EQ(page.at("meta").at("page"), 87000);
  EXPECT_FALSE(page.at("meta").at("next_page_url").is_null());
}

// ---------------------------------------------------------------------------------------------
// Billing

TEST_F(FakeServerTest, BilledAmountIsAnExactPlainDecimalString) {
  const Page page = GetPage("/v1/UsageRecords?Granularity=hour&Group=sim&PageSize=1000");
  ASSERT_EQ(page.records().size(), 1000u);
  const std::regex plain("^(0|[1-9][0-9]*)(\\.[0-9]*[1-9])?$");
  for (const json& record : page.records()) {
    const std::string billed = record.at("data_total_billed");
    EXPECT_TRUE(std::regex_match(billed, plain)) << billed;
    EXPECT_EQ(billed, ExpectedUsd(record.at("data_total").get<int64_t>()));
  }
  EXPECT_EQ(ExpectedUsd(300000), "0.03");  // the helper itself, on Twilio's example
  EXPECT_EQ(ExpectedUsd(0), "0");
  EXPECT_EQ(ExpectedUsd(123456789), "12.3456789");
}

TEST_F(FakeServerTest, BilledAmountCanBeAJsonNumberWithoutExponent) {
  FakeSupersimServer::Options options;
  options.data.billed_as_number = true;
  StartServer(options);
  const Page page = GetPage("/v1/UsageRecords?Granularity=hour&Sim=sim-3&PageSize=3");
  ASSERT_EQ(page.records().size(), 3u);
  for (const json& record : page.records()) {
    ASSERT_TRUE(record.at("data_total_billed").is_number());
    const std::string text = ExpectedUsd(record.at("data_total").get<int64_t>());
    EXPECT_THAT(page.body,
                HasSubstr(",\"data_total_billed\":" + text + ",\"billed_unit\":\"USD\""));
  }
}

}  // namespace
