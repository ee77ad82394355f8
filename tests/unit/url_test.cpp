#include "url.hpp"

#include <gtest/gtest.h>

#include "twilio/errors.hpp"

namespace twilio::internal {
namespace {

TEST(ParseUrlOrigin, SplitsSchemeHostPortAndPath) {
  auto o = ParseUrlOrigin("HTTPS://SuperSim.Twilio.com/v1/UsageRecords?Page=1");
  ASSERT_TRUE(o);
  EXPECT_EQ(o->scheme, "https");
  EXPECT_EQ(o->host, "supersim.twilio.com");
  EXPECT_EQ(o->port, 443);
  EXPECT_EQ(o->path, "/v1/UsageRecords?Page=1");
  EXPECT_EQ(ParseUrlOrigin("http://127.0.0.1:8080")->port, 8080);
  EXPECT_EQ(ParseUrlOrigin("http://[::1]:9/x")->host, "::1");
  EXPECT_EQ(ParseUrlOrigin("https://a.com?x")->path, "/?x");
  EXPECT_TRUE(ParseUrlOrigin("https://supersim.twilio.com.")
                  ->SameServer(*ParseUrlOrigin("https://supersim.twilio.com:443/")));
}

TEST(ParseUrlOrigin, RefusesAmbiguousUrls) {
  for (const char* bad :
       {"supersim.twilio.com/v1", "ftp://a.com/", "https://user@a.com/", "https://a.com:pw@b.com/",
        "https://a.com\\@b.com/", "https://a .com/", "https://a.com/\n", "https://:443/",
        "https://a.com:99999/", "https://a.com:8x/", "https://[::1/", "https://", ""}) {
    EXPECT_FALSE(ParseUrlOrigin(bad).has_value()) << bad;
  }
}

// Hosts this parser would take as written while libcurl, which connects, normalises them to
// another address: refused, so the credentials check and the connection never disagree.
TEST(ParseUrlOrigin, RefusesUrlsLibcurlReadsAsAnotherHost) {
  for (const char* numeric :
       {"http://2130706433/", "http://0x7f.1/", "http://127.1:8080/v1", "https://0300.0250.0.1/"}) {
    std::string problem;
    EXPECT_FALSE(ParseUrlOrigin(numeric, &problem).has_value()) << numeric;
    EXPECT_EQ(problem, "is read differently by libcurl (an unusual host)") << numeric;
  }
  // What libcurl reads the same way passes: case, a default port, IPv6, an FQDN's dot.
  for (const char* same :
       {"HTTPS://SuperSim.Twilio.com:443/v1", "http://[::1]:9/x", "https://supersim.twilio.com./v1",
        "http://localhost:8080", "https://127.0.0.1/"}) {
    EXPECT_TRUE(ParseUrlOrigin(same).has_value()) << same;
  }
}

TEST(IsLoopbackHost, KnowsLoopbackFromLookalikes) {
  for (const char* yes : {"localhost", "127.0.0.1", "127.1.2.3", "::1"}) {
    EXPECT_TRUE(IsLoopbackHost(yes)) << yes;
  }
  for (const char* no : {"127.0.0.1.evil.com", "127.0.0", "128.0.0.1", "localhost.evil.com",
                         "10.0.0.1", "127.0.0.256", "0.0.0.0", "::2"}) {
    EXPECT_FALSE(IsLoopbackHost(no)) << no;
  }
}

}  // namespace
}  // namespace twilio::internal

namespace twilio::internal {
namespace {

std::string ProblemOf(const std::string& url) {
  try {
    ValidatedBaseOrigin(url);
  } catch (const ValidationException& e) {
    EXPECT_EQ(e.Parameter(), "base_url");
    return e.Reason();
  }
  ADD_FAILURE() << url << " accepted";
  return "";
}

// Each refusal says what is wrong with the URL, and quotes no more of it than the scheme or
// port (a URL may carry a secret).
TEST(ValidatedBaseOrigin, SaysWhichPartOfTheUrlIsWrong) {
  EXPECT_EQ(ProblemOf("htps://supersim.twilio.com"), "scheme must be http or https, got \"htps\"");
  EXPECT_EQ(ProblemOf("supersim.twilio.com"),
            "must be an absolute URL with a scheme, such as https://supersim.twilio.com");
  EXPECT_EQ(ProblemOf("https://AC1:secret@supersim.twilio.com"),
            "must not contain user info (user:password@); credentials go in "
            "ClientConfig::credentials");
  EXPECT_EQ(ProblemOf("https:///v1"), "has no host");
  EXPECT_EQ(ProblemOf("https://supersim.twilio.com:99999"),
            "port must be a number from 1 to 65535, got \"99999\"");
  EXPECT_EQ(ProblemOf("https://[::1/v1"), "has an IPv6 address without its ']'");
  EXPECT_EQ(ProblemOf("https://super sim.twilio.com"),
            "must not contain spaces, control characters or backslashes");
  EXPECT_EQ(ProblemOf("https://supersim.twilio.com/?x=1"), "must not have a query or fragment");
  EXPECT_EQ(ProblemOf("h\x01tp://x"), "must not contain spaces, control characters or backslashes");
}

}  // namespace
}  // namespace twilio::internal
