#include "twilio/client_config.hpp"

#include <gtest/gtest.h>

#include <cstdlib>

#include "twilio/errors.hpp"

namespace twilio {
namespace {

// Sets or clears environment variables for one test and restores them after.
class ScopedEnv {
 public:
  ScopedEnv(std::initializer_list<std::pair<const char*, const char*>> vars) {
    for (const auto& [name, value] : vars) {
      const char* old = std::getenv(name);
      saved_.emplace_back(name, old ? std::optional<std::string>(old) : std::nullopt);
      Set(name, value);
    }
  }
  ~ScopedEnv() {
    for (const auto& [name, value] : saved_) Set(name.c_str(), value ? value->c_str() : nullptr);
  }

 private:
  static void Set(const char* name, const char* value) {
    if (value) {
      setenv(name, value, 1);
    } else {
      unsetenv(name);
    }
  }
  std::vector<std::pair<std::string, std::optional<std::string>>> saved_;
};

const char* kAccount = "AC0123456789abcdef0123456789abcdef";

TEST(Credentials, AuthTokenFromEnvironment) {
  ScopedEnv env{{"TWILIO_ACCOUNT_SID", kAccount},
                {"TWILIO_AUTH_TOKEN", "tok"},
                {"TWILIO_API_KEY", nullptr},
                {"TWILIO_API_SECRET", nullptr}};
  Credentials c = Credentials::FromEnvironment();
  EXPECT_EQ(c.Username(), kAccount);
  EXPECT_EQ(c.Password(), "tok");
  EXPECT_EQ(c.AccountSid(), kAccount);
}

TEST(Credentials, ApiKeyWinsWhenSet) {
  ScopedEnv env{{"TWILIO_ACCOUNT_SID", kAccount},
                {"TWILIO_AUTH_TOKEN", "tok"},
                {"TWILIO_API_KEY", "SK123"},
                {"TWILIO_API_SECRET", "sec"}};
  Credentials c = Credentials::FromEnvironment();
  EXPECT_EQ(c.Username(), "SK123");
  EXPECT_EQ(c.Password(), "sec");
  EXPECT_EQ(c.AccountSid(), kAccount);
}

TEST(Credentials, MissingVariablesAreNamed) {
  auto missing = [] {
    try {
      Credentials::FromEnvironment();
    } catch (const ValidationException& e) {
      return e.Parameter();
    }
    return std::string();
  };
  {
    ScopedEnv env{{"TWILIO_ACCOUNT_SID", kAccount},
                  {"TWILIO_AUTH_TOKEN", nullptr},
                  {"TWILIO_API_KEY", nullptr},
                  {"TWILIO_API_SECRET", nullptr}};
    EXPECT_EQ(missing(), "TWILIO_AUTH_TOKEN");
  }
  {
    ScopedEnv env{{"TWILIO_ACCOUNT_SID", nullptr},
                  {"TWILIO_AUTH_TOKEN", "tok"},
                  {"TWILIO_API_KEY", nullptr},
                  {"TWILIO_API_SECRET", nullptr}};
    EXPECT_EQ(missing(), "TWILIO_ACCOUNT_SID");
  }
  {
    ScopedEnv env{{"TWILIO_ACCOUNT_SID", kAccount},
                  {"TWILIO_API_KEY", "SK1"},
                  {"TWILIO_API_SECRET", nullptr}};
    EXPECT_EQ(missing(), "TWILIO_API_SECRET");
  }
  {
    ScopedEnv env{{"TWILIO_ACCOUNT_SID", nullptr},
                  {"TWILIO_AUTH_TOKEN", nullptr},
                  {"TWILIO_API_KEY", nullptr},
                  {"TWILIO_API_SECRET", nullptr}};
    EXPECT_EQ(missing(), "TWILIO_ACCOUNT_SID");  // the first one, on every compiler
  }
}

TEST(Credentials, SecretNeverInMessages) {
  try {
    Credentials::FromAuthToken(kAccount, "");
    FAIL();
  } catch (const ValidationException& e) {
    EXPECT_EQ(e.Parameter(), "credentials");
  }
}

TEST(ClientConfig, EdgeAndRegionMakeTheHost) {
  EXPECT_EQ(ClientConfig::RegionalBaseUrl("", ""), "https://supersim.twilio.com");
  EXPECT_EQ(ClientConfig::RegionalBaseUrl("sydney", "au1"),
            "https://supersim.sydney.au1.twilio.com");
  EXPECT_EQ(ClientConfig::RegionalBaseUrl("", "ie1"), "https://supersim.dublin.ie1.twilio.com");
  EXPECT_EQ(ClientConfig::RegionalBaseUrl("", "us1"), "https://supersim.ashburn.us1.twilio.com");
  EXPECT_EQ(ClientConfig::RegionalBaseUrl("tokyo", ""), "https://supersim.tokyo.us1.twilio.com");
  EXPECT_EQ(ClientConfig::RegionalBaseUrl("", "xx9"), "https://supersim.xx9.twilio.com");
  EXPECT_THROW(ClientConfig::RegionalBaseUrl("evil.com/", "us1"), ValidationException);
  EXPECT_THROW(ClientConfig::RegionalBaseUrl("sydney", "au1@x"), ValidationException);
}

TEST(ClientConfig, FromEnvironmentReadsEdgeAndRegion) {
  ScopedEnv env{{"TWILIO_ACCOUNT_SID", kAccount}, {"TWILIO_AUTH_TOKEN", "tok"},
                {"TWILIO_API_KEY", nullptr},      {"TWILIO_API_SECRET", nullptr},
                {"TWILIO_EDGE", "singapore"},     {"TWILIO_REGION", "sg1"}};
  ClientConfig config = ClientConfig::FromEnvironment();
  EXPECT_EQ(config.base_url, "https://supersim.singapore.sg1.twilio.com");
  EXPECT_EQ(config.credentials.Password(), "tok");
}

// An emulator endpoint, so that one program runs against Twilio and against a test server.
TEST(ClientConfig, FromEnvironmentPrefersTwilioSupersimBaseUrl) {
  ScopedEnv env{{"TWILIO_ACCOUNT_SID", kAccount},
                {"TWILIO_AUTH_TOKEN", "tok"},
                {"TWILIO_API_KEY", nullptr},
                {"TWILIO_API_SECRET", nullptr},
                {"TWILIO_EDGE", "singapore"},
                {"TWILIO_REGION", "sg1"},
                {"TWILIO_SUPERSIM_BASE_URL", "http://127.0.0.1:8080"}};
  EXPECT_EQ(ClientConfig::FromEnvironment().base_url, "http://127.0.0.1:8080");
  {
    ScopedEnv empty{{"TWILIO_SUPERSIM_BASE_URL", ""}};
    EXPECT_EQ(ClientConfig::FromEnvironment().base_url,
              "https://supersim.singapore.sg1.twilio.com");
  }
  ScopedEnv remote{{"TWILIO_SUPERSIM_BASE_URL", "http://example.com"}};
  ClientConfig config = ClientConfig::FromEnvironment();
  try {
    config.Validate();
    FAIL() << "plain http to a remote host was accepted";
  } catch (const ValidationException& e) {
    EXPECT_EQ(e.Parameter(), "base_url");
  }
}

}  // namespace
}  // namespace twilio
