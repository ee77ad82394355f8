#include "supersim/v1/api_core.hpp"

#include "client_config_checks.hpp"
#include "http/api_error.hpp"
#include "http/proxy_choice.hpp"
#include "request_id.hpp"
#include "supersim/v1/simdjson_page_parser.hpp"
#include "twilio/errors.hpp"
#include "twilio/supersim/v1/list_usage_record_request.hpp"

namespace twilio::supersim::v1::internal {
namespace {

twilio::internal::RetryLoop ValidatedRetry(const ClientConfig& config) {
  twilio::internal::ValidateListingSettings(config);
  return twilio::internal::RetryLoop(config.retry);
}

}  // namespace

ApiCore::ApiCore(ClientConfig config, std::shared_ptr<http::HttpClient> client)
    : config_(std::move(config)),
      logger_(twilio::internal::Redacting(
          config_.logger ? config_.logger : LoggerFromEnvironment(),
          {config_.credentials.Password(), twilio::internal::ProxyPassword(config_.proxy)})),
      client_(std::move(client)),
      origin_(twilio::internal::ValidatedBaseOrigin(config_.base_url)),
      retry_(ValidatedRetry(config_)) {
  if (!client_) throw ValidationException("client", "must not be null");
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

void ApiCore::Attempt(const http::HttpRequest& request, const CallContext& ctx,
                      http::HttpResponse& response,
                      const twilio::internal::RetryState& state) const {
  ctx.ThrowIfDone();
  twilio::internal::ListingTrace* trace = state.trace;
  if (trace != nullptr) trace->RequestSent(request, state.attempts);
  const auto start = std::chrono::steady_clock::now();
  try {
    client_->SendInto(request, ctx, response);
  } catch (...) {
    if (trace != nullptr) trace->RequestFailed(twilio::internal::Since(start));
    throw;
  }
  if (trace != nullptr) {
    trace->ResponseReceived(request, state.attempts, response, twilio::internal::Since(start));
  }
  if (response.status < 200 || response.status > 299) {
    throw twilio::internal::MakeApiException(response);
  }
}

ListUsageRecordResponse ApiCore::Fetch(const std::string& url, const CallContext& ctx) const {
  http::HttpRequest request;
  request.url = url;
  http::HttpResponse response;
  ListUsageRecordResponse page;
  const auto trace = NewTrace();
  twilio::internal::RetryState state;
  state.trace = trace.get();
  try {
    // One page, retried on its own: the records of a fault-free run, none lost, none twice.
    retry_.Run(
        ctx, url,
        [&] {
          Attempt(request, ctx, response, state);
          // Parsed in place: the transport left the parser's padding in the body's spare
          // capacity.
          const auto start = std::chrono::steady_clock::now();
          ParsePageWithSimdjson(response.body, page);
          trace->PageParsed(page.usage_records.size(), response, twilio::internal::Since(start));
        },
        state);
  } catch (const TwilioException& error) {
    trace->Ended(LogEventKind::ListingStopped, twilio::internal::StopLevel(error),
                 twilio::internal::StopReason(error), 0);
    throw;
  }
  trace->Ended(LogEventKind::ListingFinished, LogLevel::Info, "", page.usage_records.size());
  page.request_id = twilio::internal::RequestIdOf(response);
  page.stats = trace->Stats(page.usage_records.size());
  return page;
}

void ApiCore::Receive(const std::string& url, const CallContext& ctx, http::HttpResponse& response,
                      twilio::internal::RetryState& state) const {
  http::HttpRequest request;
  request.url = url;
  retry_.Run(
      ctx, url, [&] { Attempt(request, ctx, response, state); }, state);
}

void ApiCore::AfterParseFailure(const std::string& url, const CallContext& ctx,
                                ParseException& error, twilio::internal::RetryState& state) const {
  retry_.AfterFailedAttempt(ctx, url, error, state);
}

}  // namespace twilio::supersim::v1::internal
