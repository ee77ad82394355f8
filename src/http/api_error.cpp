#include "http/api_error.hpp"

#include <nlohmann/json.hpp>

#include "request_id.hpp"

namespace twilio::internal {
namespace {

std::string StringField(const nlohmann::json& body, const char* name) {
  auto it = body.find(name);
  return it != body.end() && it->is_string() ? it->get<std::string>() : std::string();
}

std::string ReasonPhrase(int status) {
  switch (status) {
    case 301:
    case 302:
    case 303:
    case 307:
    case 308:
      return "unexpected redirect (not followed)";
    case 400:
      return "Bad Request";
    case 401:
      return "Unauthorized";
    case 403:
      return "Forbidden";
    case 404:
      return "Not Found";
    case 429:
      return "Too Many Requests";
    case 500:
      return "Internal Server Error";
    case 502:
      return "Bad Gateway";
    case 503:
      return "Service Unavailable";
    case 504:
      return "Gateway Timeout";
    default:
      return "unexpected HTTP status";
  }
}

}  // namespace

ApiException MakeApiException(const http::HttpResponse& response) {
  nlohmann::json body = nlohmann::json::parse(response.body, nullptr, /*allow_exceptions=*/false);
  std::optional<int64_t> code;
  std::string message;
  std::string more_info;
  std::string details;
  if (body.is_object()) {
    auto code_it = body.find("code");
    if (code_it != body.end() && code_it->is_number_integer()) code = code_it->get<int64_t>();
    message = StringField(body, "message");
    more_info = StringField(body, "more_info");
    auto details_it = body.find("details");
    if (details_it != body.end() && !details_it->is_null()) details = details_it->dump();
  }
  if (message.empty()) message = ReasonPhrase(response.status);
  const std::string* retry_after = response.Header("Retry-After");
  return ApiException(response.status, code, std::move(message), std::move(more_info),
                      std::move(details), response.body,
                      retry_after ? std::optional<std::string>(*retry_after) : std::nullopt,
                      RequestIdOf(response));
}

}  // namespace twilio::internal
