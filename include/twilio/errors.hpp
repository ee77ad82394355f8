/// \file
/// The exceptions every Twilio API call may throw, all derived from twilio::TwilioException.
#pragma once

#include <cstdint>
#include <optional>
#include <stdexcept>
#include <string>

#include "twilio/export.hpp"

namespace twilio {

/// What a RetryPolicy weighs about a failed attempt, as the failure itself reports it, so the
/// retry loop needs to know neither the exception types nor libcurl's codes.
struct RetryTraits {
  /// The HTTP status of an error response; empty for any other failure.
  std::optional<int> status;
  /// That response's Retry-After header, when it had one.
  std::optional<std::string> retry_after;
  /// A failure a later attempt may not meet (a refused or reset connection, a timeout, a body
  /// cut short); retried when RetryPolicy::retry_transport_errors is set.
  bool transient = false;
  /// The libcurl code behind a transport failure (0 otherwise), reported in RetryEvent.
  int curl_code = 0;
};

/// Base of every exception this SDK throws. Messages never contain credentials.
class TWILIO_SUPERSIM_EXPORT TwilioException : public std::runtime_error {
 public:
  /// An exception whose what() is `message`.
  explicit TwilioException(const std::string& message)
      : std::runtime_error(message), message_(message) {}

  /// How many attempts the failed request made (see RetryPolicy); 1 when it was not retried.
  int Attempts() const noexcept { return attempts_; }
  /// Records the attempts made; what() then says "(after N attempts)" when N > 1.
  void SetAttempts(int attempts) {
    attempts_ = attempts;
    message_ = attempts > 1 ? std::string(std::runtime_error::what()) + " (after " +
                                  std::to_string(attempts) + " attempts)"
                            : std::string(std::runtime_error::what());
  }
  /// The message, one line, with "(after N attempts)" appended when the request was retried.
  const char* what() const noexcept override { return message_.c_str(); }
  /// How a RetryPolicy sees this failure. The base: no status, not transient (never retried).
  virtual RetryTraits ForRetry() const { return {}; }

 private:
  std::string message_;
  int attempts_ = 1;
};

/// Twilio answered with an HTTP error status (or a redirect, which the SDK never follows).
class TWILIO_SUPERSIM_EXPORT ApiException : public TwilioException {
 public:
  /// An error response: what() reads "Twilio API error: HTTP <status>[, code <code>][:
  /// <message>][ (request <request id>)]". The SDK builds these from responses; tests of an
  /// application may build them.
  ApiException(int status, std::optional<int64_t> code, std::string message, std::string more_info,
               std::string details, std::string body, std::optional<std::string> retry_after = {},
               std::optional<std::string> request_id = {});

  /// The HTTP status code (e.g. 401, 429, 503).
  int Status() const noexcept { return status_; }
  /// Twilio's error code (e.g. 20003), when the body was Twilio's error JSON.
  const std::optional<int64_t>& Code() const noexcept { return code_; }
  /// Twilio's `message` from the error body; empty when the body had none.
  const std::string& Message() const noexcept { return message_; }
  /// Twilio's `more_info` link to the error's documentation; empty when the body had none.
  const std::string& MoreInfo() const noexcept { return more_info_; }
  /// The `details` object of the error body, serialized as JSON; empty when absent.
  const std::string& Details() const noexcept { return details_; }
  /// The raw response body, also when it is not Twilio's JSON (an HTML page from a proxy).
  const std::string& Body() const noexcept { return body_; }
  /// The response's Retry-After header, when it had one (e.g. with a 429).
  const std::optional<std::string>& RetryAfter() const noexcept { return retry_after_; }
  /// The response's Twilio-Request-Id header (RQ and 32 hex digits), what Twilio support asks
  /// for first; empty when the answer had none (a proxy's, or a test server's).
  const std::optional<std::string>& RequestId() const noexcept { return request_id_; }
  /// The status and Retry-After: RetryPolicy::retry_statuses decides.
  RetryTraits ForRetry() const override;

