#include "twilio/credentials.hpp"

#include <utility>

#include "environment.hpp"
#include "twilio/errors.hpp"

namespace twilio {
namespace {

std::string RequireEnv(const char* name) {
  std::string value = internal::EnvironmentValue(name);
  if (value.empty()) throw ValidationException(name, "environment variable is not set");
  return value;
}

}  // namespace

Credentials::Credentials(std::string account_sid, std::string username, std::string password)
    : account_sid_(std::move(account_sid)),
      username_(std::move(username)),
      password_(std::move(password)) {
  if (username_.empty()) throw ValidationException("credentials", "user name is empty");
  if (password_.empty()) throw ValidationException("credentials", "secret is empty");
}

Credentials Credentials::FromAuthToken(std::string account_sid, std::string auth_token) {
  std::string username = account_sid;
  return Credentials(std::move(account_sid), std::move(username), std::move(auth_token));
}

Credentials Credentials::FromApiKey(std::string account_sid, std::string api_key,
                                    std::string api_secret) {
  return Credentials(std::move(account_sid), std::move(api_key), std::move(api_secret));
}

Credentials Credentials::FromEnvironment() {
  // Read one by one: argument evaluation order is unspecified, and the error must name the
  // first missing variable on every compiler.
  std::string account_sid = RequireEnv("TWILIO_ACCOUNT_SID");
  if (!internal::EnvironmentValue("TWILIO_API_KEY").empty() ||
      !internal::EnvironmentValue("TWILIO_API_SECRET").empty()) {
    std::string api_key = RequireEnv("TWILIO_API_KEY");
    std::string api_secret = RequireEnv("TWILIO_API_SECRET");
    return FromApiKey(std::move(account_sid), std::move(api_key), std::move(api_secret));
  }
  std::string auth_token = RequireEnv("TWILIO_AUTH_TOKEN");
  return FromAuthToken(std::move(account_sid), std::move(auth_token));
}

}  // namespace twilio
