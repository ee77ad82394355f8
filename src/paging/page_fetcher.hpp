// Internal: what a ListingPager needs from the API client to get pages, whatever the resource:
// receive a body with retries, retry one that failed to parse, and vet a paging link.
#pragma once

#include <string>

#include "retry.hpp"
#include "twilio/call_context.hpp"
#include "twilio/errors.hpp"
#include "twilio/http/http_client.hpp"

namespace twilio::internal {

class PageFetcher {
 public:
  virtual ~PageFetcher() = default;

  /// GETs `url` into `response` (whose body buffer is reused) and checks the status, retrying
  /// as configured, counting on from `state`. Throws what the last attempt threw.
  virtual void Receive(const std::string& url, const CallContext& ctx, http::HttpResponse& response,
                       RetryState& state) const = 0;
  /// The body Receive got failed to parse with `error`: rethrows it unless it is to be retried
  /// (call from the handler that caught it), else waits as a retry does and returns.
  virtual void AfterParseFailure(const std::string& url, const CallContext& ctx,
                                 ParseException& error, RetryState& state) const = 0;
  /// `next_page_url` as an absolute URL on the configured server; throws PaginationException
  /// for any other server.
  virtual std::string FollowableUrl(const std::string& next_page_url) const = 0;
  /// How many empty pages in a row, each linking on, a listing accepts before it gives up.
  virtual int MaxConsecutiveEmptyPages() const noexcept = 0;
};

}  // namespace twilio::internal
