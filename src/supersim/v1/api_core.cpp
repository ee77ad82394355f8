#include "supersim/v1/api_core.hpp"

#include "http/api_error.hpp"
#include "retry.hpp"
#include "supersim/v1/simdjson_page_parser.hpp"
#include "twilio/errors.hpp"
#include "twilio/http/curl_http_client.hpp"
#include "twilio/supersim/v1/list_usage_record_request.hpp"

namespace twilio::supersim::v1::internal {
ApiCore::ApiCore(ClientConfig config, std::shared_ptr<http::HttpClient> client)
    : config_(std::move(config)),
      client_(std::move(client)),
      origin_(twilio::internal::ValidatedBaseOrigin(config_.base_url)) {
  if (!client_) throw ValidationException("client", "must not be null");
  twilio::internal::ValidateListingSettings(config_);
  base_ = config_.base_url;
  while (!base_.empty() && base_.back() == '/') base_.pop_back();
}

std::string ApiCore::ListUrl(const ListUsageRecordParams& params, std::optional<int64_t> page,
                             const std::optional<std::string>& page_token) const {
  return base_ + std::string(kUsageRecordsPath) + "?" +
         BuildListUsageRecordQuery(params, page, page_token);
}

std::string ApiCore::FollowableUrl(const std::string& next_page_url) const {
  std::string url = next_page_url;
  // A path relative to the server ("/v1/..."), never a scheme-relative "//host/...".
  if (url.size() > 1 && url[0] == '/' && url[1] != '/') {
    url = origin_.scheme + "://" +
          (origin_.host.find(':') != std::string::npos ? "[" + origin_.host + "]" : origin_.host) +
          ":" + std::to_string(origin_.port) + url;
  }
  auto origin = twilio::internal::ParseUrlOrigin(url);
  if (!origin || !origin->SameServer(origin_)) {
    throw PaginationException(
        "refusing to follow next_page_url to another server than the configured base_url (" +
        origin_.scheme + "://" + origin_.host + ":" + std::to_string(origin_.port) + "): " +
        (origin ? origin->scheme + "://" + origin->host + ":" + std::to_string(origin->port)
                : std::string("an unparsable URL")));
  }
  return url;
}

ListUsageRecordResponse ApiCore::Fetch(const std::string& url, const CallContext& ctx) const {
  http::HttpRequest request;
  request.url = url;
  http::HttpResponse response;
  ListUsageRecordResponse page;
  // One page, retried on its own: the records of a fault-free run, none lost, none twice.
  twilio::internal::RunWithRetries(config_.retry, ctx, url, [&] {
    ctx.ThrowIfDone();
    client_->SendInto(request, ctx, response);
    if (response.status < 200 || response.status > 299) {
      throw twilio::internal::MakeApiException(response);
    }
    // Parsed in place: the transport left the parser's padding in the body's spare capacity.
    ParsePageWithSimdjson(response.body, page);
  });
  return page;
}

void ApiCore::Receive(const std::string& url, const CallContext& ctx, http::HttpResponse& response,
                      twilio::internal::RetryState& state) const {
  http::HttpRequest request;
  request.url = url;
  twilio::internal::RunWithRetries(
      config_.retry, ctx, url,
      [&] {
        ctx.ThrowIfDone();
        client_->SendInto(request, ctx, response);
        if (response.status < 200 || response.status > 299) {
          throw twilio::internal::MakeApiException(response);
        }
      },
      state);
}

void ApiCore::AfterParseFailure(const std::string& url, const CallContext& ctx,
                                ParseException& error, twilio::internal::RetryState& state) const {
  twilio::internal::AfterFailedAttempt(config_.retry, ctx, url, error, state);
}

}  // namespace twilio::supersim::v1::internal
