// Which proxy a request goes through: the configured one, the environment's, or none.
#include "http/proxy_choice.hpp"

#include <gtest/gtest.h>

#include <map>
#include <string>

namespace twilio::internal {
namespace {

UrlOrigin Origin(const char* url) {
  return *ParseUrlOrigin(url);
}

// An environment of its own, so that the test's environment does not matter.
EnvLookup Env(std::map<std::string, std::string> variables) {
  return [variables = std::move(variables)](const char* name) -> const char* {
    auto it = variables.find(name);
    return it == variables.end() ? nullptr : it->second.c_str();
  };
}

TEST(ChooseProxy, TakesTheSchemesVariableThenAllProxy) {
  const auto env = Env({{"https_proxy", "http://s.example:1"},
                        {"HTTP_PROXY", "http://upper.example:2"},
                        {"ALL_PROXY", "socks5://all.example"}});
  EXPECT_EQ(ChooseProxy(Origin("https://supersim.twilio.com"), "", "", env).url,
            "http://s.example:1");
  // http_proxy is read in lower case only (HTTP_PROXY is what a CGI request header becomes).
  EXPECT_EQ(ChooseProxy(Origin("http://api.example"), "", "", env).url, "socks5://all.example");
  EXPECT_EQ(ChooseProxy(Origin("http://api.example"), "", "", Env({})).url, "");
}

TEST(ChooseProxy, NeverTakesTheEnvironmentsForALoopbackHost) {
  const auto env = Env({{"http_proxy", "http://p:1"}, {"all_proxy", "http://p:2"}});
  for (const char* url :
       {"http://127.0.0.1:8080", "http://localhost:1", "http://[::1]:9", "http://127.12.0.1"}) {
    EXPECT_EQ(ChooseProxy(Origin(url), "", "", env).url, "") << url;
  }
  // An explicit proxy is the user's choice.
  EXPECT_EQ(ChooseProxy(Origin("http://127.0.0.1:8080"), "http://p:3", "", env).url, "http://p:3");
}

TEST(ChooseProxy, NoProxyExceptsHostsFromEitherProxy) {
  const auto target = Origin("https://supersim.twilio.com");
  EXPECT_EQ(ChooseProxy(target, "http://p:1", "twilio.com", Env({})).url, "");
  EXPECT_EQ(
      ChooseProxy(target, "", "", Env({{"https_proxy", "http://p:1"}, {"NO_PROXY", ".twilio.com"}}))
          .url,
      "");
  // The setting wins over the variable.
  EXPECT_EQ(ChooseProxy(target, "http://p:1", "other.example", Env({{"no_proxy", "*"}})).url,
            "http://p:1");
  EXPECT_EQ(ChooseProxy(target, "http://u:pw@p:1", "", Env({})).description, "http://p:1");
}

TEST(NoProxyNames, FollowsLibcurlsSyntax) {
  EXPECT_TRUE(NoProxyNames("*", "anything.example"));
  EXPECT_TRUE(NoProxyNames("example.com", "example.com"));
  EXPECT_TRUE(NoProxyNames("example.com", "api.example.com"));
  EXPECT_TRUE(NoProxyNames(" .example.com ,other", "api.EXAMPLE.com"));
  EXPECT_FALSE(NoProxyNames("example.com", "badexample.com"));
  EXPECT_FALSE(NoProxyNames("api.example.com", "example.com"));
  EXPECT_TRUE(NoProxyNames("10.0.0.0/8", "10.1.2.3"));
  EXPECT_FALSE(NoProxyNames("10.0.0.0/8", "11.1.2.3"));
  EXPECT_TRUE(NoProxyNames("192.168.1.0/25", "192.168.1.100"));
  EXPECT_FALSE(NoProxyNames("192.168.1.0/25", "192.168.1.200"));
  EXPECT_TRUE(NoProxyNames("[::1]", "::1"));
  EXPECT_TRUE(NoProxyNames("fd00::/8", "fd12::1"));
  EXPECT_FALSE(NoProxyNames("", "example.com"));
  EXPECT_FALSE(NoProxyNames("10.0.0.0/x", "10.0.0.1"));
}

TEST(DescribeProxy, GivesSchemeHostAndPortButNeverUserInfo) {
  EXPECT_EQ(DescribeProxy("http://user:secret@Proxy.Example:3128/"), "http://proxy.example:3128");
  EXPECT_EQ(DescribeProxy("proxy.example"), "http://proxy.example:1080");
  EXPECT_EQ(DescribeProxy("https://proxy.example"), "https://proxy.example:443");
  EXPECT_EQ(DescribeProxy("socks5h://u@[::1]:9050"), "socks5h://[::1]:9050");
  EXPECT_EQ(ProxyPassword("http://user:pa/ss@proxy:3128"), "pa/ss");
  EXPECT_EQ(ProxyPassword("http://user@proxy:3128"), "");
  EXPECT_EQ(ProxyPassword("proxy:3128"), "");
  // A password with an unencoded '/', '?' or '#': not a byte of it is shown.
  for (const char* url : {"http://user:pa/ss@proxy:3128", "http://user:pa?ss@proxy:3128",
                          "http://user:pa#ss@proxy:3128"}) {
    EXPECT_EQ(DescribeProxy(url), "http://proxy:3128") << url;
  }
}

}  // namespace
}  // namespace twilio::internal