 private:
  int status_;
  std::optional<int64_t> code_;
  std::string message_;
  std::string more_info_;
  std::string details_;
  std::string body_;
  std::optional<std::string> retry_after_;
  std::optional<std::string> request_id_;
};

/// The request did not complete: DNS, connect, TLS, timeout, a reset or truncated transfer.
class TWILIO_SUPERSIM_EXPORT TransportException : public TwilioException {
 public:
  /// `curl_code` is the libcurl CURLcode, or 0 when the failure did not come from libcurl.
  /// `transient` says a later attempt may succeed (the transport that failed knows: the SDK's
  /// libcurl transport sets it for refused, reset, timed-out and truncated transfers, not for
  /// DNS or TLS verification); a custom http::HttpClient sets it to have its failure retried.
  TransportException(const std::string& message, int curl_code, bool transient = false)
      : TwilioException(message), curl_code_(curl_code), transient_(transient) {}
  /// The libcurl CURLcode (e.g. 28, CURLE_OPERATION_TIMEDOUT), or 0 when not from libcurl.
  int CurlCode() const noexcept { return curl_code_; }
  /// Whether a later attempt may not meet this failure.
  bool Transient() const noexcept { return transient_; }
  /// Transient as the transport said, with the libcurl code.
  RetryTraits ForRetry() const override;

 private:
  int curl_code_;
  bool transient_;
};

/// A response body was not the JSON the API describes. Path() is a JSON pointer such as
/// "/usage_records/3/data_upload" (empty when the body is not JSON at all).
class TWILIO_SUPERSIM_EXPORT ParseException : public TwilioException {
 public:
  /// what() reads "invalid response at <path>: <reason>" ("invalid response: <reason>" when
  /// `path` is empty).
  ParseException(const std::string& path, const std::string& reason);
  /// The JSON pointer of the offending value; empty when the body is not JSON at all.
  const std::string& Path() const noexcept { return path_; }
  /// What was wrong there, e.g. "expected an integer".
  const std::string& Reason() const noexcept { return reason_; }
  /// Transient when the body is not JSON at all (cut short or garbled on the way); a value of
  /// the wrong type would be wrong again.
  RetryTraits ForRetry() const override;

 private:
  std::string path_;
  std::string reason_;
};

/// A parameter or setting was rejected before anything was sent. Parameter() names it
/// (e.g. "PageSize", "Network", "base_url").
class TWILIO_SUPERSIM_EXPORT ValidationException : public TwilioException {
 public:
  /// what() reads "invalid <parameter>: <reason>".
  ValidationException(const std::string& parameter, const std::string& reason);
  /// The rejected parameter or setting, by its API name (PageSize) or ClientConfig field name.
  const std::string& Parameter() const noexcept { return parameter_; }
  /// Why it was rejected, e.g. "must be between 1 and 1000".
  const std::string& Reason() const noexcept { return reason_; }

 private:
  std::string parameter_;
  std::string reason_;
};

/// The server's paging links cannot be followed safely: a next_page_url on another host (it
/// would receive the credentials), or one already visited (the listing would never end).
class TWILIO_SUPERSIM_EXPORT PaginationException : public TwilioException {
 public:
  /// An exception whose what() is `message`.
  using TwilioException::TwilioException;
};

/// The call's CallContext was cancelled; nothing more was requested after it was seen.
class TWILIO_SUPERSIM_EXPORT CancelledException : public TwilioException {
 public:
  CancelledException() : TwilioException("the operation was cancelled") {}
};

/// The call's CallContext deadline passed before the operation completed.
class TWILIO_SUPERSIM_EXPORT DeadlineExceededException : public TwilioException {
 public:
  DeadlineExceededException() : TwilioException("the operation's deadline was exceeded") {}
};

}  // namespace twilio
