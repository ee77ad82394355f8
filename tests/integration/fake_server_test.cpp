// Tests of the fake Super SIM server itself, over real HTTP on 127.0.0.1 (cpp-httplib's client
// and raw sockets), independent of the SDK. Expected usage is recomputed here from the formula
// the server documents, so a wrong sum, order or window fails.

// The packaged cpp-httplib is compiled with these (see `pkg-config --cflags cpp-httplib`), and
// its classes' layout depends on them, so every translation unit must agree.
#ifndef CPPHTTPLIB_OPENSSL_SUPPORT
#define CPPHTTPLIB_OPENSSL_SUPPORT
#endif
#ifndef CPPHTTPLIB_ZLIB_SUPPORT
#define CPPHTTPLIB_ZLIB_SUPPORT
#endif
#ifndef CPPHTTPLIB_BROTLI_SUPPORT
#define CPPHTTPLIB_BROTLI_SUPPORT
#endif
#include <arpa/inet.h>
#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <httplib.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <unistd.h>

#include <atomic>
#include <cerrno>
#include <chrono>
#include <cstdint>
#include <nlohmann/json.hpp>
#include <regex>
#include <set>
#include <string>
#include <thread>
#include <vector>

#include "twilio/testing/fake_supersim_server.hpp"
#include "twilio/time_format.hpp"

namespace {

using nlohmann::json;
using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::Pair;
using ::testing::StartsWith;
using twilio::testing::FakeDataSet;
using twilio::testing::FakeFault;
using twilio::testing::FakeSupersimServer;
using twilio::testing::RecordedRequest;

// 2026-01-01T00:00:00Z, the default data set's start, in hours since the epoch.
constexpr int64_t kStartHour = 1767225600 / 3600;
constexpr int64_t kHoursPerDay = 24;
constexpr int kSims = 6;

// base64("AC00000000000000000000000000000000:fake-auth-token"), the default credentials.
const char kDefaultAuthorization[] =
    "Basic QUMwMDAwMDAwMDAwMDAwMDAwMDAwMDAwMDAwMDAwMDAwMDpmYWtlLWF1dGgtdG9rZW4=";

// The usage formula documented in src/testing/fake_usage_data.hpp.
uint64_t Mix64(uint64_t z) {
  z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
  z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
  return z ^ (z >> 31);
}

struct Usage {
  int64_t upload = 0;
  int64_t download = 0;
  int64_t total() const { return upload + download; }
};

Usage HourUsage(int sim, int64_t hour) {
  const uint64_t h = Mix64(Mix64(static_cast<uint64_t>(sim) + 0x9e3779b97f4a7c15ULL) ^
                           static_cast<uint64_t>(hour));
  return Usage{1000 + static_cast<int64_t>(h % 99001),
               1000 + static_cast<int64_t>((h >> 32) % 99001)};
}

// Usage of `sims` over the hours [first_hour, last_hour).
Usage SumUsage(const std::vector<int>& sims, int64_t first_hour, int64_t last_hour) {
  Usage sum;
  for (int sim : sims) {
    for (int64_t hour = first_hour; hour < last_hour; ++hour) {
      const Usage usage = HourUsage(sim, hour);
      sum.upload += usage.upload;
      sum.download += usage.download;
    }
  }
  return sum;
}

std::vector<int> AllSims() {
  return {0, 1, 2, 3, 4, 5};
}

// total / 10^7 written out digit by digit, without trailing zeros.
std::string ExpectedUsd(int64_t total) {
  std::string digits = std::to_string(total);
  if (digits.size() < 8) digits.insert(0, 8 - digits.size(), '0');
  std::string text = digits.substr(0, digits.size() - 7) + "." + digits.substr(digits.size() - 7);
  while (text.back() == '0') text.pop_back();
  if (text.back() == '.') text.pop_back();
  return text;
}

// A request without times asks for Twilio's defaults: EndTime now (the fixture's clock reads the
// end of the data, 2026-01-08), StartTime a month before it.
constexpr const char* kMonthBeforeTheEnd = "2025-12-08T00:00:00Z";
// ... and its page tokens carry that "now" (2026-01-08T00:00:00Z in Unix seconds), so that every
// page of the listing has the same window.
const std::string kAnchor = "n1767830400";

std::string Day(int day_of_january) {
  char buffer[32];
  std::snprintf(buffer, sizeof buffer, "2026-01-%02dT00:00:00Z", day_of_january);
  return buffer;
}

// What one page looks like to a client.
struct Page {
  int status = 0;
  std::string body;
  json doc;
  const json& records() const { return doc.at("usage_records"); }
  const json& meta() const { return doc.at("meta"); }
};

class FakeServerTest : public ::testing::Test {
 protected:
  // "Now" is the end of the data unless a test sets a clock: a request without times then
  // covers the data set (Twilio's defaults: EndTime now, StartTime a month before).
  void StartServer(FakeSupersimServer::Options options = {}) {
    if (!options.clock) options.clock = FakeSupersimServer::FixedClock(options.data.end);
    server_ = std::make_unique<FakeSupersimServer>(std::move(options));
    port_ = server_->Start();
  }

