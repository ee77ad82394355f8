// Tests of the fake Super SIM server itself (see fake_server_fixture.hpp): invalid parameters,
// credentials, other paths and methods, rejected with Twilio's error bodies.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>
#include <string>
#include <utility>
#include <vector>

#include "integration/fake_server_fixture.hpp"
#include "twilio/testing/fake_supersim_server.hpp"

namespace {

using namespace fake_server_tests;  // the fixture and its helpers

using nlohmann::json;
using twilio::test_support::FakeSupersimServer;
using twilio::test_support::RecordedRequest;

// ---------------------------------------------------------------------------------------------
// Rejections

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

}  // namespace
