// Tests of the fake Super SIM server itself (see fake_server_fixture.hpp): the Sim, Fleet,
// Network and IsoCountry filters, alone and combined.
#include <gtest/gtest.h>

#include <cstddef>
#include <cstdint>
#include <nlohmann/json.hpp>
#include <string>

#include "integration/fake_server_fixture.hpp"
#include "twilio/testing/fake_supersim_server.hpp"

namespace {

using namespace fake_server_tests;  // the fixture and its helpers

using nlohmann::json;
using twilio::test_support::FakeSupersimServer;

// ---------------------------------------------------------------------------------------------
// Filters

TEST_F(FakeServerTest, SimFilterBySidEchoesTheSid) {
  const std::string sid = FakeSupersimServer::SimSid(4);
  const Page page = GetPage("/v1/UsageRecords?Sim=" + sid + "&Granularity=day");
  ASSERT_EQ(page.records().size(), 7u);
  for (int day = 0; day < 7; ++day) {
    const int64_t first = kStartHour + (6 - day) * kHoursPerDay;
    const json& record = page.records()[static_cast<std::size_t>(day)];
    ExpectRecord(record, Day(7 - day), Day(8 - day), SumUsage({4}, first, first + kHoursPerDay));
    ExpectEcho(record, sid, nullptr, nullptr, nullptr);
  }
  EXPECT_EQ(page.meta().at("url"),
            Url("/v1/UsageRecords?Sim=" + sid + "&Granularity=day&PageSize=50&Page=0"));
}

TEST_F(FakeServerTest, SimFilterByUniqueNameWithSpacesAndNonAscii) {
  FakeSupersimServer::Options options;
  options.data.sim_names = {"tracker one", "Überwachung #2 +", "仓库-3"};
  StartServer(options);
  const std::string encoded = "%C3%9Cberwachung%20%232%20%2B";  // "Überwachung #2 +"
  const Page by_name = GetPage("/v1/UsageRecords?Sim=" + encoded);
  ASSERT_EQ(by_name.records().size(), 1u);
  ExpectRecord(by_name.records()[0], kMonthBeforeTheEnd, Day(8),
               SumUsage({1}, kStartHour, kStartHour + 168));
  ExpectEcho(by_name.records()[0], FakeSupersimServer::SimSid(1), nullptr, nullptr, nullptr);
  EXPECT_EQ(by_name.meta().at("url"),
            Url("/v1/UsageRecords?Sim=" + encoded + "&PageSize=50&Page=0"));

  // '+' decodes to a space; %E4%BB%93%E5%BA%93 is "仓库".
  EXPECT_EQ(GetPage("/v1/UsageRecords?Sim=tracker+one").records()[0].at("sim_sid"),
            FakeSupersimServer::SimSid(0));
  EXPECT_EQ(GetPage("/v1/UsageRecords?Sim=%E4%BB%93%E5%BA%93-3").records()[0].at("sim_sid"),
            FakeSupersimServer::SimSid(2));
  // Beyond sim_names, SIMs keep their default names; a renamed SIM loses its default one.
  EXPECT_EQ(GetPage("/v1/UsageRecords?Sim=sim-5").records()[0].at("sim_sid"),
            FakeSupersimServer::SimSid(5));
  EXPECT_EQ(Get("/v1/UsageRecords?Sim=sim-1")->status, 404);
  // Matching is exact.
  EXPECT_EQ(Get("/v1/UsageRecords?Sim=Tracker%20one")->status, 404);
}

TEST_F(FakeServerTest, UnknownSimOrFleetIsNotFound) {
  const httplib::Result sim = Get("/v1/UsageRecords?Sim=no-such-sim");
  ASSERT_TRUE(sim);
  EXPECT_EQ(sim->status, 404);
  EXPECT_EQ(json::parse(sim->body),
            json({{"code", 20404},
                  {"message", "The requested resource /v1/Sims/no-such-sim was not found"},
                  {"more_info", "https://www.twilio.com/docs/errors/20404"},
                  {"status", 404}}));
  const std::string unknown_sid = "HS" + std::string(32, 'a');
  EXPECT_EQ(Get("/v1/UsageRecords?Sim=" + unknown_sid)->status, 404);
  const httplib::Result fleet = Get("/v1/UsageRecords?Fleet=fleet-2");
  ASSERT_TRUE(fleet);
  EXPECT_EQ(fleet->status, 404);
  EXPECT_EQ(json::parse(fleet->body).at("message"),
            "The requested resource /v1/Fleets/fleet-2 was not found");
}

TEST_F(FakeServerTest, FleetFilterBySidAndByName) {
  const std::string sid = FakeSupersimServer::FleetSid(1);
  for (const std::string& value : {sid, std::string("fleet-1")}) {
    const Page page = GetPage("/v1/UsageRecords?Fleet=" + value + "&Granularity=day");
    ASSERT_EQ(page.records().size(), 7u);
    const json& newest = page.records()[0];
    ExpectRecord(newest, Day(7), Day(8), SumUsage({1, 3, 5}, kStartHour + 144, kStartHour + 168));
    ExpectEcho(newest, nullptr, sid, nullptr, nullptr);
  }
}

TEST_F(FakeServerTest, FleetNamesComeFromTheDataSet) {
  FakeSupersimServer::Options options;
  options.data.fleet_names = {"Field Units"};
  StartServer(options);
  const Page page = GetPage("/v1/UsageRecords?Fleet=Field%20Units");
  ASSERT_EQ(page.records().size(), 1u);
  ExpectEcho(page.records()[0], nullptr, FakeSupersimServer::FleetSid(0), nullptr, nullptr);
  EXPECT_EQ(page.records()[0].at("data_total"),
            SumUsage({0, 2, 4}, kStartHour, kStartHour + 168).total());
  EXPECT_EQ(GetPage("/v1/UsageRecords?Fleet=fleet-1").records().size(), 1u);
}

TEST_F(FakeServerTest, NetworkFilterMatchesItsSims) {
  const std::string sid = FakeSupersimServer::NetworkSid(2);
  const Page page = GetPage("/v1/UsageRecords?Network=" + sid);
  ASSERT_EQ(page.records().size(), 1u);
  ExpectRecord(page.records()[0], kMonthBeforeTheEnd, Day(8),
               SumUsage({2, 5}, kStartHour, kStartHour + 168));
  ExpectEcho(page.records()[0], nullptr, nullptr, sid, nullptr);
  // A well-formed SID of no network in the data set matches no usage.
  const Page none = GetPage("/v1/UsageRecords?Network=HW" + std::string(32, '0'));
  EXPECT_TRUE(none.records().empty());
}

TEST_F(FakeServerTest, IsoCountryFilterMatchesItsNetworksSims) {
  const Page page = GetPage("/v1/UsageRecords?IsoCountry=US&Group=sim");
  ASSERT_EQ(page.records().size(), 2u);
  ExpectRecord(page.records()[0], kMonthBeforeTheEnd, Day(8),
               SumUsage({1}, kStartHour, kStartHour + 168));
  ExpectEcho(page.records()[0], FakeSupersimServer::SimSid(1), nullptr, nullptr, "US");
  ExpectEcho(page.records()[1], FakeSupersimServer::SimSid(4), nullptr, nullptr, "US");
  EXPECT_EQ(page.meta().at("first_page_url"),
            Url("/v1/UsageRecords?IsoCountry=US&Group=sim&PageSize=50&Page=0"));
  EXPECT_TRUE(GetPage("/v1/UsageRecords?IsoCountry=JP").records().empty());
}

TEST_F(FakeServerTest, FiltersCombine) {
  // Fleet 0 holds SIMs 0, 2, 4; network 1 holds SIMs 1, 4: only SIM 4 is in both.
  const std::string network = FakeSupersimServer::NetworkSid(1);
  const Page page = GetPage("/v1/UsageRecords?Fleet=fleet-0&Network=" + network + "&Group=sim");
  ASSERT_EQ(page.records().size(), 1u);
  ExpectRecord(page.records()[0], kMonthBeforeTheEnd, Day(8),
               SumUsage({4}, kStartHour, kStartHour + 168));
  ExpectEcho(page.records()[0], FakeSupersimServer::SimSid(4), FakeSupersimServer::FleetSid(0),
             network, nullptr);
  // SIM 0 is in fleet 0 but not on network 1.
  EXPECT_TRUE(GetPage("/v1/UsageRecords?Sim=sim-0&Network=" + network).records().empty());
}

}  // namespace