  void SetUp() override { StartServer(); }

  httplib::Client NewClient(bool with_auth = true) const {
    httplib::Client client("127.0.0.1", port_);
    client.set_url_encode(false);  // send the targets exactly as written
    client.set_read_timeout(std::chrono::seconds(20));
    if (with_auth) {
      client.set_default_headers({{"Authorization", kDefaultAuthorization}});
    }
    return client;
  }

  httplib::Result Get(const std::string& target, bool with_auth = true) const {
    httplib::Client client = NewClient(with_auth);
    return client.Get(target);
  }

  // GETs `target` and expects a 200 JSON page.
  Page GetPage(const std::string& target) const {
    httplib::Result result = Get(target);
    Page page;
    if (!result) {
      ADD_FAILURE() << "no response for " << target << ": " << httplib::to_string(result.error());
      return page;
    }
    page.status = result->status;
    page.body = result->body;
    EXPECT_EQ(result->status, 200) << target << ": " << result->body;
    EXPECT_EQ(result->get_header_value("Content-Type"), "application/json; charset=utf-8");
    page.doc = json::parse(result->body);
    return page;
  }

  // The target (path and query) of an absolute URL this server issued.
  std::string TargetOf(const std::string& url) const {
    EXPECT_THAT(url, StartsWith(server_->BaseUrl() + "/v1/UsageRecords?"));
    return url.substr(server_->BaseUrl().size());
  }

  std::string Url(const std::string& target) const { return server_->BaseUrl() + target; }

