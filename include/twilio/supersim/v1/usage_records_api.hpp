/// \file
/// UsageRecordsApi: lists Super SIM data usage from GET /v1/UsageRecords.
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "twilio/call_context.hpp"
#include "twilio/client_config.hpp"
#include "twilio/errors.hpp"  // what the calls throw
#include "twilio/export.hpp"
#include "twilio/http/http_client.hpp"
#include "twilio/supersim/v1/fan_out.hpp"
#include "twilio/supersim/v1/list_usage_record_params.hpp"
#include "twilio/supersim/v1/list_usage_record_response.hpp"
#include "twilio/supersim/v1/listing_options.hpp"
#include "twilio/supersim/v1/usage_record_stream.hpp"

namespace twilio::supersim::v1 {

namespace internal {
class ApiCore;
}

/// The Super SIM UsageRecords resource.
///
/// Thread safety: an instance is immutable after construction and may be used from several
/// threads at once (the default libcurl transport keeps a handle per concurrent request). A
/// UsageRecordStream is single-threaded, like any iterator.
///
/// Paging: next_page_url is followed only when its scheme, host and port equal the base URL's
/// (credentials go nowhere else) and it was not visited before in the same listing. `Limit` is
/// exact: no page is requested once it is reached.
class TWILIO_SUPERSIM_EXPORT UsageRecordsApi {
 public:
  /// Uses the default libcurl transport, which authenticates with `config.credentials`. Throws
  /// ValidationException for a bad configuration (see ClientConfig::Validate).
  explicit UsageRecordsApi(const ClientConfig& config);
  /// Sends through `client` (a mock, your own transport), which authenticates as it sees fit:
  /// credentials and the transport settings are not used, and credentials are not required.
  /// `base_url` (which decides the next_page_urls that may be followed), `retry`,
  /// `max_consecutive_empty_pages` and `prefetch_next_page` apply, and are validated as
  /// ClientConfig::Validate does. An exception from `client` that is not a TwilioException is
  /// not retried: it reaches the caller as thrown.
  UsageRecordsApi(ClientConfig config, std::shared_ptr<http::HttpClient> client);

  /// Every record up to params.Limit, across pages. `meta` is that of the last page fetched: its
  /// next_page_url is where a listing stopped by the Limit would go on (records left unread on
  /// that last page are not counted by it); split into time slices (`options`), that page is
  /// one of the last slice's, whose links stay within that slice. Throws ValidationException for
  /// bad `params` or `options` before anything is sent.
  ListUsageRecordResponse ListUsageRecord(const ListUsageRecordParams& params = {},
                                          const CallContext& ctx = {},
                                          const ListingOptions& options = {}) const;
  /// Go-style argument order, as in Twilio's generated Go SDK.
  ListUsageRecordResponse ListUsageRecord(const CallContext& ctx,
                                          const ListUsageRecordParams& params) const {
    return ListUsageRecord(params, ctx);
  }

  /// The same records as ListUsageRecord, one page in memory at a time (split into time slices,
  /// a few pages per slice being listed). `ctx` bounds the whole iteration.
  UsageRecordStream StreamUsageRecord(const ListUsageRecordParams& params = {},
                                      const CallContext& ctx = {},
                                      const ListingOptions& options = {}) const;

  /// One page, with its meta. `page_token` and `page_number` are the PageToken and Page query
  /// parameters of a page Twilio linked to; both empty gives the first page. Limit only lowers
  /// the PageSize sent.
  ListUsageRecordResponse PageUsageRecord(const ListUsageRecordParams& params = {},
                                          const std::optional<std::string>& page_token = {},
                                          std::optional<int64_t> page_number = {},
                                          const CallContext& ctx = {}) const;

  /// The page after `page` (its meta.next_page_url), or std::nullopt on the last page. Throws
  /// PaginationException when that URL points at another host.
  std::optional<ListUsageRecordResponse> NextPageUsageRecord(const ListUsageRecordResponse& page,
                                                             const CallContext& ctx = {}) const;

  /// Lists every parameter set fully (each up to its own Limit, as ListUsageRecord does), up to
  /// options.max_concurrent_requests of them at once over the shared transport, and returns one
  /// result per set in input order. A set's failure is kept in its result and does not stop
  /// the others; a cancelled or expired `ctx` stops them all, and every set not yet complete
  /// then holds CancelledException or DeadlineExceededException. Throws ValidationException,
  /// before anything is sent, for bad options or a bad set (the message names its index).
  std::vector<FanOutResult> ListUsageRecordFanOut(const std::vector<ListUsageRecordParams>& sets,
                                                  const FanOutOptions& options = {},
                                                  const CallContext& ctx = {}) const;
  /// The same listings, each result handed to `on_result` as soon as its set completes (or
  /// fails), on a worker thread; calls never overlap. Returns once every set was delivered.
  /// If `on_result` throws, no further set is started and `on_result` is not called again;
  /// the sets in flight finish, then the exception is rethrown here.
  void ListUsageRecordFanOut(const std::vector<ListUsageRecordParams>& sets,
                             const std::function<void(FanOutResult&&)>& on_result,
                             const FanOutOptions& options = {}, const CallContext& ctx = {}) const;

 private:
  std::shared_ptr<const internal::ApiCore> core_;
};

}  // namespace twilio::supersim::v1
