// The log events' text (FormatLogEvent), the level names, TWILIO_LOG_LEVEL, and the trace that
// counts a listing and never passes on an Authorization header.
#include "twilio/logging.hpp"

#include <gtest/gtest.h>
#include <stdlib.h>

#include <string>
#include <vector>

#include "listing_trace.hpp"
#include "request_id.hpp"
#include "twilio/errors.hpp"
#include "twilio/time_format.hpp"

namespace twilio {
namespace {

using std::chrono::microseconds;
using std::chrono::milliseconds;

LogEvent At(LogEventKind kind, LogLevel level) {
  LogEvent event;
  event.kind = kind;
  event.level = level;
  event.time = ParseRfc3339("2026-01-08T10:00:00Z") + milliseconds(123);
  event.listing = 3;
  event.method = "GET";
  event.url = "https://supersim.twilio.com/v1/UsageRecords?PageSize=50";
  event.attempt = 1;
  return event;
}

TEST(LogLevels, NamesReadInAnyCase) {
  EXPECT_EQ(ToString(LogLevel::Debug), "debug");
  EXPECT_EQ(ToString(LogLevel::Warning), "warning");
  EXPECT_EQ(ParseLogLevel("DEBUG"), LogLevel::Debug);
  EXPECT_EQ(ParseLogLevel("Info"), LogLevel::Info);
  EXPECT_EQ(ParseLogLevel("warn"), LogLevel::Warning);
  EXPECT_EQ(ParseLogLevel("error"), LogLevel::Error);
  for (const char* other : {"", "verbose", "debug ", "1"}) {
    EXPECT_EQ(ParseLogLevel(other), std::nullopt) << other;
  }
}

TEST(LogLevels, TwilioLogLevelTurnsTheStderrLoggerOn) {
  const char* saved = std::getenv("TWILIO_LOG_LEVEL");
  const std::string restore = saved ? saved : "";
  unsetenv("TWILIO_LOG_LEVEL");
  EXPECT_FALSE(LoggerFromEnvironment());
  setenv("TWILIO_LOG_LEVEL", "debug", 1);
  EXPECT_TRUE(LoggerFromEnvironment());
  setenv("TWILIO_LOG_LEVEL", "info", 1);
  EXPECT_TRUE(LoggerFromEnvironment());
  setenv("TWILIO_LOG_LEVEL", "loud", 1);
  EXPECT_FALSE(LoggerFromEnvironment());
  if (saved) {
    setenv("TWILIO_LOG_LEVEL", restore.c_str(), 1);
  } else {
    unsetenv("TWILIO_LOG_LEVEL");
  }
}

TEST(FormatLogEvent, OneLinePerKind) {
  LogEvent sent = At(LogEventKind::RequestSent, LogLevel::Debug);
  sent.headers = {{"X-Trace", "a b"}};
  EXPECT_EQ(FormatLogEvent(sent),
            "2026-01-08T10:00:00.123Z debug listing=3 request attempt=1 GET "
            "https://supersim.twilio.com/v1/UsageRecords?PageSize=50 \"X-Trace: a b\"");

  LogEvent received = At(LogEventKind::ResponseReceived, LogLevel::Debug);
  received.status = 200;
  received.request_id = "RQ0123456789abcdef0123456789abcdef";
  received.body_bytes = 12034;
  received.time_to_first_byte = microseconds(1234);
  received.elapsed = microseconds(1940);
  EXPECT_EQ(FormatLogEvent(received),
            "2026-01-08T10:00:00.123Z debug listing=3 response attempt=1 status=200 "
            "request_id=RQ0123456789abcdef0123456789abcdef bytes=12034 ttfb_ms=1.2 ms=1.9 GET "
            "https://supersim.twilio.com/v1/UsageRecords?PageSize=50");

  LogEvent retry = At(LogEventKind::RetryScheduled, LogLevel::Warning);
  retry.reason = "Twilio API error: HTTP 429\n\"x\"";
  retry.delay = milliseconds(2000);
  retry.from_retry_after = true;
  EXPECT_EQ(FormatLogEvent(retry),
            "2026-01-08T10:00:00.123Z warning listing=3 retry attempt=1 delay_ms=2000 "
            "retry_after=yes reason=\"Twilio API error: HTTP 429\\x0a\\\"x\\\"\" GET "
            "https://supersim.twilio.com/v1/UsageRecords?PageSize=50");

  LogEvent page = At(LogEventKind::PageParsed, LogLevel::Debug);
  page.records = 50;
  page.elapsed = microseconds(210);
  EXPECT_EQ(FormatLogEvent(page),
            "2026-01-08T10:00:00.123Z debug listing=3 page records=50 parse_ms=0.2");

  LogEvent finished = At(LogEventKind::ListingFinished, LogLevel::Info);
  finished.stats.records = 42;
  finished.stats.pages = 5;
  finished.stats.requests = 6;
  finished.stats.retries = 1;
  finished.stats.bytes = 9000;
  finished.stats.wall_time = microseconds(12345);
  finished.stats.network_time = microseconds(10000);
  finished.stats.parse_time = microseconds(800);
  finished.stats.retry_wait = microseconds(500000);
  const std::string counts =
      "records=42 pages=5 requests=6 retries=1 bytes=9000 wall_ms=12.3 network_ms=10.0 "
      "parse_ms=0.8 retry_wait_ms=500.0";
  EXPECT_EQ(FormatLogEvent(finished), "2026-01-08T10:00:00.123Z info listing=3 finished " + counts);

  LogEvent stopped = finished;
  stopped.kind = LogEventKind::ListingStopped;
  stopped.reason = "Limit";
  EXPECT_EQ(FormatLogEvent(stopped),
            "2026-01-08T10:00:00.123Z info listing=3 stopped reason=\"Limit\" " + counts);
}

// A URL that is not plain (a server's link with a blank in it) cannot split the line.
TEST(FormatLogEvent, AnUnusualUrlIsQuoted) {
  LogEvent sent = At(LogEventKind::RequestSent, LogLevel::Debug);
  sent.url = "http://127.0.0.1:1/v1/UsageRecords?Page=1 x";
  EXPECT_NE(FormatLogEvent(sent).find("GET \"http://127.0.0.1:1/v1/UsageRecords?Page=1 x\""),
            std::string::npos);
}

TEST(ListingTrace, CountsAndLeavesTheAuthorizationHeaderOut) {
  std::vector<LogEvent> events;
  internal::ListingTrace trace([&events](const LogEvent& event) { events.push_back(event); });
  http::HttpRequest request;
  request.url = "http://127.0.0.1:1/v1/UsageRecords";
  request.headers = {{"authorization", "Basic c2VjcmV0"}, {"X-Trace", "1"}};
  trace.RequestSent(request, 1);
  http::HttpResponse response;
  response.status = 200;
  response.body = std::string(100, ' ');
  response.headers = {{"Twilio-Request-Id", "RQ00000000000000000000000000000001"}};
  trace.ResponseReceived(request, 1, response, microseconds(300));
  trace.PageParsed(7, response, microseconds(20));
  trace.Ended(LogEventKind::ListingFinished, LogLevel::Info, "", 7);
  trace.Ended(LogEventKind::ListingStopped, LogLevel::Info, "twice", 7);  // ignored

  ASSERT_EQ(events.size(), 4u);
  EXPECT_EQ(events[0].headers, (http::Headers{{"X-Trace", "1"}}));
  EXPECT_EQ(events[1].request_id, "RQ00000000000000000000000000000001");
  const ListingStats stats = trace.Stats(7);
  EXPECT_EQ(stats.requests, 1u);
  EXPECT_EQ(stats.pages, 1u);
  EXPECT_EQ(stats.records, 7u);
  EXPECT_EQ(stats.bytes, 100u);
  EXPECT_EQ(stats.network_time, microseconds(300));
  EXPECT_EQ(stats.parse_time, microseconds(20));
  EXPECT_EQ(events[3].stats.requests, 1u);
  for (const LogEvent& event : events) {
    EXPECT_EQ(FormatLogEvent(event).find("c2VjcmV0"), std::string::npos);
    EXPECT_EQ(event.listing, trace.Id());
  }
}

// What some proxy put in the header never reaches a message or a log line.
TEST(RequestId, OnlyAnIdLikeValueIsKept) {
  http::HttpResponse response;
  EXPECT_EQ(internal::RequestIdOf(response), std::nullopt);
  response.headers = {{"twilio-request-id", "RQ0123456789abcdef0123456789abcdef"}};
  EXPECT_EQ(internal::RequestIdOf(response), "RQ0123456789abcdef0123456789abcdef");
  for (const std::string& odd :
       std::vector<std::string>{"", "RQ 1", "RQ\x1b[2J", "RQ\"1", std::string(65, 'a')}) {
    response.headers = {{"Twilio-Request-Id", odd}};
    EXPECT_EQ(internal::RequestIdOf(response), std::nullopt) << odd;
  }
}

// A server that echoes the auth token in its error message does not get it into the log.
TEST(ListingTrace, ARedactingLoggerMasksTheSecretsInEveryText) {
  std::vector<LogEvent> events;
  const Logger logger = internal::Redacting(
      [&events](const LogEvent& event) { events.push_back(event); }, {"tok3n-s3cret", "ab", ""});
  LogEvent event = At(LogEventKind::ListingStopped, LogLevel::Error);
  event.reason = "HTTP 400: tok3n-s3cret is wrong, tok3n-s3cret";
  event.url = "http://127.0.0.1:1/v1/UsageRecords?Sim=tok3n-s3cret";
  event.headers = {{"X-Echo", "tok3n-s3cret"}};
  logger(event);
  ASSERT_EQ(events.size(), 1u);
  EXPECT_EQ(events[0].reason, "HTTP 400: [redacted] is wrong, [redacted]");
  EXPECT_EQ(events[0].url, "http://127.0.0.1:1/v1/UsageRecords?Sim=[redacted]");
  EXPECT_EQ(events[0].headers[0].second, "[redacted]");
  EXPECT_FALSE(internal::Redacting(nullptr, {"tok3n-s3cret"}));
}

TEST(ListingTrace, ListingsAreNumberedInTheOrderTheyStart) {
  internal::ListingTrace first(nullptr);
  internal::ListingTrace second(nullptr);
  EXPECT_EQ(second.Id(), first.Id() + 1);
}

TEST(ListingTrace, AStopSaysWhy) {
  EXPECT_EQ(internal::StopReason(CancelledException()), "cancelled");
  EXPECT_EQ(internal::StopLevel(CancelledException()), LogLevel::Warning);
  EXPECT_EQ(internal::StopReason(DeadlineExceededException()), "deadline exceeded");
  EXPECT_EQ(internal::StopLevel(DeadlineExceededException()), LogLevel::Warning);
  const TransportException refused("connect failed", 7);
  EXPECT_EQ(internal::StopReason(refused), "connect failed");
  EXPECT_EQ(internal::StopLevel(refused), LogLevel::Error);
}

}  // namespace
}  // namespace twilio