  std::unique_ptr<FakeSupersimServer> server_;
  int port_ = 0;
};

void ExpectRecord(const json& record, const std::string& start, const std::string& end,
                  const Usage& usage) {
  EXPECT_EQ(record.at("period").at("start_time"), start);
  EXPECT_EQ(record.at("period").at("end_time"), end);
  EXPECT_EQ(record.at("account_sid"), "AC00000000000000000000000000000000");
  EXPECT_EQ(record.at("data_upload"), usage.upload);
  EXPECT_EQ(record.at("data_download"), usage.download);
  EXPECT_EQ(record.at("data_total"), usage.total());
  EXPECT_EQ(record.at("data_total_billed"), ExpectedUsd(usage.total()));
  EXPECT_EQ(record.at("billed_unit"), "USD");
}

void ExpectEcho(const json& record, const json& sim, const json& fleet, const json& network,
                const json& country) {
  EXPECT_EQ(record.at("sim_sid"), sim);
  EXPECT_EQ(record.at("fleet_sid"), fleet);
  EXPECT_EQ(record.at("network_sid"), network);
  EXPECT_EQ(record.at("iso_country"), country);
}

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

// ---------------------------------------------------------------------------------------------
// Time windows and granularity

TEST_F(FakeServerTest, WindowWithOffsetsAndFractionalSecondsIsNormalisedToUtc) {
  // 12:30:00.5+02:00 is 10:30:00Z (fraction dropped); the first whole hour in it is 11:00.
  const std::string window =
      "&StartTime=2026-01-03T12:30:00.5%2B02:00&EndTime=2026-01-03T15:00:00Z";
  const Page hours = GetPage("/v1/UsageRecords?Granularity=hour" + window);
  ASSERT_EQ(hours.records().size(), 4u);
  const int64_t first = kStartHour + 2 * 24 + 11;
  Usage sum;
  for (std::size_t i = 0; i < 4; ++i) {
    const int64_t hour = first + 3 - static_cast<int64_t>(i);
    char start[32];
    char end[32];
    std::snprintf(start, sizeof start, "2026-01-03T%02d:00:00Z", static_cast<int>(14 - i));
    std::snprintf(end, sizeof end, "2026-01-03T%02d:00:00Z", static_cast<int>(15 - i));
    const Usage usage = SumUsage(AllSims(), hour, hour + 1);
    ExpectRecord(hours.records()[i], start, end, usage);
    sum.upload += usage.upload;
    sum.download += usage.download;
  }
  EXPECT_EQ(hours.meta().at("url"),
            Url("/v1/UsageRecords?Granularity=hour&StartTime=2026-01-03T10%3A30%3A00Z"
                "&EndTime=2026-01-03T15%3A00%3A00Z&PageSize=50&Page=0"));

  const Page all = GetPage("/v1/UsageRecords?Granularity=all" + window);
  ASSERT_EQ(all.records().size(), 1u);
  ExpectRecord(all.records()[0], "2026-01-03T10:30:00Z", "2026-01-03T15:00:00Z", sum);

  const Page day = GetPage("/v1/UsageRecords?Granularity=day" + window);
  ASSERT_EQ(day.records().size(), 1u);
  ExpectRecord(day.records()[0], Day(3), Day(4), sum);
}

TEST_F(FakeServerTest, NegativeOffsetsAndLowerCaseSeparatorsAreAccepted) {
  // 2026-01-01T19:00:00-05:00 is 2026-01-02T00:00:00Z.
  const Page page = GetPage(
      "/v1/"
      "UsageRecords?StartTime=2026-01-01T19:00:00-05:00&EndTime=2026-01-02t06:00:00.999999999z");
  ASSERT_EQ(page.records().size(), 1u);
  ExpectRecord(page.records()[0], "2026-01-02T00:00:00Z", "2026-01-02T06:00:00Z",
               SumUsage(AllSims(), kStartHour + 24, kStartHour + 30));
}

TEST_F(FakeServerTest, DayBucketsClipUsageToTheWindowButReportWholeDays) {
  const std::string window = "&StartTime=2026-01-02T20:00:00Z&EndTime=2026-01-04T03:00:00Z";
  const Page days = GetPage("/v1/UsageRecords?Granularity=day&Group=fleet" + window);
  ASSERT_EQ(days.records().size(), 6u);
  const int64_t jan2 = kStartHour + 24;
  const int64_t jan3 = kStartHour + 48;
  const int64_t jan4 = kStartHour + 72;
  const std::vector<int> fleets[] = {{0, 2, 4}, {1, 3, 5}};
  for (int fleet = 0; fleet < 2; ++fleet) {
    SCOPED_TRACE("fleet " + std::to_string(fleet));
    const auto& sims = fleets[fleet];
    ExpectRecord(days.records()[static_cast<std::size_t>(fleet)], Day(4), Day(5),
                 SumUsage(sims, jan4, jan4 + 3));
    ExpectRecord(days.records()[static_cast<std::size_t>(2 + fleet)], Day(3), Day(4),
                 SumUsage(sims, jan3, jan3 + 24));
    ExpectRecord(days.records()[static_cast<std::size_t>(4 + fleet)], Day(2), Day(3),
                 SumUsage(sims, jan2 + 20, jan2 + 24));
  }

  // The hourly records of the same window add up to the single "all" record.
  const Page hours = GetPage("/v1/UsageRecords?Granularity=hour&PageSize=1000" + window);
  ASSERT_EQ(hours.records().size(), 31u);
  int64_t upload = 0;
  int64_t download = 0;
  for (const json& record : hours.records()) {
    upload += record.at("data_upload").get<int64_t>();
    download += record.at("data_download").get<int64_t>();
  }
  const Page all = GetPage("/v1/UsageRecords?Granularity=all" + window);
  ASSERT_EQ(all.records().size(), 1u);
  EXPECT_EQ(all.records()[0].at("data_upload"), upload);
  EXPECT_EQ(all.records()[0].at("data_download"), download);
  EXPECT_EQ(upload + download, SumUsage(AllSims(), jan2 + 20, jan4 + 3).total());
}

TEST_F(FakeServerTest, WindowPartlyOutsideTheDataReportsOnlyDaysWithUsage) {
  const std::string window = "&StartTime=2025-12-30T00:00:00Z&EndTime=2026-01-02T00:00:00Z";
  const Page days = GetPage("/v1/UsageRecords?Granularity=day" + window);
  ASSERT_EQ(days.records().size(), 1u);
  ExpectRecord(days.records()[0], Day(1), Day(2), SumUsage(AllSims(), kStartHour, kStartHour + 24));
  // "all" reports the period as requested.
  const Page all = GetPage("/v1/UsageRecords?" + window.substr(1));
  ASSERT_EQ(all.records().size(), 1u);
  ExpectRecord(all.records()[0], "2025-12-30T00:00:00Z", Day(2),
               SumUsage(AllSims(), kStartHour, kStartHour + 24));
  // Only StartTime: EndTime defaults to the data set's end.
  const Page open = GetPage("/v1/UsageRecords?StartTime=2026-01-07T00:00:00Z");
  ExpectRecord(open.records()[0], Day(7), Day(8),
               SumUsage(AllSims(), kStartHour + 144, kStartHour + 168));
}

// Twilio's defaults, against the server's clock: EndTime now, StartTime one month before the
// EndTime (the same day and time of the month before, clamped to its last day: Twilio's readAll
// example reports 2015-05-01T20:00:00Z to 2015-06-01T20:00:00Z).
TEST_F(FakeServerTest, UnsetTimesAreNowAndAMonthBeforeTheEndTime) {
  FakeSupersimServer::Options options;
  options.data.end = options.data.start + std::chrono::hours(24 * 900);  // into 2028
  options.clock = FakeSupersimServer::FixedClock(twilio::ParseRfc3339("2026-03-31T10:30:15Z"));
  StartServer(options);
  const auto period = [this](const std::string& query) {
    const json record = GetPage("/v1/UsageRecords" + query).records().at(0);
    return record.at("period").at("start_time").get<std::string>() + " " +
           record.at("period").at("end_time").get<std::string>();
  };
  EXPECT_EQ(period(""), "2026-02-28T10:30:15Z 2026-03-31T10:30:15Z");
  EXPECT_EQ(period("?EndTime=2026-01-31T00:00:00Z"), "2025-12-31T00:00:00Z 2026-01-31T00:00:00Z");
  EXPECT_EQ(period("?EndTime=2028-03-30T12:00:00Z"), "2028-02-29T12:00:00Z 2028-03-30T12:00:00Z");
  EXPECT_EQ(period("?StartTime=2026-03-01T00:00:00Z"), "2026-03-01T00:00:00Z 2026-03-31T10:30:15Z");
}

// What a test that sets StartTime to "7 days ago" alone sees: the last 7 days up to now, as at
// Twilio; and the default clock is the real one.
TEST_F(FakeServerTest, TheDefaultClockIsTheRealClock) {
  const auto hour = std::chrono::floor<std::chrono::hours>(std::chrono::system_clock::now());
  FakeSupersimServer::Options options;
  options.data.sims = 1;
  options.data.start = hour - std::chrono::hours(24 * 30);
  options.data.end = hour;
  StartServer(options);
  server_->Stop();
  server_ = std::make_unique<FakeSupersimServer>(options);  // no clock: the real one
  port_ = server_->Start();
  const std::string week_ago = twilio::FormatRfc3339Utc(hour - std::chrono::hours(24 * 7));
  const Page page =
      GetPage("/v1/UsageRecords?Granularity=hour&PageSize=1000&StartTime=" + week_ago);
  ASSERT_EQ(page.records().size(), 7u * 24);
  EXPECT_EQ(page.records()[0].at("period").at("end_time"), twilio::FormatRfc3339Utc(hour));
  EXPECT_EQ(page.records().back().at("period").at("start_time"), week_ago);
}

// The first page fixes "now" for the pages after it (in their PageToken): however the clock
// moves, the listing's window, and so its records, stay those of its first page.
TEST_F(FakeServerTest, AListingWithoutTimesKeepsItsWindowFromPageToPage) {
  auto now = std::make_shared<std::atomic<int64_t>>(0);
  FakeSupersimServer::Options options;
  const auto end = options.data.end;
  options.clock = [now, end] { return end - std::chrono::hours(now->fetch_add(1)); };
  StartServer(options);
  std::vector<json> walked;
  std::string target = "/v1/UsageRecords?Group=sim&Granularity=hour&PageSize=40";
  for (;;) {
    const Page page = GetPage(target);
    for (const json& record : page.records()) walked.push_back(record);
    if (page.meta().at("next_page_url").is_null()) break;
    target = TargetOf(page.meta().at("next_page_url"));
  }
  ASSERT_EQ(walked.size(), 7u * 24 * 6);
  EXPECT_EQ(walked.front().at("period").at("end_time"), Day(8));
  EXPECT_EQ(walked.back().at("period").at("start_time"), Day(1));
}

// A test sets the usage it needs: "SIM 3 used 150 MB on 2 January", or every SIM of a network
// or country in some hours; the rest of the data set keeps the formula's usage.
TEST_F(FakeServerTest, UsageSetPerSimNetworkOrCountryReplacesTheFormulas) {
  FakeSupersimServer::Options options;
  const auto day2 = twilio::ParseRfc3339("2026-01-02T00:00:00Z");
  twilio::testing::FakeUsage sim3;
  sim3.sim = 3;
  sim3.start = day2;
  sim3.hours = 24;
  sim3.download = 150'000'000;
  twilio::testing::FakeUsage network1;  // SIMs 1 and 4
  network1.network = 1;
  network1.start = day2 + std::chrono::hours(24);
  network1.upload = 7;
  network1.download = 5;
  twilio::testing::FakeUsage germany;  // network 2: SIMs 2 and 5
  germany.country = "DE";
  germany.start = day2 + std::chrono::minutes(30);  // counts from the hour it falls in
  germany.hours = 2;
  germany.upload = 3;                          // 2 in the first hour, 1 in the second
  twilio::testing::FakeUsage later = germany;  // a later entry wins for the same SIM and hour
  later.sim = 5;
  later.country.reset();
  later.upload = 1000;
  options.data.usage = {sim3, network1, germany, later};
  StartServer(options);

  const Page day = GetPage(
      "/v1/UsageRecords?Sim=sim-3&Granularity=day&StartTime=2026-01-02T00:00:00Z"
      "&EndTime=2026-01-03T00:00:00Z");
  ASSERT_EQ(day.records().size(), 1u);
  EXPECT_EQ(day.records()[0].at("data_download"), 150'000'000);
  EXPECT_EQ(day.records()[0].at("data_upload"), 0);
  const Page network = GetPage(
      "/v1/UsageRecords?Group=network&Granularity=hour&StartTime="
      "2026-01-03T00:00:00Z&EndTime=2026-01-03T01:00:00Z");
  ASSERT_EQ(network.records().size(), 3u);
  EXPECT_EQ(network.records()[1].at("network_sid"), FakeSupersimServer::NetworkSid(1));
  EXPECT_EQ(network.records()[1].at("data_total"), 2 * (7 + 5));
  const Page de = GetPage(
      "/v1/UsageRecords?Group=sim&IsoCountry=DE&Granularity=hour&StartTime="
      "2026-01-02T00:00:00Z&EndTime=2026-01-02T02:00:00Z");
  ASSERT_EQ(de.records().size(), 4u);                 // newest hour first: SIMs 2 and 5, then again
  EXPECT_EQ(de.records()[0].at("data_upload"), 1);    // SIM 2, second hour: 3 / 2
  EXPECT_EQ(de.records()[1].at("data_upload"), 500);  // SIM 5, second hour: the later entry's
  EXPECT_EQ(de.records()[2].at("data_upload"), 2);    // SIM 2, first hour: 3 / 2 + 3 % 2
  EXPECT_EQ(de.records()[3].at("data_upload"), 500);  // SIM 5, first hour
  EXPECT_EQ(de.records()[3].at("data_download"), 0);
}

TEST(FakeServerUsage, AnEntryThatNamesNoOneOrTooManyIsRefused) {
  const auto refused = [](const twilio::testing::FakeUsage& usage) {
    FakeSupersimServer::Options options;
    options.data.usage = {usage};
    FakeSupersimServer server(options);
    try {
      server.Start();
    } catch (const std::invalid_argument& e) {
      return std::string(e.what());
    }
    return std::string("started");
  };
  twilio::testing::FakeUsage none;
  EXPECT_EQ(refused(none),
            "FakeSupersimServer: usage[0]: set exactly one of sim, network and country");
  twilio::testing::FakeUsage two;
  two.sim = 1;
  two.network = 1;
  EXPECT_EQ(refused(two),
            "FakeSupersimServer: usage[0]: set exactly one of sim, network and country");
  twilio::testing::FakeUsage missing;
  missing.sim = 6;
  EXPECT_EQ(refused(missing), "FakeSupersimServer: usage[0]: sim 6 is not in the data set");
  twilio::testing::FakeUsage empty;
  empty.sim = 0;
  empty.start = FakeSupersimServer::Options().data.start;
  empty.hours = 0;
  EXPECT_EQ(refused(empty), "FakeSupersimServer: usage[0]: hours must be at least 1");
  twilio::testing::FakeUsage lower_case;
  lower_case.country = "de";
  lower_case.start = empty.start;
  EXPECT_EQ(refused(lower_case),
            "FakeSupersimServer: usage[0]: country \"de\" is not one of the data set's countries");
  // No start (1970), or the hour just past the data: it would change nothing.
  twilio::testing::FakeUsage unset;
  unset.sim = 0;
  EXPECT_EQ(refused(unset),
            "FakeSupersimServer: usage[0]: its hours are all outside the data set's [start, end)");
  twilio::testing::FakeUsage after = unset;
  after.start = FakeSupersimServer::Options().data.end;
  EXPECT_EQ(refused(after), refused(unset));
  after.start -= std::chrono::hours(1);  // the data's last hour
  EXPECT_EQ(refused(after), "started");
}

TEST_F(FakeServerTest, WindowOutsideTheDataHasNoRecords) {
  const Page page = GetPage(
      "/v1/"
      "UsageRecords?Granularity=day&StartTime=2030-01-01T00:00:00Z&EndTime=2030-02-01T00:00:00Z");
  EXPECT_TRUE(page.records().empty());
  EXPECT_EQ(page.meta().at("page"), 0);
  EXPECT_EQ(page.meta().at("next_page_url"), nullptr);
  EXPECT_EQ(page.meta().at("previous_page_url"), nullptr);
  EXPECT_THAT(page.body, StartsWith("{\"usage_records\":[],\"meta\":{"));
  // A window inside one hour, after its start, holds no hour start.
  EXPECT_TRUE(
      GetPage("/v1/UsageRecords?StartTime=2026-01-02T10:15:00Z&EndTime=2026-01-02T10:45:00Z")
          .records()
          .empty());
}

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

// ---------------------------------------------------------------------------------------------
// Rejections

json TwilioError(int code, const std::string& message, int status) {
  return json({{"code", code},
               {"message", message},
               {"more_info", "https://www.twilio.com/docs/errors/" + std::to_string(code)},
               {"status", status}});
}

TEST_F(FakeServerTest, InvalidParametersAreRejectedWithTwiliosBody) {
  const std::pair<std::string, std::string> cases[] = {
      {"PageSize=0", "Invalid PageSize: must be an integer from 1 to 1000, got '0'"},
      {"PageSize=1001", "Invalid PageSize: must be an integer from 1 to 1000, got '1001'"},
      {"PageSize=ten", "Invalid PageSize: must be an integer from 1 to 1000, got 'ten'"},
      {"Page=-1", "Invalid Page: must be an integer of at least 0, got '-1'"},
      {"Page=1.5", "Invalid Page: must be an integer of at least 0, got '1.5'"},
      {"Group=SIM", "Invalid Group: must be one of sim, fleet, network, isoCountry, got 'SIM'"},
      {"Group=isocountry",
       "Invalid Group: must be one of sim, fleet, network, isoCountry, got 'isocountry'"},
      {"Granularity=week", "Invalid Granularity: must be one of hour, day, all, got 'week'"},
      {"Network=HW123", "Invalid Network: must match ^HW[0-9a-fA-F]{32}$, got 'HW123'"},
      {"Network=HX00000000000000000000000000000000",
       "Invalid Network: must match ^HW[0-9a-fA-F]{32}$, got 'HX00000000000000000000000000000000'"},
      {"IsoCountry=FRA", "Invalid IsoCountry: must be an ISO 3166-1 alpha-2 code, got 'FRA'"},
      {"Sim=", "Invalid Sim: must not be empty"},
      {"StartTime=2026-01-01",
       "Invalid StartTime: must be an RFC 3339 date-time such as 2026-01-01T00:00:00Z, got "
       "'2026-01-01'"},
      {"StartTime=2026-01-01T00:00:00",
       "Invalid StartTime: must be an RFC 3339 date-time such as 2026-01-01T00:00:00Z, got "
       "'2026-01-01T00:00:00'"},
      {"EndTime=2026-02-30T00:00:00Z",
       "Invalid EndTime: must be an RFC 3339 date-time such as 2026-01-01T00:00:00Z, got "
       "'2026-02-30T00:00:00Z'"},
      {"StartTime=2026-01-03T00:00:00Z&EndTime=2026-01-02T00:00:00Z",
       "Invalid StartTime: must be before EndTime (2026-01-03T00:00:00Z is not before "
       "2026-01-02T00:00:00Z)"},
      {"StartTime=2026-01-02T02:00:00%2B02:00&EndTime=2026-01-02T00:00:00Z",
       "Invalid StartTime: must be before EndTime (2026-01-02T00:00:00Z is not before "
       "2026-01-02T00:00:00Z)"},
      {"PageToken=abc", "Invalid PageToken: not a page token this server issued: 'abc'"},
      {"PageToken=PAo-5", "Invalid PageToken: not a page token this server issued: 'PAo-5'"},
  };
  for (const auto& [query, message] : cases) {
    SCOPED_TRACE(query);
    const httplib::Result result = Get("/v1/UsageRecords?" + query);
    ASSERT_TRUE(result);
    EXPECT_EQ(result->status, 400);
    EXPECT_EQ(result->get_header_value("Content-Type"), "application/json; charset=utf-8");
    EXPECT_EQ(json::parse(result->body), TwilioError(20001, message, 400));
  }
}

TEST_F(FakeServerTest, MissingOrWrongCredentialsAreRejected) {
  const json expected = TwilioError(20003, "Authenticate", 401);
  const httplib::Result missing = Get("/v1/UsageRecords", false);
  ASSERT_TRUE(missing);
  EXPECT_EQ(missing->status, 401);
  EXPECT_EQ(missing->get_header_value("WWW-Authenticate"), "Basic realm=\"Twilio API\"");
  EXPECT_EQ(json::parse(missing->body), expected);

  httplib::Client wrong = NewClient(false);
  wrong.set_basic_auth("AC00000000000000000000000000000000", "wrong-token");
  const httplib::Result wrong_result = wrong.Get("/v1/UsageRecords");
  ASSERT_TRUE(wrong_result);
  EXPECT_EQ(wrong_result->status, 401);
  EXPECT_EQ(json::parse(wrong_result->body), expected);

  httplib::Client right = NewClient(false);
  right.set_basic_auth("AC00000000000000000000000000000000", "fake-auth-token");
  EXPECT_EQ(right.Get("/v1/UsageRecords")->status, 200);

  // Rejected requests are recorded too.
  const std::vector<RecordedRequest> requests = server_->Requests();
  ASSERT_EQ(requests.size(), 3u);
  EXPECT_FALSE(requests[0].Header("Authorization"));
  EXPECT_EQ(requests[1].Header("authorization"),
            "Basic QUMwMDAwMDAwMDAwMDAwMDAwMDAwMDAwMDAwMDAwMDAwMDp3cm9uZy10b2tlbg==");
  EXPECT_EQ(requests[2].Header("Authorization"), kDefaultAuthorization);
}

TEST_F(FakeServerTest, NoCredentialsNeededWhenUsernameIsEmpty) {
  FakeSupersimServer::Options options;
  options.username.clear();
  StartServer(options);
  EXPECT_EQ(Get("/v1/UsageRecords", false)->status, 200);
}

TEST_F(FakeServerTest, OtherPathsAreNotFoundAndOtherMethodsNotAllowed) {
  const httplib::Result sims = Get("/v1/Sims");
  ASSERT_TRUE(sims);
  EXPECT_EQ(sims->status, 404);
  EXPECT_EQ(json::parse(sims->body),
            TwilioError(20404, "The requested resource /v1/Sims was not found", 404));
  EXPECT_EQ(Get("/v1/UsageRecords/extra")->status, 404);
  EXPECT_EQ(Get("/v1/usagerecords")->status, 404);

  httplib::Client client = NewClient();
  const httplib::Result post = client.Post("/v1/UsageRecords", "{}", "application/json");
  ASSERT_TRUE(post);
  EXPECT_EQ(post->status, 405);
  EXPECT_EQ(post->get_header_value("Allow"), "GET, HEAD");
  EXPECT_EQ(json::parse(post->body), TwilioError(20004, "Method not allowed", 405));
  EXPECT_EQ(client.Delete("/v1/UsageRecords")->status, 405);
  EXPECT_EQ(client.Post("/v1/Other", "{}", "application/json")->status, 404);
}

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
  EXPECT_EQ(first.headers.count("remote_addr"), 0u);  // httplib's pseudo headers are not kept
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
