/// \file
/// Twilio credentials: an Account SID with its auth token, or an API key with its secret.
#pragma once

#include <string>

#include "twilio/export.hpp"

namespace twilio {

/// HTTP basic-auth credentials for Twilio. The secret is never printed: not by this class, not
/// in any exception message or log line of the SDK.
class TWILIO_SUPERSIM_EXPORT Credentials {
 public:
  Credentials() = default;

  /// Account SID (AC...) and auth token.
  static Credentials FromAuthToken(std::string account_sid, std::string auth_token);
  /// API key SID (SK...) and its secret, for the account `account_sid`.
  static Credentials FromApiKey(std::string account_sid, std::string api_key,
                                std::string api_secret);
  /// TWILIO_API_KEY + TWILIO_API_SECRET + TWILIO_ACCOUNT_SID when either of the first two is
  /// set, otherwise TWILIO_ACCOUNT_SID + TWILIO_AUTH_TOKEN. Throws ValidationException naming
  /// the missing variable (a half-set API key is an error, not a fall-back to the auth token).
  static Credentials FromEnvironment();

  /// The basic-auth user name: the API key when one is used, else the Account SID.
  const std::string& Username() const noexcept { return username_; }
  /// The basic-auth password (auth token or API secret). Handle with care.
  const std::string& Password() const noexcept { return password_; }
  /// The account whose resources are listed (AC...), also when an API key authenticates.
  const std::string& AccountSid() const noexcept { return account_sid_; }
  /// True for default-constructed credentials, which ClientConfig::Validate() rejects.
  bool Empty() const noexcept { return username_.empty(); }

 private:
  Credentials(std::string account_sid, std::string username, std::string password);

  std::string account_sid_;
  std::string username_;
  std::string password_;
};

}  // namespace twilio
