// RetryPolicy: what is retried, how long the SDK waits, and what the caller sees at the end.
#include "twilio/retry_policy.hpp"

#include <gtest/gtest.h>

#include <cmath>

#include "twilio/errors.hpp"
#include "twilio/supersim/v1/usage_records_api.hpp"
#include "unit/scripted_http_client.hpp"

namespace twilio {
namespace {

using std::chrono::milliseconds;
using std::chrono::seconds;
using supersim::v1::UsageRecordsApi;
using testdata::JsonResponse;
using testdata::Page;
using testdata::ScriptedHttpClient;

const std::string kList = "https://supersim.twilio.com/v1/UsageRecords?";

TEST(RetryPolicy, BackoffGrowsAndIsCapped) {
  RetryPolicy policy;
  policy.initial_delay = milliseconds(100);
  policy.multiplier = 3;
  policy.max_delay = milliseconds(2000);
  EXPECT_EQ(policy.BackoffFor(1), milliseconds(100));
  EXPECT_EQ(policy.BackoffFor(2), milliseconds(300));
  EXPECT_EQ(policy.BackoffFor(3), milliseconds(900));
  EXPECT_EQ(policy.BackoffFor(4), milliseconds(2000));
  EXPECT_EQ(policy.BackoffFor(60), milliseconds(2000));
}

TEST(ParseRetryAfter, ReadsSecondsAndHttpDates) {
  auto now = std::chrono::system_clock::time_point(seconds(1445412480));  // 2015-10-21T07:28:00Z
  EXPECT_EQ(ParseRetryAfter("120", now), milliseconds(120000));
  EXPECT_EQ(ParseRetryAfter(" 0 ", now), milliseconds(0));
  EXPECT_EQ(ParseRetryAfter("Wed, 21 Oct 2015 07:28:30 GMT", now), milliseconds(30000));
  EXPECT_EQ(ParseRetryAfter("Wednesday, 21-Oct-15 07:29:00 GMT", now), milliseconds(60000));
  EXPECT_EQ(ParseRetryAfter("Wed Oct 21 07:28:05 2015", now), milliseconds(5000));
  EXPECT_EQ(ParseRetryAfter("Wed, 21 Oct 2015 07:00:00 GMT", now), milliseconds(0));  // past
  for (const char* bad : {"", "soon", "-5", "1.5", "Wed, 21 Oct 2015 07:28:00", "12abc"}) {
    EXPECT_EQ(ParseRetryAfter(bad, now), std::nullopt) << bad;
  }
}

// A server that fails `failures` times with `failure` before answering with one page.
std::shared_ptr<ScriptedHttpClient> FailingThenOk(int failures, http::HttpResponse failure) {
  auto count = std::make_shared<int>(0);
  return std::make_shared<ScriptedHttpClient>([=](const http::HttpRequest&) {
    return (*count)++ < failures ? failure : JsonResponse(200, Page(0, 3, ""));
  });
}

http::HttpResponse Status(int status, std::string retry_after = "") {
  http::HttpResponse response =
      JsonResponse(status, {{"code", 20000 + status}, {"status", status}});
  if (!retry_after.empty()) response.headers.emplace_back("Retry-After", retry_after);
  return response;
}

ClientConfig Config(RetryPolicy policy) {
  ClientConfig config;
  config.credentials = Credentials::FromAuthToken("AC" + std::string(32, 'a'), "token");
  config.retry = std::move(policy);
  return config;
}

RetryPolicy Fast(std::vector<RetryEvent>* events) {
  RetryPolicy policy;
  policy.initial_delay = milliseconds(2);
  policy.jitter = 0;
  policy.on_retry = [events](const RetryEvent& e) { events->push_back(e); };
  return policy;
}

TEST(Retries, RetryableStatusesAreRetriedAndTheHookSeesEachRetry) {
  for (int status : {429, 500, 502, 503, 504}) {
    std::vector<RetryEvent> events;
    auto client = FailingThenOk(2, Status(status));
    auto page = UsageRecordsApi(Config(Fast(&events)), client).ListUsageRecord();
    EXPECT_EQ(page.usage_records.size(), 3u) << status;
    EXPECT_EQ(client->Urls().size(), 3u) << status;
    ASSERT_EQ(events.size(), 2u);
    EXPECT_EQ(events[0].attempt, 1);
    EXPECT_EQ(events[1].attempt, 2);
    EXPECT_EQ(events[0].status, status);
    EXPECT_EQ(events[0].delay, milliseconds(2));
    EXPECT_EQ(events[1].delay, milliseconds(4));
    EXPECT_FALSE(events[0].from_retry_after);
    EXPECT_EQ(events[0].url, kList + "PageSize=50");
  }
}

TEST(Retries, ClientErrorsAreNeverRetried) {
  for (int status : {400, 401, 403, 404}) {
    std::vector<RetryEvent> events;
    auto client = FailingThenOk(1, Status(status));
    try {
      UsageRecordsApi(Config(Fast(&events)), client).ListUsageRecord();
      ADD_FAILURE() << status << " succeeded";
    } catch (const ApiException& e) {
      EXPECT_EQ(e.Status(), status);
      EXPECT_EQ(e.Attempts(), 1);
      EXPECT_EQ(std::string(e.what()).find("attempts"), std::string::npos);
    }
    EXPECT_EQ(client->Urls().size(), 1u);
    EXPECT_TRUE(events.empty());
  }
}

TEST(Retries, TheLastErrorCarriesTheAttemptsMade) {
  std::vector<RetryEvent> events;
  RetryPolicy policy = Fast(&events);
  policy.max_attempts = 3;
  auto client = FailingThenOk(100, Status(503));
  try {
    UsageRecordsApi(Config(policy), client).ListUsageRecord();
    FAIL() << "expected an ApiException";
  } catch (const ApiException& e) {
    EXPECT_EQ(e.Status(), 503);
    EXPECT_EQ(e.Attempts(), 3);
    std::string what = e.what();
    EXPECT_EQ(what.substr(what.size() - 18), "(after 3 attempts)");
  }
  EXPECT_EQ(client->Urls().size(), 3u);
  EXPECT_EQ(events.size(), 2u);
}

TEST(Retries, RetryAfterIsHonouredAndCapped) {
  std::vector<RetryEvent> events;
  RetryPolicy policy = Fast(&events);
  policy.max_delay = milliseconds(30);
  auto client = FailingThenOk(1, Status(429, "0"));
  UsageRecordsApi(Config(policy), client).ListUsageRecord();
  ASSERT_EQ(events.size(), 1u);
  EXPECT_TRUE(events[0].from_retry_after);
  EXPECT_EQ(events[0].delay, milliseconds(0));

  events.clear();
  client = FailingThenOk(1, Status(429, "3600"));
  auto started = std::chrono::steady_clock::now();
  UsageRecordsApi(Config(policy), client).ListUsageRecord();
  ASSERT_EQ(events.size(), 1u);
  EXPECT_EQ(events[0].delay, milliseconds(30));  // an hour, capped by max_delay
  EXPECT_LT(std::chrono::steady_clock::now() - started, seconds(2));
}

TEST(Retries, JitterStaysWithinItsBand) {
  std::vector<RetryEvent> events;
  RetryPolicy policy = Fast(&events);
  policy.initial_delay = milliseconds(40);
  policy.jitter = 0.5;
  policy.max_attempts = 2;
  for (int i = 0; i < 10; ++i) {
    UsageRecordsApi(Config(policy), FailingThenOk(1, Status(500))).ListUsageRecord();
  }
  ASSERT_EQ(events.size(), 10u);
  for (const RetryEvent& e : events) {
    EXPECT_GE(e.delay, milliseconds(20));
    EXPECT_LE(e.delay, milliseconds(40));
  }
}

TEST(Retries, TheWaitingBudgetAndTheDeadlineEndRetriesEarly) {
  std::vector<RetryEvent> events;
  RetryPolicy policy = Fast(&events);
  policy.initial_delay = milliseconds(400);
  policy.max_total_delay = milliseconds(500);  // 400 fits, 400 + 800 does not
  auto client = FailingThenOk(100, Status(503));
  try {
    UsageRecordsApi(Config(policy), client).ListUsageRecord();
    FAIL();
  } catch (const ApiException& e) {
    EXPECT_EQ(e.Attempts(), 2);
  }
  EXPECT_EQ(events.size(), 1u);

  // A wait that would pass the deadline is not made: the error comes at once.
  events.clear();
  policy.max_total_delay = std::chrono::minutes(1);
  client = FailingThenOk(100, Status(503));
  auto started = std::chrono::steady_clock::now();
  try {
    UsageRecordsApi(Config(policy), client)
        .ListUsageRecord({}, CallContext::WithTimeout(milliseconds(200)));
    FAIL();
  } catch (const ApiException& e) {
    EXPECT_EQ(e.Attempts(), 1);
  }
  EXPECT_LT(std::chrono::steady_clock::now() - started, milliseconds(150));
  EXPECT_TRUE(events.empty());
}

TEST(Retries, CancellationEndsAWaitAtOnce) {
  RetryPolicy policy;
  policy.initial_delay = seconds(30);
  CallContext ctx;
  policy.on_retry = [&](const RetryEvent&) { ctx.cancellation.Cancel(); };
  auto client = FailingThenOk(100, Status(503));
  auto started = std::chrono::steady_clock::now();
  EXPECT_THROW(UsageRecordsApi(Config(policy), client).ListUsageRecord({}, ctx),
               CancelledException);
  EXPECT_LT(std::chrono::steady_clock::now() - started, seconds(1));
  EXPECT_EQ(client->Urls().size(), 1u);
}

TEST(Retries, BodiesThatAreNotJsonAreRetriedButWrongTypesAreNot) {
  http::HttpResponse truncated;
  truncated.status = 200;
  truncated.body = R"({"usage_records":[{"data_upload":1)";
  std::vector<RetryEvent> events;
  auto client = FailingThenOk(1, truncated);
  EXPECT_EQ(UsageRecordsApi(Config(Fast(&events)), client).ListUsageRecord().usage_records.size(),
            3u);
  EXPECT_EQ(events.size(), 1u);

  http::HttpResponse wrong_type = JsonResponse(200, {{"usage_records", {{{"data_upload", "x"}}}}});
  events.clear();
  client = FailingThenOk(1, wrong_type);
  EXPECT_THROW(UsageRecordsApi(Config(Fast(&events)), client).ListUsageRecord(), ParseException);
  EXPECT_EQ(client->Urls().size(), 1u);
  EXPECT_TRUE(events.empty());
}

TEST(Retries, NoneAndCustomStatusesAreHonoured) {
  auto client = FailingThenOk(1, Status(503));
  EXPECT_THROW(UsageRecordsApi(Config(RetryPolicy::None()), client).ListUsageRecord(),
               ApiException);
  EXPECT_EQ(client->Urls().size(), 1u);

  std::vector<RetryEvent> events;
  RetryPolicy policy = Fast(&events);
  policy.retry_statuses = {409};
  client = FailingThenOk(1, Status(409));
  EXPECT_EQ(UsageRecordsApi(Config(policy), client).ListUsageRecord().usage_records.size(), 3u);
  client = FailingThenOk(1, Status(503));
  EXPECT_THROW(UsageRecordsApi(Config(policy), client).ListUsageRecord(), ApiException);
}

TEST(Retries, PolicyFieldsAreValidated) {
  auto parameter = [](RetryPolicy policy) -> std::string {
    try {
      UsageRecordsApi(Config(std::move(policy)), FailingThenOk(0, {}));
    } catch (const ValidationException& e) {
      return e.Parameter();
    }
    return "";
  };
  RetryPolicy p;
  p.max_attempts = 0;
  EXPECT_EQ(parameter(p), "retry.max_attempts");
  p = RetryPolicy();
  p.initial_delay = milliseconds(-1);
  EXPECT_EQ(parameter(p), "retry.initial_delay");
  p = RetryPolicy();
  p.multiplier = 0.5;
  EXPECT_EQ(parameter(p), "retry.multiplier");
  p = RetryPolicy();
  p.jitter = 1.5;
  EXPECT_EQ(parameter(p), "retry.jitter");
  EXPECT_EQ(parameter(RetryPolicy()), "");
  EXPECT_EQ(parameter(RetryPolicy::None()), "");
}

TEST(RetryPolicy, ValidateNamesTheFieldItself) {
  auto parameter = [](const RetryPolicy& policy) -> std::string {
    try {
      policy.Validate();
    } catch (const ValidationException& e) {
      return e.Parameter();
    }
    return "";
  };
  RetryPolicy p;
  p.max_delay = milliseconds(-1);
  EXPECT_EQ(parameter(p), "retry.max_delay");
  p = RetryPolicy();
  p.max_total_delay = milliseconds(-1);
  EXPECT_EQ(parameter(p), "retry.max_total_delay");
  p = RetryPolicy();
  p.multiplier = std::nan("");
  EXPECT_EQ(parameter(p), "retry.multiplier");
  p = RetryPolicy();
  p.jitter = -0.1;
  EXPECT_EQ(parameter(p), "retry.jitter");
  EXPECT_EQ(parameter(RetryPolicy()), "");
}

TEST(Pagination, EmptyPagesForeverEndInAnError) {
  auto count = std::make_shared<int>(0);
  auto client = std::make_shared<ScriptedHttpClient>([count](const http::HttpRequest&) {
    return JsonResponse(200, Page(0, 0, kList + "Page=" + std::to_string(++*count)));
  });
  ClientConfig config = Config(RetryPolicy());
  config.max_consecutive_empty_pages = 5;
  EXPECT_THROW(UsageRecordsApi(config, client).ListUsageRecord(), PaginationException);
  EXPECT_EQ(client->Urls().size(), 5u);

  // A few empty pages between full ones are fine.
  *count = 0;
  auto mixed = std::make_shared<ScriptedHttpClient>([count](const http::HttpRequest&) {
    int n = ++*count;
    bool last = n == 12;
    return JsonResponse(
        200, Page(n, n % 4 == 0 ? 1 : 0, last ? "" : kList + "Page=" + std::to_string(n)));
  });
  EXPECT_EQ(UsageRecordsApi(config, mixed).ListUsageRecord().usage_records.size(), 3u);
}

}  // namespace
}  // namespace twilio
