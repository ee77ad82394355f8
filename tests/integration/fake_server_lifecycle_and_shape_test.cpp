// Tests of the fake Super SIM server itself (see fake_server_fixture.hpp): its lifecycle, ports
// and SIDs, and the shape of a listing (fields, order, granularity and groups).
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <nlohmann/json.hpp>
#include <regex>
#include <set>
#include <stdexcept>
#include <string>

#include "integration/fake_server_fixture.hpp"
#include "twilio/testing/fake_supersim_server.hpp"

namespace {

using namespace fake_server_tests;  // the fixture and its helpers

using nlohmann::json;
using ::testing::HasSubstr;
using twilio::test_support::FakeSupersimServer;

// The default data set's SIMs.
constexpr int kSims = 6;

// ---------------------------------------------------------------------------------------------
// Server lifecycle and identifiers

TEST_F(FakeServerTest, ListensOnLoopbackAtTheReportedPort) {
  EXPECT_GT(port_, 0);
  EXPECT_EQ(server_->Port(), port_);
  EXPECT_EQ(server_->BaseUrl(), "http://127.0.0.1:" + std::to_string(port_));
  EXPECT_EQ(server_->GetOptions().username, "AC00000000000000000000000000000000");
  EXPECT_EQ(server_->GetOptions().data.sims, 6);
  EXPECT_EQ(Get("/v1/UsageRecords")->status, 200);
}

TEST_F(FakeServerTest, StopEndsServingAndIsIdempotent) {
  ASSERT_EQ(Get("/v1/UsageRecords")->status, 200);
  server_->Stop();
  server_->Stop();
  httplib::Client client = NewClient();
  client.set_connection_timeout(std::chrono::seconds(2));
  const httplib::Result result = client.Get("/v1/UsageRecords");
  EXPECT_FALSE(result);
}

TEST_F(FakeServerTest, StopDoesNotWaitForIdleKeepAliveConnections) {
  httplib::Client client = NewClient();
  client.set_keep_alive(true);
  ASSERT_EQ(client.Get("/v1/UsageRecords")->status, 200);  // the connection stays open
  const auto before = std::chrono::steady_clock::now();
  server_->Stop();
  EXPECT_LT(std::chrono::steady_clock::now() - before, std::chrono::milliseconds(1500));
}

TEST_F(FakeServerTest, TwoServersGetDifferentPorts) {
  FakeSupersimServer other;
  const int other_port = other.Start();
  EXPECT_NE(other_port, port_);
  httplib::Client client("127.0.0.1", other_port);
  client.set_default_headers({{"Authorization", kDefaultAuthorization}});
  EXPECT_EQ(client.Get("/v1/UsageRecords")->status, 200);
  EXPECT_EQ(server_->RequestCount(), 0u);
  EXPECT_EQ(other.RequestCount(), 1u);
}

TEST(FakeServerSids, HavePrefixesAndThirtyTwoLowerCaseHexDigitsAndAreDistinct) {
  const std::regex sim("^HS[0-9a-f]{32}$");
  const std::regex fleet("^HF[0-9a-f]{32}$");
  const std::regex network("^HW[0-9a-f]{32}$");
  std::set<std::string> seen;
  for (int i = 0; i < 5000; ++i) {
    const std::string sids[] = {FakeSupersimServer::SimSid(i), FakeSupersimServer::FleetSid(i),
                                FakeSupersimServer::NetworkSid(i)};
    EXPECT_TRUE(std::regex_match(sids[0], sim)) << sids[0];
    EXPECT_TRUE(std::regex_match(sids[1], fleet)) << sids[1];
    EXPECT_TRUE(std::regex_match(sids[2], network)) << sids[2];
    for (const std::string& sid : sids) {
      EXPECT_TRUE(seen.insert(sid.substr(2)).second) << "hex digits reused: " << sid;
    }
  }
  EXPECT_EQ(FakeSupersimServer::SimSid(3), FakeSupersimServer::SimSid(3));
}

TEST(FakeServerOptions, StartRejectsADataSetItCannotServe) {
  FakeSupersimServer::Options options;
  options.data.fleets = 0;
  FakeSupersimServer server(options);
  EXPECT_THROW(server.Start(), std::invalid_argument);
}

// ---------------------------------------------------------------------------------------------
// Listing shape

TEST_F(FakeServerTest, DefaultListingIsOneRecordForTheMonthBeforeNow) {
  const Page page = GetPage("/v1/UsageRecords");
  ASSERT_EQ(page.records().size(), 1u);
  const json& record = page.records()[0];
  ExpectRecord(record, kMonthBeforeTheEnd, Day(8),
               SumUsage(AllSims(), kStartHour, kStartHour + 7 * 24));
  ExpectEcho(record, nullptr, nullptr, nullptr, nullptr);

  const std::string first = Url("/v1/UsageRecords?PageSize=50&Page=0");
  EXPECT_EQ(page.meta(), json({{"first_page_url", first},
                               {"key", "usage_records"},
                               {"next_page_url", nullptr},
                               {"page", 0},
                               {"page_size", 50},
                               {"previous_page_url", nullptr},
                               {"url", first}}));
}

TEST_F(FakeServerTest, FieldsComeInTheOrderOfTwiliosExamples) {
  const Page page = GetPage("/v1/UsageRecords?Granularity=day&PageSize=1");
  const Usage usage = SumUsage(AllSims(), kStartHour + 6 * 24, kStartHour + 7 * 24);
  const std::string expected_start =
      "{\"usage_records\":[{\"period\":{\"start_time\":\"2026-01-07T00:00:00Z\",\"end_time\":"
      "\"2026-01-08T00:00:00Z\"},\"account_sid\":\"AC00000000000000000000000000000000\","
      "\"data_upload\":" +
      std::to_string(usage.upload) + ",\"data_download\":" + std::to_string(usage.download) +
      ",\"data_total\":" + std::to_string(usage.total()) + ",\"data_total_billed\":\"" +
      ExpectedUsd(usage.total()) +
      "\",\"billed_unit\":\"USD\",\"sim_sid\":null,\"fleet_sid\":null,\"network_sid\":null,"
      "\"iso_country\":null}],\"meta\":{\"first_page_url\":";
  EXPECT_EQ(page.body.substr(0, expected_start.size()), expected_start);
  EXPECT_THAT(page.body, HasSubstr(",\"key\":\"usage_records\",\"next_page_url\":\""));
  EXPECT_THAT(page.body,
              HasSubstr("\"page\":0,\"page_size\":1,\"previous_page_url\":null,\"url\":"));
}

TEST_F(FakeServerTest, DayGroupedBySimIsSevenDaysTimesSixSimsNewestFirst) {
  const Page page = GetPage("/v1/UsageRecords?Granularity=day&Group=sim");
  ASSERT_EQ(page.records().size(), 42u);
  for (int day = 0; day < 7; ++day) {
    for (int sim = 0; sim < kSims; ++sim) {
      const json& record = page.records()[static_cast<std::size_t>(day * kSims + sim)];
      const int64_t first_hour = kStartHour + (6 - day) * kHoursPerDay;
      SCOPED_TRACE("day " + std::to_string(day) + " sim " + std::to_string(sim));
      ExpectRecord(record, Day(7 - day), Day(8 - day),
                   SumUsage({sim}, first_hour, first_hour + kHoursPerDay));
      ExpectEcho(record, FakeSupersimServer::SimSid(sim), nullptr, nullptr, nullptr);
    }
  }
  EXPECT_EQ(page.meta().at("next_page_url"), nullptr);
}

TEST_F(FakeServerTest, HourGranularityGivesOneRecordPerHourNewestFirst) {
  const Page page = GetPage("/v1/UsageRecords?Granularity=hour&PageSize=1000");
  ASSERT_EQ(page.records().size(), 168u);
  EXPECT_EQ(page.records()[0].at("period").at("start_time"), "2026-01-07T23:00:00Z");
  EXPECT_EQ(page.records()[0].at("period").at("end_time"), "2026-01-08T00:00:00Z");
  EXPECT_EQ(page.records()[167].at("period").at("start_time"), "2026-01-01T00:00:00Z");
  for (std::size_t i = 0; i < 168; ++i) {
    const int64_t hour = kStartHour + 167 - static_cast<int64_t>(i);
    EXPECT_EQ(page.records()[i].at("data_total"), SumUsage(AllSims(), hour, hour + 1).total());
  }
}

TEST_F(FakeServerTest, EveryGroupValueGroupsAndEchoesItsKey) {
  const int64_t end_hour = kStartHour + 7 * kHoursPerDay;
  {
    const Page page = GetPage("/v1/UsageRecords?Group=fleet");
    ASSERT_EQ(page.records().size(), 2u);
    ExpectRecord(page.records()[0], kMonthBeforeTheEnd, Day(8),
                 SumUsage({0, 2, 4}, kStartHour, end_hour));
    ExpectEcho(page.records()[0], nullptr, FakeSupersimServer::FleetSid(0), nullptr, nullptr);
    ExpectRecord(page.records()[1], kMonthBeforeTheEnd, Day(8),
                 SumUsage({1, 3, 5}, kStartHour, end_hour));
    ExpectEcho(page.records()[1], nullptr, FakeSupersimServer::FleetSid(1), nullptr, nullptr);
  }
  {
    const Page page = GetPage("/v1/UsageRecords?Group=network");
    ASSERT_EQ(page.records().size(), 3u);
    for (int network = 0; network < 3; ++network) {
      const json& record = page.records()[static_cast<std::size_t>(network)];
      ExpectRecord(record, kMonthBeforeTheEnd, Day(8),
                   SumUsage({network, network + 3}, kStartHour, end_hour));
      ExpectEcho(record, nullptr, nullptr, FakeSupersimServer::NetworkSid(network), nullptr);
    }
  }
  {
    // Networks 0, 1, 2 are in FR, US, DE; groups are ordered by country code.
    const Page page = GetPage("/v1/UsageRecords?Group=isoCountry");
    ASSERT_EQ(page.records().size(), 3u);
    ExpectEcho(page.records()[0], nullptr, nullptr, nullptr, "DE");
    ExpectRecord(page.records()[0], kMonthBeforeTheEnd, Day(8),
                 SumUsage({2, 5}, kStartHour, end_hour));
    ExpectEcho(page.records()[1], nullptr, nullptr, nullptr, "FR");
    ExpectRecord(page.records()[1], kMonthBeforeTheEnd, Day(8),
                 SumUsage({0, 3}, kStartHour, end_hour));
    ExpectEcho(page.records()[2], nullptr, nullptr, nullptr, "US");
    ExpectRecord(page.records()[2], kMonthBeforeTheEnd, Day(8),
                 SumUsage({1, 4}, kStartHour, end_hour));
  }
  {
    const Page page = GetPage("/v1/UsageRecords?Group=sim");
    ASSERT_EQ(page.records().size(), 6u);
    for (int sim = 0; sim < kSims; ++sim) {
      const json& record = page.records()[static_cast<std::size_t>(sim)];
      ExpectRecord(record, kMonthBeforeTheEnd, Day(8), SumUsage({sim}, kStartHour, end_hour));
      ExpectEcho(record, FakeSupersimServer::SimSid(sim), nullptr, nullptr, nullptr);
    }
  }
}

TEST_F(FakeServerTest, CountriesSharedByNetworksFormOneGroup) {
  FakeSupersimServer::Options options;
  options.data.countries = {"US", "FR"};  // networks 0 and 2 in US, network 1 in FR
  StartServer(options);
  const Page page =
      GetPage("/v1/UsageRecords?Group=isoCountry&Granularity=day&StartTime=" + Day(2) +
              "&EndTime=" + Day(3));
  ASSERT_EQ(page.records().size(), 2u);
  const int64_t first = kStartHour + 24;
  ExpectEcho(page.records()[0], nullptr, nullptr, nullptr, "FR");
  ExpectRecord(page.records()[0], Day(2), Day(3), SumUsage({1, 4}, first, first + 24));
  ExpectEcho(page.records()[1], nullptr, nullptr, nullptr, "US");
  ExpectRecord(page.records()[1], Day(2), Day(3), SumUsage({0, 2, 3, 5}, first, first + 24));
}

}  // namespace
