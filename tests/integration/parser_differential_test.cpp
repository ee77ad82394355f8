// The fake server's pages, as they come off the wire, parse to the same models through the
// wire parser, the DOM oracle and DOM + from_json (tests/support/parser_differential.hpp).
#include "support/parser_differential.hpp"

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "twilio/http/curl_http_client.hpp"
#include "twilio/supersim/v1/list_usage_record_request.hpp"
#include "twilio/testing/fake_supersim_server.hpp"

namespace twilio::testdata {
namespace {

namespace v1 = supersim::v1;
using test_support::FakeSupersimServer;

// Every page body of the listing `params`, fetched raw.
std::vector<std::string> PageBodies(const FakeSupersimServer& server,
                                    const v1::ListUsageRecordParams& params) {
  ClientConfig config;
  config.credentials =
      Credentials::FromAuthToken(server.GetOptions().username, server.GetOptions().password);
  config.base_url = server.BaseUrl();
  http::CurlHttpClient client(config);
  std::vector<std::string> bodies;
  http::HttpRequest request;
  request.url = server.BaseUrl() + std::string(v1::kUsageRecordsPath) + "?" +
                v1::BuildListUsageRecordQuery(params);
  while (!request.url.empty() && bodies.size() < 50) {
    http::HttpResponse response = client.Send(request, {});
    EXPECT_EQ(response.status, 200) << request.url;
    bodies.push_back(response.body);
    auto page = v1::ParseListUsageRecordResponse(response.body);
    request.url = page.meta.next_page_url.value_or("");
  }
  return bodies;
}

struct Case {
  const char* name;
  bool billed_as_number;
  v1::ListUsageRecordParams params;
};

TEST(ParserDifferentialOverHttp, EveryFakeServerPageParsesToTheSameModels) {
  const Case cases[] = {
      {"default", false, {}},
      {"hourly by sim, 1000 per page", false,
       v1::ListUsageRecordParams()
           .SetGroup(v1::Group::Sim)
           .SetGranularity(v1::Granularity::Hour)
           .SetPageSize(1000)},
      {"billed as numbers", true,
       v1::ListUsageRecordParams().SetGroup(v1::Group::Fleet).SetPageSize(7)},
      {"by network, all time", false,
       v1::ListUsageRecordParams()
           .SetGroup(v1::Group::Network)
           .SetGranularity(v1::Granularity::All)},
      {"by country, daily", true,
       v1::ListUsageRecordParams()
           .SetGroup(v1::Group::IsoCountry)
           .SetGranularity(v1::Granularity::Day)
           .SetPageSize(3)},
      {"one SIM by name", false,
       v1::ListUsageRecordParams()
           .SetSim("Ünïcode SIM \"1\"")
           .SetGranularity(v1::Granularity::Hour)
           .SetPageSize(100)},
  };
  std::size_t pages = 0, records = 0;
  for (const Case& c : cases) {
    FakeSupersimServer::Options options;
    options.data.billed_as_number = c.billed_as_number;
    options.data.sim_names = {"plain", "Ünïcode SIM \"1\""};
    options.clock = FakeSupersimServer::FixedClock(options.data.end);
    FakeSupersimServer server(options);
    server.Start();
    for (const std::string& body : PageBodies(server, c.params)) {
      EXPECT_EQ(CompareParsers(body), "") << c.name;
      ParseOutcome wire = ParseWithSimdjson(body);
      EXPECT_TRUE(wire.accepted) << c.name << ": " << wire.message;
      ++pages;
      records += wire.page.usage_records.size();
    }
  }
  EXPECT_GE(pages, 14u);
  EXPECT_GE(records, 1000u);
}

}  // namespace
}  // namespace twilio::testdata
