// The fault suite (see fault_suite_fixture.hpp), sections 4-8: broken transfers and bodies
// (resets, refused and dropped connections, truncated or malformed JSON, timeouts).
#include <gtest/gtest.h>

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "integration/fault_suite_fixture.hpp"
#include "integration/fault_support.hpp"
#include "twilio/errors.hpp"
#include "twilio/retry_policy.hpp"

namespace twilio::supersim::v1 {
namespace {

using namespace fault_suite_names;  // the suite's helpers and aliases

// ---------------------------------------------------------------------------------------------
// 4-8: broken transfers and bodies

TEST_F(FaultSuite, ResetMidBodyIsRetried) {
  const Records reference = DefaultReference();
  FakeFault reset;
  reset.reset_mid_body = true;
  reset.times = 1;
  server_.InjectFault(3, reset);

  const ListingRun run = StreamAll(RetryingApi(), Paged());
  ASSERT_FALSE(run.error) << Describe(run.error);
  EXPECT_RECORDS_EQ(run.records, reference);
  EXPECT_EQ(PagesRequested(server_), (Pages{0, 1, 2, 3, 3, 4, 5, 6, 7, 8}));
  const auto events = log_.Events();
  ASSERT_EQ(events.size(), 1u);
  EXPECT_EQ(events[0].attempt, 1);
  EXPECT_EQ(events[0].curl_code, 18);  // CURLE_PARTIAL_FILE
  EXPECT_EQ(events[0].status, std::nullopt);
  EXPECT_EQ(Ms(events[0].delay), 10);
  EXPECT_FALSE(events[0].from_retry_after);
}

TEST_F(FaultSuite, ResetMidBodyOnEveryAttemptEndsInATransportError) {
  const Records reference = DefaultReference();
  FakeFault reset;
  reset.reset_mid_body = true;
  server_.InjectFault(3, reset);

  const ListingRun run = StreamAll(RetryingApi(), Paged());
  const auto error = ErrorAs<TransportException>(run.error);
  ASSERT_TRUE(error) << Describe(run.error);
  EXPECT_EQ(error->CurlCode(), 18);
  EXPECT_EQ(error->Attempts(), kMaxAttempts);
  EXPECT_TRUE(EndsWith(error->what(), " (after 4 attempts)")) << error->what();
  EXPECT_RECORDS_EQ(run.records, PagesOf(reference, 0, 3));
  EXPECT_EQ(PagesRequested(server_), (Pages{0, 1, 2, 3, 3, 3, 3}));
  const auto events = log_.Events();
  EXPECT_EQ(faults::AttemptsOf(events), (Ints{1, 2, 3}));
  EXPECT_EQ(DelaysOf(events), (Millis{10, 20, 40}));
  for (const RetryEvent& event : events) EXPECT_EQ(event.curl_code, 18);
  ASSERT_FALSE(events.empty());
  EXPECT_EQ(std::string(error->what()), events.back().error + " (after 4 attempts)");
}

TEST_F(FaultSuite, TransportRetriesOffMeansOneAttempt) {
  const Records reference = DefaultReference();
  RetryPolicy policy = FastRetries();
  policy.retry_transport_errors = false;
  FakeFault reset;
  reset.reset_mid_body = true;
  server_.InjectFault(3, reset);

  const ListingRun reset_run = StreamAll(RetryingApi(policy), Paged());
  const auto transport = ErrorAs<TransportException>(reset_run.error);
  ASSERT_TRUE(transport) << Describe(reset_run.error);
  EXPECT_EQ(transport->CurlCode(), 18);
  EXPECT_EQ(transport->Attempts(), 1);
  EXPECT_RECORDS_EQ(reset_run.records, PagesOf(reference, 0, 3));
  EXPECT_EQ(PagesRequested(server_), (Pages{0, 1, 2, 3}));

  server_.ClearFaults();
  server_.ClearRequests();
  FakeFault truncated;
  truncated.truncate_json = true;
  server_.InjectFault(1, truncated);
  const ListingRun truncated_run = StreamAll(RetryingApi(policy), Paged());
  const auto parse = ErrorAs<ParseException>(truncated_run.error);
  ASSERT_TRUE(parse) << Describe(truncated_run.error);
  EXPECT_EQ(parse->Path(), "");
  EXPECT_EQ(parse->Attempts(), 1);
  EXPECT_RECORDS_EQ(truncated_run.records, PagesOf(reference, 0, 1));
  EXPECT_EQ(PagesRequested(server_), (Pages{0, 1}));
  EXPECT_TRUE(log_.Events().empty());
}

TEST_F(FaultSuite, ConnectionRefusedIsRetriedThenReported) {
  FakeSupersimServer gone;
  const int port = gone.Start();
  gone.Stop();
  ClientConfig config = Config();
  config.base_url = "http://127.0.0.1:" + std::to_string(port);
  RetryPolicy policy = FastRetries();
  policy.max_attempts = 3;

  const ListingRun run = StreamAll(UsageRecordsApi(RetryingConfig(policy, log_, config)), Paged());
  const auto error = ErrorAs<TransportException>(run.error);
  ASSERT_TRUE(error) << Describe(run.error);
  EXPECT_EQ(error->CurlCode(), 7);  // CURLE_COULDNT_CONNECT
  EXPECT_EQ(error->Attempts(), 3);
  EXPECT_TRUE(EndsWith(error->what(), " (after 3 attempts)")) << error->what();
  EXPECT_TRUE(run.records.empty());
  const auto events = log_.Events();
  EXPECT_EQ(faults::AttemptsOf(events), (Ints{1, 2}));
  EXPECT_EQ(DelaysOf(events), (Millis{10, 20}));
  for (const RetryEvent& event : events) {
    EXPECT_EQ(event.curl_code, 7);
    EXPECT_EQ(event.status, std::nullopt);
  }
  EXPECT_EQ(server_.RequestCount(), 0u);
}

TEST_F(FaultSuite, AConnectionClosedWithoutAnswerIsRetried) {
  const Records reference = DefaultReference();
  FakeFault dropped;
  dropped.drop_connection = true;
  dropped.times = 1;
  server_.InjectFault(0, dropped);

  // A new UsageRecordsApi opens a new connection for page 0.
  const ListingRun run = StreamAll(RetryingApi(), Paged());
  ASSERT_FALSE(run.error) << Describe(run.error);
  EXPECT_RECORDS_EQ(run.records, reference);
  EXPECT_EQ(PagesRequested(server_), (Pages{0, 0, 1, 2, 3, 4, 5, 6, 7, 8}));
  const auto events = log_.Events();
  ASSERT_EQ(events.size(), 1u);
  EXPECT_EQ(events[0].attempt, 1);
  EXPECT_EQ(events[0].curl_code, 52);  // CURLE_GOT_NOTHING
  EXPECT_EQ(events[0].status, std::nullopt);
  EXPECT_EQ(Ms(events[0].delay), 10);
}

// On a kept-alive connection libcurl itself sends the request again on a new connection when
// the old one closes before any answer: the server sees the page twice, the policy nothing.
TEST_F(FaultSuite, AKeptAliveConnectionClosedWithoutAnswerIsResentByLibcurl) {
  const Records reference = DefaultReference();
  FakeFault dropped;
  dropped.drop_connection = true;
  dropped.times = 1;
  server_.InjectFault(8, dropped);

  const ListingRun run = StreamAll(RetryingApi(), Paged());
  ASSERT_FALSE(run.error) << Describe(run.error);
  EXPECT_RECORDS_EQ(run.records, reference);
  EXPECT_EQ(PagesRequested(server_), (Pages{0, 1, 2, 3, 4, 5, 6, 7, 8, 8}));
  EXPECT_TRUE(log_.Events().empty());
}

TEST_F(FaultSuite, TruncatedJsonIsRetried) {
  const Records reference = DefaultReference();
  FakeFault truncated;
  truncated.truncate_json = true;
  truncated.times = 1;
  server_.InjectFault(4, truncated);

  const ListingRun run = StreamAll(RetryingApi(), Paged());
  ASSERT_FALSE(run.error) << Describe(run.error);
  EXPECT_RECORDS_EQ(run.records, reference);
  EXPECT_EQ(PagesRequested(server_), (Pages{0, 1, 2, 3, 4, 4, 5, 6, 7, 8}));
  const auto events = log_.Events();
  ASSERT_EQ(events.size(), 1u);
  EXPECT_EQ(events[0].attempt, 1);
  EXPECT_EQ(events[0].curl_code, 0);
  EXPECT_EQ(Ms(events[0].delay), 10);
  EXPECT_FALSE(events[0].from_retry_after);
}

// RetryEvent::status is the error status a failed attempt was answered with: a body that is
// not JSON came with a 200, which is no error status, so the event carries the parse error.
TEST_F(FaultSuite, RetryEventOfABrokenBodyCarriesTheParseError) {
  DefaultReference();
  FakeFault truncated;
  truncated.truncate_json = true;
  truncated.times = 1;
  server_.InjectFault(0, truncated);
  const ListingRun run = StreamAll(RetryingApi(), Paged());
  ASSERT_FALSE(run.error) << Describe(run.error);
  const auto events = log_.Events();
  ASSERT_EQ(events.size(), 1u);
  EXPECT_EQ(events[0].status, std::nullopt);
  EXPECT_EQ(events[0].curl_code, 0);
  EXPECT_NE(events[0].error.find("malformed JSON"), std::string::npos) << events[0].error;
}

TEST_F(FaultSuite, MalformedJsonOnEveryAttemptEndsInAParseErrorWithoutPath) {
  const Records reference = DefaultReference();
  FakeFault malformed;
  malformed.body = "{\"usage_records\": [ {\"data_upload\": 1,, ]";
  server_.InjectFault(1, malformed);

  const ListingRun run = StreamAll(RetryingApi(), Paged());
  const auto error = ErrorAs<ParseException>(run.error);
  ASSERT_TRUE(error) << Describe(run.error);
  EXPECT_EQ(error->Path(), "");
  EXPECT_EQ(error->Attempts(), kMaxAttempts);
  EXPECT_TRUE(EndsWith(error->what(), " (after 4 attempts)")) << error->what();
  EXPECT_RECORDS_EQ(run.records, PagesOf(reference, 0, 1));
  EXPECT_EQ(PagesRequested(server_), (Pages{0, 1, 1, 1, 1}));
  const auto events = log_.Events();
  EXPECT_EQ(faults::AttemptsOf(events), (Ints{1, 2, 3}));
  EXPECT_EQ(DelaysOf(events), (Millis{10, 20, 40}));
}

TEST_F(FaultSuite, AFieldOfTheWrongTypeIsNeverRetried) {
  const Records reference = DefaultReference();
  FakeFault wrong;
  wrong.body = "{\"usage_records\":[{\"data_upload\":\"many\"}],\"meta\":{}}";
  server_.InjectFault(1, wrong);

  const ListingRun run = StreamAll(RetryingApi(), Paged());
  const auto error = ErrorAs<ParseException>(run.error);
  ASSERT_TRUE(error) << Describe(run.error);
  EXPECT_EQ(error->Path(), "/usage_records/0/data_upload");
  EXPECT_EQ(error->Attempts(), 1);
  EXPECT_FALSE(EndsWith(error->what(), "attempts)")) << error->what();
  EXPECT_RECORDS_EQ(run.records, PagesOf(reference, 0, 1));
  EXPECT_EQ(PagesRequested(server_), (Pages{0, 1}));
  EXPECT_TRUE(log_.Events().empty());
}

TEST_F(FaultSuite, HtmlBadGatewayOnEveryAttemptKeepsTheBody) {
  DefaultReference();
  const std::string html =
      "<html><head><title>502 Bad Gateway</title></head><body><h1>502 Bad Gateway</h1>"
      "</body></html>";
  FakeFault gateway = StatusFault(502);
  gateway.body = html;
  server_.InjectFault(0, gateway);

  const ListingRun run = StreamAll(RetryingApi(), Paged());
  const auto error = ErrorAs<ApiException>(run.error);
  ASSERT_TRUE(error) << Describe(run.error);
  EXPECT_EQ(error->Status(), 502);
  EXPECT_EQ(error->Code(), std::nullopt);
  EXPECT_EQ(error->Body(), html);
  EXPECT_EQ(error->Message(), "Bad Gateway");
  EXPECT_EQ(error->Attempts(), kMaxAttempts);
  EXPECT_TRUE(EndsWith(error->what(), " (after 4 attempts)")) << error->what();
  EXPECT_TRUE(run.records.empty());
  EXPECT_EQ(PagesRequested(server_), (Pages{0, 0, 0, 0}));
  const auto events = log_.Events();
  EXPECT_EQ(faults::AttemptsOf(events), (Ints{1, 2, 3}));
  for (const RetryEvent& event : events) EXPECT_EQ(event.status, 502);
}

TEST_F(FaultSuite, SlowServerPastTheRequestTimeoutIsRetried) {
  const Records reference = DefaultReference();
  FakeFault slow;
  slow.delay = 1s;
  slow.times = 1;
  server_.InjectFault(1, slow);
  ClientConfig config = RetryingConfig();
  config.request_timeout = 200ms;

  const ListingRun run = StreamAll(UsageRecordsApi(config), Paged());
  ASSERT_FALSE(run.error) << Describe(run.error);
  EXPECT_RECORDS_EQ(run.records, reference);
  EXPECT_EQ(PagesRequested(server_), (Pages{0, 1, 1, 2, 3, 4, 5, 6, 7, 8}));
  const auto events = log_.Events();
  ASSERT_EQ(events.size(), 1u);
  EXPECT_EQ(events[0].attempt, 1);
  EXPECT_EQ(events[0].curl_code, 28);  // CURLE_OPERATION_TIMEDOUT
  EXPECT_EQ(events[0].status, std::nullopt);
  EXPECT_EQ(Ms(events[0].delay), 10);
  EXPECT_GE(Ms(run.elapsed), 200);
  EXPECT_LT(Ms(run.elapsed), 1000);  // did not wait for the slow answer
}

}  // namespace
}  // namespace twilio::supersim::v1
