// Internal: what every UsageRecordsApi call shares: the validated configuration, the transport,
// URL building, the host check on paging links, and turning a response into a page or an error.
#pragma once

#include <memory>
#include <optional>
#include <string>

#include "listing_trace.hpp"
#include "paging/page_fetcher.hpp"
#include "retry.hpp"
#include "twilio/call_context.hpp"
#include "twilio/client_config.hpp"
#include "twilio/errors.hpp"
#include "twilio/http/http_client.hpp"
#include "twilio/supersim/v1/list_usage_record_params.hpp"
#include "twilio/supersim/v1/list_usage_record_response.hpp"
#include "url.hpp"

namespace twilio::supersim::v1::internal {

// The paging half (PageFetcher) knows no resource; ListUrl and Fetch are the UsageRecords
// resource's.
class ApiCore : public twilio::internal::PageFetcher {
 public:
  /// Throws ValidationException for missing credentials or an unusable base_url.
  ApiCore(ClientConfig config, std::shared_ptr<http::HttpClient> client);

  /// The URL of a first (or explicitly addressed) page. Validates `params`.
  std::string ListUrl(const ListUsageRecordParams& params, std::optional<int64_t> page = {},
                      const std::optional<std::string>& page_token = {}) const;

  /// `next_page_url` as an absolute URL on the configured server; throws PaginationException
  /// for any other server (or a URL that cannot be parsed).
  std::string FollowableUrl(const std::string& next_page_url) const override;

  /// How many empty pages in a row, each linking on, a listing accepts before it gives up.
  int MaxConsecutiveEmptyPages() const noexcept override {
    return config_.max_consecutive_empty_pages;
  }
  /// Whether listings fetch the next page in the background (ClientConfig::prefetch_next_page).
  bool PrefetchNextPage() const noexcept { return config_.prefetch_next_page; }

  /// The counts and events of a new listing, for the configured logger (or the environment's).
  std::shared_ptr<twilio::internal::ListingTrace> NewTrace() const {
    return std::make_shared<twilio::internal::ListingTrace>(logger_);
  }

  /// GETs `url` and parses the page, retrying as config.retry says: a listing of one page, with
  /// its request id and counts. Throws ApiException for a non-2xx status.
  ListUsageRecordResponse Fetch(const std::string& url, const CallContext& ctx) const;

  /// The first half of a page fetch, for a listing that parses elsewhere: GETs `url` into
  /// `response` (whose body buffer is reused) and checks the status, retrying transport
  /// failures and statuses as config.retry says, counting on from `state` (and reporting each
  /// attempt to state.trace).
  void Receive(const std::string& url, const CallContext& ctx, http::HttpResponse& response,
               twilio::internal::RetryState& state) const override;
  /// The body Receive got failed to parse with `error`, in attempt state.attempts: rethrows it
  /// when config.retry does not retry it (call from the handler that caught it), else waits
  /// as a retry does and returns for the next Receive.
  void AfterParseFailure(const std::string& url, const CallContext& ctx, ParseException& error,
                         twilio::internal::RetryState& state) const override;

 private:
  // One attempt: sends `request` into `response`, tells state.trace, checks the status.
  void Attempt(const http::HttpRequest& request, const CallContext& ctx,
               http::HttpResponse& response, const twilio::internal::RetryState& state) const;

  ClientConfig config_;
  Logger logger_;  // config_.logger, or the environment's
  std::shared_ptr<http::HttpClient> client_;
  twilio::internal::UrlOrigin origin_;
  twilio::internal::RetryLoop retry_;  // config_.retry, on the real clock
  std::string base_;                   // base_url without a trailing '/'
};

}  // namespace twilio::supersim::v1::internal
