// Shared by the tests of the fake Super SIM server itself (fake_server_*_test.cpp), over real
// HTTP on 127.0.0.1 (cpp-httplib's client and raw sockets), independent of the SDK: a fixture
// that starts the server, and the usage formula the server documents, recomputed here so that
// a wrong sum, order or window fails.
#pragma once

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
// Include cpp-httplib through this header, so that the definitions above come first.
#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <httplib.h>

#include <chrono>
#include <cstdint>
#include <cstdio>
#include <memory>
#include <nlohmann/json.hpp>
#include <string>
#include <utility>
#include <vector>

#include "twilio/testing/fake_supersim_server.hpp"

namespace fake_server_tests {

// 2026-01-01T00:00:00Z, the default data set's start, in hours since the epoch.
inline constexpr int64_t kStartHour = 1767225600 / 3600;
inline constexpr int64_t kHoursPerDay = 24;

// base64("AC00000000000000000000000000000000:fake-auth-token"), the default credentials.
inline constexpr char kDefaultAuthorization[] =
    "Basic QUMwMDAwMDAwMDAwMDAwMDAwMDAwMDAwMDAwMDAwMDAwMDpmYWtlLWF1dGgtdG9rZW4=";

// The usage formula documented in src/testing/fake_usage_data.hpp.
inline uint64_t Mix64(uint64_t z) {
  z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
  z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
  return z ^ (z >> 31);
}

struct Usage {
  int64_t upload = 0;
  int64_t download = 0;
  int64_t total() const { return upload + download; }
};

inline Usage HourUsage(int sim, int64_t hour) {
  const uint64_t h = Mix64(Mix64(static_cast<uint64_t>(sim) + 0x9e3779b97f4a7c15ULL) ^
                           static_cast<uint64_t>(hour));
  return Usage{1000 + static_cast<int64_t>(h % 99001),
               1000 + static_cast<int64_t>((h >> 32) % 99001)};
}

// Usage of `sims` over the hours [first_hour, last_hour).
inline Usage SumUsage(const std::vector<int>& sims, int64_t first_hour, int64_t last_hour) {
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

inline std::vector<int> AllSims() {
  return {0, 1, 2, 3, 4, 5};
}

// total / 10^7 written out digit by digit, without trailing zeros.
inline std::string ExpectedUsd(int64_t total) {
  std::string digits = std::to_string(total);
  if (digits.size() < 8) digits.insert(0, 8 - digits.size(), '0');
  std::string text = digits.substr(0, digits.size() - 7) + "." + digits.substr(digits.size() - 7);
  while (text.back() == '0') text.pop_back();
  if (text.back() == '.') text.pop_back();
  return text;
}

// A request without times asks for Twilio's defaults: EndTime now (the fixture's clock reads the
// end of the data, 2026-01-08), StartTime a month before it.
inline constexpr const char* kMonthBeforeTheEnd = "2025-12-08T00:00:00Z";
// ... and its page tokens carry that "now" (2026-01-08T00:00:00Z in Unix seconds), so that every
// page of the listing has the same window.
inline const std::string kAnchor = "n1767830400";

inline std::string Day(int day_of_january) {
  char buffer[32];
  std::snprintf(buffer, sizeof buffer, "2026-01-%02dT00:00:00Z", day_of_january);
  return buffer;
}

// What one page looks like to a client.
struct Page {
  int status = 0;
  std::string body;
  nlohmann::json doc;
  const nlohmann::json& records() const { return doc.at("usage_records"); }
  const nlohmann::json& meta() const { return doc.at("meta"); }
};

class FakeServerTest : public ::testing::Test {
 protected:
  // "Now" is the end of the data unless a test sets a clock: a request without times then
  // covers the data set (Twilio's defaults: EndTime now, StartTime a month before).
  void StartServer(twilio::test_support::FakeSupersimServer::Options options = {}) {
    if (!options.clock)
      options.clock = twilio::test_support::FakeSupersimServer::FixedClock(options.data.end);
    server_ = std::make_unique<twilio::test_support::FakeSupersimServer>(std::move(options));
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
    page.doc = nlohmann::json::parse(result->body);
    return page;
  }

  // The target (path and query) of an absolute URL this server issued.
  std::string TargetOf(const std::string& url) const {
    EXPECT_THAT(url, ::testing::StartsWith(server_->BaseUrl() + "/v1/UsageRecords?"));
    return url.substr(server_->BaseUrl().size());
  }

  std::string Url(const std::string& target) const { return server_->BaseUrl() + target; }

  std::unique_ptr<twilio::test_support::FakeSupersimServer> server_;
  int port_ = 0;
};

inline void ExpectRecord(const nlohmann::json& record, const std::string& start,
                         const std::string& end, const Usage& usage) {
  EXPECT_EQ(record.at("period").at("start_time"), start);
  EXPECT_EQ(record.at("period").at("end_time"), end);
  EXPECT_EQ(record.at("account_sid"), "AC00000000000000000000000000000000");
  EXPECT_EQ(record.at("data_upload"), usage.upload);
  EXPECT_EQ(record.at("data_download"), usage.download);
  EXPECT_EQ(record.at("data_total"), usage.total());
  EXPECT_EQ(record.at("data_total_billed"), ExpectedUsd(usage.total()));
  EXPECT_EQ(record.at("billed_unit"), "USD");
}

inline void ExpectEcho(const nlohmann::json& record, const nlohmann::json& sim,
                       const nlohmann::json& fleet, const nlohmann::json& network,
                       const nlohmann::json& country) {
  EXPECT_EQ(record.at("sim_sid"), sim);
  EXPECT_EQ(record.at("fleet_sid"), fleet);
  EXPECT_EQ(record.at("network_sid"), network);
  EXPECT_EQ(record.at("iso_country"), country);
}

// The body of Twilio's error answers.
inline nlohmann::json TwilioError(int code, const std::string& message, int status) {
  return nlohmann::json(
      {{"code", code},
       {"message", message},
       {"more_info", "https://www.twilio.com/docs/errors/" + std::to_string(code)},
       {"status", status}});
}

}  // namespace fake_server_tests
