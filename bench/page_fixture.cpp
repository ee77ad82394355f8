#include "page_fixture.hpp"

#include <stdexcept>

#include "twilio/http/curl_http_client.hpp"
#include "twilio/supersim/v1/list_usage_record_request.hpp"
#include "twilio/testing/fake_supersim_server.hpp"

namespace twilio::bench {
namespace {

namespace v1 = twilio::supersim::v1;

std::string FetchPage() {
  test_support::FakeSupersimServer::Options options;
  options.data.sims = static_cast<int>(kPageRecords);  // one hour bucket fills a page
  // Twilio's defaults (EndTime now, StartTime a month before) against the data set's end, so
  // the page is full whatever day the benchmark runs.
  options.clock = test_support::FakeSupersimServer::FixedClock(options.data.end);
  test_support::FakeSupersimServer server(options);
  server.Start();

  ClientConfig config;
  config.base_url = server.BaseUrl();
  config.credentials = Credentials::FromAuthToken(options.username, options.password);
  http::CurlHttpClient client(config);

  v1::ListUsageRecordParams params;
  params.SetGroup(v1::Group::Sim)
      .SetGranularity(v1::Granularity::Hour)
      .SetPageSize(static_cast<int>(kPageRecords));
  http::HttpRequest request;
  request.url = server.BaseUrl() + std::string(v1::kUsageRecordsPath) + "?" +
                v1::BuildListUsageRecordQuery(params);
  // Through libcurl as the SDK sends it, so the body is what it parses (decoded, if the server
  // compressed it).
  http::HttpResponse response = client.Send(request, CallContext{});
  if (response.status != 200) {
    throw std::runtime_error("fake server answered " + std::to_string(response.status) + ": " +
                             response.body.substr(0, 200));
  }
  return std::move(response.body);
}

}  // namespace

const std::string& RealisticPageBody() {
  static const std::string body = FetchPage();
  return body;
}

}  // namespace twilio::bench
