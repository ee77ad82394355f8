// Tests of the fake Super SIM server itself (see fake_server_fixture.hpp): time windows and
// granularity, Twilio's default times, the server's clock and usage set per SIM or network.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <memory>
#include <nlohmann/json.hpp>
#include <stdexcept>
#include <string>
#include <vector>

#include "integration/fake_server_fixture.hpp"
#include "twilio/testing/fake_supersim_server.hpp"
#include "twilio/time_format.hpp"

namespace {

using namespace fake_server_tests;  // the fixture and its helpers

using nlohmann::json;
using ::testing::StartsWith;
using twilio::test_support::FakeSupersimServer;

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
  twilio::test_support::FakeUsage sim3;
  sim3.sim = 3;
  sim3.start = day2;
  sim3.hours = 24;
  sim3.download = 150'000'000;
  twilio::test_support::FakeUsage network1;  // SIMs 1 and 4
  network1.network = 1;
  network1.start = day2 + std::chrono::hours(24);
  network1.upload = 7;
  network1.download = 5;
  twilio::test_support::FakeUsage germany;  // network 2: SIMs 2 and 5
  germany.country = "DE";
  germany.start = day2 + std::chrono::minutes(30);  // counts from the hour it falls in
  germany.hours = 2;
  germany.upload = 3;                               // 2 in the first hour, 1 in the second
  twilio::test_support::FakeUsage later = germany;  // a later entry wins for the same SIM and hour
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
  const auto refused = [](const twilio::test_support::FakeUsage& usage) {
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
  twilio::test_support::FakeUsage none;
  EXPECT_EQ(refused(none),
            "FakeSupersimServer: usage[0]: set exactly one of sim, network and country");
  twilio::test_support::FakeUsage two;
  two.sim = 1;
  two.network = 1;
  EXPECT_EQ(refused(two),
            "FakeSupersimServer: usage[0]: set exactly one of sim, network and country");
  twilio::test_support::FakeUsage missing;
  missing.sim = 6;
  EXPECT_EQ(refused(missing), "FakeSupersimServer: usage[0]: sim 6 is not in the data set");
  twilio::test_support::FakeUsage empty;
  empty.sim = 0;
  empty.start = FakeSupersimServer::Options().data.start;
  empty.hours = 0;
  EXPECT_EQ(refused(empty), "FakeSupersimServer: usage[0]: hours must be at least 1");
  twilio::test_support::FakeUsage lower_case;
  lower_case.country = "de";
  lower_case.start = empty.start;
  EXPECT_EQ(refused(lower_case),
            "FakeSupersimServer: usage[0]: country \"de\" is not one of the data set's countries");
  // No start (1970), or the hour just past the data: it would change nothing.
  twilio::test_support::FakeUsage unset;
  unset.sim = 0;
  EXPECT_EQ(refused(unset),
            "FakeSupersimServer: usage[0]: its hours are all outside the data set's [start, end)");
  twilio::test_support::FakeUsage after = unset;
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

}  // namespace
