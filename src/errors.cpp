#include "twilio/errors.hpp"

#include <utility>

namespace twilio {
namespace {

std::string ApiMessage(int status, const std::optional<int64_t>& code, const std::string& message,
                       const std::optional<std::string>& request_id) {
  std::string text = "Twilio API error: HTTP " + std::to_string(status);
  if (code) text += ", code " + std::to_string(*code);
  if (!message.empty()) text += ": " + message;
  if (request_id) text += " (request " + *request_id + ")";
  return text;
}

}  // namespace

ApiException::ApiException(int status, std::optional<int64_t> code, std::string message,
                           std::string more_info, std::string details, std::string body,
                           std::optional<std::string> retry_after,
                           std::optional<std::string> request_id)
    : TwilioException(ApiMessage(status, code, message, request_id)),
      status_(status),
      code_(code),
      message_(std::move(message)),
      more_info_(std::move(more_info)),
      details_(std::move(details)),
      body_(std::move(body)),
      retry_after_(std::move(retry_after)),
      request_id_(std::move(request_id)) {}

RetryTraits ApiException::ForRetry() const {
  RetryTraits traits;
  traits.status = status_;
  traits.retry_after = retry_after_;
  return traits;
}

RetryTraits TransportException::ForRetry() const {
  RetryTraits traits;
  traits.transient = transient_;
  traits.curl_code = curl_code_;
  return traits;
}

RetryTraits ParseException::ForRetry() const {
  RetryTraits traits;
  traits.transient = path_.empty();
  return traits;
}

ParseException::ParseException(const std::string& path, const std::string& reason)
    : TwilioException("invalid response" + (path.empty() ? std::string() : " at " + path) + ": " +
                      reason),
      path_(path),
      reason_(reason) {}

ValidationException::ValidationException(const std::string& parameter, const std::string& reason)
    : TwilioException("invalid " + parameter + ": " + reason),
      parameter_(parameter),
      reason_(reason) {}

}  // namespace twilio
